/**
 * The log-Euclidean metric (Arsigny, Fillard, Pennec & Ayache 2007): the pullback
 * of the Frobenius inner product by the matrix logarithm.
 *   γ(t) = exp((1 − t) log A + t log B),  d(A, B) = ‖log A − log B‖_F
 *   exp_X(V) = exp(log X + D log_X[V]),  log_X(Y) = D exp_{log X}[log Y − log X]
 *   ‖V‖_X = ‖D log_X[V]‖_F,  mean = exp((1/N) Σ log A_i) (closed form)
 * The differentials use the Daleckii–Krein formula (matrixFunctions.ts).
 */
import { spdLog, spectralDerivative, symmetricExp } from './matrixFunctions';
import { arithmeticMean, sameSize, type SpdMetric } from './metric';
import { add, frobeniusNorm } from './symmetric';

export function leDistance(a: Float64Array, b: Float64Array): number {
  sameSize(a, b);
  return frobeniusNorm(add(spdLog(a), spdLog(b), 1, -1));
}

export function leGeodesic(a: Float64Array, b: Float64Array, t: number): Float64Array {
  sameSize(a, b);
  return symmetricExp(add(spdLog(a), spdLog(b), 1 - t, t));
}

const differentialLog = (x: Float64Array, v: Float64Array) => spectralDerivative(x, v, Math.log, (l) => 1 / l);

export function leExp(x: Float64Array, v: Float64Array): Float64Array {
  sameSize(x, v);
  return symmetricExp(add(spdLog(x), differentialLog(x, v)));
}

export function leLog(x: Float64Array, y: Float64Array): Float64Array {
  sameSize(x, y);
  const logX = spdLog(x);
  return spectralDerivative(logX, add(spdLog(y), logX, 1, -1), Math.exp, Math.exp, false);
}

export function leNorm(x: Float64Array, v: Float64Array): number {
  sameSize(x, v);
  return frobeniusNorm(differentialLog(x, v));
}

export const logEuclidean: SpdMetric = {
  name: 'logEuclidean',
  distance: leDistance,
  geodesic: leGeodesic,
  exp: leExp,
  log: leLog,
  norm: leNorm,
  mean(matrices) {
    const logMean = arithmeticMean(matrices.map((m) => spdLog(m)));
    const mean = symmetricExp(logMean);
    // Closed form: one "iteration"; the gradient is reported as computed, zero up to rounding.
    let cost = 0;
    const g = new Float64Array(mean.length);
    for (const m of matrices) {
      cost += leDistance(mean, m) ** 2 / matrices.length;
      const l = leLog(mean, m);
      for (let i = 0; i < g.length; i++) g[i] += l[i] / matrices.length;
    }
    const gradientNorm = leNorm(mean, g);
    return { mean, gradientNorms: Float64Array.of(gradientNorm), costs: Float64Array.of(cost), iterations: 1, converged: true };
  },
};
