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
 *
 * Output: the one `SymmetricEigen` layout (./symmetricEigen.ts): values ascending,
 * eigenvectors as ROWS. Use `eigenvectorMatrix` for the matrix V whose columns they are.
 */
import type { SymmetricEigen } from './symmetricEigen';

function squareSize(a: ArrayLike<number>): number {
  const n = Math.round(Math.sqrt(a.length));
  if (n * n !== a.length || n < 1) throw new Error(`matrix has ${a.length} entries, which is not n×n for any n`);
  return n;
}

const MAX_SWEEPS = 100;

export function symmetricEigenJacobi(a: ArrayLike<number>, n = squareSize(a)): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid matrix size: ${n} (need a positive integer)`);
  if (a.length !== n * n) throw new Error(`matrix has ${a.length} entries but its shape ${n}×${n} needs ${n * n}`);
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
  // Sort ascending; eigenvector k (column k of the accumulated rotations) becomes row k of the result.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[i * n + i] - m[j * n + j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = m[src * n + src];
    for (let r = 0; r < n; r++) vectors[k * n + r] = v[r * n + src];
  });
  return { values, vectors, n, sweeps };
}
