/**
 * Graph Laplacians as CSR matrices and an upper bound on their largest eigenvalue.
 *   combinatorial  L = D − W
 *   normalized     L = I − D^{−1/2} W D^{−1/2}   (spectrum in [0, 2])
 * Isolated nodes (d_i = 0) get L_ii = 0 in the normalized form (pygsp's convention).
 */
import { csrFromTriplets, type CsrMatrix } from './sparse';
import { degrees } from './graph';

export type LaplacianKind = 'normalized' | 'combinatorial';

export function laplacian(w: CsrMatrix, kind: LaplacianKind): CsrMatrix {
  const n = w.rows;
  const deg = degrees(w);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(i);
    cols.push(i);
    vals.push(kind === 'combinatorial' ? deg[i] : deg[i] > 0 ? 1 : 0);
    for (let p = w.rowPtr[i]; p < w.rowPtr[i + 1]; p++) {
      const j = w.colIndex[p];
      if (j === i) continue;
      const v = kind === 'combinatorial' ? -w.values[p] : -w.values[p] / Math.sqrt(deg[i] * deg[j]);
      rows.push(i);
      cols.push(j);
      vals.push(v);
    }
  }
  return csrFromTriplets(n, n, rows, cols, vals);
}

/**
 * λ_max ≤ max_i (|L_ii| + Σ_{j≠i} |L_ij|) (Gershgorin), and ≤ 2 for the normalized
 * Laplacian. A rigorous bound: the Chebyshev expansion on [0, bound] then covers the
 * whole spectrum (an underestimate, as from a few power iterations, would not).
 */
export function laplacianSpectralBound(l: CsrMatrix, kind: LaplacianKind): number {
  let bound = 0;
  for (let i = 0; i < l.rows; i++) {
    let s = 0;
    for (let p = l.rowPtr[i]; p < l.rowPtr[i + 1]; p++) s += Math.abs(l.values[p]);
    bound = Math.max(bound, s);
  }
  return kind === 'normalized' ? Math.min(2, bound) : bound;
}
