/** The unrolled mat-vecs against closed forms, at sizes that exercise every remainder loop. */
import { describe, expect, it } from 'vitest';
import { multiplyColumns, multiplyRows, multiplyRowsWeighted } from '../../../src/geometry/ot/products';
import { F64_EXACT, expectClose } from '../../../src/geometry/tolerance';

describe('products with K_ij = i + 2j', () => {
  for (const [n, m] of [
    [1, 1],
    [3, 5],
    [9, 7],
    [17, 13],
  ]) {
    const K = Float64Array.from({ length: n * m }, (_, k) => Math.floor(k / m) + 2 * (k % m));
    it(`${n}×${m}: K·1 = m·i + m(m−1) and Kᵀ·1 = n(n−1)/2 + 2n·j`, () => {
      const rows = new Float64Array(n);
      multiplyRows(K, new Float64Array(m).fill(1), n, m, rows);
      expectClose(rows, Float64Array.from({ length: n }, (_, i) => m * i + m * (m - 1)), F64_EXACT, 'K·1');
      const cols = new Float64Array(m);
      multiplyColumns(K, new Float64Array(n).fill(1), n, m, cols);
      expectClose(cols, Float64Array.from({ length: m }, (_, j) => (n * (n - 1)) / 2 + 2 * n * j), F64_EXACT, 'Kᵀ·1');
    });
    it(`${n}×${m}: weighted rows with C = K give Σ_j K_ij² as the weight`, () => {
      const rows = new Float64Array(n);
      const weighted = new Float64Array(n);
      multiplyRowsWeighted(K, K, new Float64Array(m).fill(1), n, m, rows, weighted);
      // Σ_j (i + 2j)² = m i² + 2 i m(m−1) + 4 (m−1)m(2m−1)/6
      const expected = Float64Array.from({ length: n }, (_, i) => m * i * i + 2 * i * m * (m - 1) + (4 * (m - 1) * m * (2 * m - 1)) / 6);
      expectClose(weighted, expected, F64_EXACT, 'Σ K²');
      expect(rows[0]).toBe(m * (m - 1));
    });
  }
});
