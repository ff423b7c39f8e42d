/** Paper-check rows for the Sven cell (Bhattacharya et al. 2024). */
import type { SvenResult } from '../../../src/workers/jobs/optimizer2';
import { fmt } from './fmt';
import type { CheckRow } from '../../frame/PaperCheckTable';

const SOURCE = 'Sven, 2024';

/** First step at which `loss` is ≤ target (−1 if never within `done`). */
export function firstBelow(loss: Float64Array, target: number, done: number): number {
  for (let t = 0; t <= done; t++) if (loss[t] <= target) return t;
  return -1;
}

/** Sven with k = P < n against (JᵀJ)⁻¹Jᵀr from the normal equations (Cholesky), which lose ε κ(J)². */
function naturalGradientRow(r: SvenResult): CheckRow {
  const c = r.init.naturalGradient;
  const claim = 'In the under-parameterized limit (n > P, k = P) Sven coincides with natural gradient: its step is the Gauss–Newton step (JᵀJ)⁻¹Jᵀr.';
  if (!c) return { claim, source: SOURCE, evidence: `no hidden width gives P < n = ${r.n}`, ok: null };
  const bound = 100 * Number.EPSILON * c.condition ** 2;
  const net = c.hidden === r.hidden ? 'this network' : `the same data with hidden width ${c.hidden}`;
  return {
    claim,
    source: SOURCE,
    evidence: `at θ₀ of ${net} (P = ${c.P} < n = ${r.n}): relative gap between Sven's step with k = P (randomized SVD) and a dense f64 Cholesky solve of the normal equations ${fmt(c.gap)} (rounding level 100 ε κ(J)² = ${fmt(bound)}, κ(J) = ${fmt(c.condition)})`,
    ok: Number.isFinite(c.gap) ? c.gap <= Math.max(bound, 1e-12) : null,
  };
}

export function svenChecks(r: SvenResult): CheckRow[] {
  const T = r.done;
  const adam = r.traces.adam.loss[T];
  const sven = r.traces.sven.loss[T];
  const svenReaches = firstBelow(r.traces.sven.loss, adam, T);
  const s = r.init.denseSingular;
  const kappa = s[0] / s[s.length - 1];
  // Rounding level of two SVD-based pseudoinverses: ε κ(J) (with a factor 100); past κ ~ 1e12 J is numerically
  // rank-deficient and J⁺r itself is not determined to any digits.
  const gnBound = 100 * Number.EPSILON * kappa;
  return [
    {
      claim: 'Sven reaches a lower loss than Adam, in fewer steps.',
      source: SOURCE,
      evidence: `after ${T} steps: Adam ${fmt(adam)}, Sven (k = ${r.k}) ${fmt(sven)}, L-BFGS ${fmt(r.traces.lbfgs.loss[T])}, SGD ${fmt(r.traces.sgd.loss[T])}; Sven first at or below Adam's final loss at step ${svenReaches < 0 ? '—' : svenReaches}; wall time to step ${T}: Adam ${fmt(r.traces.adam.time[T])} ms, Sven ${fmt(r.traces.sven.time[T])} ms`,
      ok: T >= 50 ? sven < adam && svenReaches >= 0 && svenReaches < T : null,
    },
    {
      claim: 'With k = n < P, the Sven step J⁺r is the minimum-norm Gauss–Newton step Jᵀ(JJᵀ)⁻¹r.',
      source: SOURCE,
      evidence: r.init.gaussNewtonGap === null ? `n = ${r.n} ≥ P = ${r.P}: not applicable` : `at θ₀ (n = ${r.n}, P = ${r.P}): relative gap between the randomized k = n step and J⁺r from a dense f64 SVD (one-sided Jacobi) ${fmt(r.init.gaussNewtonGap)} (rounding level 100 ε κ(J) = ${fmt(gnBound)}, κ(J) = ${fmt(kappa)})`,
      ok: r.init.gaussNewtonGap === null || kappa > 1e12 ? null : r.init.gaussNewtonGap <= Math.max(gnBound, 1e-12),
    },
    naturalGradientRow(r),
    {
      claim: 'A randomized truncated SVD (range finder with power iterations) recovers the k largest singular values.',
      source: 'Halko et al. 2011',
      evidence: `at θ₀: max |σ_t − σ_t(dense)| / σ₁ over t ≤ k = ${r.k}: ${fmt(r.init.singularGap)}`,
      ok: r.init.singularGap <= 1e-3,
    },
  ];
}
