/**
 * Paper-check rows for the matrix-sensing race (Xiong, Ding & Du, ICLR 2024), from the fits in the
 * job's result. The verdicts are heuristics with the margins stated in each row.
 */
import type { SensingRaceResult } from '../../../src/workers/jobs/optimizer';
import { fmt as formatNumber } from './fmt';
import type { CheckRow } from '../../frame/PaperCheckTable';

const SOURCE = 'Xiong, Ding & Du 2024';

export function sensingChecks(r: SensingRaceResult): CheckRow[] {
  const f = r.fits;
  const enough = r.done >= 100;
  const exact = f['symmetric-exact'];
  const over = f['symmetric-over'];
  const asym = f['asymmetric-over'];
  const mod = f.modified;
  const reached = r.traces['symmetric-exact'].errors[exact.window.to];
  return [
    {
      claim: 'Exact parameterization (k = r) converges linearly: exp(−Ω(T)).',
      source: SOURCE,
      evidence: `rate ρ = ${formatNumber(exact.rate)} per iteration on [${exact.window.from}, ${exact.window.to}] (error ${formatNumber(reached)} at T = ${exact.window.to})`,
      ok: enough ? exact.rate > 0.005 : null,
    },
    {
      claim: 'Symmetric over-parameterization (k > r) from small random init is sublinear, with an Ω(1/T²) lower bound: log–log slope no steeper than ≈ −2.',
      source: SOURCE,
      evidence: `log–log slope ${formatNumber(over.logLogSlope)} on [T/10, T] (exact run: ${formatNumber(exact.logLogSlope)})`,
      ok: enough ? over.logLogSlope > -2.2 && over.logLogSlope < 0 : null,
    },
    {
      claim: 'Asymmetric over-parameterization FGᵀ converges linearly at a rate exp(−Ω(α²T)): slower as α shrinks.',
      source: SOURCE,
      evidence: `rate ρ = ${formatNumber(asym.rate)} on [${asym.window.from}, ${asym.window.to}]; ρ/α² = ${formatNumber(asym.rate / r.alpha ** 2)} (α = ${formatNumber(r.alpha)}; move α and compare)`,
      ok: enough ? asym.rate > 0 : null,
    },
    {
      claim: 'Modifying one step of GD gives a rate independent of α, as in the exact case.',
      source: SOURCE,
      evidence: `rate ρ = ${formatNumber(mod.rate)} after the rebalancing at t = ${r.modifyAt} (${formatNumber(mod.rate / Math.max(asym.rate, 1e-300))}× the asymmetric rate)`,
      ok: r.done > r.modifyAt + 50 ? mod.rate > 2 * asym.rate : null,
    },
  ];
}
