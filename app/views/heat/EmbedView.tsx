/**
 * The heat-geodesic embedding, live: the input cloud in three.js linked to the 2-D
 * embedding in D3 (brush one, the other highlights), the MDS iterates animating as
 * they stream from the worker, and the quality figures (row-averaged Spearman and
 * Pearson against ground-truth geodesics) updating with them.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { useJob } from '../../engine/useJob';
import { LoadData } from '../../io/LoadData';
import { LinePlot, ScatterPlot } from '../../plots';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import type { HeatProgress, HeatResult } from '../../../src/workers/jobs/heat';
import { HEAT_EMBED_PARAMS, HEAT_MAX_ROWS, HEAT_METHOD_LABELS } from '../../../src/catalogue/heat';
import { pickParams } from '../../params/spec';
import { heatDataFromFile, type LoadedHeatData } from './data';
import { InputCloud } from './InputCloud';
import { embedParams } from './params';
import { useHeatInput } from './useHeatData';

function columnsOf(embedding: ArrayLike<number>, n: number, dims: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = embedding[i * dims];
    y[i] = dims > 1 ? embedding[i * dims + 1] : 0;
  }
  return { x, y };
}

/** How the heat kernel was computed, with its error bound ('' for methods without one). */
export function heatRouteText(r: Pick<HeatResult, 'route' | 'eigenpairs' | 'truncationBound' | 'order'>): string {
  switch (r.route) {
    case 'eigen':
      if (r.truncationBound === 0) return `heat kernel from all ${r.eigenpairs} Laplacian eigenpairs (cached per graph; nothing truncated at this t)`;
      return `heat kernel from ${r.eigenpairs} Laplacian eigenpairs (cached per graph), entrywise error ≤ ${r.truncationBound.toExponential(1)}`;
    case 'chebyshev':
      return `Chebyshev heat kernel of order ${r.order}, error ≤ ${r.truncationBound.toExponential(1)}`;
    case 'exact':
      return 'exact heat kernel (every eigenpair)';
    default:
      return '';
  }
}

function describeEmbedding(r: HeatResult): string {
  const route = heatRouteText(r);
  const head = r.subsampledFrom
    ? `Preview on ${r.n} of ${r.subsampledFrom} points (t scaled to ${r.t.toPrecision(3)}): ${HEAT_METHOD_LABELS[r.method]} embedding`
    : `${HEAT_METHOD_LABELS[r.method]} embedding of ${r.n} points (t = ${r.t.toPrecision(3)})`;
  const mds = `${r.iterations} MDS iterations${r.warmStart ? ' from the previous layout' : ''}`;
  const quality = r.quality ? `; row-averaged Spearman ${r.quality.spearman.toFixed(3)}, Pearson ${r.quality.pearson.toFixed(3)} against ground-truth geodesics.` : '.';
  return `${head}; ${route ? `${route}; ` : ''}${mds}${quality}`;
}

export function nested(flat: ArrayLike<number>, n: number, dims: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: dims }, (_, c) => flat[i * dims + c]));
}

