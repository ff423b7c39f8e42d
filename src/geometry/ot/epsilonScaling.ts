/**
 * ε-scaling for warm starts (Kosowsky & Yuille 1994; Schmitzer 2019, "Stabilized sparse
 * scaling algorithms for entropy regularized transport problems", Sec. 3.2): to reach the
 * fixed point at a small ε from the potentials of a larger ε₀, solve loosely at a few
 * intermediate values ε₀ > ε₁ > … > ε_k > ε, each started from the previous potentials,
 * then solve at ε. Each level starts close to its own fixed point, so Sinkhorn spends few
 * iterations in its slow early phase, which lasts longer the smaller ε is.
 *
 * The schedule is geometric, ε_l = ε₀ (ε/ε₀)^{l/(k+1)}, with one level per halving beyond
 * the first (k = ⌈log₂(ε₀/ε)⌉ − 1), at most `maxLevels`. A larger or equal ε needs no
 * levels: the previous potentials are a start as good as any.
 *
 * Deviation: the levels stop at a loose marginal error (`LEVEL_TOLERANCE`) or an iteration
 * cap rather than at a fixed iteration count; only the final ε's tolerance decides the
 * result, so the fixed point reached is the cold start's.
 */

/** Most intermediate ε values between the previous ε and the new one. */
export const MAX_EPSILON_LEVELS = 4;
/** Marginal error (‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁) at which an intermediate level stops. */
export const LEVEL_TOLERANCE = 1e-3;
/** Iterations an intermediate level may take at most. */
export const LEVEL_MAX_ITERATIONS = 200;

export function epsilonSchedule(from: number, to: number, maxLevels = MAX_EPSILON_LEVELS): number[] {
  if (!(from > 0 && Number.isFinite(from))) throw new Error(`invalid previous epsilon: ${from} (need a positive number)`);
  if (!(to > 0 && Number.isFinite(to))) throw new Error(`invalid epsilon: ${to} (need a positive number)`);
  if (to >= from) return [];
  const levels = Math.min(maxLevels, Math.max(0, Math.ceil(Math.log2(from / to)) - 1));
  return Array.from({ length: levels }, (_, l) => from * (to / from) ** ((l + 1) / (levels + 1)));
}
