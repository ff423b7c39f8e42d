import { describe, expect, it } from 'vitest';
import { choleskySolve, createMfacRace, createMfacWindow, denseFisher, makeMfacProblem, mfacApply, mfacFactor, mfacWindowApply, mfacWindowGradients, mfacWindowPush, gramMatrix } from '../../../src/geometry/optim';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { runMfacJob, type MfacParams } from '../../../src/workers/jobs/optimizer2';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

/** F̂ y = λy + (1/m) Σ g_i (g_iᵀ y), matrix-free. */
function fisherTimes(G: Float64Array, m: number, P: number, lambda: number, y: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(y, (v) => lambda * v);
  for (let i = 0; i < m; i++) {
    const g = G.subarray(i * P, (i + 1) * P);
    const s = dot(g, y) / m;
    for (let p = 0; p < P; p++) out[p] += s * g[p];
  }
  return out;
}

describe('M-FAC inverse-Fisher products', () => {
  it('m = 1 is Sherman–Morrison: (λI + ggᵀ)⁻¹x = x/λ − g (gᵀx) / (λ(λ + gᵀg))', () => {
    const random = mulberry32(3);
    for (const lambda of [1e-3, 0.5, 4]) {
      const g = gaussianVector(9, random);
      const x = gaussianVector(9, random);
      const gx = dot(g, x);
      const gg = dot(g, g);
      const expected = Array.from(x, (v, p) => v / lambda - (g[p] * gx) / (lambda * (lambda + gg)));
      expectClose(mfacApply(mfacFactor(g, 1, 9, lambda), x), expected, F64_EXACT, `λ = ${lambda}`);
    }
  });

  it('equals a dense f64 Cholesky solve of λI + (1/m) GᵀG for m < P, m = P and m > P', () => {
    const random = mulberry32(5);
    for (const [m, P, lambda] of [[3, 10, 1e-2], [10, 10, 1e-3], [25, 8, 0.1], [16, 30, 1e-4]] as const) {
      const G = gaussianVector(m * P, random);
      const x = gaussianVector(P, random);
      const exact = choleskySolve(denseFisher(G, m, P, lambda), x, P);
      // Relative to ‖exact‖∞: at λ = 1e-4 the solution has entries up to ~1e4.
      const scale = Math.max(...Array.from(exact, Math.abs));
      const got = mfacApply(mfacFactor(G, m, P, lambda), x);
      expectClose(Array.from(got, (v) => v / scale), Array.from(exact, (v) => v / scale), F64_EXACT, `m = ${m}, P = ${P}, λ = ${lambda}`);
    }
  });

  it('inverts the matrix-free product: F̂ (F̂⁻¹ x) = x, and a given Gram matrix gives the same factor', () => {
    const random = mulberry32(8);
    const m = 12;
    const P = 50;
    const G = gaussianVector(m * P, random);
    const x = gaussianVector(P, random);
    const f = mfacFactor(G, m, P, 0.05, gramMatrix(G, m, P));
    expectClose(fisherTimes(G, m, P, 0.05, mfacApply(f, x)), x, F64_EXACT, 'F̂ F̂⁻¹ x');
  });

  it('does not depend on the order of the gradients (F̂ is a sum)', () => {
    const random = mulberry32(9);
    const m = 6;
    const P = 11;
    const G = gaussianVector(m * P, random);
    const reversed = new Float64Array(m * P);
    for (let i = 0; i < m; i++) reversed.set(G.subarray(i * P, (i + 1) * P), (m - 1 - i) * P);
    const x = gaussianVector(P, random);
    expectClose(mfacApply(mfacFactor(reversed, m, P, 0.01), x), mfacApply(mfacFactor(G, m, P, 0.01), x), F64_EXACT, 'reversed window');
  });

  it('rejects bad input with messages naming the value', () => {
    const G = new Float64Array(6);
    expect(() => mfacFactor(G, 2, 3, 0)).toThrow(/invalid damping λ: 0/);
    expect(() => mfacFactor(G, 2, 4, 1)).toThrow(/gradients have 6 entries but m×P = 2×4/);
    expect(() => mfacApply(mfacFactor(G, 2, 3, 1), [1, 2])).toThrow(/vector has 2 entries but P = 3/);
    expect(() => choleskySolve([1, 2, 2, 1], [1, 1], 2)).toThrow(/not positive definite/);
  });
});

