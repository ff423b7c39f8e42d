/**
 * Closed-form step-size radii of cross-entropy along a direction (Sao 2026,
 * "Ghosts of Softmax: Complex Singularities That Limit Safe Step Sizes in
 * Cross-Entropy"). Notation: a sample has logits z ∈ ℝ^K and slopes a_k = ∇z_k·v
 * along a unit direction v; a step of length τ moves the logits to z + aτ.
 *
 * - Multiclass lower bound: ρ_a = π/Δ_a, Δ_a = max_k a_k − min_k a_k. For |τ| < π/Δ_a
 *   the phases a_k·Im τ of the terms of F span less than π, so they lie in an open
 *   half-plane and F ≠ 0: no singularity of log F inside that disk.
 * - Over a set of samples: ρ_a = π / max_i Δ_a(i) (the abstract's batch form), and a
 *   percentile variant π / quantile_q(Δ_a) that ignores the few most sensitive samples.
 * - Binary exact radius: ρ* = sqrt(δ² + π²)/|a₁ − a₂|, δ = z₁ − z₂, from the zeros
 *   τ_m = (−δ + iπ(2m+1))/(a₁ − a₂). (The abstract prints it as "δ²+π²/Δ_a"; this is
 *   the correct form: the modulus of τ₀.)
 * - Normalized step r = τ/ρ_a = ‖p‖Δ_a/π for an update p; the controller scales p by
 *   min(1, ρ_a/‖p‖) so that r ≤ 1; standalone, η = r_target·ρ_a/‖v‖.
 *
 * Δ_a = 0 (all slopes equal) means F(τ) = e^{aτ}·F(0) never vanishes: the radius is
 * +Infinity, never a division by zero.
 */
import type { Complex } from './complex';

/** Δ_a = max_k a_k − min_k a_k over the K slopes starting at `offset`. */
export function slopeSpread(a: ArrayLike<number>, offset = 0, count = a.length - offset): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < count; k++) {
    const v = a[offset + k];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return count > 0 ? hi - lo : 0;
}

/** ρ = π/Δ, +Infinity for Δ = 0. */
export function radiusFromSpread(spread: number): number {
  return spread > 0 ? Math.PI / spread : Infinity;
}

/** Δ_a per sample for a row-major n×K slope matrix. */
export function perSampleSpreads(slopes: ArrayLike<number>, n: number, classes: number, out = new Float64Array(n)): Float64Array {
  if (slopes.length !== n * classes) {
    throw new Error(`slope matrix has ${slopes.length} entries but ${n} samples × ${classes} classes need ${n * classes}`);
  }
  for (let i = 0; i < n; i++) out[i] = slopeSpread(slopes, i * classes, classes);
  return out;
}

/** ρ_a = π/Δ_a per sample. */
export function perSampleRadii(slopes: ArrayLike<number>, n: number, classes: number): Float64Array {
  const spreads = perSampleSpreads(slopes, n, classes);
  for (let i = 0; i < n; i++) spreads[i] = radiusFromSpread(spreads[i]);
  return spreads;
}

/** Batch bound ρ_a = π / max_i Δ_a(i): the step is safe for every sample of the set. */
export function batchRadius(spreads: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < spreads.length; i++) if (spreads[i] > m) m = spreads[i];
  return radiusFromSpread(m);
}

/**
 * Percentile bound π / quantile_q(Δ_a), q in [0, 1], with the linear interpolation of
 * numpy.quantile's default method; q = 1 gives `batchRadius`.
 */
export function percentileRadius(spreads: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`invalid percentile q: ${q} (expected 0 ≤ q ≤ 1)`);
  if (spreads.length === 0) throw new Error('percentile of an empty set of spreads');
  const sorted = Float64Array.from(spreads).sort();
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return radiusFromSpread(sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]));
}

/** Binary exact radius ρ* = sqrt(δ² + π²)/|a₁ − a₂|, δ = z₁ − z₂; +Infinity when a₁ = a₂. */
export function binaryExactRadius(z1: number, z2: number, a1: number, a2: number): number {
  const da = Math.abs(a1 - a2);
  return da > 0 ? Math.hypot(z1 - z2, Math.PI) / da : Infinity;
}

/** The binary zero τ_m = (−δ + iπ(2m+1))/(a₁ − a₂); null when a₁ = a₂ (no zeros). */
export function binaryZero(z1: number, z2: number, a1: number, a2: number, m = 0): Complex | null {
  const da = a1 - a2;
  if (da === 0) return null;
  return { re: -(z1 - z2) / da, im: (Math.PI * (2 * m + 1)) / da };
}

/** r = τ/ρ_a = ‖p‖·Δ_a/π for a step of length ‖p‖ (0 when Δ_a = 0). */
export function normalizedStep(stepNorm: number, spread: number): number {
  return (stepNorm * spread) / Math.PI;
}

/**
 * The τ ≤ ρ_a controller: the factor min(1, ρ_a/‖p‖) applied to an update p. It has no
 * hyperparameter; after scaling, r = min(‖p‖, ρ_a)/ρ_a ≤ 1.
 */
export function controllerScale(stepNorm: number, radius: number): number {
  if (!(stepNorm > 0) || !(radius < Infinity)) return 1;
  return Math.min(1, radius / stepNorm);
}

/** Standalone learning rate η = r_target·ρ_a/‖v‖ for a raw direction v (step ηv has r = r_target). */
export function standaloneLearningRate(targetR: number, radius: number, directionNorm: number): number {
  if (!(directionNorm > 0)) throw new Error(`invalid direction norm: ${directionNorm} (expected > 0)`);
  if (!(targetR > 0)) throw new Error(`invalid r_target: ${targetR} (expected > 0)`);
  return (targetR * radius) / directionNorm;
}
