/**
 * The zero search's WebAssembly loops (src/kernels/wasm/assembly/zeros.ts via zeroSearch.ts)
 * against their JS references: Newton's limits and the zero counts call by call, and
 * nearestZero end to end on random samples (integer, real and repeated slopes, K = 2…8), to
 * rounding (AssemblyScript's exp, cos, sin and atan2 are not V8's); the binary case against
 * its closed form ρ* = √(δ² + π²)/|a₁ − a₂|.
 */
import { describe, expect, it } from 'vitest';
import { nearestZero, newtonZero, windingNumber } from '../../../src/geometry/ghosts/zeros';
import { gaussian, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { zeroSearchWasm } from '../../../src/kernels/wasm/zeroSearch';

const module = (await loadKernelsNode())!;

function randomSample(random: () => number, K: number, kind: 'integer' | 'real' | 'repeated') {
  const z = Array.from({ length: K }, () => 1.5 * gaussian(random));
  let a: number[];
  do {
    a = Array.from({ length: K }, () => (kind === 'real' ? 3 * gaussian(random) : Math.floor(random() * 9) - 4));
    if (kind === 'repeated' && K > 2) a[K - 1] = a[0];
  } while (Math.max(...a) === Math.min(...a));
  return { z, a };
}

describe('WASM zero search', () => {
  const kernels = zeroSearchWasm(module.instantiate());

  it("Newton's limits and the zero counts equal the JS loops to rounding", () => {
    const random = mulberry32(21);
    for (let t = 0; t < 60; t++) {
      const { z, a } = randomSample(random, 2 + (t % 6), t % 2 ? 'real' : 'integer');
      const x = gaussian(random);
      const y = 0.2 + 2 * random();
      const js = newtonZero(z, a, x, y, 0.5, 80);
      const wasm = kernels.newton(z, a, x, y, 0.5, 80);
      expect(wasm.converged).toBe(js.converged);
      if (js.converged) expectClose([wasm.re, wasm.im], [js.re, js.im], F64_EXACT, `Newton limit ${t}`);
      for (const r of [0.3, 1, 2.5]) expect(kernels.winding(z, a, r)).toBe(windingNumber(z, a, r));
    }
  });

  it('nearestZero with the WASM loops: the same nearest zero and certificate as the JS search', () => {
    const random = mulberry32(5);
    for (let t = 0; t < 150; t++) {
      const kind = (['integer', 'real', 'repeated'] as const)[t % 3];
      const { z, a } = randomSample(random, 2 + (t % 7), kind);
      const js = nearestZero(z, a);
      const wasm = nearestZero(z, a, { kernels });
      expect(wasm.certified).toBe(js.certified);
      expectClose(wasm.distance, js.distance, F64_EXACT, `ρ* of sample ${t} (${kind})`);
    }
  });

  it('grows its buffers for a sample with many classes', () => {
    const random = mulberry32(8);
    const { z, a } = randomSample(random, 40, 'real');
    expectClose(nearestZero(z, a, { kernels }).distance, nearestZero(z, a).distance, F64_EXACT, 'ρ* with K = 40');
  });

  it('K = 2: the closed form √(δ² + π²)/|a₁ − a₂|', () => {
    for (const [z0, z1, a0, a1] of [[0.5, -0.5, 1, -1], [2, 0, 0.25, -0.25], [-1, 3, 2, 5]]) {
      const found = nearestZero([z0, z1], [a0, a1], { kernels });
      expect(found.certified).toBe(true);
      expectClose(found.distance, Math.hypot(z0 - z1, Math.PI) / Math.abs(a0 - a1), F64_EXACT, 'binary ρ*');
    }
  });
});
