/**
 * AdamP / SGDP race (Heo et al., ICLR 2021): ‖w‖, the effective step, the angular update, loss and
 * accuracy per optimizer on the weight-normalized classifier or the 3-D toy, the toy's w/‖w‖ paths on
 * the unit sphere, and the paper check.
 */
import { useMemo, useRef } from 'react';
import { defineParams, pickParams } from '../../params/spec';
import { ADAMP_PARAMS } from '../../../src/catalogue/optimizer';
import type { ViewDefinition, ViewProps } from '../types';
import { stepProgress, ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, type Series } from '../../plots';
import { OPTIMIZERS, type OptimizerName } from '../../../src/geometry/optim';
import { adampCsv, adampExport } from './exportOptimizer';
import { adampChecks } from './adampChecks';
import { PaperCheckTable } from '../../frame/PaperCheckTable';
import { SpherePaths } from './SpherePaths';
import { fmt } from './fmt';
import { ROLE } from '../../plots/palette';

const params = defineParams([
  ...ADAMP_PARAMS,
  {
    name: 'problem',
    label: 'Curves of',
    type: 'enum',
    default: 'classifier',
    options: [
      { value: 'classifier', label: 'weight-normalized classifier (mean row of W)' },
      { value: 'toy', label: '3-D toy w ∈ ℝ³' },
    ],
  },
]);

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = { sgd: 'SGD', sgdm: 'SGD + momentum', adam: 'Adam', sgdp: 'SGDP', adamp: 'AdamP' };
const COLORS: Record<OptimizerName, string> = { sgd: ROLE.sky, sgdm: ROLE.vermillion, adam: ROLE.purple, sgdp: ROLE.orange, adamp: ROLE.green };

function AdampView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(ADAMP_PARAMS, v);
  const job = useJob(cellId, 'optimizer/adamp-race', jobParams, null, { streams: true });
  const run = job.status === 'running' && job.progress ? job.progress : job.result;
  const which = pickParams(params, v).problem;
  const t = run ? Float64Array.from({ length: run.done + 1 }, (_, i) => i) : new Float64Array(0);
  const series = (key: 'norm' | 'effectiveStep' | 'angle' | 'loss'): Series[] =>
    run ? OPTIMIZERS.map((n) => ({ label: OPTIMIZER_LABELS[n], x: key === 'angle' ? t.subarray(0, run.done) : t, y: run[which][n][key].subarray(0, key === 'angle' ? run.done : run.done + 1), color: COLORS[n] })) : [];
  const paths = useMemo(() => (run ? OPTIMIZERS.map((n) => ({ points: run.toy[n].path, count: run.done + 1, color: COLORS[n] })) : []), [run]);
  const description = run
    ? `Step ${run.done} of ${run.steps}: ‖w_T‖/‖w_0‖ on the classifier — ${OPTIMIZERS.map((n) => `${OPTIMIZER_LABELS[n]} ${fmt(run.classifier[n].norm[run.done] / run.classifier[n].norm[0])}`).join(', ')}; ` +
      `training accuracy ${OPTIMIZERS.map((n) => `${OPTIMIZER_LABELS[n]} ${fmt(run.classifier[n].accuracy[run.done])}`).join(', ')}.`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="optimizer-adamp"
      cellId={cellId}
      title="Scale-invariant weights: SGD, momentum, Adam, SGDP and AdamP"
      table={params}
      params={v}
      setParam={setParam}
      job={job}
      progress={stepProgress(job.progress)}
      figure={svgRef}
      exportResult={job.result ? () => adampExport(job.result!) : undefined}
      exportCsv={job.result ? () => adampCsv(job.result!) : undefined}
      description={description}
    >
      {run ? (
        <>
          <div className="figure-row">
            <LinePlot svgRef={svgRef} series={series('norm')} xLabel="step" yLabel={which === 'toy' ? '‖w‖' : 'mean ‖W_j‖'} yScale="log" height={240} />
            <LinePlot series={series('effectiveStep')} xLabel="step" yLabel="effective step η/‖w‖² (Adam: η/‖w‖)" yScale="log" height={240} />
            <LinePlot series={series('angle')} xLabel="step" yLabel="angular update (degrees)" yScale="log" height={240} />
            <LinePlot series={series('loss')} xLabel="step" yLabel="training loss" yScale="log" height={240} />
            {which === 'classifier' ? (
              <LinePlot series={OPTIMIZERS.map((n) => ({ label: OPTIMIZER_LABELS[n], x: t, y: run.classifier[n].accuracy.subarray(0, run.done + 1), color: COLORS[n] }))} xLabel="step" yLabel="training accuracy" yDomain={[0, 1]} height={240} />
            ) : null}
          </div>
          <p className="figure-note">3-D toy: w/‖w‖ on the unit sphere (drag to rotate); colours as in the legends.</p>
          <SpherePaths paths={paths} />
          <PaperCheckTable rows={adampChecks(run)} />
        </>
      ) : null}
    </ViewFrame>
  );
}

export const adampView: ViewDefinition = {
  id: 'optimizer-adamp',
  title: 'Scale-invariant weights: SGD, momentum, Adam, SGDP and AdamP',
  params,
  jobs: ['optimizer/adamp-race'],
  component: AdampView,
};
