/**
 * GPU benchmark cases for bench/geodesics.bench.ts: `size` pairs of random 3×3 SPD matrices
 * (made once per size, kept on the GPU); a run times one dispatch and a one-value readback.
 */
import type { BenchCase } from '../../tests/harness/main';
import { gaussian, mulberry32 } from '../../src/geometry/random';
import type { KernelContext } from '../../src/kernels/context';
import { encodeSpdDistance, type BatchedSpdMetric } from '../../src/kernels/spdDistance/spdDistance';

function randomSpdList(count: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const out = new Float32Array(count * 9);
  for (let p = 0; p < count; p++) {
    // G Gᵀ + I for a Gaussian 3×3 G: SPD with moderate condition number.
    const g = Array.from({ length: 9 }, () => gaussian(random));
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) out[p * 9 + i * 3 + j] = g[i * 3] * g[j * 3] + g[i * 3 + 1] * g[j * 3 + 1] + g[i * 3 + 2] * g[j * 3 + 2] + (i === j ? 1 : 0);
  }
  return out;
}

let cache: { count: number; a: GPUBuffer; b: GPUBuffer; out: GPUBuffer } | null = null;

function buffers(ctx: KernelContext, count: number) {
  if (cache?.count === count) return cache;
  if (cache) for (const buffer of [cache.a, cache.b, cache.out]) buffer.destroy();
  cache = { count, a: ctx.upload(randomSpdList(count, 1), 'bench:spdDistance:a'), b: ctx.upload(randomSpdList(count, 2), 'bench:spdDistance:b'), out: ctx.storage(count * 4, 'bench:spdDistance:out') };
  return cache;
}

function distanceCase(name: string, metric: BatchedSpdMetric): BenchCase {
  return {
    name,
    async run(ctx, count) {
      const { a, b, out } = buffers(ctx, count);
      const encoder = ctx.device.createCommandEncoder({ label: `bench:${name}` });
      encodeSpdDistance(ctx, encoder, a, b, out, count, metric);
      ctx.device.queue.submit([encoder.finish()]);
      return (await ctx.readFloat32(out, 1))[0];
    },
  };
}

export const benches: BenchCase[] = [
  distanceCase('spd-distance-ai', 'affineInvariant'),
  distanceCase('spd-distance-le', 'logEuclidean'),
  distanceCase('spd-distance-bw', 'buresWasserstein'),
];
