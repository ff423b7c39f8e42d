/**
 * Sven (truncated-SVD natural gradient) against minibatch SGD, Adam and L-BFGS on a small function fit: loss against
 * steps and against wall time, the singular values of the residual Jacobian along Sven's run, and the paper check.
 */
import { useRef } from 'react';
import { pickParams } from '../../params/spec';
import { SVEN_PARAMS } from '../../../src/catalogue/optimizer2';
import type { ViewDefinition, ViewProps } from '../types';
import { stepProgress, ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, type Series } from '../../plots';
import { SVEN_METHODS, type SvenMethod } from '../../../src/geometry/optim';
import { svenCsv, svenExport } from './exportOptimizer2';
import { svenChecks } from './svenChecks';
import { PaperCheckTable } from '../../frame/PaperCheckTable';
import { fmt } from './fmt';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';

const baseParams = SVEN_PARAMS;

const params = refineTable(baseParams, { essential: ['k', 'lrSven', 'lrSgd', 'lrAdam', 'steps', 'n', 'hidden'] });

const LABELS: Record<SvenMethod, string> = { sgd: 'SGD', adam: 'Adam', lbfgs: 'L-BFGS', sven: 'Sven' };
const COLORS: Record<SvenMethod, string> = { sgd: ROLE.sky, adam: ROLE.purple, lbfgs: ROLE.blue, sven: ROLE.green };

function SvenView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(SVEN_PARAMS, v);
  const job = useJob(cellId, 'optimizer/sven', jobParams, null, { streams: true });
  const run = job.status === 'running' && job.progress ? job.progress : job.result;
  const t = run ? Float64Array.from({ length: run.done + 1 }, (_, i) => i) : new Float64Array(0);
  const byStep: Series[] = run ? SVEN_METHODS.map((m) => ({ label: LABELS[m], x: t, y: run.traces[m].loss.subarray(0, run.done + 1), color: COLORS[m] })) : [];
  // Wall time starts at 0; the log axis needs positive x, so the curves start at step 1.
  const byTime: Series[] = run ? SVEN_METHODS.map((m) => ({ label: LABELS[m], x: run.traces[m].time.subarray(1, run.done + 1), y: run.traces[m].loss.subarray(1, run.done + 1), color: COLORS[m] })) : [];
  const shown = run ? Math.min(run.k, 8) : 0;
  const sigma: Series[] = run
    ? Array.from({ length: shown }, (_, j) => ({
        label: `σ${j + 1}`,
        x: t,
        y: Float64Array.from({ length: run.done + 1 }, (_, s) => run.singular[s * run.k + j]),
        color: `hsl(${(140 + 25 * j) % 360} 60% ${30 + 5 * j}%)`,
      }))
    : [];
  const description = run
    ? `Step ${run.done} of ${run.steps} (n = ${run.n}, P = ${run.P}, k = ${run.k}): loss SGD ${fmt(run.traces.sgd.loss[run.done])}, Adam ${fmt(run.traces.adam.loss[run.done])}, L-BFGS ${fmt(run.traces.lbfgs.loss[run.done])}, Sven ${fmt(run.traces.sven.loss[run.done])}.`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="optimizer-sven"
      cellId={cellId}
      title="Sven: a truncated-SVD natural gradient"
      table={params}
      params={v}
      setParam={setParam}
      job={job}
      progress={stepProgress(job.progress)}
      figure={svgRef}
      exportResult={job.result ? () => svenExport(job.result!) : undefined}
      exportCsv={job.result ? () => svenCsv(job.result!) : undefined}
      description={description}
    >
      {run ? (
        <>
          <div className="figure-row">
            <LinePlot svgRef={svgRef} series={byStep} xLabel="step" yLabel="loss (1/2n) Σ r²" yScale="log" height={240} />
            <LinePlot series={byTime} xLabel="wall time (ms, this tab)" yLabel="loss" xScale="log" yScale="log" height={240} />
            <LinePlot series={sigma} xLabel="step" yLabel={`singular values of J (largest ${shown})`} yScale="log" height={240} />
          </div>
          <PaperCheckTable rows={svenChecks(run)} />
        </>
      ) : null}
    </ViewFrame>
  );
}

export const svenView: ViewDefinition = {
  id: 'optimizer-sven',
  title: 'Sven: a truncated-SVD natural gradient',
  params,
  jobs: ['optimizer/sven'],
  component: SvenView,
};
