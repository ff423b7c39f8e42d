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

/**
 * One side of the row-averaged correlations, prepared once: for the sampled rows i, the
 * distances to every partner j ≠ i and their ranks. The ground truth's side is the same for
 * every embedding of one data set (a streamed iterate, another method), so callers keep it.
 */
export interface ReferenceRows {
  n: number;
  /** The sampled row indices, evenly spaced. */
  index: Int32Array;
  /** rows × (n − 1): row r's partner distances, in partner order. */
  values: Float64Array;
  /** rows × (n − 1): their average ranks. */
  ranks: Float64Array;
}

export function referenceRows(n: number, row: (i: number, out: Float64Array) => void, maxRows = n): ReferenceRows {
  const rows = Math.min(n, maxRows);
  const index = Int32Array.from({ length: rows }, (_, r) => Math.floor((r * n) / rows));
  const values = new Float64Array(rows * (n - 1));
  const rankValues = new Float64Array(rows * (n - 1));
  const full = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const i = index[r];
    row(i, full);
    const partners = values.subarray(r * (n - 1), (r + 1) * (n - 1));
    let q = 0;
    for (let j = 0; j < n; j++) if (j !== i) partners[q++] = full[j];
    rankValues.set(ranks(partners), r * (n - 1));
  }
  return { n, index, values, ranks: rankValues };
}

/** Row-averaged Spearman and Pearson of the rows `rowA` gives against prepared reference rows. */
export function correlationsAgainst(reference: ReferenceRows, rowA: (i: number, out: Float64Array) => void): Quality {
  const { n, index } = reference;
  const rows = index.length;
  const a = new Float64Array(n);
  const ra = new Float64Array(n - 1);
  let s = 0;
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const i = index[r];
    rowA(i, a);
    let q = 0;
    for (let j = 0; j < n; j++) if (j !== i) ra[q++] = a[j];
    const span = [r * (n - 1), (r + 1) * (n - 1)] as const;
    s += pearson(ranks(ra), reference.ranks.subarray(...span));
    p += pearson(ra, reference.values.subarray(...span));
  }
  return { spearman: s / rows, pearson: p / rows, rows };
}

/** Row-averaged correlations between two distance-row providers. */
export function rowAveragedCorrelations(
  n: number,
  rowA: (i: number, out: Float64Array) => void,
  rowB: (i: number, out: Float64Array) => void,
  maxRows = n,
): Quality {
  return correlationsAgainst(referenceRows(n, rowB, maxRows), rowA);
}

/** The ground truth's reference rows for {@link embeddingQualityAgainst}. */
export function groundTruthRows(gt: GroundTruth, n: number, maxRows = n): ReferenceRows {
  return referenceRows(n, (i, out) => groundTruthRow(gt, n, i, out), maxRows);
}

/** {@link embeddingQuality} against ground-truth rows prepared once by {@link groundTruthRows}. */
export function embeddingQualityAgainst(x: ArrayLike<number>, dims: number, reference: ReferenceRows): Quality {
  return correlationsAgainst(reference, (i, out) => embeddingRow(x, reference.n, dims, i, out));
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
  return embeddingQualityAgainst(x, dims, groundTruthRows(gt, n, maxRows));
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
