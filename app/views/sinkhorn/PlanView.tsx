/**
 * The transport plan P as a heatmap (source i down, target j across) with its two
 * marginals P1 and Pᵀ1 along the sides, updated while the solver runs.
 */
import { useMemo, useRef } from 'react';
import { Heatmap } from '../../plots';
import { formatNumber } from '../../plots';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { DataTools } from './DataTools';
import { planParams } from './params';
import { pickParams } from '../../params/spec';
import { blockSums, floorRelative, marginals, orderPlan } from './planData';
import { exportResult, historyCsv, useSolve, warmNote } from './useSolve';

function PlanView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const state = useSolve(cellId, values);
  const { job, shown } = state;
  const r0 = job.result;
  const v = pickParams(planParams, values);
  const sorted = v.order === 'sorted';
  const logColor = v.logColor;
  const picture = useMemo(() => {
    if (!shown) return null;
    // rows by the sources' first coordinate (raster order for images and cost matrices)
    const rowKey =
      sorted && r0 && r0.n === shown.n && r0.dim > 0 && v.dataset !== 'images'
        ? Float64Array.from({ length: r0.n }, (_, i) => r0.x[i * r0.dim])
        : null;
    const ordered = sorted ? orderPlan(shown.plan, shown.n, shown.m, rowKey).values : shown.plan;
    const blocks = blockSums(ordered, shown.n, shown.m);
    const { row, col } = marginals(blocks.values, blocks.rows, blocks.cols);
    return { ...blocks, values: logColor ? floorRelative(blocks.values, 1e-4) : blocks.values, row, col };
    // r0 supplies coordinates for the plan being shown
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, sorted, logColor, v.dataset]);
  const p = job.progress;
  const r = job.result;
  const description = r
    ? `Entropic transport plan (${r.method}, ε = ${r.epsilon}) between ${r.n} sources and ${r.m} targets: ` +
      `⟨C, P⟩ = ${formatNumber(r.cost)}, marginal error ${r.marginalError.toExponential(2)} after ${r.iterations} iterations` +
      `${r.converged ? '' : ' (not converged)'}${warmNote(r)}${r.failure ? `; ${r.failure}` : ''}.`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="sinkhorn-plan"
      cellId={cellId}
      title="Transport plan"
      table={planParams}
      params={values}
      setParam={setParam}
      job={job}
      progress={p ? { text: `iteration ${p.iteration}, marginal error ${p.marginalError.toExponential(2)}` } : undefined}
      figure={svgRef}
      exportResult={r ? () => exportResult(r, job.backend) : undefined}
      exportCsv={r ? () => historyCsv(r) : undefined}
      description={description}
      tools={<DataTools state={state} error={job.error} />}
    >
      {picture ? (
        <Heatmap
          svgRef={svgRef}
          values={picture.values}
          rows={picture.rows}
          cols={picture.cols}
          log={logColor}
          rowMarginal={picture.row}
          colMarginal={picture.col}
          rowLabel={sorted ? 'sources (sorted by x)' : 'source i'}
          colLabel={sorted ? 'targets (by where their mass comes from)' : 'target j'}
          width={460}
          height={460}
          ariaLabel="transport plan heatmap with its marginals"
        />
      ) : (
        <p className="figure-placeholder">Computing the plan…</p>
      )}
    </ViewFrame>
  );
}

export const planView: ViewDefinition = { id: 'sinkhorn-plan', title: 'Transport plan', params: planParams, jobs: ['sinkhorn/solve'], component: PlanView };
