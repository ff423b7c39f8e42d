/** Paper-check rows for the Langevin + averaging cell (single-index models with information exponent k*). */
import type { LangevinResult } from '../../../src/workers/jobs/optimizer2';
import { fmt } from './fmt';
import type { CheckRow } from '../../frame/PaperCheckTable';

/** Mean success rate over the phase cells with exponent e (n = d^e) in [lo, hi], over all d; NaN if none done. */
export function meanRate(r: LangevinResult, which: 'last' | 'average', lo: number, hi: number): number {
  const E = r.phase.exponents.length;
  let s = 0;
  let c = 0;
  for (let i = 0; i < r.phase.ds.length; i++)
    for (let j = 0; j < E; j++) {
      const v = r.phase[which][i * E + j];
      if (r.phase.exponents[j] >= lo && r.phase.exponents[j] <= hi && Number.isFinite(v)) {
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

export function langevinChecks(r: LangevinResult): CheckRow[] {
  const half = r.kStar / 2;
  const full = r.kStar - 1;
  const below = meanRate(r, 'last', 0, half - 0.01);
  const above = meanRate(r, 'last', full, Infinity);
  const T = r.steps;
  const complete = r.cells === r.phase.ds.length * r.phase.exponents.length;
  const from = Math.floor((3 * T) / 4);
  const spreadLast = spread(r.run.last, from, T);
  const spreadAverage = spread(r.run.average, from, T);
  return [
    {
      claim: `Recovery of a planted direction with information exponent k* needs n ≳ d^{k*/2} samples (here d^${fmt(half)}); gradient methods without smoothing are expected to need up to d^{k*−1} (d^${fmt(full)}).`,
      source: 'Ben Arous et al. 2021; Damian et al. 2023',
      evidence: `success rate of the last iterate (overlap ≥ 0.5 after ${T} steps, ${r.seeds} seeds per cell), mean over d ∈ {${r.phase.ds.join(', ')}}: n < d^${fmt(half)}: ${fmt(below)}; n ≥ d^${fmt(full)}: ${fmt(above)}`,
      ok: complete && Number.isFinite(below) && Number.isFinite(above) ? above > below : null,
    },
    {
      claim: 'Averaging the iterates reduces the stationary fluctuation of the overlap (the noise √(2η/β) averages out).',
      source: 'Polyak & Juditsky 1992',
      evidence: `single run at d = ${r.d}, n = ${r.n}: final overlap of the last iterate ${fmt(r.run.last[T])}, of the running average ${fmt(r.run.average[T])} (the average includes the early, unaligned iterates); standard deviation over the last quarter of the steps: last iterate ${fmt(spreadLast)}, average ${fmt(spreadAverage)}`,
      ok: T >= 40 ? spreadAverage < spreadLast : null,
    },
  ];
}
