/**
 * Paper-check rows for the AdamP race (Heo et al., ICLR 2021) and the norm bookkeeping they use.
 */
import type { AdampRaceResult } from '../../../src/workers/jobs/optimizer';
import type { ToyTrace } from '../../../src/geometry/optim';
import { fmt } from './fmt';
import type { CheckRow } from '../../frame/PaperCheckTable';

const SOURCE = 'Heo et al. 2021';

/**
 * ‖w_T‖² predicted by the paper's expression for SGDM on a scale-invariant loss,
 * ‖w_{t+1}‖² = ‖w_t‖² + η²‖b_t‖² + 2η² Σ_{k<t} β^{t−k}‖b_k‖², from the recorded ‖b_t‖² and ‖w_0‖.
 */
export function momentumNormPrediction(trace: ToyTrace, eta: number, beta: number, steps: number): number {
  let w2 = trace.norm[0] ** 2;
  let history = 0; // Σ_{k<t} β^{t−k}‖b_k‖²
  for (let t = 0; t < steps; t++) {
    w2 += eta * eta * (trace.directionSquared[t] + 2 * history);
    history = beta * (history + trace.directionSquared[t]);
  }
  return w2;
}

export function adampChecks(r: AdampRaceResult): CheckRow[] {
  const T = r.done;
  const growth = (which: 'toy' | 'classifier', n: keyof AdampRaceResult['toy']) => r[which][n].norm[T] / r[which][n].norm[0];
  const predicted = Math.sqrt(momentumNormPrediction(r.toy.sgdm, r.lrSgd, r.momentum, T));
  const measured = r.toy.sgdm.norm[T];
  const loss = (n: keyof AdampRaceResult['toy']) => r.classifier[n].loss[T];
  return [
    {
      claim: 'With momentum, ‖w‖ of a scale-invariant weight grows much faster than without, so the effective step η/‖w‖² decays prematurely.',
      source: SOURCE,
      evidence: `‖w_T‖/‖w_0‖ after ${T} steps — toy: SGD ${fmt(growth('toy', 'sgd'))}, SGDM ${fmt(growth('toy', 'sgdm'))}; classifier (mean row of W): SGD ${fmt(growth('classifier', 'sgd'))}, SGDM ${fmt(growth('classifier', 'sgdm'))}, Adam ${fmt(growth('classifier', 'adam'))}`,
      ok: T >= 20 ? growth('toy', 'sgdm') > growth('toy', 'sgd') && growth('classifier', 'sgdm') > growth('classifier', 'sgd') : null,
    },
    {
      claim: 'SGDM on a scale-invariant loss: ‖w_{t+1}‖² = ‖w_t‖² + η²‖b_t‖² + 2η² Σ_{k<t} β^{t−k}‖b_k‖².',
      source: SOURCE,
      evidence: `toy, SGDM: measured ‖w_T‖ = ${fmt(measured)}, the expression gives ${fmt(predicted)} (relative gap ${fmt(Math.abs(measured - predicted) / predicted)})`,
      ok: T >= 1 ? Math.abs(measured - predicted) <= 1e-8 * predicted : null,
    },
    {
      claim: 'SGDP/AdamP project out the radial component: ‖w‖ stays nearly constant (growth only at second order in η).',
      source: SOURCE,
      evidence: `‖w_T‖/‖w_0‖ — toy: SGDP ${fmt(growth('toy', 'sgdp'))}, AdamP ${fmt(growth('toy', 'adamp'))}; classifier: SGDP ${fmt(growth('classifier', 'sgdp'))}, AdamP ${fmt(growth('classifier', 'adamp'))}; W detected scale-invariant on ${fmt(100 * r.classifier.sgdp.projectedFraction)}% / ${fmt(100 * r.classifier.adamp.projectedFraction)}% of steps (δ = ${fmt(r.delta)})`,
      ok: T >= 20 ? growth('classifier', 'sgdp') < growth('classifier', 'sgdm') && growth('classifier', 'adamp') < growth('classifier', 'adam') : null,
    },
    {
      claim: 'Removing the radial part changes only the effective step, not the effective direction, and keeps or improves training.',
      source: SOURCE,
      evidence: `classifier training loss at T: SGDM ${fmt(loss('sgdm'))} vs SGDP ${fmt(loss('sgdp'))}; Adam ${fmt(loss('adam'))} vs AdamP ${fmt(loss('adamp'))}`,
      ok: T >= 20 ? loss('sgdp') <= 1.1 * loss('sgdm') && loss('adamp') <= 1.1 * loss('adam') : null,
    },
  ];
}
