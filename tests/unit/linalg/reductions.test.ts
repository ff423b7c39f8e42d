import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/foundation/linalg.json';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_PEER } from '../../../src/geometry/tolerance';
import { logSumExp, reduce } from '../../../src/geometry/linalg/reductions';

function filled(rows: number, cols: number, f: (i: number, j: number) => number): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = f(i, j);
  return a;
}

describe('reduce', () => {
  const rows = 5;
  const cols = 8;
  const a = filled(rows, cols, (i, j) => i + j / cols);

  it('golden: row and column sums of A[i,j] = i + j/cols', () => {
    expectClose(reduce(a, rows, cols, 'sum', 'rows'), Array.from({ length: rows }, (_, i) => i * cols + (cols - 1) / 2), F64_EXACT);
    expectClose(reduce(a, rows, cols, 'sum', 'cols'), Array.from({ length: cols }, (_, j) => (rows * (rows - 1)) / 2 + (rows * j) / cols), F64_EXACT);
  });

  it('golden: row and column maxima', () => {
    expectClose(reduce(a, rows, cols, 'max', 'rows'), Array.from({ length: rows }, (_, i) => i + (cols - 1) / cols), F64_EXACT);
    expectClose(reduce(a, rows, cols, 'max', 'cols'), Array.from({ length: cols }, (_, j) => rows - 1 + j / cols), F64_EXACT);
  });

  it('golden: log-sum-exp of rows with c zeros and the rest −1e4 is log c (finite, no underflow)', () => {
    const m = filled(6, 50, (i, j) => (j <= i ? 0 : -1e4));
    expectClose(reduce(m, 6, 50, 'logsumexp', 'rows'), Array.from({ length: 6 }, (_, i) => Math.log(i + 1)), F64_EXACT);
    // Huge positive entries do not overflow either: LSE(1e4 + x) = 1e4 + LSE(x).
    const big = filled(6, 50, (i, j) => (j <= i ? 1e4 : 0));
    expectClose(reduce(big, 6, 50, 'logsumexp', 'rows'), Array.from({ length: 6 }, (_, i) => 1e4 + Math.log(i + 1 + (49 - i) * Math.exp(-1e4))), F64_EXACT);
  });

  it('golden: column log-sum-exp of log(i+1) + j is j + log(rows(rows+1)/2)', () => {
    const m = filled(10, 4, (i, j) => Math.log(i + 1) + j);
    expectClose(reduce(m, 10, 4, 'logsumexp', 'cols'), [0, 1, 2, 3].map((j) => j + Math.log(55)), F64_EXACT);
  });

  it('a row or column of all −∞ has log-sum-exp −∞ (the empty sum), not NaN', () => {
    const m = [-Infinity, -Infinity, 0, -Infinity];
    expect(Array.from(reduce(m, 2, 2, 'logsumexp', 'rows'))).toEqual([-Infinity, 0]);
    expect(Array.from(reduce(m, 2, 2, 'logsumexp', 'cols'))).toEqual([0, -Infinity]);
  });

  it('peer: row and column log-sum-exp equal scipy.special.logsumexp (tests/fixtures/foundation)', () => {
    const { rows: r, cols: c, a: m, rowsLse, colsLse } = fixture.logsumexp;
    expectClose(reduce(m, r, c, 'logsumexp', 'rows'), rowsLse, F64_PEER);
    expectClose(reduce(m, r, c, 'logsumexp', 'cols'), colsLse, F64_PEER);
  });

  it('property: max ≤ LSE ≤ max + log(cols) and LSE(x + c) = LSE(x) + c', () => {
    const random = mulberry32(9);
    const m = Float64Array.from({ length: 7 * 31 }, () => random() * 100 - 50);
    const lse = reduce(m, 7, 31, 'logsumexp', 'rows');
    const max = reduce(m, 7, 31, 'max', 'rows');
    for (let i = 0; i < 7; i++) {
      expect(lse[i]).toBeGreaterThanOrEqual(max[i]);
      expect(lse[i]).toBeLessThanOrEqual(max[i] + Math.log(31));
    }
    const shifted = reduce(m.map((v) => v + 123.5), 7, 31, 'logsumexp', 'rows');
    expectClose(shifted, lse.map((v) => v + 123.5), F64_EXACT);
  });

  it('error path: wrong length', () => {
    expect(() => reduce([1, 2, 3], 2, 2, 'sum', 'rows')).toThrow(/matrix has 3 entries but its shape 2×2 needs 4/);
  });
});

describe('logSumExp', () => {
  it('golden: log Σ exp over a strided slice', () => {
    // Column 1 of a 3×2 matrix [[0, ln 1], [0, ln 2], [0, ln 3]]: log(1 + 2 + 3) = log 6.
    const x = [0, 0, 0, Math.LN2, 0, Math.log(3)];
    expectClose(logSumExp(x, 1, 3, 2), Math.log(6), F64_EXACT);
    expectClose(logSumExp([-1e4, -1e4]), -1e4 + Math.LN2, F64_EXACT);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
  });
});
