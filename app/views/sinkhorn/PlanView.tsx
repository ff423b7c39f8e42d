/**
 * The transport plan P as a heatmap (source i down, target j across) with its two
 * marginals P1 and Pᵀ1 along the sides, updated while the solver runs.
 */
import { useMemo, useRef } from 'react';
import { Heatmap } from '../../plots';
import { formatNumber } from '../../plots';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../ViewFrame';
import { DataTools } from './DataTools';
import { planParams } from './params';
import { blockSums, marginals } from './planData';
import { exportResult, useSolve } from './useSolve';

function PlanView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const state = useSolve(cellId, values);
  const { job, shown } = state;
  const picture = useMemo(() => {
    if (!shown) return null;
    const blocks = blockSums(shown.plan, shown.n, shown.m);
    const { row, col } = marginals(blocks.values, blocks.rows, blocks.cols);
    return { ...blocks, row, col };
  }, [shown]);
  const p = job.progress;
  const r = job.result;
  const description = r
    ? `Entropic transport plan (${r.method}, ε = ${r.epsilon}) between ${r.n} sources and ${r.m} targets: ` +
      `⟨C, P⟩ = ${formatNumber(r.cost)}, marginal error ${r.marginalError.toExponential(2)} after ${r.iterations} iterations` +
      `${r.converged ? '' : ' (not converged)'}${r.failure ? `; ${r.failure}` : ''}.`
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
      description={description}
      tools={<DataTools state={state} error={job.error} />}
    >
      {picture ? (
        <Heatmap
          svgRef={svgRef}
          values={picture.values}
          rows={picture.rows}
          cols={picture.cols}
          log={Boolean(values.logColor)}
          rowMarginal={picture.row}
          colMarginal={picture.col}
          rowLabel="source i"
          colLabel="target j"
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

export const planView: ViewDefinition = { id: 'sinkhorn-plan', title: 'Transport plan', params: planParams, component: PlanView };
