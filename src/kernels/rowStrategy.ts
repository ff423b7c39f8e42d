/**
 * How a row-wise kernel (mat-vec, row reductions) maps rows onto the GPU:
 *  - 'workgroup': one 64-thread workgroup per row, threads striding over the columns
 *    (adjacent threads read adjacent addresses), then a tree reduction in workgroup
 *    memory. The right shape for hardware GPUs.
 *  - 'thread': one thread per row walking its row, no workgroup memory or barriers.
 *    The right shape for software adapters: on SwiftShader (2 cores) a barrier costs a
 *    coroutine switch per invocation, and a 1024×1024 mat-vec took 470 ms with 256-thread
 *    workgroups per row, 61 ms with 64-thread ones and 13 ms with a thread per row.
 */
import type { KernelContext } from './context';

export type RowStrategy = 'workgroup' | 'thread';

/** Threads per workgroup in both strategies (WG in matvec.wgsl and reduce.wgsl). */
export const ROW_WORKGROUP_SIZE = 64;

/** 'thread' on a fallback (software) adapter, 'workgroup' otherwise. */
export function defaultRowStrategy(ctx: KernelContext): RowStrategy {
  return ctx.device.adapterInfo?.isFallbackAdapter ? 'thread' : 'workgroup';
}

/** Workgroups to dispatch for `rows` rows under a strategy. */
export function rowWorkgroups(rows: number, strategy: RowStrategy): number {
  return strategy === 'workgroup' ? rows : Math.ceil(rows / ROW_WORKGROUP_SIZE);
}
