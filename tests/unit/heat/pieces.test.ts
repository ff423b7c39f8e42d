import { describe, expect, it } from 'vitest';
import {
  affinityGraph,
  checkPointCloud,
  connectedComponents,
  csrFromTriplets,
  csrMatMat,
  csrToDense,
  diffusionMap,
  diffusionPowers,
  heatGeodesicDistances,
  kneedle,
  makeDataset,
  pearson,
  ranks,
  spearman,
  spiralArcLength,
  DATASET_NAMES,
} from '../../../src/geometry/heat';
import { matMul } from '../../../src/geometry/linalg/dense';
import { symmetricEigen } from '../../../src/geometry/linalg/symmetricEigen';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

describe('sparse products', () => {
  it('CSR × dense equals the dense product; duplicate triplets are summed', () => {
    const a = csrFromTriplets(3, 4, [0, 0, 1, 2, 2, 0], [1, 3, 0, 2, 3, 1], [2, -1, 4, 0.5, 3, 1]);
    expectClose(csrToDense(a), [0, 3, 0, -1, 4, 0, 0, 0, 0, 0, 0.5, 3], F64_EXACT, 'dense copy');
    const x = Float64Array.from({ length: 8 }, (_, i) => i - 3.5);
    expectClose(csrMatMat(a, x, 2), matMul(csrToDense(a), x, 3, 4, 2), F64_EXACT, 'A X');
    expect(() => csrFromTriplets(2, 2, [0], [2], [1])).toThrow(/triplet 0 at \(0, 2\) is outside 2×2/);
  });
});

describe('affinity graph', () => {
  it('is symmetric, has the adaptive bandwidth as the k-th neighbour distance, and K_i,kth = e^{−1}', () => {
    const pts = [0, 1, 3, 6, 10]; // 1-D, gaps 1, 2, 3, 4
    const g = affinityGraph(pts, 5, 1, { k: 1, alpha: 2, threshold: 0 });
    expectClose(g.bandwidth, [1, 1, 2, 3, 4], F64_EXACT, 'σ_i');
    const w = csrToDense(g.weights);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expectClose(w[i * 5 + j], w[j * 5 + i], F64_EXACT);
    // W_01 = ½(K_01 + K_10) with K_01 = e^{−(1/1)²}, K_10 = e^{−(1/1)²}
    expectClose(w[1], Math.exp(-1), F64_EXACT, 'W_01');
    // W_34 = ½(K_34 + K_43): K_34 = e^{−(4/3)²}, K_43 = e^{−(4/4)²}
    expectClose(w[3 * 5 + 4], 0.5 * (Math.exp(-((4 / 3) ** 2)) + Math.exp(-1)), F64_EXACT, 'W_34');
  });

  it('finds connected components of two far clusters, and the pipeline gives finite, capped cross distances', () => {
    const random = mulberry32(4);
    const n = 40;
    const pts = Float64Array.from({ length: n * 2 }, (_, i) => random() + (i < n ? 0 : 100));
    const g = affinityGraph(pts, n, 2, { k: 4, alpha: 10 });
    expect(connectedComponents(g.weights).count).toBe(2);
    const r = heatGeodesicDistances(pts, n, 2, { k: 4, alpha: 10, laplacian: 'normalized', t: 5, order: 30, sigma: 0, heat: 'chebyshev' });
    expect(r.components.count).toBe(2);
    let within = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i < n / 2 === j < n / 2) within = Math.max(within, r.distances[i * n + j]);
    expectClose(r.distances[0 * n + n - 1], 1.5 * within, F64_EXACT, 'cross-component distance');
  });
});

describe('comparators', () => {
  // the cycle graph C_m: P = W/2 has eigenvalues cos(2πk/m)
  const m = 24;
  const rows = Array.from({ length: m }, (_, i) => i);
  const cycle = csrFromTriplets(m, m, [...rows, ...rows], [...rows.map((i) => (i + 1) % m), ...rows.map((i) => (i + m - 1) % m)], new Array(2 * m).fill(1));

  it('diffusion map on a cycle: eigenvalues cos(2π/m) (twice), coordinates on a circle', () => {
    const dm = diffusionMap(cycle, 2, 1, mulberry32(2));
    expectClose(dm.eigenvalues, [Math.cos((2 * Math.PI) / m), Math.cos((2 * Math.PI) / m)], F64_ITERATIVE, 'λ_1, λ_2');
    const radius = Array.from({ length: m }, (_, i) => Math.hypot(dm.embedding[i * 2], dm.embedding[i * 2 + 1]));
    expectClose(radius, new Array(m).fill(radius[0]), F64_ITERATIVE, 'radius');
  });

  it('t-step diffusion powers are row-stochastic and equal the dense matrix power', () => {
    const p = diffusionPowers(cycle, 3);
    const dense = csrToDense(cycle).map((v) => v / 2);
    const p3 = matMul(matMul(dense, dense, m, m, m), dense, m, m, m);
    expectClose(p, p3, F64_EXACT, 'P³');
    for (let i = 0; i < m; i++) expectClose(p.subarray(i * m, (i + 1) * m).reduce((s, v) => s + v, 0), 1, F64_EXACT, `row ${i}`);
  });

  it('the Laplacian spectrum of the cycle (dense solver) matches 1 − cos(2πk/m)', () => {
    const l = csrToDense(cycle).map((v, i) => (i % (m + 1) === 0 ? 1 : -v / 2));
    const expected = Float64Array.from({ length: m }, (_, k) => 1 - Math.cos((2 * Math.PI * k) / m)).sort();
    expectClose(symmetricEigen(l, m).values, expected, F64_EXACT);
  });
});