function EmbedView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [loaded, setLoaded] = useState<LoadedHeatData | null>(null);
  const [highlight, setHighlight] = useState<ReadonlySet<number> | null>(null);
  const v = pickParams(embedParams, values);
  const input = useHeatInput(values, v.n, loaded);
  const job = useJob(cellId, 'heat/embed', { ...pickParams(HEAT_EMBED_PARAMS, values), ...input.fields }, input.data, { enabled: input.ready });
  const progress = job.status === 'running' ? job.progress : null;
  // the running job's setup (input, colours) arrives once, with its first iterate
  const setupRef = useRef<HeatProgress['setup'] | null>(null);
  if (job.status !== 'running') setupRef.current = null;
  else if (progress?.setup) setupRef.current = progress.setup;
  const setup = setupRef.current;
  const result = job.result;
  const frame: Pick<HeatResult, 'n' | 'dims' | 'input' | 'color' | 'labels'> | null = setup ?? result;
  const n = frame?.n ?? 0;
  const dims = frame?.dims ?? 2;
  // the streamed iterate while running, the result when done
  const live = progress?.embedding && progress.embedding.length === n * dims ? progress.embedding : job.result?.n === n ? job.result.embedding : undefined;
  const layer = useMemo(() => {
    if (!frame || !live) return null;
    const { x, y } = columnsOf(live, n, dims);
    return { x, y, color: frame.labels ?? frame.color, categorical: frame.labels !== null, radius: n > 2000 ? 1.5 : 2.5 };
  }, [frame, live, n, dims]);
  const quality = progress?.quality ?? result?.quality ?? null;
  const onBrush = useCallback((indices: number[] | null) => setHighlight(indices && indices.length ? new Set(indices) : null), []);
  const warnings = result?.warnings ?? [];
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="heat-embed"
      cellId={cellId}
      title="Heat-geodesic embedding"
      table={embedParams}
      params={values}
      setParam={setParam}
      job={job}
      progress={progress ? { fraction: progress.fraction, text: progress.stage } : undefined}
      figure={svgRef}
      error={input.problem}
      tools={
        <LoadData
          onLoad={(file) => {
            const data = heatDataFromFile(file);
            setLoaded(data);
            setParam('dataset', 'loaded');
            if (data.n !== v.n) setParam('n', Math.min(HEAT_MAX_ROWS, data.n));
          }}
        />
      }
      exportResult={
        result
          ? () => ({
              method: result.method,
              embedding: nested(result.embedding, result.n, result.dims),
              quality: result.quality,
              stress: result.stress,
              t: result.t,
              order: result.order,
              route: result.route,
              eigenpairs: result.eigenpairs,
              truncationBound: result.truncationBound,
              warmStart: result.warmStart,
              components: result.components,
              landmarks: result.landmarks,
              warnings: result.warnings,
            })
          : undefined
      }
      exportCsv={
        result
          ? () => ({
              columns: ['index', 'x', 'y', result.labels ? 'label' : 'color'],
              rows: Array.from({ length: result.n }, (_, i) => [
                i,
                result.embedding[i * result.dims],
                result.dims > 1 ? result.embedding[i * result.dims + 1] : 0,
                result.labels ? result.labels[i] : result.color[i],
              ]),
            })
          : undefined
      }
      description={result ? describeEmbedding(result) : undefined}
    >
      <div className="figure-row heat-linked">
        <div>
          <h4>Input (drag to orbit, click to select a neighbourhood)</h4>
          {frame ? (
            <InputCloud positions={frame.input} color={frame.labels ?? frame.color} categorical={frame.labels !== null} highlight={highlight} onPick={onBrush} />
          ) : (
            <p>computing…</p>
          )}
        </div>
        <div>
          <h4>
            {HEAT_METHOD_LABELS[v.method]} embedding {progress?.iteration !== undefined ? `· iteration ${progress.iteration}` : ''}
          </h4>
          {layer ? <ScatterPlot svgRef={svgRef} layers={[layer]} highlight={highlight} onBrush={onBrush} ariaLabel={`Embedding of ${n} points`} /> : null}
        </div>
      </div>
      <dl
        className="heat-quality"
        data-testid="heat-quality"
        aria-live="polite"
      >
        <dt>Spearman (row-averaged)</dt>
        <dd data-testid="heat-spearman" style={{ margin: 0, fontVariantNumeric: 'tabular-nums' }}>{quality ? quality.spearman.toFixed(4) : '—'}</dd>
        <dt>Pearson (row-averaged)</dt>
        <dd data-testid="heat-pearson" style={{ margin: 0, fontVariantNumeric: 'tabular-nums' }}>{quality ? quality.pearson.toFixed(4) : '—'}</dd>
        <dt>Stress</dt>
        <dd style={{ margin: 0 }}>{progress?.stress !== undefined ? progress.stress.toPrecision(4) : result && Number.isFinite(result.stress) ? result.stress.toPrecision(4) : '—'}</dd>
        <dt>t used</dt>
        <dd style={{ margin: 0 }}>{result ? result.t.toPrecision(3) : '—'}</dd>
      </dl>
      {result?.entropy ? (
        <div>
          <h4>Heat-kernel entropy −Σ H log H against t (the knee picks t)</h4>
          <LinePlot
            series={[{ label: 'entropy', x: result.entropy.times, y: result.entropy.entropy, points: true }]}
            vLines={[{ value: result.t, label: `knee t = ${result.t.toPrecision(3)}` }]}
            xLabel="diffusion time t"
            yLabel="entropy"
            height={200}
            ariaLabel="Entropy of the heat kernel against diffusion time"
          />
        </div>
      ) : null}
      {quality === null && result ? <p className="note">No ground truth for this data set: quality figures need geodesic distances (see docs/formats.md, gt_ columns).</p> : null}
      {warnings.length ? (
        <ul className="warnings" role="status">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </ViewFrame>
  );
}

export const embedView: ViewDefinition = { id: 'heat-embed', title: 'Heat-geodesic embedding', params: embedParams, jobs: ['heat/embed'], component: EmbedView };
