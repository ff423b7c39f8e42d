import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricTridiagonalEigen } from '../../../src/geometry/linalg/symmetricEigen';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

/** The second-difference matrix tridiag(−1, 2, −1): λ_k = 2 − 2cos(kπ/(n+1)), v_k(j) ∝ sin(jkπ/(n+1)). */
function secondDifference(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 2;
    if (i > 0) a[i * n + i - 1] = -1;
    if (i < n - 1) a[i * n + i + 1] = -1;
  }
  return a;
}

const closedForm = (n: number) =>
  Float64Array.from({ length: n }, (_, i) => 2 - 2 * Math.cos(((i + 1) * Math.PI) / (n + 1)));

describe('symmetricEigen (Householder + QL)', () => {
  it('eigenvalues of the 2nd-difference matrix equal 2 − 2cos(kπ/(n+1))', () => {
    const n = 37;
    const e = symmetricEigen(secondDifference(n), n);
    expectClose(e.values, closedForm(n), F64_EXACT, 'eigenvalues');
    // eigenvectors: |v_k| matches the normalised sine up to sign
    for (const k of [0, 5, 36]) {
      const v = e.vectors.subarray(k * n, (k + 1) * n);
      const s = Float64Array.from({ length: n }, (_, j) => Math.sin(((j + 1) * (k + 1) * Math.PI) / (n + 1)));
      const norm = Math.hypot(...s);
      const sign = Math.sign(v[0]) * Math.sign(s[0]);
      expectClose(Float64Array.from(v, (x) => x * sign), Float64Array.from(s, (x) => x / norm), F64_EXACT, `vector ${k}`);
    }
  });

  it('a random symmetric matrix: A v = λ v, VᵀV = I, Σλ = trace', () => {
    const n = 60;
    const random = mulberry32(3);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random() * 2 - 1;
    const { values, vectors } = symmetricEigen(a, n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i];
    expectClose(values.reduce((s, x) => s + x, 0), trace, F64_EXACT, 'trace');
    for (let e = 0; e < n; e++) {
      const v = vectors.subarray(e * n, (e + 1) * n);
      const av = Float64Array.from({ length: n }, (_, i) => a.subarray(i * n, (i + 1) * n).reduce((s, x, j) => s + x * v[j], 0));
      expectClose(av, Float64Array.from(v, (x) => x * values[e]), F64_EXACT, `A v_${e}`);
      for (let f = e; f < n; f++) {
        const w = vectors.subarray(f * n, (f + 1) * n);
        expectClose(v.reduce((s, x, i) => s + x * w[i], 0), e === f ? 1 : 0, F64_EXACT, `v_${e}·v_${f}`);
      }
    }
    for (let e = 1; e < n; e++) expect(values[e]).toBeGreaterThanOrEqual(values[e - 1]);
  });

  it('handles a diagonal matrix with repeated eigenvalues and a 1×1 matrix', () => {
    const e = symmetricEigen([3, 0, 0, 0, 1, 0, 0, 0, 3], 3);
    expectClose(e.values, [1, 3, 3], F64_EXACT);
    expectClose(symmetricEigen([-2.5], 1).values, [-2.5], F64_EXACT);
  });

  it('tridiagonal entry point agrees with the closed form', () => {
    const n = 25;
    const e = symmetricTridiagonalEigen(new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1));
    expectClose(e.values, closedForm(n), F64_ITERATIVE);
  });

  it('rejects bad input with a message naming it', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(/has 3 entries but its shape 2×2 needs 4/);
    expect(() => symmetricEigen([1, NaN, NaN, 1], 2)).toThrow(/row 0, column 1\) is NaN/);
    expect(() => symmetricTridiagonalEigen([1, 2], [1, 2])).toThrow(/off-diagonal has 2 entries/);
  });
});
