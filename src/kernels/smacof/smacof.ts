/**
 * Host code for SMACOF on the GPU (smacof.wgsl): the target distances stay on the GPU,
 * each iteration is one dispatch, and the iterate (n×dims floats) is read back only
 * when the caller wants to see it. CPU reference: `smacof` in src/geometry/heat/mds.ts.
 */
import { DeviceLimitError, grid, type KernelContext } from '../context';
import code from './smacof.wgsl?raw';

export function encodeGuttman(
  ctx: KernelContext,
  encoder: GPUCommandEncoder,
  x: GPUBuffer,
  delta: GPUBuffer,
  next: GPUBuffer,
  rowStress: GPUBuffer,
  n: number,
  dims: number,
): void {
  const pipeline = ctx.pipeline('smacof', code);
  const uniform = ctx.uniform([n, dims], 'uu', 'smacof:params');
  ctx.dispatch(pipeline, [x, delta, next, rowStress, uniform], grid(n), encoder);
}

export interface SmacofGpuOptions {
  /** Read back and report every `every` iterations (and the last). */
  every?: number;
  onIterate?: (k: number, x: Float32Array, stress: number) => void | Promise<void>;
}

/**
 * Runs `iterations` Guttman transforms from `init`; `delta` is either an n×n array or a
 * GPU buffer already holding the f32 distances (kept, not destroyed).
 */
export async function smacofGpu(
  ctx: KernelContext,
  delta: ArrayLike<number> | GPUBuffer,
  n: number,
  dims: number,
  init: ArrayLike<number>,
  iterations: number,
  options: SmacofGpuOptions = {},
): Promise<{ embedding: Float32Array; stress: number }> {
  if (dims < 1 || dims > 4) throw new DeviceLimitError(`the SMACOF kernel embeds into 1–4 dimensions, not ${dims}`);
  if (init.length !== n * dims) throw new Error(`initial embedding has ${init.length} entries but ${n}×${dims} needs ${n * dims}`);
  const ownDelta = !('mapAsync' in (delta as object));
  if (ownDelta && (delta as ArrayLike<number>).length !== n * n) {
    throw new Error(`distance matrix has ${(delta as ArrayLike<number>).length} entries but ${n}×${n} needs ${n * n}`);
  }
  const deltaBuffer = ownDelta ? ctx.upload(Float32Array.from(delta as ArrayLike<number>), 'smacof:delta') : (delta as GPUBuffer);
  let x = ctx.upload(Float32Array.from(init), 'smacof:x');
  let next = ctx.storage(n * dims * 4, 'smacof:next');
  const rowStress = ctx.storage(n * 4, 'smacof:stress');
  const every = Math.max(1, options.every ?? 1);
  let embedding: Float32Array = Float32Array.from(init);
  let stress = NaN;
  let encoder = ctx.device.createCommandEncoder({ label: 'smacof' });
  for (let k = 1; k <= iterations; k++) {
    encodeGuttman(ctx, encoder, x, deltaBuffer, next, rowStress, n, dims);
    [x, next] = [next, x];
    if (k % every === 0 || k === iterations) {
      ctx.device.queue.submit([encoder.finish()]);
      embedding = await ctx.readFloat32(x, n * dims);
      // rowStress holds the stress of the iterate before the last transform
      stress = (await ctx.readFloat32(rowStress, n)).reduce((s, v) => s + v, 0);
      await options.onIterate?.(k, embedding, stress);
      encoder = ctx.device.createCommandEncoder({ label: 'smacof' });
    }
  }
  ctx.device.queue.submit([encoder.finish()]);
  x.destroy();
  next.destroy();
  rowStress.destroy();
  if (ownDelta) deltaBuffer.destroy();
  return { embedding, stress };
}
