/**
 * The learning-rate spike race (Sao 2026, lrspike): the same seeded MLP trained with Adam
 * three ways — plain, gradient clipping, and the τ ≤ ρ_a controller — while the learning
 * rate is multiplied by a spike factor. Loss, test accuracy and the normalized step
 * r = τ/ρ_a stream in as the run goes. The last two panels set the controller's two notions of
 * "safe" side by side in their own units: the radius ρ_a against the step length τ it allows,
 * and the classical curvature bound 2/λ_max (the Hessian chapter) against the learning rate.
 */
import { useRef } from 'react';
import type { ParamTable } from '../../params/spec';
import type { ViewDefinition, ViewProps } from '../types';
import { stepProgress, ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, formatNumber, type Series } from '../../plots';
import type { SpikeRaceParams } from '../../../src/workers/jobs/radii';
import type { Activation } from '../../../src/geometry/nn/activations';
import { raceExport } from './exportRadii';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';

const baseParams: ParamTable = [
  { name: 'lr', label: 'Learning rate η', type: 'number', default: 0.01, min: 1e-4, max: 0.1, step: 1e-4, scale: 'log' },
  { name: 'spikeFactor', label: 'Spike factor', type: 'number', default: 1000, min: 1, max: 10000, step: 1, scale: 'log', description: 'The learning rate is multiplied by this during the spike.' },
  { name: 'spikeStep', label: 'Spike at step', type: 'integer', default: 40, min: 0, max: 500, step: 1 },
  { name: 'spikeDuration', label: 'Spike duration (steps)', type: 'integer', default: 500, min: 1, max: 500, step: 1, description: '500 keeps the spike to the end of the run.' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 120, min: 10, max: 500, step: 10 },
  { name: 'clipNorm', label: 'Clip norm', type: 'number', default: 1, min: 0.01, max: 100, step: 0.01, scale: 'log', description: 'Gradient norm limit of the clipping run.' },
  {
    name: 'hidden',
    label: 'Hidden layers',
    type: 'enum',
    default: '32,32',
    options: [
      { value: '32,32', label: '32 → 32' },
      { value: '16,16', label: '16 → 16' },
      { value: '64', label: '64' },
      { value: '64,64', label: '64 → 64' },
    ],
  },
  {
    name: 'activation',
    label: 'Activation',
    type: 'enum',
    default: 'relu',
    options: [
      { value: 'relu', label: 'ReLU' },
      { value: 'tanh', label: 'tanh' },
      { value: 'gelu', label: 'GELU' },
    ],
  },
  { name: 'classes', label: 'Classes', type: 'integer', default: 8, min: 2, max: 10, step: 1 },
  { name: 'separation', label: 'Class separation', type: 'number', default: 5, min: 0.5, max: 10, step: 0.1 },
  { name: 'dimension', label: 'Input dimension', type: 'integer', default: 16, min: 2, max: 64, step: 1 },
  { name: 'trainSize', label: 'Training samples', type: 'integer', default: 256, min: 32, max: 2048, step: 32 },
  { name: 'testSize', label: 'Test samples', type: 'integer', default: 256, min: 32, max: 2048, step: 32 },
  { name: 'batchSize', label: 'Batch size', type: 'integer', default: 64, min: 8, max: 512, step: 8 },
  { name: 'curvatureEvery', label: '2/λ_max every (steps)', type: 'integer', default: 10, min: 0, max: 100, step: 1, description: '0 turns the power iteration off.' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
];

const params: ParamTable = refineTable(baseParams, { essential: ['lr', 'spikeFactor', 'spikeStep', 'spikeDuration', 'steps', 'clipNorm', 'classes', 'separation'] });

const COLORS = { plain: ROLE.vermillion, clip: ROLE.purple, controller: ROLE.blue, rho: ROLE.green, curvature: ROLE.orange };

function RaceView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams: SpikeRaceParams = {
    seed: Number(v.seed),
    classes: Number(v.classes),
    dimension: Number(v.dimension),
    separation: Number(v.separation),
    trainSize: Number(v.trainSize),
    testSize: Number(v.testSize),
    hidden: String(v.hidden),
    activation: String(v.activation) as Activation,
    lr: Number(v.lr),
    batchSize: Number(v.batchSize),
    steps: Number(v.steps),
    spikeFactor: Number(v.spikeFactor),
    spikeStep: Number(v.spikeStep),
    spikeDuration: Number(v.spikeDuration),
    clipNorm: Number(v.clipNorm),
    curvatureEvery: Number(v.curvatureEvery),
  };
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
  component: RaceView,
};
