/**
 * GPU benchmark case: per-sample Δ_a and ρ_a plus the batch max for `size` samples × 10
 * classes of random slopes kept on the GPU; a run times both passes and the readback of the
 * per-sample radii (what a job needs back).
 */
import type { BenchCase } from '../../tests/harness/main';
import { randomBuffer } from './benchData';
import type { KernelContext } from '../../src/kernels/context';
import { encodeBatchSpread, encodeSlopeSpread } from '../../src/kernels/slopeSpread/slopeSpread';

export const BENCH_CLASSES = 10;

let cache: { n: number; slopes: GPUBuffer; spreads: GPUBuffer; radii: GPUBuffer; batch: GPUBuffer } | null = null;

function buffers(ctx: KernelContext, n: number) {
  if (cache?.n === n) return cache;
  if (cache) for (const b of [cache.slopes, cache.spreads, cache.radii, cache.batch]) b.destroy();
  cache = {
    n,
    slopes: randomBuffer(ctx, n * BENCH_CLASSES, 3, 'bench:slopeSpread:slopes'),
    spreads: ctx.storage(n * 4, 'bench:slopeSpread:spreads'),
    radii: ctx.storage(n * 4, 'bench:slopeSpread:radii'),
    batch: ctx.storage(8, 'bench:slopeSpread:batch'),
  };
  return cache;
}

export const benches: BenchCase[] = [
  {
    name: 'radii-spread',
    async run(ctx, n) {
      const { slopes, spreads, radii, batch } = buffers(ctx, n);
      const encoder = ctx.device.createCommandEncoder({ label: 'bench:slopeSpread' });
      encodeSlopeSpread(ctx, encoder, slopes, spreads, radii, n, BENCH_CLASSES);
      encodeBatchSpread(ctx, encoder, spreads, batch, n);
      ctx.device.queue.submit([encoder.finish()]);
      return (await ctx.readFloat32(radii, n))[0];
    },
  },
];
