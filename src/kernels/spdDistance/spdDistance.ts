/**
 * Host code for the batched 3×3 SPD distance kernel: `count` pairs (A_i, B_i), row-major 3×3
 * each, one invocation per pair, f32. CPU references: `aiDistance`, `leDistance`,
 * `bwDistance` in src/geometry/spd (f64 Jacobi).
 */
import { grid, toFloat32, type KernelContext } from '../context';
import code from './spdDistance.wgsl?raw';

export type BatchedSpdMetric = 'affineInvariant' | 'logEuclidean' | 'buresWasserstein';
const METRICS: Record<BatchedSpdMetric, number> = { affineInvariant: 0, logEuclidean: 1, buresWasserstein: 2 };
const WG = 64;

export function encodeSpdDistance(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  a: GPUBuffer,
  b: GPUBuffer,
  out: GPUBuffer,
  count: number,
  metric: BatchedSpdMetric,
): void {
  const pipeline = ctx.pipeline('spdDistance', code, { METRIC: METRICS[metric] });
  const shape = ctx.uniform([count], 'u', 'spdDistance:shape');
  ctx.dispatch(pipeline, [a, b, out, shape], grid(Math.ceil(count / WG)), encoder);
}

/** One-shot: d(A_i, B_i) for i < count, with `a` and `b` holding count·9 entries each. */
export async function spdDistanceGpu(ctx: KernelContext, a: ArrayLike<number>, b: ArrayLike<number>, metric: BatchedSpdMetric): Promise<Float32Array> {
  if (a.length % 9 !== 0 || a.length !== b.length) {
    throw new Error(`spdDistance needs two lists of 3×3 matrices of equal length, got ${a.length} and ${b.length} entries`);
  }
  const count = a.length / 9;
  const ga = ctx.upload(toFloat32(a), 'spdDistance:a');
  const gb = ctx.upload(toFloat32(b), 'spdDistance:b');
  const out = ctx.storage(count * 4, 'spdDistance:out');
  const encoder = ctx.device.createCommandEncoder({ label: 'spdDistance' });
  encodeSpdDistance(ctx, encoder, ga, gb, out, count, metric);
  ctx.device.queue.submit([encoder.finish()]);
  const result = await ctx.readFloat32(out, count);
  for (const buffer of [ga, gb, out]) buffer.destroy();
  return result;
}
