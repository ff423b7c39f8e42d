import { describe, expect, it } from 'vitest';
import {
  affinityGraph,
  csrFromTriplets,
  chebyshevOrderFor,
  chebyshevTruncationBound,
  heatKernelChebyshev,
  heatKernelChebyshevDense,
  heatKernelExact,
  laplacian,
  laplacianEigen,
  laplacianSpectralBound,
  type LaplacianKind,
} from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

function randomCloud(n: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n * 2 }, () => r());
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('heat kernel by Chebyshev against the exact eigendecomposition', () => {
  const n = 60;
  const x = randomCloud(n, 21);
  const graph = affinityGraph(x, n, 2, { k: 6, alpha: 10 });
  for (const [kind, t] of [
    ['normalized', 5],
    ['combinatorial', 0.8],
  ] as [LaplacianKind, number][]) {
    it(`${kind} Laplacian, t = ${t}: error falls with K and stays under the coefficient-tail bound`, () => {
      const l = laplacian(graph.weights, kind);
      const lambdaMax = laplacianSpectralBound(l, kind);
      const eigen = laplacianEigen(l);
      // the bound really bounds the spectrum, which is ≥ 0
      expect(eigen.values[n - 1]).toBeLessThanOrEqual(lambdaMax * (1 + 1e-12));
      expect(eigen.values[0]).toBeGreaterThan(-1e-10);
      const exact = heatKernelExact(eigen, t);
      const errors = [2, 4, 8, 16, 32, 48].map((order) => {
        const err = maxAbsDiff(heatKernelChebyshevDense(l, lambdaMax, t, order), exact);
        expect(err).toBeLessThanOrEqual(chebyshevTruncationBound(t, lambdaMax, order) + 1e-12);
        return err;
      });
      for (let i = 1; i < errors.length; i++) {
        if (errors[i - 1] > 1e-12) expect(errors[i]).toBeLessThan(errors[i - 1]);
      }
      expect(errors[errors.length - 1]).toBeLessThan(F64_ITERATIVE.absolute);
    });
  }

  it('exp(−tL) of the normalized Laplacian fixes D^{1/2}1 (the kernel of L)', () => {
    const l = laplacian(graph.weights, 'normalized');
    const h = heatKernelChebyshevDense(l, 2, 3, 40);
    const deg = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let p = graph.weights.rowPtr[i]; p < graph.weights.rowPtr[i + 1]; p++) deg[i] += graph.weights.values[p];
    const v = Float64Array.from(deg, Math.sqrt);
    const hv = Float64Array.from({ length: n }, (_, i) => h.subarray(i * n, (i + 1) * n).reduce((s, a, j) => s + a * v[j], 0));
    expectClose(hv, v, F64_ITERATIVE, 'H D^{1/2} 1');
  });

  it('the blocked, fused dense path equals the plain recurrence on the identity (any block size)', () => {
    const l = laplacian(graph.weights, 'normalized');
    const eye = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye[i * n + i] = 1;
    const plain = heatKernelChebyshev(l, 2, [4], 20, eye, n)[0];
    for (const block of [1, 7, 64]) expectClose(heatKernelChebyshevDense(l, 2, 4, 20, block), plain, F64_EXACT, `block ${block}`);
    // a disconnected graph (two far clouds): the breadth-first column order spans both components
    const two = Float64Array.from([...randomCloud(30, 5), ...Array.from(randomCloud(30, 6), (v) => v + 50)]);
    const l2 = laplacian(affinityGraph(two, 60, 2, { k: 5, alpha: 10 }).weights, 'normalized');
    const plain2 = heatKernelChebyshev(l2, 2, [4], 20, eye, n)[0];
    expectClose(heatKernelChebyshevDense(l2, 2, 4, 20, 7), plain2, F64_EXACT, 'two components');
  });

  it('the order for a tolerance is the first K whose tail bound is below it', () => {
    const k = chebyshevOrderFor(10, 2, 1e-8);
    expect(chebyshevTruncationBound(10, 2, k)).toBeLessThanOrEqual(1e-8);
    expect(chebyshevTruncationBound(10, 2, k - 1)).toBeGreaterThan(1e-8);
  });

  it('a path graph: combinatorial eigenvalues 2 − 2cos(kπ/n) (closed form)', () => {
    const m = 12;
    const rows = Array.from({ length: m - 1 }, (_, i) => i);
    const unit = csrFromTriplets(m, m, [...rows, ...rows.map((i) => i + 1)], [...rows.map((i) => i + 1), ...rows], new Array(2 * (m - 1)).fill(1));
    const e = laplacianEigen(laplacian(unit, 'combinatorial'));
    expectClose(e.values, Float64Array.from({ length: m }, (_, k) => 2 - 2 * Math.cos((k * Math.PI) / m)), F64_EXACT);
  });

  it('rejects a bad order or time', () => {
    const l = laplacian(graph.weights, 'normalized');
    expect(() => heatKernelChebyshevDense(l, 2, 1, 0)).toThrow(/invalid Chebyshev order: 0/);
    expect(() => heatKernelChebyshevDense(l, 2, -1, 8)).toThrow(/invalid diffusion time t: -1/);
  });
});
