/** Paper-check rows for the M-FAC cell (Frantar, Kurtic & Alistarh, NeurIPS 2021). */
import type { MfacResult } from '../../../src/workers/jobs/optimizer2';
import { fmt } from './fmt';
import type { CheckRow } from '../../frame/PaperCheckTable';

const SOURCE = 'Frantar et al. 2021';

/** Largest relative error over the accuracy grid rows done so far (NaN when none). */
export function worstGridError(r: MfacResult): number {
  let worst = NaN;
  const n = r.gridRows * r.grid.lambdas.length;
  for (let i = 0; i < n; i++) if (!(r.grid.relError[i] <= worst)) worst = r.grid.relError[i];
  return worst;
}

export function mfacChecks(r: MfacResult): CheckRow[] {
  const worst = worstGridError(r);
  const last = r.cost ? r.cost.ms.length - 1 : -1;
  const T = r.done;
  const loss = (n: 'sgd' | 'adam' | 'mfac') => (r.traces ? r.traces[n].loss[T] : NaN);
  return [
    {
      claim: 'The recursive Woodbury scheme computes F̂⁻¹x for F̂ = λI + (1/m) Σ g_i g_iᵀ exactly, without forming F̂.',
      source: SOURCE,
      evidence: `worst relative error against a dense f64 Cholesky solve over m ∈ {${r.grid.ms.slice(0, r.gridRows).join(', ')}}, λ ∈ {${r.grid.lambdas.map(fmt).join(', ')}} (P = ${r.P}): ${fmt(worst)}`,
      ok: r.gridRows === r.grid.ms.length ? worst <= 1e-9 : null,
    },
    {
      claim: 'A query costs O(mP + m²) once the O(m²P) setup is done, against O(P³) for a dense solve.',
      source: SOURCE,
      evidence: r.cost
        ? `measured here at m = ${r.cost.ms[last]}: setup ${fmt(r.cost.setupMs[last])} ms, sliding the window by one gradient (O(mP + m²)) ${fmt(r.cost.slideMs[last])} ms, query ${fmt(r.cost.queryMs[last])} ms, dense form + Cholesky ${fmt(r.cost.denseMs[last])} ms; query at m = 1: ${fmt(r.cost.queryMs[0])} ms`
        : 'not measured yet',
      ok: r.cost ? r.cost.queryMs[last] < r.cost.denseMs[last] : null,
    },
    {
      claim: 'M-FAC-preconditioned steps train faster than first-order methods at equal step count.',
      source: SOURCE,
      evidence: r.traces ? `training loss after ${T} steps (batch ${r.batch}, window m = ${r.window}, λ = ${fmt(r.lambda)}): SGD ${fmt(loss('sgd'))}, Adam ${fmt(loss('adam'))}, M-FAC ${fmt(loss('mfac'))}` : 'training not started',
      ok: r.traces && T >= 50 ? loss('mfac') < Math.min(loss('sgd'), loss('adam')) : null,
    },
  ];
}
