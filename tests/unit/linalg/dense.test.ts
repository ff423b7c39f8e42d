import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/foundation/linalg.json';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_PEER } from '../../../src/geometry/tolerance';
import { matMul, matVec, transpose } from '../../../src/geometry/linalg/dense';

function filled(rows: number, cols: number, f: (i: number, j: number) => number): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = f(i, j);
  return a;
}

describe('matVec', () => {
  it('golden: a 2×3 product worked by hand', () => {
    expectClose(matVec([1, 2, 3, 4, 5, 6], [1, 0, -1], 2, 3), [-2, -2], F64_EXACT);
  });

  it('golden: A[i,j] = i + j times ones gives n·i + n(n−1)/2', () => {
    const rows = 13;
    const cols = 29;
    const y = matVec(filled(rows, cols, (i, j) => i + j), new Float64Array(cols).fill(1), rows, cols);
    expectClose(y, Float64Array.from({ length: rows }, (_, i) => cols * i + (cols * (cols - 1)) / 2), F64_EXACT);
  });

  it('error paths name the bad shape', () => {
    expect(() => matVec([1, 2, 3], [1, 1], 2, 2)).toThrow(/matrix has 3 entries but its shape 2×2 needs 4/);
    expect(() => matVec([1, 2, 3, 4], [1], 2, 2)).toThrow(/vector has 1 entries but its shape 2 needs 2/);
    expect(() => matVec([1, 2], [1], 2.5, 1)).toThrow(/invalid rows: 2.5/);
  });
});

describe('matMul', () => {
  it('golden: rotations compose, R(θ) R(φ) = R(θ + φ)', () => {
    const rot = (t: number) => [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)];
    expectClose(matMul(rot(0.4), rot(1.9), 2, 2, 2), rot(2.3), F64_EXACT);
  });

  it('golden: the second-difference matrix times its closed-form inverse is I', () => {
    const s = 25;
    const l = filled(s, s, (i, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0));
    const inverse = filled(s, s, (i, j) => ((Math.min(i, j) + 1) * (s - Math.max(i, j))) / (s + 1));
    expectClose(matMul(l, inverse, s, s, s), filled(s, s, (i, j) => (i === j ? 1 : 0)), F64_EXACT);
  });

  it('peer: equals numpy a @ b on a 7×5 · 5×6 product (tests/fixtures/foundation)', () => {
    const { m, k, n, a, b, c } = fixture.matmul;
    expectClose(matMul(a, b, m, k, n), c, F64_PEER);
  });

  it('property: associativity (AB)C = A(BC) on random non-square shapes', () => {
    const random = mulberry32(3);
    const a = Float64Array.from({ length: 6 * 4 }, () => random() - 0.5);
    const b = Float64Array.from({ length: 4 * 9 }, () => random() - 0.5);
    const c = Float64Array.from({ length: 9 * 3 }, () => random() - 0.5);
    expectClose(matMul(matMul(a, b, 6, 4, 9), c, 6, 9, 3), matMul(a, matMul(b, c, 4, 9, 3), 6, 4, 3), F64_EXACT);
  });

  it('keeps IEEE semantics: 0 · ∞ is NaN, as numpy gives', () => {
    expect(Number.isNaN(matMul([0, 1], [Infinity, 2], 1, 2, 1)[0])).toBe(true);
  });

  it('error paths name the bad shape', () => {
    expect(() => matMul([1, 2, 3], [1, 2], 1, 2, 1)).toThrow(/left matrix has 3 entries but its shape 1×2 needs 2/);
    expect(() => matMul([1, 2], [1, 2, 3], 1, 2, 1)).toThrow(/right matrix has 3 entries but its shape 2×1 needs 2/);
    expect(() => matMul([], [], -1, 0, 1)).toThrow(/invalid m: -1/);
  });
});

describe('transpose', () => {
  it('golden: a 2×3 matrix by hand, and transposing twice is the identity map', () => {
    const a = [1, 2, 3, 4, 5, 6];
    expect(Array.from(transpose(a, 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(transpose(transpose(a, 2, 3), 3, 2))).toEqual(a);
  });

  it('error path: wrong length', () => {
    expect(() => transpose([1, 2, 3], 2, 2)).toThrow(/matrix has 3 entries but its shape 2×2 needs 4/);
  });
});
