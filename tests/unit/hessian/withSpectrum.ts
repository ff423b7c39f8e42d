/** Test matrices with a prescribed spectrum, shared by the Lanczos/SLQ and the trace-estimator tests. */
import { gaussianVector, type Random } from '../../../src/geometry/random';

/** A = Q diag(λ) Qᵀ with Q orthogonal (Gram–Schmidt of a Gaussian matrix), row-major n×n. */
export function withSpectrum(lambda: number[], random: Random): Float64Array {
  const n = lambda.length;
  const q = gaussianVector(n * n, random);
  for (let r = 0; r < n; r++) {
    for (let pass = 0; pass < 2; pass++)
      for (let s = 0; s < r; s++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[r * n + i] * q[s * n + i];
        for (let i = 0; i < n; i++) q[r * n + i] -= d * q[s * n + i];
      }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[r * n + i] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) q[r * n + i] /= norm;
  }
  const a = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let i = 0; i < n; i++) {
      const qi = lambda[r] * q[r * n + i];
      for (let j = 0; j < n; j++) a[i * n + j] += qi * q[r * n + j];
    }
  return a;
}
