/**
 * The claims of the chapter's papers, each with the live evidence from a run and a verdict
 * (true: consistent, false: not seen in this run, null: not applicable or needs more runs).
 */
import { formatNumber } from '../../plots/frame';
import type { HessianTrainResult, SpectrumSnapshot } from '../../../src/workers/jobs/hessian';

export interface BulkRecord {
  paramCount: number;
  bulkRms: number;
  outliers: number;
}

export interface PaperCheckRow {
  claim: string;
  source: string;
  evidence: string;
  ok: boolean | null;
}

export function paperChecks(
  result: Pick<HessianTrainResult, 'lr' | 'classes' | 'batchSize' | 'n' | 'optimizer'>,
  last: Pick<SpectrumSnapshot, 'top' | 'gaussNewtonTop' | 'residualTop' | 'outliers' | 'bulkRms' | 'trace' | 'traceStandardError'> &
    Partial<Pick<SpectrumSnapshot, 'traceMethod'>>,
  bulkHistory: readonly BulkRecord[],
): PaperCheckRow[] {
  const twoOverEta = 2 / result.lr;
  const k = result.classes;
  const sharpness = last.top[0];
  const gTop = last.gaussNewtonTop?.[0];
  const rTop = last.residualTop?.[0];
  const stochastic = result.batchSize < result.n;
  return [
    {
      claim: 'The spectrum is a bulk near zero plus a few outliers; about one outlier per class (k or k − 1).',
      source: 'Sagun et al. 2017',
      evidence: `${last.outliers} outlier(s) clear of the bulk spacing (heuristic) among the top ${last.top.length} (k = ${k}); bulk RMS ${formatNumber(last.bulkRms)} vs λ₁ = ${formatNumber(sharpness)}`,
      ok: last.outliers >= k - 1 && last.outliers <= k,
    },
    {
      claim: 'The outliers come from the Gauss-Newton part G = Jᵀ H_ℓ J (the gradient covariance of the outputs), not from H − G.',
      source: 'Sagun et al. 2017; Papyan 2019',
      evidence:
        gTop !== undefined && rTop !== undefined
          ? `λ₁(G) = ${formatNumber(gTop)}, λ₁(H − G) = ${formatNumber(rTop)}, λ₁(H) = ${formatNumber(sharpness)}`
          : 'enable "G and H − G"',
      ok: gTop !== undefined && rTop !== undefined ? Math.abs(gTop - sharpness) <= 0.2 * Math.abs(sharpness) && Math.abs(rTop) < 0.5 * Math.abs(gTop) : null,
    },
    {
      claim: 'Adding parameters (same data) scales the bulk; the outliers stay.',
      source: 'Sagun et al. 2017',
      evidence: bulkHistory.length
        ? bulkHistory.map((b) => `P = ${b.paramCount}: bulk RMS ${formatNumber(b.bulkRms)}, ${b.outliers} outliers`).join('; ')
        : 'change the width to compare runs',
      ok: null,
    },
    {
      claim: 'GD is linearly stable only if λ_max ≤ 2/η; in practice sharpness rises to 2/η and hovers there (edge of stability).',
      source: 'Wu & Su 2023; Cohen et al. 2021',
      evidence: `λ_max = ${formatNumber(sharpness)}, 2/η = ${formatNumber(twoOverEta)}, η·λ_max/2 = ${formatNumber((sharpness * result.lr) / 2)}`,
      ok: result.optimizer === 'gd' ? sharpness <= twoOverEta * 1.1 : null,
    },
    {
      claim: 'A minimum that SGD can stay at has tr(H) ≤ 2/η (batch-size dependent; stated here for the trace of the mean loss).',
      source: 'Wu & Su 2023',
      evidence: `${
        last.traceMethod === 'exact'
          ? `tr(H) = ${formatNumber(last.trace)} (exact)`
          : `tr(H) = ${formatNumber(last.trace)} ± ${formatNumber(last.traceStandardError)}${last.traceMethod ? ` (${last.traceMethod === 'hutch++' ? 'Hutch++' : 'Hutchinson'})` : ''}`
      }, 2/η = ${formatNumber(twoOverEta)}`,
      ok: stochastic && result.optimizer === 'sgd' ? last.trace <= twoOverEta * 1.1 : null,
    },
  ];
}
