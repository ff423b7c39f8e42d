/**
 * GPU benchmark case for bench/geodesics.bench.ts: a fan of `size` geodesics × 200 RK4 steps
 * on the Gaussian bump, buffers kept on the GPU; a run times one dispatch and a one-value
 * readback (which waits for the GPU to finish).
 */
import type { BenchCase } from '../../tests/harness/main';
import { surfaceByName } from '../../src/geometry/surfaces/testSurfaces';
import type { KernelContext } from '../../src/kernels/context';
import { FAN_BENCH_START, FAN_BENCH_STEPS } from '../setup/geodesicFan';
import { encodeGeodesicFan } from '../../src/kernels/geodesicFan/geodesicFan';


let cache: { count: number; points: GPUBuffer; lengths: GPUBuffer } | null = null;

function buffers(ctx: KernelContext, count: number) {
  if (cache?.count === count) return cache;
  if (cache) for (const b of [cache.points, cache.lengths]) b.destroy();
  cache = {
    count,
    points: ctx.storage(count * (FAN_BENCH_STEPS + 1) * 3 * 4, 'bench:geodesicFan:points'),
    lengths: ctx.storage(count * 4, 'bench:geodesicFan:lengths'),
  };
  return cache;
}

export const benches: BenchCase[] = [
  {
    name: 'geodesic-fan',
    async run(ctx, count) {
      const { points, lengths } = buffers(ctx, count);
      const encoder = ctx.device.createCommandEncoder({ label: 'bench:geodesicFan' });
      encodeGeodesicFan(ctx, encoder, points, lengths, surfaceByName('gaussianBump'), { ...FAN_BENCH_START, count, steps: FAN_BENCH_STEPS });
      ctx.device.queue.submit([encoder.finish()]);
      return new Uint32Array(await ctx.read(lengths, 4))[0];
    },
  },
];
