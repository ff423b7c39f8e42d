/**
 * The learning-rate spike race (Sao 2026, lrspike): the same seeded MLP trained with Adam
 * three ways — plain, gradient clipping, and the τ ≤ ρ_a controller — while the learning
 * rate is multiplied by a spike factor. Loss, test accuracy and the normalized step
 * r = τ/ρ_a stream in as the run goes. The last two panels set the controller's two notions of
 * "safe" side by side in their own units: the radius ρ_a against the step length τ it allows,
 * and the classical curvature bound 2/λ_max (the Hessian chapter) against the learning rate.
 */
import { useRef } from 'react';
import { pickParams } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { stepProgress, ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, formatNumber, type Series } from '../../plots';
import { SPIKE_RACE_PARAMS } from '../../../src/catalogue/radii';
import { raceExport } from './exportRadii';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';

const params = refineTable(SPIKE_RACE_PARAMS, { essential: ['lr', 'spikeFactor', 'spikeStep', 'spikeDuration', 'steps', 'clipNorm', 'classes', 'separation'] });

const COLORS = { plain: ROLE.vermillion, clip: ROLE.purple, controller: ROLE.blue, rho: ROLE.green, curvature: ROLE.orange };

function RaceView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(SPIKE_RACE_PARAMS, v);
  const job = useJob(cellId, 'radii/spike-race', jobParams, null, { streams: true });
  const run = job.status === 'running' && job.progress ? job.progress : job.result;
  const spike = [{ value: jobParams.spikeStep, label: `×${formatNumber(jobParams.spikeFactor)}`, color: '#666' }];
  const steps = run ? Float64Array.from({ length: run.steps }, (_, t) => t) : new Float64Array(0);
  const per = (key: 'loss' | 'accuracy' | 'r'): Series[] =>
    run
      ? (['plain', 'clip', 'controller'] as const).map((name) => ({
          label: name === 'controller' ? 'τ ≤ ρ_a controller' : name === 'clip' ? 'gradient clipping' : 'plain Adam',
          x: steps,
          y: run.variants[name][key],
          color: COLORS[name],
        }))
      : [];
  const c = run?.variants.controller;
  const curvaturePoints = c ? Array.from(c.twoOverLambda, (val, t) => [t, val] as const).filter(([, val]) => Number.isFinite(val)) : [];
  const last = run ? run.done - 1 : -1;
  const description =
    run && last >= 0
      ? `Step ${last + 1} of ${run.steps}: test accuracy plain ${formatNumber(run.variants.plain.accuracy[last])}, clipping ${formatNumber(run.variants.clip.accuracy[last])}, ` +
        `controller ${formatNumber(run.variants.controller.accuracy[last])} (chance ${formatNumber(run.chance)}). ` +
        `Learning rate ${formatNumber(jobParams.lr)} × ${formatNumber(jobParams.spikeFactor)} from step ${jobParams.spikeStep}; the controller keeps r = τ/ρ_a ≤ 1.`
      : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="radii-race"
      cellId={cellId}
      title="Learning-rate spike: plain Adam, clipping and the τ ≤ ρ_a controller"
      table={params}
      params={v}
      setParam={setParam}
      job={job}
      progress={stepProgress(job.progress)}
      figure={svgRef}
      exportResult={job.result ? () => raceExport(job.result!) : undefined}
      description={description}
    >
      {run ? (
        <div className="figure-row">
          <LinePlot svgRef={svgRef} series={per('loss')} xLabel="step" yLabel="training loss" yScale="log" vLines={spike} height={260} />
          <LinePlot series={per('accuracy')} xLabel="step" yLabel="test accuracy" yDomain={[0, 1]} vLines={spike} hLines={[{ value: run.chance, label: 'chance' }]} height={260} />
          <LinePlot series={per('r')} xLabel="step" yLabel="r = τ/ρ_a" yScale="log" vLines={spike} hLines={[{ value: 1, label: 'r = 1' }]} height={260} />
          {c ? (
            <LinePlot
              series={[
                { label: 'ρ_a along the step', x: steps, y: c.rhoA, color: COLORS.rho },
                { label: 'step length τ taken', x: steps, y: c.tau, color: COLORS.controller, dashed: true },
              ]}
              xLabel="step"
              yLabel="controller: radius and step length"
              yScale="log"
              vLines={spike}
              height={260}
            />
          ) : null}
          {c && run ? (
            <LinePlot
              series={[
                { label: 'η with the spike', x: steps, y: run.learningRate, color: '#666', dashed: true },
                { label: 'η applied by the controller', x: steps, y: Array.from(run.learningRate, (lr, t) => (c.rRaw[t] > 0 ? (lr * c.r[t]) / c.rRaw[t] : lr)), color: COLORS.controller },
                { label: '2/λ_max (controller run)', x: curvaturePoints.map((p) => p[0]), y: curvaturePoints.map((p) => p[1]), color: COLORS.curvature, points: true },
              ]}
              xLabel="step"
              yLabel="learning rate"
              yScale="log"
              vLines={spike}
              height={260}
            />
          ) : null}
        </div>
      ) : null}
    </ViewFrame>
  );
}

export const raceView: ViewDefinition = {
  id: 'radii-race',
  title: 'Learning-rate spike: plain Adam, clipping and the τ ≤ ρ_a controller',
  params,
  jobs: ['radii/spike-race'],
  component: RaceView,
};
