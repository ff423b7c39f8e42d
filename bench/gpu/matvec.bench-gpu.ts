/**
 * GPU benchmark cases for bench/foundation.bench.ts: y = A x for a random n×n matrix.
 * The data is made once per size and kept on the GPU; a run times one dispatch and the
 * readback of y (n floats), which waits for the GPU to finish.
 */
import type { BenchCase } from '../../tests/harness/main';
import { randomBuffer } from './benchData';
import type { KernelContext } from '../../src/kernels/context';
import { encodeMatVec } from '../../src/kernels/matvec/matvec';

let cache: { n: number; a: GPUBuffer; x: GPUBuffer; y: GPUBuffer } | null = null;

function buffers(ctx: KernelContext, n: number) {
  if (cache?.n === n) return cache;
  if (cache) for (const b of [cache.a, cache.x, cache.y]) b.destroy();
  cache = { n, a: randomBuffer(ctx, n * n, 1, 'bench:matvec:a'), x: randomBuffer(ctx, n, 2, 'bench:matvec:x'), y: ctx.storage(n * 4, 'bench:matvec:y') };
  return cache;
}

export const benches: BenchCase[] = [
  {
    name: 'matvec',
    async run(ctx, n) {
      const { a, x, y } = buffers(ctx, n);
      const encoder = ctx.device.createCommandEncoder({ label: 'bench:matvec' });
      encodeMatVec(ctx, encoder, a, x, y, n, n);
      ctx.device.queue.submit([encoder.finish()]);
      return (await ctx.readFloat32(y, n))[0];
    },
  },
];
