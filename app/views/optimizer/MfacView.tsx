/**
 * M-FAC (Frantar, Kurtic & Alistarh, NeurIPS 2021): relative error of the matrix-free inverse-Fisher
 * product against a dense f64 solve as m and λ vary, its cost against m, and an MLP trained with
 * M-FAC-preconditioned steps beside SGD and Adam, with the paper check.
 */
import { useRef } from 'react';
import { pickParams } from '../../params/spec';
import { MFAC_PARAMS } from '../../../src/catalogue/optimizer2';
import type { ViewDefinition, ViewProps } from '../types';
import { stepProgress, ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, type Series } from '../../plots';
import { MFAC_RACE_METHODS, type MfacRaceMethod } from '../../../src/geometry/optim';
import { mfacCsv, mfacExport } from './exportOptimizer2';
import { mfacChecks, worstGridError } from './mfacChecks';
import { PaperCheckTable } from '../../frame/PaperCheckTable';
import { fmt } from './fmt';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';

const baseParams = MFAC_PARAMS;

const params = refineTable(baseParams, { essential: ['window', 'lambda', 'lrMfac', 'lrSgd', 'lrAdam', 'steps', 'hidden', 'batch'] });

const LABELS: Record<MfacRaceMethod, string> = { sgd: 'SGD', adam: 'Adam', mfac: 'M-FAC' };
const COLORS: Record<MfacRaceMethod, string> = { sgd: ROLE.sky, adam: ROLE.purple, mfac: ROLE.green };
const LAMBDA_COLORS = ['#d73027', '#fc8d59', '#91bfdb', '#4575b4', '#313695'];

function MfacView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(MFAC_PARAMS, v);
  const job = useJob(cellId, 'optimizer/mfac', jobParams, null, { streams: true });
  const run = job.status === 'running' && job.progress ? job.progress : job.result;
  const L = run ? run.grid.lambdas.length : 0;
  const errorSeries: Series[] = run
    ? run.grid.lambdas.map((lambda, j) => ({
        label: `λ = ${fmt(lambda)}`,
        x: run.grid.ms.slice(0, run.gridRows),
        y: Array.from({ length: run.gridRows }, (_, i) => run.grid.relError[i * L + j]),
        color: LAMBDA_COLORS[j % LAMBDA_COLORS.length],
      }))
    : [];
  const costSeries: Series[] = run?.cost
    ? [
        { label: 'M-FAC setup (G Gᵀ + recursion)', x: run.cost.ms, y: run.cost.setupMs, color: ROLE.orange },
        { label: 'M-FAC window slide (one gradient out, one in)', x: run.cost.ms, y: run.cost.slideMs, color: ROLE.purple },
        { label: 'M-FAC query F̂⁻¹x', x: run.cost.ms, y: run.cost.queryMs, color: ROLE.green },
        { label: 'dense form + Cholesky', x: run.cost.ms, y: run.cost.denseMs, color: ROLE.sky },
      ]
    : [];
  const t = run ? Float64Array.from({ length: run.done + 1 }, (_, i) => i) : new Float64Array(0);
  const curve = (key: 'loss' | 'accuracy'): Series[] => (run?.traces ? MFAC_RACE_METHODS.map((n) => ({ label: LABELS[n], x: t, y: run.traces![n][key].subarray(0, run.done + 1), color: COLORS[n] })) : []);
  const description = run
    ? `Step ${run.done} of ${run.steps}; P = ${run.P}; worst M-FAC vs dense relative error ${fmt(worstGridError(run))}` +
      (run.traces ? `; training loss SGD ${fmt(run.traces.sgd.loss[run.done])}, Adam ${fmt(run.traces.adam.loss[run.done])}, M-FAC ${fmt(run.traces.mfac.loss[run.done])}.` : '.')
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="optimizer-mfac"
      cellId={cellId}
      title="M-FAC: matrix-free inverse-Fisher products"
      table={params}
      params={v}
      setParam={setParam}
      job={job}
      progress={stepProgress(job.progress)}
      figure={svgRef}
      exportResult={job.result ? () => mfacExport(job.result!) : undefined}
      exportCsv={job.result ? () => mfacCsv(job.result!) : undefined}
      description={description}
    >
      {run ? (
        <>
          <div className="figure-row">
            <LinePlot svgRef={svgRef} series={errorSeries} xLabel="window m" yLabel="‖M-FAC − dense‖ / ‖dense‖" xScale="log" yScale="log" height={240} />
            {costSeries.length ? <LinePlot series={costSeries} xLabel="window m" yLabel="ms (median)" xScale="log" yScale="log" height={240} /> : null}
            {run.traces ? <LinePlot series={curve('loss')} xLabel="step" yLabel="training loss (full batch)" yScale="log" height={240} /> : null}
            {run.traces ? <LinePlot series={curve('accuracy')} xLabel="step" yLabel="training accuracy" yDomain={[0, 1]} height={240} /> : null}
          </div>
          <PaperCheckTable rows={mfacChecks(run)} />
        </>
      ) : null}
    </ViewFrame>
  );
}


export const mfacView: ViewDefinition = {
  id: 'optimizer-mfac',
  title: 'M-FAC: matrix-free inverse-Fisher products',
  params,
  jobs: ['optimizer/mfac'],
  component: MfacView,
};
