import { describe, expect, it } from 'vitest';
import { lanczosTop, lanczosTopEigenpairs, denseOperator } from '../../../src/geometry/spectral';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';

// diag(3, 3, 3, 1, 1, 1): from any start the Krylov space is 2-dimensional, so Lanczos breaks down after two steps.
const diagonal = [3, 3, 3, 1, 1, 1];
const n = diagonal.length;
const apply = (x: Float64Array, out: Float64Array) => {
  for (let i = 0; i < n; i++) out[i] = diagonal[i] * x[i];
};

describe('one Lanczos: the callback form restarts on breakdown, the process form stops', () => {
  it('lanczosTop returns all four requested pairs of a matrix with a 2-dimensional Krylov space', () => {
    const top = lanczosTop(apply, n, 4, 6, mulberry32(7));
    expectClose(top.values, [3, 3, 3, 1], F64_ITERATIVE);
    // Each row is a unit eigenvector: A v = λ v.
    for (let e = 0; e < 4; e++) {
      const v = top.vectors.subarray(e * n, (e + 1) * n);
      const av = new Float64Array(n);
      apply(Float64Array.from(v), av);
      expectClose(av, Float64Array.from(v, (x) => x * top.values[e]), F64_ITERATIVE, `A v${e}`);
      expect(Math.hypot(...v)).toBeCloseTo(1, 12);
    }
  });

  it('lanczosTopEigenpairs stops at the invariant subspace and returns the exact two distinct values', () => {
    const op = denseOperator(Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? diagonal[k / (n + 1)] : 0)), n);
    const top = lanczosTopEigenpairs(op, 4, mulberry32(7), 6);
    expect(top.products).toBe(2);
    expectClose(top.values, [3, 1], F64_ITERATIVE);
  });

  it('rejects a count outside [1, n]', () => {
    expect(() => lanczosTop(apply, n, 7, 6, mulberry32(1))).toThrow(/invalid eigenpair count: 7 \(need 1 ≤ count ≤ n = 6\)/);
  });
});
