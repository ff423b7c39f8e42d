/**
 * GPU benchmark case: C = A B for random n×n matrices. The data is made once per size
 * and kept on the GPU; a run times one dispatch and the readback of the first row of C
 * (a copy that waits for the whole product).
 */
import type { BenchCase } from '../../tests/harness/main';
import { randomBuffer } from './benchData';
import type { KernelContext } from '../../src/kernels/context';
import { encodeMatMul } from '../../src/kernels/matmul/matmul';

let cache: { n: number; a: GPUBuffer; b: GPUBuffer; c: GPUBuffer } | null = null;

function buffers(ctx: KernelContext, n: number) {
  if (cache?.n === n) return cache;
  if (cache) for (const buffer of [cache.a, cache.b, cache.c]) buffer.destroy();
  cache = { n, a: randomBuffer(ctx, n * n, 1, 'bench:matmul:a'), b: randomBuffer(ctx, n * n, 2, 'bench:matmul:b'), c: ctx.storage(n * n * 4, 'bench:matmul:c') };
  return cache;
}

export const benches: BenchCase[] = [
  {
    name: 'matmul',
    async run(ctx, n) {
      const { a, b, c } = buffers(ctx, n);
      const encoder = ctx.device.createCommandEncoder({ label: 'bench:matmul' });
      encodeMatMul(ctx, encoder, a, b, c, n, n, n);
      ctx.device.queue.submit([encoder.finish()]);
      return (await ctx.readFloat32(c, n))[0];
    },
  },
];
