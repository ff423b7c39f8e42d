/**
 * Host code for the reduce kernel: row/column sum, max and log-sum-exp of a
 * row-major f32 matrix. CPU reference: `reduce` in src/geometry/linalg/reductions.ts.
 */
import type { Axis, Reduction } from '../../geometry/linalg/reductions';
import { grid, toFloat32, type KernelContext } from '../context';
import { defaultRowStrategy, ROW_WORKGROUP_SIZE, rowWorkgroups, type RowStrategy } from '../rowStrategy';
import code from './reduce.wgsl?raw';

const OPS: Record<Reduction, number> = { sum: 0, max: 1, logsumexp: 2 };

/**
 * Records the reduction of `input` (rows×cols, f32) into `output` (rows or cols
 * entries) on `encoder`. Buffers stay on the GPU so chapters can chain kernels.
 * Row reductions follow `strategy`, by default the one suited to the adapter
 * (src/kernels/rowStrategy.ts); column reductions always use a thread per column.
 */
export function encodeReduce(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  input: GPUBuffer,
  output: GPUBuffer,
  rows: number,
  cols: number,
  op: Reduction,
  axis: Axis,
  strategy: RowStrategy = defaultRowStrategy(ctx),
): void {
  const entry = axis === 'cols' ? 'reduceCols' : strategy === 'workgroup' ? 'reduceRows' : 'reduceRowsPerThread';
  const pipeline = ctx.pipeline('reduce', code, { OP: OPS[op] }, entry);
  const shape = ctx.sharedUniform([rows, cols], 'uu', 'reduce:shape');
  const groups = axis === 'rows' ? rowWorkgroups(rows, strategy) : Math.ceil(cols / ROW_WORKGROUP_SIZE);
  ctx.dispatch(pipeline, [input, output, shape], grid(groups), encoder);
}

/** One-shot convenience: uploads, reduces and reads back. */
export async function reduceGpu(
  ctx: KernelContext,
  a: ArrayLike<number>,
  rows: number,
  cols: number,
  op: Reduction,
  axis: Axis,
  strategy?: RowStrategy,
): Promise<Float32Array> {
  if (a.length !== rows * cols) {
    throw new Error(`matrix has ${a.length} entries but its shape ${rows}×${cols} needs ${rows * cols}`);
  }
  const input = ctx.upload(toFloat32(a), 'reduce:input');
  const length = axis === 'rows' ? rows : cols;
  const output = ctx.storage(length * 4, 'reduce:output');
  const encoder = ctx.device.createCommandEncoder({ label: 'reduce' });
  encodeReduce(ctx, encoder, input, output, rows, cols, op, axis, strategy);
  ctx.device.queue.submit([encoder.finish()]);
  const out = await ctx.readFloat32(output, length);
  input.destroy();
  output.destroy();
  return out;
}
