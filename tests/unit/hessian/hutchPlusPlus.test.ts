/**
 * Hutch++ (Meyer, Musco, Musco & Woodruff 2021) against traces known in closed form
 * (A = Q diag(λ) Qᵀ, tr A = Σ λ) and, on trained MLPs with P ≈ 200–1000, against the exact trace of
 * the dense f64 Hessian, compared with plain Hutchinson at the same number of products over seeds.
 */
import { describe, expect, it } from 'vitest';
import { createMlp, createTrainer, curvatureOperator, gaussianMixture, initMlp } from '../../../src/geometry/nn';
import { mulberry32 } from '../../../src/geometry/random';
import { withSpectrum } from './withSpectrum';
import {
  denseOperator,
  exactSpectrum,
  hutchinsonTrace,
  hutchPlusPlusSplit,
  hutchPlusPlusTrace,
  hutchPlusPlusTraceAsync,
  type LinearOperator,
} from '../../../src/geometry/spectral';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

// Outliers on a bulk near zero (some negative): the shape of a trained network's Hessian.
const n = 120;
const spectrum = [9, 6.5, 4, 2.5, ...Array.from({ length: n - 4 }, (_, i) => 0.02 * Math.sin(i) + 0.001 * i - 0.03)];
const knownTrace = spectrum.reduce((s, x) => s + x, 0);
const op = denseOperator(withSpectrum(spectrum, mulberry32(1)), n);

function rmse(estimates: number[], truth: number): number {
  return Math.sqrt(estimates.reduce((s, e) => s + (e - truth) ** 2, 0) / estimates.length);
}

describe('Hutch++ trace', () => {
  it('splits m products into m/3 sketch, m/3 exact and the rest as probes, and rejects m < 3', () => {
    expect(hutchPlusPlusSplit(30)).toEqual({ sketch: 10, remainder: 10 });
    expect(hutchPlusPlusSplit(20)).toEqual({ sketch: 6, remainder: 8 });
    expect(() => hutchPlusPlusSplit(2)).toThrow(/Hutch\+\+ products 2; expected an integer ≥ 3/);
  });
  it('is exact when the sketch spans the space (rank n): tr = Σ λ, standard error 0', () => {
    const small = [3, -1, 0.5, 2, 7, -0.25];
    const a = denseOperator(withSpectrum(small, mulberry32(7)), small.length);
    // 2n random sign vectors in ℝⁿ span it (n of them may not: ±1 vectors are often dependent for small n).
    const r = hutchPlusPlusTrace(a, 6 * small.length, mulberry32(8));
    expect(r.sketchRank).toBe(small.length);
    expectClose(r.estimate, small.reduce((s, x) => s + x, 0), F64_EXACT, 'trace');
    expect(r.standardError).toBe(0);
  });
  it('is unbiased: the mean over 300 seeds is within 4 standard errors of Σ λ', () => {
    const estimates = Array.from({ length: 300 }, (_, s) => hutchPlusPlusTrace(op, 30, mulberry32(1000 + s)).estimate);
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    const sd = Math.sqrt(estimates.reduce((a, e) => a + (e - mean) ** 2, 0) / (estimates.length - 1));
    expect(Math.abs(mean - knownTrace)).toBeLessThan((4 * sd) / Math.sqrt(estimates.length));
  });
  it('lands within 2 of its own standard errors in at least 80% of 300 seeds (nominal ≈ 93% for t with 9 d.o.f.)', () => {
    let inside = 0;
    for (let s = 0; s < 300; s++) {
      const r = hutchPlusPlusTrace(op, 30, mulberry32(2000 + s));
      if (Math.abs(r.estimate - knownTrace) <= 2 * r.standardError) inside++;
    }
    expect(inside / 300).toBeGreaterThan(0.8);
  });
  it('beats Hutchinson by far on a spectrum of outliers (the sketch removes them)', () => {
    const hpp = Array.from({ length: 40 }, (_, s) => hutchPlusPlusTrace(op, 30, mulberry32(3000 + s)).estimate);
    const hutch = Array.from({ length: 40 }, (_, s) => hutchinsonTrace(op, 30, mulberry32(3000 + s)).estimate);
    expect(rmse(hutch, knownTrace)).toBeGreaterThan(5 * rmse(hpp, knownTrace));
  });
  it('the async driver (GPU operators) gives the same estimate as the sync one', async () => {
    const sync = hutchPlusPlusTrace(op, 21, mulberry32(5));
    const asyncOp = { size: op.size, apply: async (x: Float64Array, out: Float64Array) => op.apply(x, out) };
    const result = await hutchPlusPlusTraceAsync(asyncOp, 21, mulberry32(5));
    expect(result.estimate).toBe(sync.estimate);
    expect(result.standardError).toBe(sync.standardError);
  });
});

/** A tanh MLP on a Gaussian mixture after full-batch GD, and its Hessian operator. */
function trainedHessian(c: { dimension: number; hidden: number; depth: number; classes: number; separation: number; n: number; initScale: number; lr: number; steps: number }): LinearOperator {
  const data = gaussianMixture({ classes: c.classes, dimension: c.dimension, separation: c.separation, n: c.n, random: mulberry32(1) });
  const mlp = createMlp([c.dimension, ...Array<number>(c.depth).fill(c.hidden), c.classes], 'tanh');
  const trainer = createTrainer({ mlp, data, theta: initMlp(mlp, mulberry32(2), c.initScale), optimizer: 'gd', lr: c.lr, batchSize: 0, weightDecay: 0, random: mulberry32(3) });
  for (let s = 0; s < c.steps; s++) trainer.step();
  return curvatureOperator(mlp, trainer.theta, data, 0, 'hessian');
}

describe('Hutch++ vs Hutchinson on MLP Hessians (exact trace from the dense f64 Hessian)', () => {
  // The chapter's "bulk and outliers" cell (P = 212) and its "edge of stability" cell (P = 916).
  const nets = [
    { name: 'P = 212 (8-16-4)', dimension: 8, hidden: 16, depth: 1, classes: 4, separation: 4, n: 512, initScale: 0.5, lr: 0.2, steps: 30 },
    { name: 'P = 916 (8-24-24-4)', dimension: 8, hidden: 24, depth: 2, classes: 4, separation: 3, n: 256, initScale: 1, lr: 0.5, steps: 300 },
  ];
  for (const net of nets) {
    it(`${net.name}: at m = 200 products, Hutch++'s RMS error over 16 seeds is ≥ 5× smaller`, () => {
      const H = trainedHessian(net);
      const exact = exactSpectrum(H).trace;
      const seeds = Array.from({ length: 16 }, (_, s) => 100 + s);
      const hpp = seeds.map((s) => hutchPlusPlusTrace(H, 200, mulberry32(s)).estimate);
      const hutch = seeds.map((s) => hutchinsonTrace(H, 200, mulberry32(s)).estimate);
      expect(rmse(hutch, exact)).toBeGreaterThan(5 * rmse(hpp, exact));
    });
  }
});
