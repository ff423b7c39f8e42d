/**
 * The chapter's main figure: an MLP trained live in the worker, with the Hessian spectrum taken
 * every N steps — the SLQ density on a log scale with the outliers marked (and the exact f64
 * spectrum beside it for small nets), the top-k eigenvalues over training against 2/η, tr(H)
 * against 2/η, the loss, G vs H − G, and the paper-check panel.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useJob } from '../../engine/useJob';
import { LinePlot, type ReferenceLine, type Series } from '../../plots';
import { formatNumber } from '../../plots/frame';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import type { HessianTrainData } from '../../../src/workers/jobs/hessian';
import type { PartialSnapshot } from '../../../src/workers/jobs/hessianSpectra';
import type { DigitsJson } from '../../../src/geometry/nn';
import { toJobParams, trainingParams } from './params';
import { buildExport } from './exportResult';
import { broadenedDensity } from './exactDensity';
import { PaperCheck, type BulkRecord } from './PaperCheck';
import { LoadData } from '../../io/LoadData';
import { networkFromFile, type LoadedNetwork } from './loadNetwork';

const PLOT_W = 460;
const PLOT_H = 250;

function useDigits(enabled: boolean): { data: HessianTrainData | null; error: string | null } {
  const [digits, setDigits] = useState<DigitsJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || digits) return;
    let live = true;
    fetch(`${import.meta.env.BASE_URL}data/digits.json`)
      .then((r) => {
        if (!r.ok) throw new Error(`could not load data/digits.json (HTTP ${r.status})`);
        return r.json() as Promise<DigitsJson>;
      })
      .then((json) => live && setDigits(json))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [enabled, digits]);
  const data = useMemo(() => (digits ? { digits } : null), [digits]);
  return { data, error: enabled ? error : null };
}

function TrainingView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const densityRef = useRef<SVGSVGElement>(null);
  const jobParams = toJobParams(values);
  // A loaded network or dataset replaces the built-in data until "Use built-in data" is pressed.
  const [loaded, setLoaded] = useState<LoadedNetwork | null>(null);
  const loadedData = useMemo<HessianTrainData | null>(() => (loaded ? { loaded } : null), [loaded]);
  const digits = useDigits(!loaded && jobParams.dataset === 'digits');
  const waitingForDigits = !loaded && jobParams.dataset === 'digits' && !digits.data;
  const job = useJob(
    cellId,
    'hessian/train',
    jobParams,
    loaded ? loadedData : jobParams.dataset === 'digits' ? digits.data : null,
    // Training streams: each progress report draws the loss curve and the spectra done so far.
    { enabled: !waitingForDigits, streams: true },
  );
  const running = job.status === 'running';
  // While running, the snapshot under way has its top-k and whatever of its tail is done.
  const snapshots: PartialSnapshot[] = (running ? job.progress?.snapshots : job.result?.snapshots) ?? job.result?.snapshots ?? [];
  const losses = (running ? job.progress?.losses : job.result?.losses) ?? new Float64Array(0);
  const last = snapshots[snapshots.length - 1];
  // The density and split panels show the latest snapshot that has them.
  const latest = <K extends keyof PartialSnapshot>(key: K) => [...snapshots].reverse().find((s) => s[key] !== undefined && s[key] !== null);
  const withDensity = latest('density');
  const withSplit = latest('gaussNewtonTop') ?? latest('residualTop');
  const withTrace = latest('trace');
  const result = job.result;
  const finalSnapshot = result?.snapshots[result.snapshots.length - 1];
  const twoOverEta = 2 / jobParams.lr;

  // Bulk-scaling evidence: finished runs that differ only in the network.
  const [bulkHistory, setBulkHistory] = useState<{ dataKey: string; records: BulkRecord[] }>({ dataKey: '', records: [] });
  const dataKey = loaded
    ? `loaded:${loaded.name}:${loaded.data.n}`
    : JSON.stringify([jobParams.dataset, jobParams.classes, jobParams.dimension, jobParams.separation, jobParams.n, jobParams.noise, jobParams.seed]);
  useEffect(() => {
    if (job.status !== 'done' || !result) return;
    const final = result.snapshots[result.snapshots.length - 1];
    if (!final) return;
    // Right after a load the previous data's result is still shown: it does not belong to the new key.
    if ((result.source !== 'built-in') !== (loaded !== null) || (loaded && result.n !== loaded.data.n)) return;
    setBulkHistory((h) => {
      const records = h.dataKey === dataKey ? h.records.filter((r) => r.paramCount !== result.paramCount) : [];
      return { dataKey, records: [...records, { paramCount: result.paramCount, bulkRms: final.bulkRms, outliers: final.outliers }].sort((a, b) => a.paramCount - b.paramCount).slice(-6) };
    });
  }, [job.status, result, dataKey, loaded]);

  const densitySeries: Series[] = [];
  const outlierLines: ReferenceLine[] = [];
  if (withDensity?.density) {
    const density = withDensity.density;
    densitySeries.push({ label: 'SLQ estimate', x: density.grid, y: density.values });
    const exact = !running && result?.exact ? result.exact : null;
    if (exact) densitySeries.push({ label: 'exact (f64, same σ)', x: density.grid, y: broadenedDensity(exact, density.grid, density.sigma), dashed: true });
    for (let i = 0; i < (withDensity.outliers ?? 0); i++) outlierLines.push({ value: withDensity.top[i], label: `λ${i + 1}` });
  }
  // Log-scale density: five decades below the peak are enough to see the bulk's tails and the outliers.
  let peak = 0;
  for (const series of densitySeries) for (let i = 0; i < series.y.length; i++) peak = Math.max(peak, series.y[i]);
  const densityDomain: [number, number] | undefined = peak > 0 ? [peak * 1e-5, peak * 2] : undefined;
  const steps = snapshots.map((s) => s.step);
  const topSeries: Series[] = last
    ? Array.from({ length: last.top.length }, (_, i) => ({ label: i === 0 ? 'λ₁ (sharpness)' : `λ${i + 1}`, x: steps, y: snapshots.map((s) => s.top[i] ?? NaN), points: snapshots.length < 3 })).slice(0, 8)
    : [];
  // The legend only needs the leading curve; the others share one grey and one label.
  const topSeriesLabelled = topSeries.map((s, i) =>
    i === 0 ? s : { ...s, color: '#8a94a6', label: i === topSeries.length - 1 ? `λ2…λ${topSeries.length}` : '' },
  );
  // The trace with a ±2 standard-error band (the edges dashed); an exact final value has no band.
  const methodLabel = (m: string) => (m === 'exact' ? 'exact' : m === 'hutch++' ? 'Hutch++' : 'Hutchinson');
  const traceSeries: Series[] = [
    { label: `tr(H) (${methodLabel(jobParams.traceMethod)}${last?.traceMethod === 'exact' ? '; last: exact' : ''})`, x: steps, y: snapshots.map((s) => s.trace ?? NaN), points: true },
  ];
  if (snapshots.some((s) => (s.traceStandardError ?? 0) > 0)) {
    const band = (sign: number) => snapshots.map((s) => (s.trace ?? NaN) + sign * 2 * (s.traceStandardError ?? NaN));
    traceSeries.push({ label: '±2 s.e. band', x: steps, y: band(1), dashed: true, color: '#8a94a6' }, { label: '', x: steps, y: band(-1), dashed: true, color: '#8a94a6' });
  }
  if (snapshots.some((s) => s.gaussNewtonTrace !== undefined && s.gaussNewtonTrace !== null)) traceSeries.push({ label: 'tr(G)', x: steps, y: snapshots.map((s) => s.gaussNewtonTrace ?? NaN), dashed: true });
  const splitSeries: Series[] = [];
  const split = withSplit ?? last;
  if (split) {
    const idx = Array.from(split.top, (_, i) => i + 1);
    splitSeries.push({ label: 'H', x: idx, y: split.top, points: true });
    if (split.gaussNewtonTop) splitSeries.push({ label: 'G (Gauss-Newton)', x: idx, y: split.gaussNewtonTop, points: true });
    if (split.residualTop) splitSeries.push({ label: 'H − G', x: idx, y: split.residualTop, points: true });
  }
  const lossX = Array.from(losses, (_, i) => i);
  const p = job.progress;
  const progress = p
    ? p.phase === 'training'
      ? { fraction: p.steps ? p.step / p.steps : undefined, text: `training: step ${p.step} of ${p.steps}` }
      : p.phase === 'exact'
        ? { text: `dense f64 Hessian (P = ${result?.paramCount ?? '…'}) for the exact reference` }
        : { text: `spectra: ${p.snapshots.filter((s) => s.density !== undefined).length} of ${p.snapshots.length} densities, sharpness at ${p.snapshots.length} steps` }
    : undefined;
  const traceText =
    withTrace?.traceMethod === 'exact'
      ? `tr(H) = ${formatNumber(withTrace.trace ?? NaN)} (exact)`
      : withTrace
        ? `tr(H) ≈ ${formatNumber(withTrace.trace ?? NaN)} ± ${formatNumber(withTrace.traceStandardError ?? NaN)} (${methodLabel(withTrace.traceMethod ?? jobParams.traceMethod)}, step ${withTrace.step})`
        : 'tr(H) pending';
  const sourceText = result && result.source !== 'built-in' ? `${result.source === 'loaded model' ? 'Loaded model' : 'Loaded dataset'} ${loaded?.name ?? ''}, layers ${result.layers.join('-')}, ${result.activation}, n = ${result.n}. ` : '';
  const description = last
    ? `${sourceText}P = ${result?.paramCount ?? '…'} parameters. At step ${last.step}: λ_max = ${formatNumber(last.top[0])} (2/η = ${formatNumber(twoOverEta)}), ${traceText}, ${withDensity?.outliers ?? '…'} outlier(s), loss ${formatNumber(last.loss)}, accuracy ${(100 * last.accuracy).toFixed(1)}%.${result && !running ? ` Hessian-vector products on ${result.hvpBackend === 'webgpu' ? 'the GPU (f32)' : 'the CPU (f64)'}.` : ''}`
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="hessian-training"
      cellId={cellId}
      title="Hessian spectrum during training"
      table={trainingParams}
      params={values}
      setParam={setParam}
      job={job}
      progress={progress}
      figure={densityRef}
      error={digits.error}
      exportResult={result && result.snapshots.length ? () => buildExport(result) : undefined}
      description={description}
    >
 <div className="hessian-load" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <LoadData onLoad={(file) => setLoaded(networkFromFile(file))} />
        {loaded ? (
          <>
            <span className="figure-description">
              {loaded.source === 'model'
                ? `Model ${loaded.name}: layers ${loaded.model!.layers.join('-')}, ${loaded.model!.activation}, n = ${loaded.data.n}, weight decay ${loaded.weightDecay ?? 0}; ${jobParams.continueTraining ? 'training continues from its weights' : 'analysed as it is (no training)'}.`
                : `Dataset ${loaded.name}: n = ${loaded.data.n}, ${loaded.data.dimension} features, ${loaded.data.classes} classes; the network above is trained on it.`}
            </span>
            <button type="button" onClick={() => setLoaded(null)}>
              Use built-in data
            </button>
          </>
        ) : null}
      </div>
      <div className="figure-row hessian-grid">
        <figure style={{ margin: 0 }}>
          <figcaption>Spectral density (log scale), outliers marked</figcaption>
          <LinePlot svgRef={densityRef} series={densitySeries} vLines={outlierLines} xLabel="eigenvalue λ" yLabel="density" yScale="log" yDomain={densityDomain} width={PLOT_W} height={PLOT_H} />
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption>Top-k eigenvalues over training</figcaption>
          <LinePlot series={topSeriesLabelled} hLines={[{ value: twoOverEta, label: '2/η' }]} xLabel="step" yLabel="eigenvalue" width={PLOT_W} height={PLOT_H} />
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption>Trace of the Hessian vs 2/η</figcaption>
          <LinePlot series={traceSeries} hLines={[{ value: twoOverEta, label: '2/η' }]} xLabel="step" yLabel="trace" width={PLOT_W} height={PLOT_H} />
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption>Training loss ({jobParams.optimizer === 'gd' ? 'full batch' : 'minibatch'})</figcaption>
          <LinePlot series={[{ label: 'loss', x: lossX, y: losses }]} xLabel="step" yLabel="cross-entropy" yScale="log" width={PLOT_W} height={PLOT_H} />
        </figure>
        <figure style={{ margin: 0 }}>
          <figcaption>Top eigenvalues of H, of G and of H − G (latest spectrum)</figcaption>
          <LinePlot series={splitSeries} xLabel="index i" yLabel="λᵢ" width={PLOT_W} height={PLOT_H} />
        </figure>
      </div>
      {result && finalSnapshot && !running ? (
        <>
          <h4 className="slide-omit">Paper check</h4>
          <PaperCheck result={result} last={finalSnapshot} bulkHistory={bulkHistory.dataKey === dataKey ? bulkHistory.records : []} />
          {result.powerTop !== null ? (
            <p className="figure-description">
              Cross-check: power iteration with deflation (PyHessian's method) gives λ = {formatNumber(result.powerTop)} for the final Hessian, Lanczos λ₁ ={' '}
              {formatNumber(finalSnapshot.top[0])}.
            </p>
          ) : null}
          {result.exact ? (
            <p className="figure-description">
              Exact reference: the full {result.paramCount}×{result.paramCount} Hessian in f64 has λ_max = {formatNumber(result.exact[0])} (Lanczos{' '}
              {formatNumber(finalSnapshot.top[0])}), λ_min = {formatNumber(result.exact[result.exact.length - 1])} and trace {formatNumber(result.exactTrace ?? NaN)} (the
              reported trace; the {methodLabel(finalSnapshot.traceEstimate.method)} estimate was {formatNumber(finalSnapshot.traceEstimate.value)} ±{' '}
              {formatNumber(finalSnapshot.traceEstimate.standardError)}).
            </p>
          ) : null}
        </>
      ) : null}
    </ViewFrame>
  );
}

export const trainingView: ViewDefinition = {
  id: 'hessian-training',
  title: 'Hessian spectrum during training',
  params: trainingParams,
  jobs: ['hessian/train'],
  component: TrainingView,
};
