/**
 * The exact heat kernel H_t = U exp(−tΛ) Uᵀ from the dense eigendecomposition of L
 * (the reference the Chebyshev path is tested against; O(n³), small n only).
 */
import { symmetricEigen, type SymmetricEigen } from '../linalg/symmetricEigen';
import { csrToDense, type CsrMatrix } from './sparse';

export function laplacianEigen(l: CsrMatrix): SymmetricEigen {
  return symmetricEigen(csrToDense(l), l.rows);
}

/** exp(−tL) for a decomposed L (eigenvectors stored as rows). */
export function heatKernelExact(eigen: SymmetricEigen, t: number): Float64Array {
  const { n, values, vectors } = eigen;
  const h = new Float64Array(n * n);
  for (let e = 0; e < n; e++) {
    const w = Math.exp(-t * values[e]);
    const o = e * n;
    for (let i = 0; i < n; i++) {
      const wi = w * vectors[o + i];
      if (wi === 0) continue;
      const hi = i * n;
      for (let j = 0; j < n; j++) h[hi + j] += wi * vectors[o + j];
    }
  }
  return h;
}
