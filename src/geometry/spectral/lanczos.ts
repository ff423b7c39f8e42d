/**
 * The Lanczos process with full re-orthogonalization (Golub & Van Loan, Matrix Computations,
 * 4th ed., §10.1; Parlett, The Symmetric Eigenvalue Problem, ch. 13). From a unit start q₁,
 * m steps build an orthonormal Krylov basis Q = [q₁ … q_m] and the tridiagonal
 * T = Qᵀ A Q (diagonal α, off-diagonal β); every new vector is re-orthogonalized against all of
 * Q twice, so Ritz values do not repeat ("ghost" copies) — the variant PyHessian uses.
 * Cost: m products plus O(m² n).
 *
 * When β_j vanishes (an invariant subspace: A has fewer than m distinct eigenvalues seen from
 * q₁) the process stops early and returns the shorter, exact T — unless `restart` is given: then
 * it continues from a fresh vector orthogonal to Q (β_j = 0 in T), so it always takes m steps,
 * which callers that need m Ritz vectors (the heat chapter's MDS and diffusion maps) rely on.
 *
 * This is the one Lanczos of the code base: `lanczosTop` (callback form) and the process form
 * below share the steps and the Ritz extraction.
 */
import { symmetricTridiagonalEigen } from '../linalg/symmetricEigen';
import type { Random } from '../random';
import { gaussian } from '../random';
import { dot, type LinearOperator, normalizeInPlace, orthogonalizeAgainst } from './operator';
import { type AsyncLinearOperator, type Process, runProcess, runProcessAsync } from './process';

export interface LanczosRun {
  /** Steps actually taken (≤ requested). */
  steps: number;
  /** Diagonal of T (length steps). */
  alpha: Float64Array;
  /** Off-diagonal of T (length steps − 1). */
  beta: Float64Array;
  /** The basis Q as rows (steps × n). */
  basis: Float64Array;
  /** β_m, the norm of the residual after the last step (for Ritz residuals β_m |s_m|). */
  lastBeta: number;
}

/**
 * Runs `steps` Lanczos steps from `start` (normalized internally). `basis` may be passed to reuse
 * memory across runs (steps × n).
 */
export function lanczos(op: LinearOperator, steps: number, start: ArrayLike<number>, basis?: Float64Array, restart?: () => number): LanczosRun {
  return runProcess(lanczosProcess(op.size, steps, start, basis, restart), op);
}

/**
 * Watches a run after each step j: the diagonal α₁…α_j and off-diagonal β₁…β_{j−1} of T_j so far
 * (views, valid during the call). T_j's Ritz values are the run's estimates at that step; by Cauchy
 * interlacing the largest rises monotonically towards λ_max. Observing changes nothing in the run.
 */
export type LanczosObserver = (taken: number, alpha: Float64Array, beta: Float64Array) => void;

/** The `count` largest eigenvalues (descending) of the tridiagonal T with diagonal `alpha` and off-diagonal `beta`. */
export function tridiagonalTop(alpha: ArrayLike<number>, beta: ArrayLike<number>, count: number): Float64Array {
  const t = symmetricTridiagonalEigen(alpha, beta);
  const k = Math.min(count, t.values.length);
  const out = new Float64Array(k);
  for (let e = 0; e < k; e++) out[e] = t.values[t.values.length - 1 - e];
  return out;
}

/** The Lanczos process as a generator of products (see process.ts). */
export function* lanczosProcess(
  n: number,
  steps: number,
  start: ArrayLike<number>,
  basis?: Float64Array,
  restart?: () => number,
  observe?: LanczosObserver,
): Process<LanczosRun> {
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`Lanczos steps ${steps}; expected a positive integer`);
  if (start.length !== n) throw new Error(`Lanczos start vector has ${start.length} entries but the operator has size ${n}`);
  const m = Math.min(steps, n);
  const q = basis && basis.length >= m * n ? basis : new Float64Array(m * n);
  const alpha = new Float64Array(m);
  const beta = new Float64Array(Math.max(0, m - 1));
  const v = Float64Array.from(start);
  if (normalizeInPlace(v) === 0) throw new Error('Lanczos start vector is zero');
  const w = new Float64Array(n);
  let taken = 0;
  let lastBeta = 0;
  let scale = 0;
  for (let j = 0; j < m; j++) {
    q.set(v, j * n);
    taken = j + 1;
    yield { x: v, out: w };
    const a = dot(w, v);
    alpha[j] = a;
    observe?.(j + 1, alpha.subarray(0, j + 1), beta.subarray(0, j));
    scale = Math.max(scale, Math.abs(a), j > 0 ? beta[j - 1] : 0);
    orthogonalizeAgainst(w, q, j + 1);
    const b = Math.sqrt(dot(w, w));
    lastBeta = b;
    if (j === m - 1) break;
    if (restart) {
      // Breakdown (absolute test against |α_j|): continue from a fresh direction orthogonal to Q.
      if (b < 1e-12 * Math.max(1, Math.abs(a))) {
        for (let i = 0; i < n; i++) v[i] = restart();
        orthogonalizeAgainst(v, q, j + 1);
        normalizeInPlace(v);
        beta[j] = 0;
        continue;
      }
    } else if (b <= 1e-10 * scale) {
      // Relative breakdown test: the Krylov space is invariant to rounding.
      lastBeta = 0;
      break;
    }
    beta[j] = b;
    for (let i = 0; i < n; i++) v[i] = w[i] / b;
  }
  return {
    steps: taken,
    alpha: alpha.slice(0, taken),
    beta: beta.slice(0, Math.max(0, taken - 1)),
    basis: q.subarray(0, taken * n),
    lastBeta,
  };
}

