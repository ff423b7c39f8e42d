/**
 * Matrix sensing race (Xiong, Ding & Du, ICLR 2024): the four error curves on log–log and
 * log–linear axes with their fitted slopes and rates, the singular values of one run's factor(s)
 * over time, and the paper check.
 */
import { useRef, useState } from 'react';
import { LoadData, type LoadedFile } from '../../io/LoadData';
import { defineParams, pickParams } from '../../params/spec';
import { SENSING_PARAMS } from '../../../src/catalogue/optimizer';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot, type Series } from '../../plots';
import { fmt as formatNumber } from './fmt';
import { parseSensingRun, SENSING_METHODS, type SensingMethod } from '../../../src/geometry/optim';
import { sensingCsv, sensingExport } from './exportOptimizer';
import { sensingChecks } from './sensingChecks';
import { PaperCheckTable } from '../../frame/PaperCheckTable';
import { refineTable } from '../../params/refine';
import { ROLE } from '../../plots/palette';

const baseParams = defineParams([
  ...SENSING_PARAMS,
  {
    name: 'spectrum',
    label: 'Singular values of',
    type: 'enum',
    default: 'symmetric-over',
    options: [
      { value: 'symmetric-over', label: 'X (symmetric, k > r)' },
      { value: 'symmetric-exact', label: 'X (symmetric, k = r)' },
      { value: 'asymmetric-over', label: 'F and G (asymmetric)' },
      { value: 'modified', label: 'F and G (modified)' },
    ],
  },
]);

const params = refineTable(baseParams, { essential: ['alpha', 'eta', 'iterations', 'kappa', 'r', 'k', 'modifyAt', 'spectrum'] });

export const METHOD_LABELS: Record<SensingMethod, string> = {
  'symmetric-exact': 'symmetric, k = r',
  'symmetric-over': 'symmetric, k > r',
  'asymmetric-over': 'asymmetric FGᵀ, k > r',
  modified: 'asymmetric + one modified step',
};
const COLORS: Record<SensingMethod, string> = { 'symmetric-exact': ROLE.green, 'symmetric-over': ROLE.vermillion, 'asymmetric-over': ROLE.blue, modified: ROLE.orange };

function SensingView({ cellId, chapterId, params: v, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const jobParams = pickParams(SENSING_PARAMS, v);
  const view = pickParams(params, v);
  const [loaded, setLoaded] = useState<{ name: string; json: unknown } | null>(null);
  const onLoad = (f: LoadedFile) => {
    if (f.kind !== 'json') throw new Error('expected the .json file written by Export JSON of this cell');
    parseSensingRun(f.json);
    setLoaded({ name: f.name, json: f.json });
  };
  const job = useJob(cellId, 'optimizer/sensing-race', jobParams, loaded?.json ?? null, { streams: true });
  const run = job.status === 'running' && job.progress ? job.progress : job.result;
  const t = run ? Float64Array.from({ length: run.done + 1 }, (_, i) => i) : new Float64Array(0);
  const errorSeries: Series[] = run
    ? SENSING_METHODS.map((name) => {
        const f = run.fits[name];
        return {
          label: `${METHOD_LABELS[name]} (slope ${formatNumber(f.logLogSlope)}, ρ ${formatNumber(f.rate)})`,
          x: t,
          y: run.traces[name].errors.subarray(0, run.done + 1),
          color: COLORS[name],
        };
      })
    : [];
  const which = view.spectrum;
  const spectrumSeries: Series[] = [];
  if (run) {
    const tr = run.traces[which];
    const column = (a: Float64Array, j: number) => Float64Array.from({ length: run.done + 1 }, (_, i) => a[i * tr.k + j]);
    for (let j = 0; j < tr.k; j++) spectrumSeries.push({ label: `σ${j + 1}(${tr.singularG.length ? 'F' : 'X'})`, x: t, y: column(tr.singular, j), color: j < run.r ? 'currentColor' : COLORS[which] });
    if (tr.singularG.length) for (let j = 0; j < tr.k; j++) spectrumSeries.push({ label: `σ${j + 1}(G)`, x: t, y: column(tr.singularG, j), color: j < run.r ? '#777' : COLORS[which], dashed: true });
  }
  const error = loaded ? null : jobParams.k <= jobParams.r ? `k = ${jobParams.k} must exceed r = ${jobParams.r} (the over-parameterized runs need k > r)` : jobParams.k > jobParams.n ? `k = ${jobParams.k} exceeds n = ${jobParams.n}` : null;
  const description = run
    ? `${loaded ? `Measurements and initialization from ${loaded.name} (n = ${run.n}, r = ${run.r}, m = ${run.m}, k = ${run.k}). ` : ''}Iteration ${run.done} of ${run.iterations}: ‖XXᵀ − M*‖_F exact ${formatNumber(run.traces['symmetric-exact'].errors[run.done])}, over-parameterized ${formatNumber(run.traces['symmetric-over'].errors[run.done])} (log–log slope ${formatNumber(run.fits['symmetric-over'].logLogSlope)}), ` +
      `asymmetric ${formatNumber(run.traces['asymmetric-over'].errors[run.done])} (rate ${formatNumber(run.fits['asymmetric-over'].rate)} at α = ${formatNumber(run.alpha)}), modified ${formatNumber(run.traces.modified.errors[run.done])} (rate ${formatNumber(run.fits.modified.rate)}).`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="optimizer-sensing"
      cellId={cellId}
      title="Matrix sensing: exact, over-parameterized, asymmetric and modified GD"
      table={params}
      params={v}
      setParam={setParam}
      job={job}
      progress={job.progress ? { fraction: job.progress.done / job.progress.iterations, text: `iteration ${job.progress.done} of ${job.progress.iterations}` } : undefined}
      figure={svgRef}
      exportResult={job.result ? () => sensingExport(job.result!) : undefined}
      exportCsv={job.result ? () => sensingCsv(job.result!) : undefined}
      description={description}
      error={error}
      hiddenParams={loaded ? ['n', 'r', 'k', 'm', 'kappa', 'seed'] : undefined}
      tools={
        <>
          <LoadData onLoad={onLoad} accept=".json" label="Load a run (.json)" />
          {loaded ? (
            <button type="button" onClick={() => setLoaded(null)}>
              Use seeded data
            </button>
          ) : null}
        </>
      }
    >
      {run ? (
        <>
          <div className="figure-row">
            <LinePlot svgRef={svgRef} series={errorSeries} xLabel="iteration T (log)" yLabel="‖XXᵀ − M*‖_F (log)" xScale="log" yScale="log" height={280} ariaLabel="Error against T on log–log axes" />
            <LinePlot series={errorSeries} xLabel="iteration T" yLabel="‖XXᵀ − M*‖_F (log)" yScale="log" height={280} vLines={[{ value: run.modifyAt, label: 'modified step' }]} ariaLabel="Error against T on log–linear axes" />
            <LinePlot series={spectrumSeries} xLabel="iteration T (log)" yLabel={`singular values: ${METHOD_LABELS[which]}`} xScale="log" yScale="log" height={280} ariaLabel="Singular values of the factors over time" />
          </div>
          <PaperCheckTable rows={sensingChecks(run)} />
        </>
      ) : null}
    </ViewFrame>
  );
}

export const sensingView: ViewDefinition = {
  id: 'optimizer-sensing',
  title: 'Matrix sensing: exact, over-parameterized, asymmetric and modified GD',
  params,
  jobs: ['optimizer/sensing-race'],
  component: SensingView,
};
