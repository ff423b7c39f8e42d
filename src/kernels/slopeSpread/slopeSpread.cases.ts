import { batchRadius, perSampleRadii, perSampleSpreads } from '../../geometry/ghosts/radius';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_ELEMENTWISE, F64_EXACT } from '../../geometry/tolerance';
import type { KernelSuite } from '../cases';
import { slopeSpreadGpu } from './slopeSpread';

/**
 * Row i holds offset_i + spread_i·u_k with u a shuffled grid from 0 to 1, so its spread is
 * spread_i by construction (the independent expectation) and its radius π/spread_i.
 */
function construct(samples: number, classes: number, seed: number) {
  const random = mulberry32(seed);
  const slopes = new Float64Array(samples * classes);
  const spread = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    // Exactly representable in f32 (multiples of 1/8 and 1/4), so the f32 kernel can meet the closed form.
    spread[i] = i % 17 === 0 ? 0 : 0.125 * (1 + Math.floor(random() * 64));
    const offset = 0.25 * Math.floor(random() * 40 - 20);
    const order = Array.from({ length: classes }, (_, k) => k).sort(() => random() - 0.5);
    for (let k = 0; k < classes; k++) slopes[i * classes + order[k]] = offset + (spread[i] * k) / (classes - 1);
  }
  return { slopes, spread };
}

const small = construct(300, 10, 3);
const radiiExpected = Float64Array.from(small.spread, (s) => (s > 0 ? Math.PI / s : -1));
const finite = (r: ArrayLike<number>) => Float64Array.from(r, (v) => (v === Infinity ? -1 : v));
const tol = (backend: 'webgpu' | 'cpu') => (backend === 'cpu' ? F64_EXACT : F32_ELEMENTWISE);

export const suite: KernelSuite = {
  kernel: 'slopeSpread',
  cases: [
    {
      name: 'per-sample spread Δ_a of offset + spread·shuffled grid equals the spread (300×10, every 17th row all-equal)',
      tolerance: F32_ELEMENTWISE,
      cpu: () => perSampleSpreads(small.slopes, 300, 10),
      gpu: async (ctx) => (await slopeSpreadGpu(ctx, small.slopes, 300, 10)).spreads,
      check: (out, backend) => {
        const r = compareClose(out, small.spread, tol(backend), 'Δ_a');
        return r.ok ? null : r.message;
      },
    },
    {
      name: 'per-sample radius ρ_a = π/Δ_a, infinite (−1 here) where Δ_a = 0',
      tolerance: F32_ELEMENTWISE,
      cpu: () => finite(perSampleRadii(small.slopes, 300, 10)),
      gpu: async (ctx) => finite((await slopeSpreadGpu(ctx, small.slopes, 300, 10)).radii),
      check: (out, backend) => {
        const r = compareClose(out, radiiExpected, tol(backend), 'ρ_a');
        return r.ok ? null : r.message;
      },
    },
    {
      name: 'batch spread max_i Δ_a over 1000 samples × 7 classes and its radius π/max',
      tolerance: F32_ELEMENTWISE,
      cpu: () => {
        const c = construct(1000, 7, 9);
        const s = perSampleSpreads(c.slopes, 1000, 7);
        return [Math.max(...s), batchRadius(s)];
      },
      gpu: async (ctx) => {
        const c = construct(1000, 7, 9);
        const r = await slopeSpreadGpu(ctx, c.slopes, 1000, 7);
        return [r.batchSpread, r.batchRadius];
      },
      check: (out, backend) => {
        const c = construct(1000, 7, 9);
        const m = Math.max(...c.spread);
        const r = compareClose(out, [m, Math.PI / m], tol(backend), 'batch');
        return r.ok ? null : r.message;
      },
    },
  ],
};
