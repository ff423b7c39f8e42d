/**
 * The Bures–Wasserstein metric: the 2-Wasserstein distance between centred
 * Gaussians N(0, A) and N(0, B) (Bhatia, Jain & Lim, "On the Bures–Wasserstein
 * distance between positive definite matrices", Expo. Math. 2019; Malagò, Montrucchio
 * & Pistone 2018 for exp and log).
 *   d²(A, B) = tr A + tr B − 2 tr (A^{1/2} B A^{1/2})^{1/2}
 *   T = A^{-1/2} (A^{1/2} B A^{1/2})^{1/2} A^{-1/2}   (the optimal transport map, T A T = B)
 *   γ(t) = ((1 − t) I + t T) A ((1 − t) I + t T)       (McCann interpolation)
 *   g_X(U, V) = ½ tr(L_X[U] V),  X L + L X = U          (Lyapunov operator)
 *   exp_X(V) = X + V + L_X[V] X L_X[V]
 *   log_X(Y) = (XY)^{1/2} + (YX)^{1/2} − 2X = T X + X T − 2X
 * Mean: the fixed point X ← X^{-1/2} ((1/N) Σ (X^{1/2} A_i X^{1/2})^{1/2})² X^{-1/2}
 * (Álvarez-Esteban, del Barrio, Cuesta-Albertos & Matrán, J. Math. Anal. Appl. 2016),
 * which converges from any SPD start.
 */
import { EIGENVALUE_FLOOR, solveLyapunov, spdSqrt, spdSqrtAndInverseSqrt } from './matrixFunctions';
import { arithmeticMean, sameSize, type FrechetMeanOptions, type FrechetMeanResult, type SpdMetric } from './metric';
import { add, congruence, frobeniusInner, frobeniusNorm, identity, multiply, rotateInto, rotateOut, scaleDiagonal, symmetricPart, trace } from './symmetric';
import { symmetricEigenJacobi as symmetricEigen } from '../linalg/jacobiEigen';
import { eigenvectorMatrix } from '../linalg/symmetricEigen';

export function bwDistance(a: Float64Array, b: Float64Array): number {
  const n = sameSize(a, b);
  const { sqrt } = spdSqrtAndInverseSqrt(a, n);
  const { values } = symmetricEigen(congruence(sqrt, b, n), n);
  let fidelity = 0;
  for (const l of values) fidelity += Math.sqrt(Math.max(l, 0));
  return Math.sqrt(Math.max(trace(a, n) + trace(b, n) - 2 * fidelity, 0));
}

/** The optimal transport map T from N(0, A) to N(0, B): SPD with T A T = B. */
export function bwTransportMap(a: Float64Array, b: Float64Array): Float64Array {
  const n = sameSize(a, b);
  const { sqrt, inverseSqrt } = spdSqrtAndInverseSqrt(a, n);
  return congruence(inverseSqrt, spdSqrt(congruence(sqrt, b, n)), n);
}

export function bwGeodesic(a: Float64Array, b: Float64Array, t: number): Float64Array {
  const n = sameSize(a, b);
  const s = add(identity(n), bwTransportMap(a, b), 1 - t, t);
  return congruence(s, a, n);
}

export function bwExp(x: Float64Array, v: Float64Array): Float64Array {
  const n = sameSize(x, v);
  const l = solveLyapunov(x, v, n);
  return symmetricPart(add(add(x, v), multiply(multiply(l, x, n), l, n)), n);
}

export function bwLog(x: Float64Array, y: Float64Array): Float64Array {
  const n = sameSize(x, y);
  const tx = multiply(bwTransportMap(x, y), x, n);
  // T X + X T − 2X = T X + (T X)ᵀ − 2X
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = tx[i * n + j] + tx[j * n + i] - 2 * x[i * n + j];
  return out;
}

export function bwNorm(x: Float64Array, v: Float64Array): number {
  const n = sameSize(x, v);
  return Math.sqrt(Math.max(0.5 * frobeniusInner(solveLyapunov(x, v, n), v), 0));
}

export function bwMean(matrices: readonly Float64Array[], options: FrechetMeanOptions = {}): FrechetMeanResult {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 2000;
  let x = options.initial ? Float64Array.from(options.initial) : arithmeticMean(matrices);
  const n = sameSize(x, matrices[0]);
  const gradientNorms: number[] = [];
  const costs: number[] = [];
  let converged = false;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Work in X's eigenbasis X = V Λ Vᵀ so that X^{±1/2} are diagonal scalings (accurate at condition 1e8).
    const eig = symmetricEigen(x, n);
    const vectors = eigenvectorMatrix(eig);
    const floor = Math.max(eig.values[n - 1] * EIGENVALUE_FLOOR, 1e-300);
    const root = eig.values.map((l) => Math.sqrt(Math.max(l, floor)));
    const inverseRoot = root.map((r) => 1 / r);
    // S' = (1/N) Σ (Λ^{1/2} Vᵀ A_i V Λ^{1/2})^{1/2}
    const s = new Float64Array(n * n);
    let cost = 0;
    let meanDistance = 0;
    const traceX = trace(x, n);
    for (const a of matrices) {
      const r = spdSqrt(scaleDiagonal(rotateInto(vectors, a, n), root, n));
      const d2 = Math.max(traceX + trace(a, n) - 2 * trace(r, n), 0);
      cost += d2 / matrices.length;
      meanDistance += Math.sqrt(d2) / matrices.length;
      for (let i = 0; i < s.length; i++) s[i] += r[i] / matrices.length;
    }
    // The mean transport map in the eigenbasis, T̄' = Λ^{-1/2} S' Λ^{-1/2}; grad = T̄X + XT̄ − 2X.
    const tBar = rotateOut(vectors, scaleDiagonal(s, inverseRoot, n), n);
    const tx = multiply(tBar, x, n);
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j] = tx[i * n + j] + tx[j * n + i] - 2 * x[i * n + j];
    const gn = bwNorm(x, g);
    gradientNorms.push(gn);
    costs.push(cost);
    options.onIteration?.(iteration, gn, cost);
    if (gn <= tolerance * (1 + meanDistance)) {
      converged = true;
      break;
    }
    const next = rotateOut(vectors, scaleDiagonal(multiply(s, s, n), inverseRoot, n), n);
    const change = frobeniusNorm(add(next, x, 1, -1)) / frobeniusNorm(x);
    x = next;
    // At high condition numbers the gradient stalls at rounding level; a fixed point to a few ulps is converged.
    if (change <= 8 * Number.EPSILON) {
      converged = true;
      break;
    }
  }
  return {
    mean: x,
    gradientNorms: Float64Array.from(gradientNorms),
    costs: Float64Array.from(costs),
    iterations: gradientNorms.length,
    converged,
  };
}

export const buresWasserstein: SpdMetric = {
  name: 'buresWasserstein',
  distance: bwDistance,
  geodesic: bwGeodesic,
  exp: bwExp,
  log: bwLog,
  norm: bwNorm,
  mean: bwMean,
};
