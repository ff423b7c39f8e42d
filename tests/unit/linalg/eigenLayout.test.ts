import { describe, expect, it } from 'vitest';
import { eigenvectorMatrix, symmetricEigen, symmetricTridiagonalEigen, type SymmetricEigen } from '../../../src/geometry/linalg/symmetricEigen';
import { symmetricEigenJacobi } from '../../../src/geometry/linalg/jacobiEigen';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

// A non-symmetric-looking layout mistake (rows read as columns) is silent on
// symmetric inputs with symmetric eigenvectors, so the matrix has none: its
// eigenvectors are not symmetric under transposition of V.
const a = Float64Array.of(4, 1, -2, 1, 3, 0.5, -2, 0.5, 1);
const n = 3;

function residual(eig: SymmetricEigen, i: number): number {
  // ‖A v_i − λ_i v_i‖ with v_i = row i of eig.vectors.
  let r = 0;
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let q = 0; q < n; q++) s += a[p * n + q] * eig.vectors[i * n + q];
    r = Math.max(r, Math.abs(s - eig.values[i] * eig.vectors[i * n + p]));
  }
  return r;
}

describe('one SymmetricEigen layout: eigenvectors as rows', () => {
  for (const [name, solve] of [
    ['Householder + QL', () => symmetricEigen(a, n)],
    ['cyclic Jacobi', () => symmetricEigenJacobi(a, n)],
  ] as const) {
    it(`${name}: row i of vectors is the eigenvector of values[i] (A v = λ v)`, () => {
      const eig = solve();
      expect(eig.n).toBe(n);
      for (let i = 0; i < n; i++) expect(residual(eig, i)).toBeLessThan(1e-12);
      expect(eig.values[0]).toBeLessThan(eig.values[1]);
      expect(eig.values[1]).toBeLessThan(eig.values[2]);
    });
  }

  it('both solvers agree on the eigenvalues, and eigenvectorMatrix gives A = V diag(λ) Vᵀ', () => {
    const ql = symmetricEigen(a, n);
    const jacobi = symmetricEigenJacobi(a, n);
    expectClose(jacobi.values, ql.values, F64_EXACT);
    const v = eigenvectorMatrix(jacobi);
    const back = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) back[i * n + j] += v[i * n + k] * jacobi.values[k] * v[j * n + k];
    expectClose(back, a, F64_EXACT);
  });

  it('the tridiagonal solver uses the same layout', () => {
    const t = symmetricTridiagonalEigen([2, 2, 2], [-1, -1]);
    // Closed form: λ_k = 2 − 2 cos(kπ/4), eigenvector components sin(jkπ/4).
    expectClose(t.values, [1, 2, 3].map((k) => 2 - 2 * Math.cos((k * Math.PI) / 4)), F64_EXACT);
    const s = Math.SQRT1_2;
    expectClose(t.vectors.subarray(0, 3).map((x) => Math.abs(x)), [0.5, s, 0.5], F64_EXACT);
  });

  it('rejects a matrix whose size does not fit', () => {
    expect(() => symmetricEigenJacobi([1, 2, 3], 2)).toThrow(/has 3 entries but its shape 2×2 needs 4/);
    expect(() => symmetricEigenJacobi([1, 2, 3])).toThrow(/3 entries, which is not n×n/);
  });
});
