/**
 * The largest eigenpairs of a symmetric operator by the Lanczos process with full
 * reorthogonalization (Golub & Van Loan, Matrix Computations, §10.1; Parlett 1998):
 * m steps build an orthonormal Krylov basis Q and the tridiagonal T = Qᵀ A Q, whose
 * extreme Ritz values converge first. O(m · matvec + m² n). Deterministic start
 * vector from the injected `random`.
 */
import { symmetricTridiagonalEigen } from '../linalg/symmetricEigen';
import type { Random } from '../random';

export interface TopEigen {
  /** Largest `count` eigenvalues, descending. */
  values: Float64Array;
  /** count×n, row i is the eigenvector of values[i]. */
  vectors: Float64Array;
}

export function lanczosTop(
  apply: (x: Float64Array, out: Float64Array) => void,
  n: number,
  count: number,
  steps: number,
  random: Random,
): TopEigen {
  if (count < 1 || count > n) throw new Error(`invalid eigenpair count: ${count} (need 1 ≤ count ≤ n = ${n})`);
  const m = Math.min(n, Math.max(steps, count + 1));
  const q = new Float64Array(m * n);
  const alpha: number[] = [];
  const beta: number[] = [];
  const w = new Float64Array(n);
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = random() - 0.5;
  normalize(v);
  let used = 0;
  for (let j = 0; j < m; j++) {
    q.set(v, j * n);
    used = j + 1;
    apply(v, w);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * v[i];
    alpha.push(a);
    // full reorthogonalization (twice is enough: Kahan–Parlett)
    for (let pass = 0; pass < 2; pass++) {
      for (let r = 0; r <= j; r++) {
        let dot = 0;
        const o = r * n;
        for (let i = 0; i < n; i++) dot += w[i] * q[o + i];
        for (let i = 0; i < n; i++) w[i] -= dot * q[o + i];
      }
    }
    let b = 0;
    for (let i = 0; i < n; i++) b += w[i] * w[i];
    b = Math.sqrt(b);
    if (j === m - 1) break;
    if (b < 1e-12 * Math.max(1, Math.abs(a))) {
      // invariant subspace found: restart with a fresh vector orthogonal to Q
      v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = random() - 0.5;
      for (let r = 0; r <= j; r++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i] * q[r * n + i];
        for (let i = 0; i < n; i++) v[i] -= dot * q[r * n + i];
      }
      normalize(v);
      beta.push(0);
    } else {
      v = Float64Array.from(w, (x) => x / b);
      beta.push(b);
    }
  }
  const t = symmetricTridiagonalEigen(alpha.slice(0, used), beta.slice(0, used - 1));
  const k = Math.min(count, used);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * n);
  for (let e = 0; e < k; e++) {
    const src = used - 1 - e; // ascending → take from the top
    values[e] = t.values[src];
    for (let r = 0; r < used; r++) {
      const y = t.vectors[src * used + r];
      if (y === 0) continue;
      for (let i = 0; i < n; i++) vectors[e * n + i] += y * q[r * n + i];
    }
  }
  return { values, vectors };
}

function normalize(v: Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  s = Math.sqrt(s) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= s;
}