export interface Eigenpairs {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** count × n, row i the unit eigenvector of values[i]. */
  vectors: Float64Array;
  /** Ritz residual bounds ‖A y − θ y‖ = β_m |s_{m,i}| (0 for exact runs). */
  residuals: Float64Array;
  /** Operator products used. */
  products: number;
}

/** The `count` largest (algebraic) eigenpairs from `steps` Lanczos steps (steps ≥ count; default max(2·count + 10, 30)). */
export function lanczosTopEigenpairs(op: LinearOperator, count: number, random: Random, steps?: number): Eigenpairs {
  return runProcess(lanczosTopProcess(op.size, count, random, steps), op);
}

export function lanczosTopEigenpairsAsync(
  op: AsyncLinearOperator,
  count: number,
  random: Random,
  steps?: number,
  checkpoint?: () => Promise<void>,
): Promise<Eigenpairs> {
  return runProcessAsync(lanczosTopProcess(op.size, count, random, steps), op, checkpoint);
}

export function* lanczosTopProcess(n: number, count: number, random: Random, steps?: number, observe?: LanczosObserver): Process<Eigenpairs> {
  if (!Number.isInteger(count) || count < 1 || count > n) throw new Error(`eigenpair count ${count}; expected an integer in [1, ${n}]`);
  const m = Math.min(n, Math.max(steps ?? Math.max(2 * count + 10, 30), count));
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = gaussian(random);
  const run = yield* lanczosProcess(n, m, start, undefined, undefined, observe);
  return { ...ritzPairs(run, count, n), products: run.steps };
}

/** The `count` largest Ritz pairs of a run (descending), with their residual bounds β_m |s_{m,i}|. */
function ritzPairs(run: LanczosRun, count: number, n: number): Omit<Eigenpairs, 'products'> {
  const t = symmetricTridiagonalEigen(run.alpha, run.beta);
  const s = run.steps;
  const k = Math.min(count, s);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * n);
  const residuals = new Float64Array(k);
  for (let e = 0; e < k; e++) {
    const src = s - 1 - e;
    values[e] = t.values[src];
    residuals[e] = run.lastBeta * Math.abs(t.vectors[src * s + s - 1]);
    for (let r = 0; r < s; r++) {
      const y = t.vectors[src * s + r];
      if (y === 0) continue;
      const o = r * n;
      for (let i = 0; i < n; i++) vectors[e * n + i] += y * run.basis[o + i];
    }
  }
  return { values, vectors, residuals };
}

export interface TopEigen {
  /** Largest `count` eigenvalues, descending. */
  values: Float64Array;
  /** count×n, row i is the eigenvector of values[i]. */
  vectors: Float64Array;
}

/**
 * The `count` largest eigenpairs of the symmetric operator `apply` from m = min(n, max(steps, count + 1))
 * Lanczos steps that restart on breakdown (so `count` pairs always come back). Start vector entries
 * `random() − 0.5`. Used by the heat chapter's classical MDS and diffusion maps.
 */
export function lanczosTop(
  apply: (x: Float64Array, out: Float64Array) => void,
  n: number,
  count: number,
  steps: number,
  random: Random,
): TopEigen {
  if (count < 1 || count > n) throw new Error(`invalid eigenpair count: ${count} (need 1 ≤ count ≤ n = ${n})`);
  const m = Math.min(n, Math.max(steps, count + 1));
  const start = new Float64Array(n);
  for (let i = 0; i < n; i++) start[i] = random() - 0.5;
  const run = lanczos({ size: n, apply }, m, start, undefined, () => random() - 0.5);
  const { values, vectors } = ritzPairs(run, count, n);
  return { values, vectors };
}
