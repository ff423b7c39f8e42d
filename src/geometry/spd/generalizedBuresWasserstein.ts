/**
 * The generalized Bures–Wasserstein metric with SPD parameter M (Han, Mishra, Jawanpuria
 * & Gao, "Generalized Bures-Wasserstein geometry for positive definite matrices", 2021)
 * and the power deformation θ used by Wang et al. (2025, "Learning to Normalize on the
 * SPD Manifold under Bures-Wasserstein Geometry").
 *
 * GBW_M is the pullback of plain BW by the isometry φ(X) = M^{-1/2} X M^{-1/2}:
 *   d_M(X, Y)² = tr(M⁻¹X) + tr(M⁻¹Y) − 2 tr(X^{1/2} M⁻¹ Y M⁻¹ X^{1/2})^{1/2} = d_BW(φX, φY)²,
 * and geodesics, exp and log are mapped through φ (tangents map by the same linear φ).
 * The θ-deformation pulls GBW_M back by the power map P(X) = X^θ and divides by θ²:
 *   d_θ(X, Y) = d_M(X^θ, Y^θ)/|θ|,  γ_θ(t) = γ_M(X^θ, Y^θ; t)^{1/θ},
 *   log_θ,X(Y) = (DP_X)⁻¹[log_M,X^θ(Y^θ)],  exp_θ,X(V) = exp_M,X^θ(DP_X[V])^{1/θ},
 *   ‖V‖_θ,X = ‖DP_X[V]‖_M,X^θ / |θ|,  mean_θ = mean_M(A_i^θ)^{1/θ}.
 * (A constant factor of the metric leaves geodesics, exp and log unchanged.) θ = 1 and
 * M = I give plain BW; θ must be non-zero.
 */
import { bwDistance, bwExp, bwGeodesic, bwLog, bwMean, bwNorm } from './buresWasserstein';
import { spdPower, spdSqrtAndInverseSqrt, spectralDerivative, spectralDerivativeInverse } from './matrixFunctions';
import type { FrechetMeanOptions, FrechetMeanResult, SpdMetric } from './metric';
import { congruence, sizeOf } from './symmetric';
import { validateSpd } from './validate';

export interface GeneralizedBWParameters {
  /** SPD n×n; default identity. */
  m?: Float64Array;
  /** Power deformation θ ≠ 0; default 1. */
  theta?: number;
}

export function generalizedBuresWasserstein(parameters: GeneralizedBWParameters = {}): SpdMetric {
  const theta = parameters.theta ?? 1;
  if (!Number.isFinite(theta) || theta === 0) throw new Error(`invalid theta: ${theta} (expected a finite non-zero power)`);
  let toBW = (x: Float64Array): Float64Array => x;
  let fromBW = (z: Float64Array): Float64Array => z;
  if (parameters.m) {
    validateSpd(parameters.m, 'M');
    const n = sizeOf(parameters.m);
    const { sqrt, inverseSqrt } = spdSqrtAndInverseSqrt(parameters.m, n);
    const check = (x: Float64Array) => {
      if (x.length !== n * n) throw new Error(`matrix is ${sizeOf(x)}×${sizeOf(x)} but M is ${n}×${n}`);
    };
    toBW = (x) => (check(x), congruence(inverseSqrt, x, n));
    fromBW = (z) => congruence(sqrt, z, n);
  }
  const power = theta === 1 ? (x: Float64Array) => x : (x: Float64Array) => spdPower(x, theta);
  const root = theta === 1 ? (x: Float64Array) => x : (x: Float64Array) => spdPower(x, 1 / theta);
  const p = (x: number) => x ** theta;
  const dp = (x: number) => theta * x ** (theta - 1);
  const powerDifferential = theta === 1 ? (_x: Float64Array, v: Float64Array) => v : (x: Float64Array, v: Float64Array) => spectralDerivative(x, v, p, dp);
  const powerDifferentialInverse =
    theta === 1 ? (_x: Float64Array, v: Float64Array) => v : (x: Float64Array, v: Float64Array) => spectralDerivativeInverse(x, v, p, dp);
  const forward = (x: Float64Array) => toBW(power(x));

  const distance = (x: Float64Array, y: Float64Array) => bwDistance(forward(x), forward(y)) / Math.abs(theta);
  const norm = (x: Float64Array, v: Float64Array) => bwNorm(forward(x), toBW(powerDifferential(x, v))) / Math.abs(theta);
  return {
    name: 'generalizedBW',
    distance,
    geodesic: (x, y, t) => root(fromBW(bwGeodesic(forward(x), forward(y), t))),
    exp: (x, v) => root(fromBW(bwExp(forward(x), toBW(powerDifferential(x, v))))),
    log: (x, y) => powerDifferentialInverse(x, fromBW(bwLog(forward(x), forward(y)))),
    norm,
    mean(matrices: readonly Float64Array[], options: FrechetMeanOptions = {}): FrechetMeanResult {
      const mapped = matrices.map(forward);
      const initial = options.initial ? forward(options.initial) : undefined;
      const inner = bwMean(mapped, {
        ...options,
        initial,
        // The BW iteration's gradient and cost are those of the deformed problem scaled by θ (norm) and θ² (cost).
        onIteration: options.onIteration && ((i, g, c) => options.onIteration!(i, g / Math.abs(theta), c / (theta * theta))),
      });
      return {
        ...inner,
        mean: root(fromBW(inner.mean)),
        gradientNorms: inner.gradientNorms.map((g) => g / Math.abs(theta)),
        costs: inner.costs.map((c) => c / (theta * theta)),
      };
    },
  };
}