describe('entropy knee (Kneedle)', () => {
  it('for y = 1 − e^{−x} on [0, X] the knee is at x* = −log((1 − e^{−X})/X)', () => {
    const X = 10;
    const xs = Float64Array.from({ length: 1001 }, (_, i) => (i * X) / 1000);
    const knee = xs[kneedle(xs, xs.map((x) => 1 - Math.exp(-x)))];
    expectClose(knee, -Math.log((1 - Math.exp(-X)) / X), { absolute: X / 1000, relative: 0 }, 'knee');
  });
  it('rejects fewer than 3 points', () => {
    expect(() => kneedle([1, 2], [1, 2])).toThrow(/knee needs ≥ 3 points/);
  });
});

describe('correlations', () => {
  it('Pearson of a textbook pair and Spearman with average ranks for ties', () => {
    // x = 1..5, y = 2,4,5,4,5: r = 6/sqrt(10 · 6) (hand computation: Sxy = 6, Sxx = 10, Syy = 6)
    expectClose(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 6 / Math.sqrt(60), F64_EXACT);
    expectClose(ranks([10, 20, 20, 30]), [1, 2.5, 2.5, 4], F64_EXACT);
    expectClose(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1, F64_EXACT);
    expectClose(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1, F64_EXACT);
  });

  it('ranks by binary search equal ranks by sorting indices (ties, signed zeros, negatives)', () => {
    const random = mulberry32(11);
    const a = Float64Array.from({ length: 500 }, () => Math.round((random() - 0.5) * 40) / 4);
    a[3] = -0;
    a[7] = 0;
    // the direct definition: sort indices by value, give each run of equal values its average position
    const order = Array.from({ length: a.length }, (_, i) => i).sort((x, y) => a[x]! - a[y]!);
    const expected = new Float64Array(a.length);
    for (let i = 0; i < a.length; ) {
      let j = i;
      while (j + 1 < a.length && a[order[j + 1]!] === a[order[i]!]) j++;
      for (let q = i; q <= j; q++) expected[order[q]!] = (i + j) / 2 + 1;
      i = j + 1;
    }
    expectClose(ranks(a), expected, F64_EXACT);
  });
});

describe('datasets', () => {
  it('swiss roll arc length ½[t√(1+t²) + asinh t] matches Simpson integration of √(1+t²)', () => {
    const a = 1.5 * Math.PI;
    const b = 4.5 * Math.PI;
    const steps = 2000;
    let acc = 0;
    for (let k = 0; k <= steps; k++) {
      const t = a + ((b - a) * k) / steps;
      acc += (k === 0 || k === steps ? 1 : k % 2 ? 4 : 2) * Math.sqrt(1 + t * t);
    }
    expectClose(spiralArcLength(b) - spiralArcLength(a), (acc * (b - a)) / steps / 3, { absolute: 1e-9, relative: 1e-9 }, 'arc length');
  });

  it('noiseless swiss roll: nearby points have 3-D distance ≈ intrinsic distance', () => {
    const d = makeDataset('swissroll', 400, 0, mulberry32(3));
    const c = (d.groundTruth as { coords: Float64Array }).coords;
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      for (let j = i + 1; j < 400; j++) {
        const e = Math.hypot(d.points[i * 3] - d.points[j * 3], d.points[i * 3 + 1] - d.points[j * 3 + 1], d.points[i * 3 + 2] - d.points[j * 3 + 2]);
        if (e > 0.5) continue;
        const g = Math.hypot(c[i * 2] - c[j * 2], c[i * 2 + 1] - c[j * 2 + 1]);
        expectClose(e, g, { absolute: 0, relative: 0.01 }, `pair ${i},${j}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('every dataset is reproducible from its seed and has the requested size', () => {
    for (const name of DATASET_NAMES) {
      const a = makeDataset(name, 60, 0.05, mulberry32(11));
      const b = makeDataset(name, 60, 0.05, mulberry32(11));
      expect(a.points.length).toBe(60 * a.dim);
      expectClose(a.points, b.points, F64_EXACT, name);
    }
    expect(() => makeDataset('swissroll', 2, 0, mulberry32(1))).toThrow(/invalid number of points: 2/);
  });
});

describe('input checks', () => {
  it('names NaN, k ≥ n, too many rows and all-constant data; warns on duplicates and constant columns', () => {
    expect(() => checkPointCloud([1, 2, NaN, 4, 5, 6], 3, 2, 1, 100)).toThrow(/row 2, column 1 is NaN/);
    expect(() => checkPointCloud([1, 2, 3], 3, 1, 3, 100)).toThrow(/k = 3 but it must satisfy 1 ≤ k < n = 3/);
    expect(() => checkPointCloud(new Float64Array(20), 10, 2, 2, 5)).toThrow(/10 rows is more than the limit of 5/);
    expect(() => checkPointCloud(new Float64Array(20), 10, 2, 2, 50)).toThrow(/every column is constant/);
    const { warnings } = checkPointCloud([1, 7, 2, 7, 1, 7, 3, 7], 4, 2, 2, 100);
    expect(warnings.join(' ')).toMatch(/column 2 is constant/);
    expect(warnings.join(' ')).toMatch(/rows 1 and 3 are identical/);
  });
});
