/**
 * Heat-geodesic distances by Varadhan's formula with the Harnack (volume)
 * regularization (Huguet et al. 2023, Def. 4.1 / eq. 4):
 *     d_ij² = −4t log H_ij + σ · 4t log((H_ii + H_jj)/2),   d_ij = sqrt(max(0, d_ij²)).
 * For the Euclidean heat kernel (4πt)^{−d/2} exp(−‖x−y‖²/4t) the σ = 1 term cancels the
 * volume factor exactly and d_ij = ‖x_i − x_j‖.
 * As in the reference code, H is clipped at 0 and 1e-16 is added inside the logs; the
 * kernel is symmetrized ((H + Hᵀ)/2, which Chebyshev rounding can break) and the diagonal of D is 0.
 */

export const HEAT_LOG_FLOOR = 1e-16;

export function varadhanDistances(h: ArrayLike<number>, n: number, t: number, sigma: number, out = new Float64Array(n * n)): Float64Array {
  if (h.length !== n * n) throw new Error(`heat kernel has ${h.length} entries but ${n}×${n} needs ${n * n}`);
  if (!(t > 0)) throw new Error(`invalid diffusion time t: ${t} (need t > 0)`);
  if (!(sigma >= 0 && sigma <= 2)) throw new Error(`invalid σ: ${sigma} (need 0 ≤ σ ≤ 2)`);
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) diag[i] = Math.max(0, h[i * n + i]);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      if (i === j) {
        out[i * n + i] = 0;
        continue;
      }
      const hij = Math.max(0, 0.5 * (h[i * n + j] + h[j * n + i]));
      const sq = -4 * t * Math.log(hij + HEAT_LOG_FLOOR) + sigma * 4 * t * Math.log(0.5 * (diag[i] + diag[j]) + HEAT_LOG_FLOOR);
      const dij = Math.sqrt(Math.max(0, sq));
      out[i * n + j] = dij;
      out[j * n + i] = dij;
    }
  }
  return out;
}