describe('M-FAC sliding window: the O(m²) update of the recursion', () => {
  it('after every push the incrementally updated state equals a fresh rebuild from the same gradients (B, c and F̂⁻¹x)', () => {
    const random = mulberry32(12);
    for (const [m, P, lambda] of [[1, 7, 0.1], [2, 9, 1e-2], [5, 12, 1e-3], [8, 6, 0.5]] as const) {
      const w = createMfacWindow(m, P, lambda);
      for (let t = 0; t < 4 * m + 3; t++) {
        mfacWindowPush(w, gaussianVector(P, random));
        const G = mfacWindowGradients(w);
        const fresh = mfacFactor(G, w.count, P, lambda);
        // Age-ordered state (stride m) against the rebuild (stride count); entries scale like 1/λ.
        const B = Array.from({ length: w.count * w.count }, (_, q) => w.B[Math.floor(q / w.count) * m + (q % w.count)] * lambda);
        expectClose(B, Array.from(fresh.B, (v) => v * lambda), F64_EXACT, `B (m = ${m}, push ${t})`);
        expectClose(w.c.subarray(0, w.count), fresh.c, F64_EXACT, `c (m = ${m}, push ${t})`);
        const x = gaussianVector(P, random);
        const exact = choleskySolve(denseFisher(G, w.count, P, lambda), x, P);
        const scale = Math.max(...Array.from(exact, Math.abs));
        expectClose(Array.from(mfacWindowApply(w, x), (v) => v / scale), Array.from(exact, (v) => v / scale), F64_EXACT, `F̂⁻¹x (m = ${m}, push ${t})`);
      }
      // Every push after the window filled went through the O(m²) slide, not a rebuild.
      expect(w.slides).toBe(3 * m + 3);
      expect(w.count).toBe(m);
    }
  });
  it('does not drift: after 1000 slides of correlated gradients (m = 16, P = 40, λ = 1e-3) F̂⁻¹x still equals a fresh rebuild', () => {
    const random = mulberry32(13);
    const w = createMfacWindow(16, 40, 1e-3);
    for (let t = 0; t < 1016; t++) {
      const g = gaussianVector(40, random);
      for (let q = 0; q < 40; q++) g[q] += 3 * Math.sin(q + 0.01 * t);
      mfacWindowPush(w, g);
    }
    const x = gaussianVector(40, random);
    const fresh = mfacApply(mfacFactor(mfacWindowGradients(w), 16, 40, 1e-3), x);
    const scale = Math.max(...Array.from(fresh, Math.abs));
    expectClose(Array.from(mfacWindowApply(w, x), (v) => v / scale), Array.from(fresh, (v) => v / scale), F64_EXACT, 'F̂⁻¹x after 1000 slides');
    expect(w.slides).toBe(1000);
  });
  it('keeps the newest m gradients in age order', () => {
    const w = createMfacWindow(3, 2, 1);
    for (let t = 1; t <= 5; t++) mfacWindowPush(w, [t, -t]);
    expect(Array.from(mfacWindowGradients(w))).toEqual([3, -3, 4, -4, 5, -5]);
  });
  it('rejects bad input', () => {
    expect(() => createMfacWindow(0, 3, 1)).toThrow(/invalid window m: 0/);
    expect(() => createMfacWindow(2, 3, -1)).toThrow(/invalid damping λ: -1/);
    expect(() => mfacWindowPush(createMfacWindow(2, 3, 1), [1, 2])).toThrow(/gradient has 2 entries but P = 3/);
  });
});

describe('M-FAC training race', () => {
  it('with λ → ∞ and η_M-FAC = λ·η_SGD, M-FAC steps reduce to SGD steps on the same minibatches', () => {
    const problem = makeMfacProblem(60, 5, mulberry32(2));
    const lambda = 1e9;
    const race = createMfacRace(problem, { steps: 20, batch: 10, window: 4, lambda, lrSgd: 0.2, lrAdam: 0.01, lrMfac: 0.2 * lambda, seed: 2 });
    while (race.step());
    // F̂⁻¹ = I/λ − O(‖g‖²/λ²): the relative gap per step is ~1e-9.
    expectClose(race.traces.mfac.loss, race.traces.sgd.loss, F64_ITERATIVE, 'loss');
  });
});

describe('optimizer/mfac job', () => {
  const base: MfacParams = { hidden: 6, window: 8, lambda: 0.01, lrSgd: 0.1, lrAdam: 0.01, lrMfac: 0.05, steps: 10, batch: 16, seed: 1 };
  it('fills the accuracy grid with errors at rounding level and runs every step', async () => {
    const r = await runMfacJob(base, undefined, false);
    // [4, 6, 3]: 4·6 + 6 + 6·3 + 3 weights and biases.
    expect(r.P).toBe(8 * 6 + 3);
    expect(r.gridRows).toBe(r.grid.ms.length);
    for (const e of r.grid.relError) expect(e).toBeLessThan(1e-9);
    expect(r.done).toBe(10);
    expect(r.traces!.mfac.loss).toHaveLength(11);
  });
  it('rejects a bad window', async () => {
    await expect(runMfacJob({ ...base, window: 0 })).rejects.toThrow(/invalid window: 0 \(need an integer in 1…128\)/);
  });
});
