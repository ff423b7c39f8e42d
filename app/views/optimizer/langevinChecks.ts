/** Paper-check rows for the Langevin + averaging cell (single-index models with information exponent k*). */
import type { LangevinResult } from '../../../src/workers/jobs/optimizer2';
import { fmt } from './fmt';
import type { CheckRow } from '../../frame/PaperCheckTable';

type Rate = 'last' | 'average' | 'zeroNoiseLast' | 'zeroNoiseAverage';

/** Mean success rate over the phase cells with exponent e (n = d^e) in [lo, hi), over all d; NaN if none done. */
export function meanRate(r: LangevinResult, which: Rate, lo: number, hi: number): number {
  const E = r.phase.exponents.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < r.phase.ds.length; i++)
    for (let j = 0; j < E; j++) {
      const v = r.phase[which][i * E + j];
      if (r.phase.exponents[j] >= lo && r.phase.exponents[j] < hi && Number.isFinite(v)) {
        s += v;
        c++;
      }
    }
  return c ? s / c : NaN;
}

/** Standard deviation of a[from…to]. */
function spread(a: Float64Array, from: number, to: number): number {
  let s = 0;
  let q = 0;
  const c = to - from + 1;
  for (let t = from; t <= to; t++) {
    s += a[t];
    q += a[t] * a[t];
  }
  return Math.sqrt(Math.max(q / c - (s / c) ** 2, 0));
}

/** How much the average may exceed the last iterate at zero noise and still count as "no help". */
export const NO_HELP_MARGIN = 0.05;

export function langevinChecks(r: LangevinResult): CheckRow[] {
  const half = r.kStar / 2;
  const full = r.kStar - 1;
  const T = r.steps;
  const complete = r.cells === r.phase.ds.length * r.phase.exponents.length;
  const windowed = full > half;
  const average = meanRate(r, 'average', half, full);
  const last = meanRate(r, 'last', half, full);
  const gd = meanRate(r, 'zeroNoiseLast', half, full);
  const exponent = Math.log(r.n) / Math.log(r.d);
  const estimator = r.kStar % 2 === 0 ? 'top eigenvector of the averaged θθᵀ (k* even: ±θ* are equivalent)' : 'normalized mean of the iterates';
  const from = Math.floor((3 * T) / 4);
  const zl = r.zeroNoise.last[T];
  const za = r.zeroNoise.average[T];
  return [
    {
      claim: `For d^{k*/2} ≤ n < d^{k*−1} (here d^${fmt(half)} ≤ n < d^${fmt(full)}) the averaged Langevin iterate recovers θ* where the last iterate, and gradient descent without noise, do not.`,
      source: 'Wei, Damian & Lee, ICLR 2026; Ben Arous et al. 2020, 2021',
      evidence: windowed
        ? `single run (d = ${r.d}, n = ${r.n} = d^${fmt(exponent)}, β = ${fmt(r.beta)}, averaged after step ${r.averageFrom}: ${estimator}): final overlap averaged ${fmt(r.run.average[T])}, last iterate ${fmt(r.run.last[T])}, zero noise ${fmt(zl)}; success rate (overlap ≥ 0.5, ${r.seeds} seeds, β/d = ${fmt(r.beta / r.d)}) over the grid cells in the window: averaged ${fmt(average)}, last iterate ${fmt(last)}, zero noise ${fmt(gd)}`
        : `for k* = ${r.kStar} the window is empty (k*/2 = k* − 1); choose k* = 3 or 4`,
      ok: windowed && complete && Number.isFinite(average) ? average > last && average > gd : null,
    },
    {
      claim: 'At zero noise averaging does not help: gradient descent settles, so its average is its last iterate.',
      source: 'Wei, Damian & Lee, ICLR 2026',
      evidence: `same data and start at β = ∞: final overlap last iterate ${fmt(zl)}, averaged ${fmt(za)} (a gain above ${fmt(NO_HELP_MARGIN)} would be help); success rate over the whole grid: last ${fmt(meanRate(r, 'zeroNoiseLast', -Infinity, Infinity))}, averaged ${fmt(meanRate(r, 'zeroNoiseAverage', -Infinity, Infinity))}`,
      ok: Number.isFinite(za) && Number.isFinite(zl) ? za - zl <= NO_HELP_MARGIN : null,
    },
    {
      claim: 'Averaging reduces the stationary fluctuation of the overlap (the noise √(2η/β) averages out).',
      source: 'Polyak & Juditsky 1992',
      evidence: `single run: standard deviation of the overlap over the last quarter of the steps: last iterate ${fmt(spread(r.run.last, from, T))}, averaged ${fmt(spread(r.run.average, from, T))}`,
      ok: T >= 40 && Number.isFinite(r.run.last[T]) ? spread(r.run.average, from, T) < spread(r.run.last, from, T) : null,
    },
  ];
}
