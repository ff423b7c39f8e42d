/**
 * GPU benchmark cases for bench/foundation.bench.ts: row log-sum-exp (and row sums) of a
 * random n×n matrix. The data is made once per size and kept on the GPU; a run times one
 * dispatch and the readback of the n results, which waits for the GPU to finish.
 */
import type { Reduction } from '../../src/geometry/linalg/reductions';
import type { BenchCase } from '../../tests/harness/main';
import { randomBuffer } from './benchData';
import type { KernelContext } from '../../src/kernels/context';
import { encodeReduce } from '../../src/kernels/reduce/reduce';

let cache: { n: number; a: GPUBuffer; out: GPUBuffer } | null = null;

function buffers(ctx: KernelContext, n: number) {
  if (cache?.n === n) return cache;
  if (cache) for (const b of [cache.a, cache.out]) b.destroy();
  cache = { n, a: randomBuffer(ctx, n * n, 1, 'bench:reduce:a'), out: ctx.storage(n * 4, 'bench:reduce:out') };
  return cache;
}

function rowReduction(name: string, op: Reduction): BenchCase {
  return {
    name,
    async run(ctx, n) {
      const { a, out } = buffers(ctx, n);
      const encoder = ctx.device.createCommandEncoder({ label: `bench:${name}` });
      encodeReduce(ctx, encoder, a, out, n, n, op, 'rows');
      ctx.device.queue.submit([encoder.finish()]);
      return (await ctx.readFloat32(out, n))[0];
    },
  };
}

export const benches: BenchCase[] = [rowReduction('reduce-lse-rows', 'logsumexp'), rowReduction('reduce-sum-rows', 'sum')];
