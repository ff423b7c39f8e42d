/**
 * Symmetric eigendecomposition A = V diag(λ) Vᵀ of a small symmetric matrix by the
 * cyclic Jacobi method (Golub & Van Loan, Matrix Computations, 4th ed., §8.5, with
 * Rutishauser's stable rotation formulas).
 *
 * Why Jacobi: for positive definite matrices it computes every eigenvalue to high
 * *relative* accuracy when A is a well-scaled diagonal times a well-conditioned
 * matrix (Demmel & Veselić, 1992), so an SPD matrix with condition number 1e8 keeps
 * its smallest eigenvalue to ~1e-15 relative, where a QR-based solver keeps only
 * ~1e-15·λ_max absolute. For n ≤ 8 its cost (a few sweeps of n²/2 rotations) is
 * negligible.
 *
 * The sweep rotates every off-diagonal pair (p, q) whose entry is not negligible
 * against the geometric mean of its diagonal entries; it stops when a whole sweep
 * rotates nothing (at most 100 sweeps; quadratic convergence makes ~6–10 typical).
 */
import { sizeOf } from './symmetric';

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Row-major n×n; column k (entries V[i*n + k]) is the unit eigenvector of values[k]. */
  vectors: Float64Array;
  /** Jacobi sweeps used. */
  sweeps: number;
}

const MAX_SWEEPS = 100;

export function symmetricEigen(a: ArrayLike<number>, n = sizeOf(a)): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let sweeps = 0;
  for (; sweeps < MAX_SWEEPS; sweeps++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        // Relative threshold: an entry below eps·sqrt(|a_pp a_qq|) cannot change any eigenvalue's leading digits.
        if (Math.abs(apq) <= Number.EPSILON * Math.sqrt(Math.abs(app * aqq)) || Math.abs(apq) < 1e-300) {
          m[p * n + q] = 0;
          m[q * n + p] = 0;
          continue;
        }
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        // t = tan of the rotation angle, the smaller root of t² + 2θt − 1 = 0.
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        const tau = s / (1 + c);
        m[p * n + p] = app - t * apq;
        m[q * n + q] = aqq + t * apq;
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const arp = m[r * n + p];
          const arq = m[r * n + q];
          const np = arp - s * (arq + tau * arp);
          const nq = arq + s * (arp - tau * arq);
          m[r * n + p] = np;
          m[p * n + r] = np;
          m[r * n + q] = nq;
          m[q * n + r] = nq;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p];
          const vrq = v[r * n + q];
          v[r * n + p] = vrp - s * (vrq + tau * vrp);
          v[r * n + q] = vrq + s * (vrp - tau * vrq);
        }
      }
    }
    if (!rotated) break;
  }
  // Sort ascending, permuting the eigenvector columns with the values.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[i * n + i] - m[j * n + j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = m[src * n + src];
    for (let r = 0; r < n; r++) vectors[r * n + k] = v[r * n + src];
  });
  return { values, vectors, sweeps };
}
