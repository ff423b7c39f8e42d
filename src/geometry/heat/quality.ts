/**
 * Embedding quality against ground-truth geodesic distances, as in Huguet et al.
 * 2023 (§5.1, Table 1): for each row i, the Spearman (rank) and Pearson correlation
 * between {d_emb(i, j)}_{j≠i} and {d_true(i, j)}_{j≠i}, averaged over rows.
 * Spearman uses average ranks for ties. For large n an evenly spaced subset of
 * `maxRows` rows is averaged (each row still uses all n − 1 partners).
 */
import { groundTruthRow, type GroundTruth } from './datasets';

export interface Quality {
  spearman: number;
  pearson: number;
  rows: number;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] - ma;
    const y = b[i] - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Ranks 1..n with ties given their average rank. A native numeric sort of a copy, then each value's
 * tie group [first index ≥ v, first index > v) by binary search: the same ranks as sorting indices
 * with a comparator, several times faster (no boxed array, no comparator calls). Values must not be NaN.
 */
export function ranks(a: ArrayLike<number>): Float64Array {
  const n = a.length;
  const sorted = Float64Array.from(a).sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    hi = n;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (sorted[mid] <= v) end = mid + 1;
      else hi = mid;
    }
    // positions lo … end − 1 (0-based) hold v: average rank (lo + end − 1)/2 + 1
    out[i] = (lo + end + 1) / 2;
  }
  return out;
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(a), ranks(b));
}

/** Row-averaged correlations between two distance-row providers. */
export function rowAveragedCorrelations(
  n: number,
  rowA: (i: number, out: Float64Array) => void,
  rowB: (i: number, out: Float64Array) => void,
  maxRows = n,
): Quality {
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const ra = new Float64Array(n - 1);
  const rb = new Float64Array(n - 1);
  const rows = Math.min(n, maxRows);
  let s = 0;
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const i = Math.floor((r * n) / rows);
    rowA(i, a);
    rowB(i, b);
    let q = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      ra[q] = a[j];
      rb[q] = b[j];
      q++;
    }
    s += spearman(ra, rb);
    p += pearson(ra, rb);
  }
  return { spearman: s / rows, pearson: p / rows, rows };
}

/** Distances from point i of an n×dims embedding to all points. */
export function embeddingRow(x: ArrayLike<number>, n: number, dims: number, i: number, out: Float64Array): Float64Array {
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let c = 0; c < dims; c++) {
      const t = x[i * dims + c] - x[j * dims + c];
      s += t * t;
    }
    out[j] = Math.sqrt(s);
  }
  return out;
}

/** Quality of an embedding (n×dims) against a ground truth. */
export function embeddingQuality(x: ArrayLike<number>, n: number, dims: number, gt: GroundTruth, maxRows = n): Quality {
  return rowAveragedCorrelations(
    n,
    (i, out) => embeddingRow(x, n, dims, i, out),
    (i, out) => groundTruthRow(gt, n, i, out),
    maxRows,
  );
}

/** Quality of a distance matrix (n×n) against a ground truth. */
export function distanceQuality(d: Float64Array, n: number, gt: GroundTruth, maxRows = n): Quality {
  return rowAveragedCorrelations(
    n,
    (i, out) => out.set(d.subarray(i * n, (i + 1) * n)),
    (i, out) => groundTruthRow(gt, n, i, out),
    maxRows,
  );
}
