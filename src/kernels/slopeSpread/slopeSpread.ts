/**
 * Host code for the slope-spread kernel: per-sample Δ_a = max_k a_k − min_k a_k and
 * ρ_a = π/Δ_a of a row-major samples×classes f32 slope matrix, and the batch spread
 * max_i Δ_a(i) with its radius. CPU reference: `perSampleSpreads`, `batchRadius` in
 * src/geometry/ghosts/radius.ts.
 */
import { grid, toFloat32, type KernelContext } from '../context';
import code from './slopeSpread.wgsl?raw';

const WG = 256;

/** Records the per-sample spreads and radii (sentinel −1 for an infinite radius) into `spreads`, `radii`. */
export function encodeSlopeSpread(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  slopes: GPUBuffer,
  spreads: GPUBuffer,
  radii: GPUBuffer,
  samples: number,
  classes: number,
): void {
  const pipeline = ctx.pipeline('slopeSpread', code, {}, 'perSample');
  const shape = ctx.uniform([samples, classes], 'uu', 'slopeSpread:shape');
  ctx.dispatch(pipeline, [slopes, spreads, radii, shape], grid(Math.ceil(samples / WG)), encoder);
}

/** Records batch[0] = max_i spreads[i], batch[1] = π/batch[0] (−1 when 0). */
export function encodeBatchSpread(ctx: KernelContext, encoder: GPUCommandEncoder, spreads: GPUBuffer, batch: GPUBuffer, samples: number): void {
  const pipeline = ctx.pipeline('slopeSpread', code, {}, 'batchMax');
  const shape = ctx.uniform([samples, 0], 'uu', 'slopeSpread:count');
  ctx.dispatch(pipeline, [spreads, batch, shape], [1], encoder);
}

export interface SlopeSpreadResult {
  spreads: Float32Array;
  /** π/Δ_a per sample, +Infinity where Δ_a = 0. */
  radii: Float32Array;
  batchSpread: number;
  batchRadius: number;
}

/** One-shot: uploads the slopes, runs both passes in one submit and reads back. */
export async function slopeSpreadGpu(ctx: KernelContext, slopes: ArrayLike<number>, samples: number, classes: number): Promise<SlopeSpreadResult> {
  if (slopes.length !== samples * classes) {
    throw new Error(`slope matrix has ${slopes.length} entries but ${samples} samples × ${classes} classes need ${samples * classes}`);
  }
  const input = ctx.upload(toFloat32(slopes), 'slopeSpread:slopes');
  const spreadBuf = ctx.storage(samples * 4, 'slopeSpread:spreads');
  const radiiBuf = ctx.storage(samples * 4, 'slopeSpread:radii');
  const batchBuf = ctx.storage(8, 'slopeSpread:batch');
  const encoder = ctx.device.createCommandEncoder({ label: 'slopeSpread' });
  encodeSlopeSpread(ctx, encoder, input, spreadBuf, radiiBuf, samples, classes);
  encodeBatchSpread(ctx, encoder, spreadBuf, batchBuf, samples);
  ctx.device.queue.submit([encoder.finish()]);
  const [spreads, radii, batch] = await Promise.all([
    ctx.readFloat32(spreadBuf, samples),
    ctx.readFloat32(radiiBuf, samples),
    ctx.readFloat32(batchBuf, 2),
  ]);
  for (const b of [input, spreadBuf, radiiBuf, batchBuf]) b.destroy();
  for (let i = 0; i < samples; i++) if (radii[i] < 0) radii[i] = Infinity;
  return { spreads, radii, batchSpread: batch[0], batchRadius: batch[1] < 0 ? Infinity : batch[1] };
}
