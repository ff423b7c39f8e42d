/**
 * GPU benchmark case: the m·n² half of one matrix-sensing GD iteration at size n with m = BENCH_M
 * measurements kept on the GPU: upload P = XXᵀ (n²), r = B vec(P) − y, S = Bᵀr/m, read back S (n²) —
 * what a GPU GD iteration would exchange with the CPU each step.
 */
import type { BenchCase } from '../../tests/harness/main';
import { randomBuffer } from './benchData';
import type { KernelContext } from '../../src/kernels/context';
import { encodeSensingResidual } from '../../src/kernels/sensingResidual/sensingResidual';

export const BENCH_M = 100;

let cache: { n: number; B: GPUBuffer; P: GPUBuffer; y: GPUBuffer; r: GPUBuffer; S: GPUBuffer; host: Float32Array } | null = null;

function buffers(ctx: KernelContext, n: number) {
  if (cache?.n === n) return cache;
  if (cache) for (const b of [cache.B, cache.P, cache.y, cache.r, cache.S]) b.destroy();
  const nn = n * n;
  cache = {
    n,
    B: randomBuffer(ctx, BENCH_M * nn, 5, 'bench:sensingResidual:B'),
    P: ctx.storage(nn * 4, 'bench:sensingResidual:P'),
    y: randomBuffer(ctx, BENCH_M, 6, 'bench:sensingResidual:y'),
    r: ctx.storage(BENCH_M * 4, 'bench:sensingResidual:r'),
    S: ctx.storage(nn * 4, 'bench:sensingResidual:S'),
    host: Float32Array.from({ length: nn }, (_, i) => Math.sin(i)),
  };
  return cache;
}

export const benches: BenchCase[] = [
  {
    name: 'optimizer-sensing',
    async run(ctx, n) {
      const b = buffers(ctx, n);
      ctx.device.queue.writeBuffer(b.P, 0, b.host);
      const encoder = ctx.device.createCommandEncoder({ label: 'bench:sensingResidual' });
      encodeSensingResidual(ctx, encoder, b.B, b.P, b.y, b.r, b.S, BENCH_M, n * n);
      ctx.device.queue.submit([encoder.finish()]);
      return (await ctx.readFloat32(b.S, n * n))[0];
    },
  },
];
