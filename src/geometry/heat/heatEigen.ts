/**
 * The heat kernel from a truncated eigendecomposition of the Laplacian,
 *     H̃_t = V_m e^{−tΛ_m} V_mᵀ,
 * keeping the m eigenpairs with the smallest eigenvalues λ_1 ≤ … ≤ λ_m (all with
 * e^{−tλ} ≥ `cutoff`). Once L = V Λ Vᵀ is known (cached per graph), each diffusion time
 * costs n²m instead of a Chebyshev recurrence over every column.
 *
 * Error bound. The dropped part E = Σ_{k>m} e^{−tλ_k} v_k v_kᵀ is positive semidefinite
 * with ‖E‖₂ = e^{−tλ_{m+1}}, and its diagonal is E_ii ≤ e^{−tλ_{m+1}} r_i with
 * r_i = Σ_{k>m} v_k(i)² = 1 − Σ_{k≤m} v_k(i)² (what the dropped eigenvectors can put on
 * node i). A PSD matrix has |E_ij| ≤ √(E_ii E_jj), so every entry satisfies
 *     |H_ij − H̃_ij| ≤ e^{−tλ_{m+1}} √(r_i r_j) ≤ e^{−tλ_{m+1}} max_i r_i   (`bound`).
 * The eigendecomposition itself is the dense f64 solver's (rounding ~1e-13 on top).
 */
import type { SymmetricEigen } from '../linalg/symmetricEigen';

/** Eigenpairs with e^{−tλ} below this are dropped (far below the 1e-16 floor of Varadhan's log relative to H's scale). */
export const HEAT_EIGEN_CUTOFF = 1e-12;

export interface TruncatedHeat {
  /** n×n row-major H̃_t. */
  heat: Float64Array;
  /** Eigenpairs kept, m. */
  kept: number;
  /** Entrywise bound on |H_t − H̃_t| (see the module comment); 0 when every pair is kept. */
  bound: number;
  /** e^{−tλ_{m+1}}, the spectral-norm error (0 when every pair is kept). */
  spectralBound: number;
}

/** Number of eigenpairs (eigenvalues ascending) with e^{−tλ} ≥ cutoff. */
export function heatEigenCount(values: ArrayLike<number>, t: number, cutoff = HEAT_EIGEN_CUTOFF): number {
  const threshold = -Math.log(cutoff) / t;
  let m = 0;
  while (m < values.length && values[m] <= threshold) m++;
  return m;
}

export function heatKernelTruncated(eigen: SymmetricEigen, t: number, cutoff = HEAT_EIGEN_CUTOFF): TruncatedHeat {
  if (!(t > 0) || !Number.isFinite(t)) throw new Error(`invalid diffusion time t: ${t} (need t > 0)`);
  if (!(cutoff >= 0 && cutoff < 1)) throw new Error(`invalid eigenvalue cutoff: ${cutoff} (need 0 ≤ cutoff < 1)`);
  const { n, values, vectors } = eigen;
  const m = heatEigenCount(values, t, cutoff);
  const h = new Float64Array(n * n);
  const captured = new Float64Array(n);
  const row = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    const w = Math.exp(-t * values[e]);
    const o = e * n;
    for (let j = 0; j < n; j++) {
      const v = vectors[o + j];
      row[j] = w * v;
      captured[j] += v * v;
    }
    for (let i = 0; i < n; i++) {
      const vi = vectors[o + i];
      if (vi === 0) continue;
      const hi = i * n;
      for (let j = 0; j < n; j++) h[hi + j] += vi * row[j];
    }
  }
  if (m === n) return { heat: h, kept: m, bound: 0, spectralBound: 0 };
  // λ_{m+1} ≥ 0 in exact arithmetic; a rounding-negative value only makes the bound larger
  const spectralBound = Math.exp(-t * values[m]);
  let dropped = 0;
  // m·ε covers the rounding of Σ_k v_k(i)² (orthonormal to working precision)
  for (let i = 0; i < n; i++) dropped = Math.max(dropped, Math.min(1, Math.max(0, 1 - captured[i]) + m * Number.EPSILON));
  return { heat: h, kept: m, bound: spectralBound * dropped, spectralBound };
}
