/**
 * Host code for the tiled mat-mat kernel C = A B (f32). CPU reference: `matMul`
 * in src/geometry/linalg/dense.ts.
 */
import { toFloat32, type KernelContext } from '../context';
import code from './matmul.wgsl?raw';

/** Side of the square tile (and workgroup) in matmul.wgsl. */
const TILE = 16;

/** Records C = A B on `encoder`; A is m×k, B is k×n, C has m×n entries (row-major). */
export function encodeMatMul(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  a: GPUBuffer,
  b: GPUBuffer,
  c: GPUBuffer,
  m: number,
  k: number,
  n: number,
): void {
  const pipeline = ctx.pipeline('matmul', code);
  const shape = ctx.sharedUniform([m, k, n], 'uuu', 'matmul:shape');
  ctx.dispatch(pipeline, [a, b, c, shape], [Math.max(1, Math.ceil(n / TILE)), Math.max(1, Math.ceil(m / TILE))], encoder);
}

/** One-shot convenience: uploads A and B, multiplies and reads C back. */
export async function matMulGpu(
  ctx: KernelContext,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
): Promise<Float32Array> {
  if (a.length !== m * k) throw new Error(`left matrix has ${a.length} entries but its shape ${m}×${k} needs ${m * k}`);
  if (b.length !== k * n) throw new Error(`right matrix has ${b.length} entries but its shape ${k}×${n} needs ${k * n}`);
  const ab = ctx.upload(toFloat32(a), 'matmul:a');
  const bb = ctx.upload(toFloat32(b), 'matmul:b');
  const cb = ctx.storage(m * n * 4, 'matmul:c');
  const encoder = ctx.device.createCommandEncoder({ label: 'matmul' });
  encodeMatMul(ctx, encoder, ab, bb, cb, m, k, n);
  ctx.device.queue.submit([encoder.finish()]);
  const c = await ctx.readFloat32(cb, m * n);
  for (const buffer of [ab, bb, cb]) buffer.destroy();
  return c;
}
