/**
 * Thin SVD A = U Σ Vᵀ of a small m×k matrix (m ≥ k, row-major) through the symmetric
 * eigendecomposition AᵀA = V Σ² Vᵀ (Jacobi), U = A V Σ⁻¹. Squaring the matrix halves the
 * accurate digits of the smallest singular values, which is acceptable here: Grassmann
 * points and tangents are well scaled (σ ≤ π, k ≤ 8). Columns of U whose σ is below
 * 1e-14·σ_max are left zero: every caller multiplies them by sin σ or atan σ, which vanish.
 */
import { symmetricEigenJacobi as symmetricEigen } from '../linalg/jacobiEigen';

export interface ThinSvd {
  /** m×k row-major. */
  u: Float64Array;
  /** k singular values, descending. */
  sigma: Float64Array;
  /** k×k row-major; columns are right singular vectors. */
  v: Float64Array;
}

export function thinSvd(a: ArrayLike<number>, m: number, k: number): ThinSvd {
  if (a.length !== m * k) throw new Error(`matrix has ${a.length} entries but its shape ${m}×${k} needs ${m * k}`);
  if (k > m) throw new Error(`thin SVD needs rows ≥ columns but the matrix is ${m}×${k}`);
  const ata = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = i; j < k; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += a[r * k + i] * a[r * k + j];
      ata[i * k + j] = s;
      ata[j * k + i] = s;
    }
  const eig = symmetricEigen(ata, k);
  const sigma = new Float64Array(k);
  const v = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const src = k - 1 - c; // descending
    sigma[c] = Math.sqrt(Math.max(eig.values[src], 0));
    for (let r = 0; r < k; r++) v[r * k + c] = eig.vectors[src * k + r];
  }
  const u = new Float64Array(m * k);
  const cutoff = 1e-14 * Math.max(sigma[0], 1e-300);
  for (let c = 0; c < k; c++) {
    if (sigma[c] <= cutoff) continue;
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += a[r * k + j] * v[j * k + c];
      u[r * k + c] = s / sigma[c];
    }
  }
  return { u, sigma, v };
}
