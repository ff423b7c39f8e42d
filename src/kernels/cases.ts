/**
 * The shape of a kernel test case, shared by every `src/kernels/<name>/<name>.cases.ts`.
 * The browser suite (tests/browser/kernels.spec.ts) runs each case on the GPU path
 * (WGSL, f32) and on the CPU path (src/geometry, f64):
 *  - GPU vs CPU within `tolerance` (the f32 kernel against its f64 reference);
 *  - both against `check`, an expectation from an independent source (a closed
 *    form or a property), so the CPU path is tested too, not only compared with itself.
 */
import type { Tolerance } from '../geometry/tolerance';
import type { KernelContext } from './context';

export interface KernelCase {
  name: string;
  tolerance: Tolerance;
  cpu(): ArrayLike<number>;
  gpu(ctx: KernelContext): Promise<ArrayLike<number>>;
  /** Returns null when `out` meets the independent expectation, or a message naming what is wrong. */
  check(out: ArrayLike<number>, backend: 'webgpu' | 'cpu'): string | null;
}

export interface KernelSuite {
  kernel: string;
  cases: KernelCase[];
}
