/**
 * Spectral methods against matrices with a known spectrum (A = Q diag(λ) Qᵀ, closed form),
 * against torch.linalg.eigvalsh of MLP Hessians (fixture), and statistical properties of the
 * stochastic estimators.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMlp, curvatureOperator, type Activation, type ClassificationData } from '../../../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { withSpectrum } from './withSpectrum';
import {
  denseOperator,
  exactSpectrum,
  hutchinsonTrace,
  lanczos,
  lanczosTopEigenpairs,
  lanczosTopProcess,
  powerIterationTop,
  runProcess,
  tridiagonalTop,
  powerIterationTopAsync,
  quadratureMoment,
  slqDensity,
  stochasticLanczosQuadrature,
} from '../../../src/geometry/spectral';
import { expectClose, F64_EXACT, F64_ITERATIVE, F64_PEER } from '../../../src/geometry/tolerance';

// A "Hessian-like" spectrum: a bulk near zero (some negative) and 4 outliers.
const n = 120;
const bulk = Array.from({ length: n - 4 }, (_, i) => 0.02 * Math.sin(i) + 0.001 * i - 0.03);
const outliers = [9, 6.5, 4, 2.5];
const spectrum = [...outliers, ...bulk];
const sortedDesc = [...spectrum].sort((a, b) => b - a);
const matrix = withSpectrum(spectrum, mulberry32(1));
const op = denseOperator(matrix, n);

describe('Lanczos with full re-orthogonalization', () => {
  it('top-4 eigenvalues of a matrix with 4 outliers, and eigenvectors with A y = λ y', () => {
    const top = lanczosTopEigenpairs(op, 4, mulberry32(2), 40);
    expectClose(top.values, sortedDesc.slice(0, 4), F64_ITERATIVE, 'λ');
    const y = new Float64Array(n);
    for (let e = 0; e < 4; e++) {
      op.apply(top.vectors.subarray(e * n, e * n + n), y);
      expectClose(y, top.vectors.subarray(e * n, e * n + n).map((v) => v * top.values[e]), F64_ITERATIVE, `A y_${e}`);
    }
    for (const r of top.residuals) expect(r).toBeLessThan(1e-8);
  });
  it('the basis stays orthonormal (the point of re-orthogonalization)', () => {
    const run = lanczos(op, 60, gaussianVector(n, mulberry32(3)));
    let worst = 0;
    for (let a = 0; a < run.steps; a++)
      for (let b = 0; b <= a; b++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += run.basis[a * n + i] * run.basis[b * n + i];
        worst = Math.max(worst, Math.abs(d - (a === b ? 1 : 0)));
      }
    expect(worst).toBeLessThan(1e-12);
  });
  it('stops early and exactly on an invariant subspace (3 distinct eigenvalues)', () => {
    const a = withSpectrum([3, 3, 3, 1, 1, -2, -2, -2], mulberry32(4));
    const run = lanczos(denseOperator(a, 8), 8, gaussianVector(8, mulberry32(5)));
    expect(run.steps).toBe(3);
    const top = lanczosTopEigenpairs(denseOperator(a, 8), 3, mulberry32(6), 8);
    expectClose(top.values, [3, 1, -2], F64_ITERATIVE, 'λ');
  });
  it('rejects a bad count', () => {
    expect(() => lanczosTopEigenpairs(op, 0, mulberry32(1))).toThrow(/eigenpair count 0; expected an integer in \[1, 120\]/);
  });
});

describe('Lanczos observed step by step', () => {
  it('the Ritz values of T_j rise towards the top (Cauchy interlacing) and end on the returned top-k; observing changes nothing', () => {
    const a = withSpectrum(spectrum, mulberry32(2));
    const seen: Float64Array[] = [];
    const observed = runProcess(lanczosTopProcess(n, 3, mulberry32(5), 30, (_j, alpha, beta) => void seen.push(tridiagonalTop(alpha, beta, 3))), denseOperator(a, n));
    const plain = runProcess(lanczosTopProcess(n, 3, mulberry32(5), 30), denseOperator(a, n));
    expect(Array.from(observed.values)).toEqual(Array.from(plain.values));
    expect(seen).toHaveLength(30);
    for (let j = 1; j < seen.length; j++) expect(seen[j][0]).toBeGreaterThanOrEqual(seen[j - 1][0] - 1e-12);
    expect(Array.from(seen.at(-1)!)).toEqual(Array.from(plain.values));
    expect(seen.at(-1)![0]).toBeLessThanOrEqual(9 + 1e-9);
  });
});

describe('power iteration with deflation (PyHessian) agrees with the closed form', () => {
  it('top-3 of a positive spectrum with gaps', () => {
    const a = withSpectrum([10, 5, 2.5, 1, 0.5, 0.25, 0.1, 0.05], mulberry32(7));
    const top = powerIterationTop(denseOperator(a, 8), 3, mulberry32(8), { tolerance: 1e-14, maxIterations: 5000 });
    expectClose(top.values, [10, 5, 2.5], F64_ITERATIVE, 'λ');
  });
  it('warm-started from a nearby matrix’s top eigenvector: the same λ₁ within the stopping tolerance, in fewer products', async () => {
    const spectrum = [10, 8, 2.5, 1, 0.5, 0.25, 0.1, 0.05];
    const a = withSpectrum(spectrum, mulberry32(7));
    // A perturbed matrix (the previous run's Hessian) gives the start vector.
    const nearby = a.map((x, i) => x + 0.05 * Math.sin(i) * Math.sin((i * 7) % 64));
    for (let i = 0; i < 8; i++) for (let j = 0; j < i; j++) nearby[i * 8 + j] = nearby[j * 8 + i];
    const options = { tolerance: 1e-12, maxIterations: 5000 };
    const previous = powerIterationTop(denseOperator(nearby, 8), 1, mulberry32(3), options);
    const cold = powerIterationTop(denseOperator(a, 8), 1, mulberry32(8), options);
    const warm = await powerIterationTopAsync(denseOperator(a, 8), 1, mulberry32(8), { ...options, start: previous.vectors });
    expectClose(cold.values, [10], F64_ITERATIVE, 'cold λ₁');
    // Symmetric A: an eigenvalue lies within the residual ‖Av − λv‖ of each Rayleigh quotient.
    expect(Math.abs(warm.values[0] - cold.values[0])).toBeLessThanOrEqual(warm.residuals[0] + cold.residuals[0]);
    expectClose(warm.values, [10], F64_ITERATIVE, 'warm λ₁');
    expect(warm.products).toBeLessThan(cold.products);
  });
});

describe('Hutchinson trace', () => {
  it('is exact for a diagonal matrix (zᵀDz = Σ dᵢ for z ∈ {±1}ⁿ)', () => {
    const d = Array.from({ length: 6 }, (_, i) => i - 1.5);
    const a = new Float64Array(36);
    d.forEach((di, i) => (a[i * 7] = di));
    const t = hutchinsonTrace(denseOperator(a, 6), 5, mulberry32(9));
    expectClose(t.estimate, 6, F64_EXACT, 'trace'); // Σ (i − 1.5), i = 0…5
    expectClose(t.standardError, 0, F64_EXACT, 'standard error');
  });
  it('lands within 3 standard errors of the exact trace, and its SE matches √(2Σ_{i≠j}A²ᵢⱼ / m)', () => {
    const exact = spectrum.reduce((s, x) => s + x, 0);
    const m = 400;
    const t = hutchinsonTrace(op, m, mulberry32(10));
    expect(Math.abs(t.estimate - exact)).toBeLessThan(3 * t.standardError);
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off += matrix[i * n + j] ** 2;
    const predicted = Math.sqrt((2 * off) / m);
    expect(t.standardError / predicted).toBeGreaterThan(0.8);
    expect(t.standardError / predicted).toBeLessThan(1.2);
  });
});

describe('stochastic Lanczos quadrature', () => {
  const q = stochasticLanczosQuadrature(op, 40, 30, mulberry32(11));
  it('each probe’s weights sum to 1 and the broadened density integrates to 1', () => {
    for (let p = 0; p < q.probes; p++) {
      const row = q.weights.subarray(p * q.steps, (p + 1) * q.steps);
      expectClose(row.reduce((s, w) => s + w, 0), 1, F64_EXACT, `Σ τ (probe ${p})`);
    }
    const density = slqDensity(q, { points: 2000, sigmaFraction: 0.005 });
    let integral = 0;
    const h = density.grid[1] - density.grid[0];
    for (let g = 0; g < density.values.length; g++) integral += density.values[g] * h;
    expectClose(integral, 1, F64_ITERATIVE, '∫ φ');
  });
  it('moments p = 1, 2 match tr(Aᵖ)/n within 3 standard errors over probes', () => {
    for (const p of [1, 2]) {
      const exact = spectrum.reduce((s, x) => s + x ** p, 0) / n;
      const perProbe = Array.from({ length: q.probes }, (_, r) => {
        let s = 0;
        for (let j = 0; j < q.steps; j++) s += q.weights[r * q.steps + j] * q.nodes[r * q.steps + j] ** p;
        return s;
      });
      const mean = perProbe.reduce((s, x) => s + x, 0) / q.probes;
      const se = Math.sqrt(perProbe.reduce((s, x) => s + (x - mean) ** 2, 0) / (q.probes - 1) / q.probes);
      expectClose(quadratureMoment(q, p), mean, F64_EXACT, `moment ${p}`);
      expect(Math.abs(mean - exact)).toBeLessThan(3 * se);
    }
  });
  it('Gauss quadrature is exact: with a probe v, Σ τ θ² = vᵀA²v / ‖v‖²', () => {
    const v = gaussianVector(n, mulberry32(12));
    const run = lanczos(op, 5, v);
    // T = QᵀAQ with q₁ = v/‖v‖: (T²)₁₁ = α₁² + β₁² = ‖A q₁‖².
    const av = new Float64Array(n);
    op.apply(v, av);
    const vv = v.reduce((s, x) => s + x * x, 0);
    expectClose(run.alpha[0] ** 2 + run.beta[0] ** 2, av.reduce((s, x) => s + x * x, 0) / vv, F64_EXACT, '(T²)₁₁');
  });
  it('with m = n steps the nodes are the exact eigenvalues', () => {
    const small = [4, 2, 1, 0.5, -0.5, -1];
    const a = withSpectrum(small, mulberry32(13));
    const qs = stochasticLanczosQuadrature(denseOperator(a, 6), 2, 6, mulberry32(14));
    expectClose(qs.nodes.subarray(0, 6), [...small].sort((x, y) => x - y), F64_ITERATIVE, 'nodes');
  });
});

describe('MLP Hessians: Lanczos and the dense reference vs torch.linalg.eigvalsh', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../fixtures/hessian/mlp_torch.json', import.meta.url), 'utf8')) as {
    cases: { name: string; layers: number[]; activation: Activation; weightDecay: number; theta: number[]; x: number[]; y: number[]; eigenvalues: number[] }[];
  };
  for (const c of fixture.cases) {
    it(c.name, () => {
      const mlp = createMlp(c.layers, c.activation);
      const data: ClassificationData = { x: Float64Array.from(c.x), y: Int32Array.from(c.y), n: c.y.length, dimension: c.layers[0], classes: c.layers[c.layers.length - 1] };
      const H = curvatureOperator(mlp, c.theta, data, c.weightDecay, 'hessian');
      const exact = exactSpectrum(H);
      expectClose(exact.values, c.eigenvalues, F64_PEER, 'dense eigenvalues');
      expectClose(exact.trace, c.eigenvalues.reduce((s, x) => s + x, 0), F64_PEER, 'trace');
      const top = lanczosTopEigenpairs(H, 3, mulberry32(3), mlp.paramCount);
      expectClose(top.values, c.eigenvalues.slice(0, 3), F64_PEER, 'Lanczos top-3');
    });
  }
});

describe('async drivers (GPU operators) take the same path as the sync ones', () => {
  it('lanczosTopEigenpairsAsync with an awaited product and a checkpoint per product', async () => {
    const { lanczosTopEigenpairsAsync } = await import('../../../src/geometry/spectral');
    let checkpoints = 0;
    const asyncOp = { size: n, apply: async (x: Float64Array, out: Float64Array) => op.apply(x, out) };
    const top = await lanczosTopEigenpairsAsync(asyncOp, 4, mulberry32(2), 40, async () => void checkpoints++);
    expectClose(top.values, sortedDesc.slice(0, 4), F64_ITERATIVE, 'λ');
    expect(checkpoints).toBe(40);
  });
});

describe('spectrum summary', () => {
  it('counts the eigenvalues standing clear of the bulk spacing, and none in an evenly spaced list', async () => {
    const { countOutliers } = await import('../../../src/geometry/spectral');
    expect(countOutliers([9, 6.5, 4, 2.5, 0.1, 0.09, 0.085, 0.08, 0.07, 0.065])).toBe(4);
    expect(countOutliers([1.934, 1.022, 0.827, 0.452, 0.37, 0.367, 0.302, 0.294, 0.276, 0.243])).toBe(3);
    expect(countOutliers([1, 0.9, 0.8, 0.7, 0.6, 0.5])).toBe(0);
    expect(countOutliers([-1, -2])).toBe(0);
  });
  it('bulk RMS uses only the quadrature nodes below the threshold', async () => {
    const { bulkRootMeanSquare } = await import('../../../src/geometry/spectral');
    const q = { probes: 1, steps: 3, nodes: Float64Array.from([0.1, -0.1, 5]), weights: Float64Array.from([0.45, 0.45, 0.1]), products: 3 };
    expectClose(bulkRootMeanSquare(q, 1), 0.1, F64_EXACT, 'bulk RMS');
  });
  it('finds the 4 outliers of the test matrix and its bulk scale', async () => {
    const { spectrumSummary } = await import('../../../src/geometry/spectral');
    const s = await spectrumSummary(op, { topK: 8, lanczosSteps: 60, hutchinsonProbes: 50, slqProbes: 8, slqSteps: 40 }, mulberry32(21));
    expect(s.outliers).toBe(4);
    expectClose(s.top.subarray(0, 4), outliers, F64_ITERATIVE, 'outliers');
    const bulkRms = Math.sqrt(bulk.reduce((a, x) => a + x * x, 0) / bulk.length);
    // SLQ with 8 probes: the bulk's RMS within 30 %.
    expect(Math.abs(s.bulkRms / bulkRms - 1)).toBeLessThan(0.3);
  });
});
