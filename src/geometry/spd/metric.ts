/**
 * The interface every SPD metric implements, so geodesics, distances, means and
 * tests are written once for all four.
 */
import { MAX_SPD_SIZE, sizeOf } from './symmetric';

export type SpdMetricName = 'affineInvariant' | 'logEuclidean' | 'buresWasserstein' | 'generalizedBW';
/** The four metrics, in the order the geodesics chapter compares them. */
export const SPD_METRICS: readonly SpdMetricName[] = ['affineInvariant', 'logEuclidean', 'buresWasserstein', 'generalizedBW'];

export interface FrechetMeanOptions {
  /** Stop when the Riemannian gradient norm falls below tolerance·(1 + mean distance). Default 1e-12. */
  tolerance?: number;
  /** Default 200. */
  maxIterations?: number;
  /** Starting point; default: the arithmetic mean (SPD as a convex combination). */
  initial?: Float64Array;
  /** Called once per iteration (the jobs use it for progress and cancellation). */
  onIteration?(iteration: number, gradientNorm: number, cost: number): void;
}

export interface FrechetMeanResult {
  mean: Float64Array;
  /** Per iteration: ‖grad‖ = ‖(1/N) Σ log_X(A_i)‖_X at the iterate before the update. */
  gradientNorms: Float64Array;
  /** Per iteration: (1/N) Σ d²(X, A_i) at the iterate before the update (the Fréchet function ×2). */
  costs: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface SpdMetric {
  readonly name: SpdMetricName;
  /** Geodesic distance d(A, B). */
  distance(a: Float64Array, b: Float64Array): number;
  /** The point γ(t) of the geodesic with γ(0) = A, γ(1) = B (t may leave [0, 1]). */
  geodesic(a: Float64Array, b: Float64Array, t: number): Float64Array;
  /** Riemannian exponential at X of the symmetric tangent V. */
  exp(x: Float64Array, v: Float64Array): Float64Array;
  /** Riemannian logarithm: the tangent at X whose exp is Y. */
  log(x: Float64Array, y: Float64Array): Float64Array;
  /** ‖V‖_X, the Riemannian norm of a tangent V at X. */
  norm(x: Float64Array, v: Float64Array): number;
  /** Fréchet (Karcher) mean argmin_X Σ d²(X, A_i). */
  mean(matrices: readonly Float64Array[], options?: FrechetMeanOptions): FrechetMeanResult;
}

/** Checks that both operands are square of one size n ≤ 8; returns n. */
export function sameSize(a: ArrayLike<number>, b: ArrayLike<number>, what = 'matrices'): number {
  const n = sizeOf(a);
  const m = sizeOf(b);
  if (n !== m) throw new Error(`${what} differ in size: ${n}×${n} and ${m}×${m}`);
  if (n > MAX_SPD_SIZE) throw new Error(`${what} are ${n}×${n} but at most ${MAX_SPD_SIZE}×${MAX_SPD_SIZE} is supported`);
  return n;
}

/** The arithmetic mean of the list (the default starting point of the iterative means). */
export function arithmeticMean(matrices: readonly Float64Array[]): Float64Array {
  if (matrices.length === 0) throw new Error('cannot average an empty list of matrices');
  const out = new Float64Array(matrices[0].length);
  for (const m of matrices) {
    if (m.length !== out.length) throw new Error(`matrices differ in size: ${m.length} and ${out.length} entries`);
    for (let i = 0; i < out.length; i++) out[i] += m[i] / matrices.length;
  }
  return out;
}
