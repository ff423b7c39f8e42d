/**
 * Comparator distances computed from the same affinity graph W.
 *  - PHATE-like potential distance (Moon et al. 2019, §"Potential distance"): the
 *    diffusion operator P = D^{−1} W, its t-step powers P^t, the potential
 *    U = −log(P^t + ε), and Euclidean distances between rows of U. Deviation from PHATE:
 *    no landmarks, t is given (not chosen by von Neumann entropy), ε = 1e-7.
 *  - Diffusion maps (Coifman & Lafon 2006): the eigenpairs of the symmetric
 *    A = D^{−1/2} W D^{−1/2} (same spectrum as P), right eigenvectors ψ_k = D^{−1/2} v_k,
 *    coordinates λ_k^t ψ_k for k = 1..dims (the trivial ψ_0 dropped).
 */
import type { Random } from '../random';
import { degrees } from './graph';
import { lanczosTop } from '../spectral/lanczos';
import { csrMatMat, csrMatVec, type CsrMatrix } from './sparse';

export const POTENTIAL_EPSILON = 1e-7;

/** P = D⁻¹W (rows of isolated nodes are 0), the random walk's transition matrix. */
export function transitionMatrix(w: CsrMatrix): CsrMatrix {
  const deg = degrees(w);
  const p: CsrMatrix = { ...w, values: w.values.slice() };
  for (let i = 0; i < w.rows; i++) {
    for (let q = w.rowPtr[i]; q < w.rowPtr[i + 1]; q++) p.values[q] = deg[i] > 0 ? w.values[q] / deg[i] : 0;
  }
  return p;
}

/** Rows of P^t (n×n dense) by t sparse products with P = D^{-1}W. */
export function diffusionPowers(w: CsrMatrix, steps: number): Float64Array {
  const n = w.rows;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`invalid diffusion steps: ${steps} (need an integer ≥ 1)`);
  const p = transitionMatrix(w);
  let current = new Float64Array(n * n);
  for (let i = 0; i < n; i++) current[i * n + i] = 1;
  let next = new Float64Array(n * n);
  for (let s = 0; s < steps; s++) {
    csrMatMat(p, current, n, next);
    [current, next] = [next, current];
  }
  return current;
}

/** Euclidean distances between the rows of −log(P^t + ε). */
export function potentialDistances(w: CsrMatrix, steps: number): Float64Array {
  const n = w.rows;
  return potentialFromPowers(diffusionPowers(w, steps), n);
}

/** ‖log-potential rows‖ distances from P^t (n×n, overwritten with −log(P^t + ε)). */
export function potentialFromPowers(u: Float64Array, n: number): Float64Array {
  for (let i = 0; i < u.length; i++) u[i] = -Math.log(u[i] + POTENTIAL_EPSILON);
  return rowDistances(u, n, n);
}

/** Euclidean distances between the rows of a n×m matrix (n×n output). */
export function rowDistances(u: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * m;
    for (let j = i + 1; j < n; j++) {
      const oj = j * m;
      let s = 0;
      for (let c = 0; c < m; c++) {
        const t = u[oi + c] - u[oj + c];
        s += t * t;
      }
      const d = Math.sqrt(s);
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return out;
}

export interface DiffusionMap {
  /** n×dims coordinates λ_k^t ψ_k. */
  embedding: Float64Array;
  /** λ_1..λ_dims of P. */
  eigenvalues: Float64Array;
}

export function diffusionMap(w: CsrMatrix, dims: number, t: number, random: Random): DiffusionMap {
  const n = w.rows;
  if (dims + 1 > n) throw new Error(`diffusion map needs dims + 1 ≤ n: dims = ${dims}, n = ${n}`);
  const deg = degrees(w);
  const inv = Float64Array.from(deg, (d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const a: CsrMatrix = { ...w, values: w.values.slice() };
  for (let i = 0; i < n; i++) {
    for (let q = w.rowPtr[i]; q < w.rowPtr[i + 1]; q++) a.values[q] = w.values[q] * inv[i] * inv[w.colIndex[q]];
  }
  // A + I is positive semi-definite with the same top eigenvectors: Lanczos finds its largest.
  const scratch = new Float64Array(n);
  const top = lanczosTop(
    (x, out) => {
      csrMatVec(a, x, scratch);
      for (let i = 0; i < n; i++) out[i] = scratch[i] + x[i];
    },
    n,
    dims + 1,
    Math.min(n, Math.max(120, 4 * dims + 40)),
    random,
  );
  const embedding = new Float64Array(n * dims);
  const eigenvalues = new Float64Array(dims);
  for (let c = 0; c < dims; c++) {
    const lambda = top.values[c + 1] - 1;
    eigenvalues[c] = lambda;
    const scale = Math.sign(lambda) * Math.abs(lambda) ** t;
    for (let i = 0; i < n; i++) embedding[i * dims + c] = scale * top.vectors[(c + 1) * n + i] * inv[i];
  }
  return { embedding, eigenvalues };
}
