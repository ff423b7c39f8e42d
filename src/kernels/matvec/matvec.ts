/**
 * Host code for the mat-vec kernel y = A x (f32). CPU reference: `matVec` in
 * src/geometry/linalg/dense.ts.
 */
import { grid, toFloat32, type KernelContext } from '../context';
import { defaultRowStrategy, rowWorkgroups, type RowStrategy } from '../rowStrategy';
import code from './matvec.wgsl?raw';

/**
 * Records y = A x on `encoder`; A is rows×cols, x has cols entries, y rows entries.
 * `strategy` defaults to the one suited to the adapter (src/kernels/rowStrategy.ts).
 */
export function encodeMatVec(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  a: GPUBuffer,
  x: GPUBuffer,
  y: GPUBuffer,
  rows: number,
  cols: number,
  strategy: RowStrategy = defaultRowStrategy(ctx),
): void {
  const pipeline = ctx.pipeline('matvec', code, {}, strategy === 'workgroup' ? 'rowPerWorkgroup' : 'rowPerThread');
  const shape = ctx.sharedUniform([rows, cols], 'uu', 'matvec:shape');
  ctx.dispatch(pipeline, [a, x, y, shape], grid(rowWorkgroups(rows, strategy)), encoder);
}

export async function matVecGpu(
  ctx: KernelContext,
  a: ArrayLike<number>,
  x: ArrayLike<number>,
  rows: number,
  cols: number,
  strategy?: RowStrategy,
): Promise<Float32Array> {
  if (a.length !== rows * cols) throw new Error(`matrix has ${a.length} entries but its shape ${rows}×${cols} needs ${rows * cols}`);
  if (x.length !== cols) throw new Error(`vector has ${x.length} entries but the matrix has ${cols} columns`);
  const ab = ctx.upload(toFloat32(a), 'matvec:a');
  const xb = ctx.upload(toFloat32(x), 'matvec:x');
  const yb = ctx.storage(rows * 4, 'matvec:y');
  const encoder = ctx.device.createCommandEncoder({ label: 'matvec' });
  encodeMatVec(ctx, encoder, ab, xb, yb, rows, cols, strategy);
  ctx.device.queue.submit([encoder.finish()]);
  const y = await ctx.readFloat32(yb, rows);
  for (const b of [ab, xb, yb]) b.destroy();
  return y;
}
