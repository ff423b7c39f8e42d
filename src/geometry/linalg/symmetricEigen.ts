/**
 * Dense symmetric eigendecomposition A = V Λ Vᵀ in f64: Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm with Wilkinson-style
 * shifts (the EISPACK tred2/tql2 pair; Wilkinson & Reinsch, Handbook for Automatic
 * Computation II, 1971). O(n³) time, O(n²) memory; use it up to n ≈ 1000.
 *
 * Output layout: eigenvalues ascending; `vectors` holds the eigenvectors as ROWS
 * (vectors[i * n + k] is component k of the eigenvector of values[i]) so each
 * Givens rotation of QL touches two contiguous rows.
 *
 * `SymmetricEigen` is the one eigendecomposition type of the code base: this
 * solver (large, well-conditioned) and the cyclic Jacobi solver of
 * ./jacobiEigen.ts (small, ill-conditioned SPD, high relative accuracy) both
 * return it, and Lanczos and power iteration return their k eigenvectors in the
 * same row layout.
 */

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** n×n, row i is the unit eigenvector of values[i]. */
  vectors: Float64Array;
  n: number;
  /** Sweeps used, for the Jacobi solver. */
  sweeps?: number;
}

/** The matrix V (row-major n×n) whose COLUMNS are the eigenvectors, so A = V diag(λ) Vᵀ. */
export function eigenvectorMatrix(eigen: SymmetricEigen): Float64Array {
  const { n, vectors } = eigen;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) v[k * n + i] = vectors[i * n + k];
  return v;
}

/** Checks a symmetric n×n row-major matrix and reduces a copy to tridiagonal form (d, e), V holding the reflections. */
function tridiagonalize(a: ArrayLike<number>, n: number): { v: Float64Array; d: Float64Array; e: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid matrix size: ${n} (need a positive integer)`);
  if (a.length !== n * n) throw new Error(`matrix has ${a.length} entries but its shape ${n}×${n} needs ${n * n}`);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) throw new Error(`matrix entry ${i} (row ${Math.floor(i / n)}, column ${i % n}) is ${a[i]}`);
  }
  const v = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonal(v, d, e, n);
  return { v, d, e };
}

/** Eigendecomposition of a symmetric n×n row-major matrix (only symmetry up to rounding is assumed; the lower triangle is read). */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  const { v, d, e } = tridiagonalize(a, n);
  // tql2 rotates columns of V; work on Vᵀ so rotations are row operations.
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j * n + i] = v[i * n + j];
  tridiagonalQl(d, e, w, n);
  return sortAscending(d, w, n);
}

/**
 * The eigenvalues alone (ascending) of a symmetric n×n row-major matrix: the same Householder
 * reduction and QL iteration as `symmetricEigen`, whose eigenvalue arithmetic does not depend on the
 * vectors, without accumulating the rotations — so the values are bit-for-bit those of
 * `symmetricEigen` at a fraction of the O(n³) work.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  const { d, e } = tridiagonalize(a, n);
  tridiagonalQl(d, e, null, n);
  return d.sort();
}

/**
 * Eigendecomposition of the symmetric tridiagonal matrix with diagonal `diagonal`
 * (length n) and off-diagonal `offDiagonal` (length n − 1). Used by Lanczos.
 */
export function symmetricTridiagonalEigen(diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>): SymmetricEigen {
  const n = diagonal.length;
  if (n < 1) throw new Error('tridiagonal matrix is empty');
  if (offDiagonal.length !== n - 1) {
    throw new Error(`off-diagonal has ${offDiagonal.length} entries but a ${n}×${n} tridiagonal matrix needs ${n - 1}`);
  }
  const d = Float64Array.from(diagonal);
  // tql2 expects e[i] = A[i, i−1] in slots 1..n−1.
  const e = new Float64Array(n);
  for (let i = 1; i < n; i++) e[i] = offDiagonal[i - 1];
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) w[i * n + i] = 1;
  tridiagonalQl(d, e, w, n);
  return sortAscending(d, w, n);
}

/** Householder tridiagonalization in place (tred2). On exit v holds the orthogonal transform, d the diagonal, e[1..] the sub-diagonal. */
function householderTridiagonal(v: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e[1..]); accumulates rotations into the ROWS of w (w = Vᵀ) unless w is null. */
function tridiagonalQl(d: Float64Array, e: Float64Array, w: Float64Array | null, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60) throw new Error(`tridiagonal QL did not converge for eigenvalue ${l} after 60 sweeps`);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (!w) continue;
          const oi = i * n;
          const oi1 = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const hk = w[oi1 + k];
            w[oi1 + k] = s * w[oi + k] + c * hk;
            w[oi + k] = c * w[oi + k] - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}

function sortAscending(d: Float64Array, w: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x] - d[y]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = d[src];
    vectors.set(w.subarray(src * n, src * n + n), dst * n);
  });
  return { values, vectors, n };
}
