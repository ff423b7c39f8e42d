/**
 * Every method from the same graph as small multiples, each with its row-averaged
 * Spearman/Pearson against ground truth; brushing in one panel highlights the same
 * points in all of them.
 */
import { useCallback, useRef, useState } from 'react';
import { useJob } from '../../engine/useJob';
import { LoadData } from '../../io/LoadData';
import { ScatterPlot } from '../../plots';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { heatDataFromFile, type LoadedHeatData } from './data';
import { heatRouteText, nested } from './EmbedView';
import { compareParams } from './params';
import { pickParams } from '../../params/spec';
import { HEAT_COMPARE_MAX_ROWS, HEAT_COMPARE_PARAMS } from '../../../src/catalogue/heat';
import { useHeatInput } from './useHeatData';
import type { CompareResult } from '../../../src/workers/jobs/heat';
import type { Quality } from '../../../src/geometry/heat';

/** A panel's quality figures, "measuring quality…" while a partial result's are being computed, or why there are none. */
function qualityText(m: CompareResult['methods'][number], show: (q: Quality) => string): string {
  if (m.quality) return show(m.quality);
  return m.qualityPending ? 'measuring quality…' : 'no ground truth';
}

function CompareView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const figureRef = useRef<SVGSVGElement>(null);
  const [loaded, setLoaded] = useState<LoadedHeatData | null>(null);
  const [highlight, setHighlight] = useState<ReadonlySet<number> | null>(null);
  const v = pickParams(compareParams, values);
  const input = useHeatInput(values, v.n, loaded);
  const job = useJob(cellId, 'heat/compare', { ...pickParams(HEAT_COMPARE_PARAMS, values), ...input.fields }, input.data, { enabled: input.ready });
  const result = job.result;
  const onBrush = useCallback((indices: number[] | null) => setHighlight(indices && indices.length ? new Set(indices) : null), []);
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="heat-compare"
      cellId={cellId}
      title="Methods side by side"
      table={compareParams}
      params={values}
      setParam={setParam}
      job={job}
      progress={job.status === 'running' && job.progress ? { fraction: job.progress.fraction, text: job.progress.stage } : undefined}
      figure={figureRef}
      error={input.problem}
      tools={
        <LoadData
          onLoad={(file) => {
            const data = heatDataFromFile(file);
            setLoaded(data);
            setParam('dataset', 'loaded');
            setParam('n', Math.min(HEAT_COMPARE_MAX_ROWS, data.n));
          }}
        />
      }
      exportResult={
        result
          ? () => ({
              methods: result.methods.map((m) => ({ method: m.method, embedding: nested(m.embedding, result.n, result.dims), quality: m.quality, seconds: m.seconds })),
              t: result.t,
              route: result.route,
              eigenpairs: result.eigenpairs,
              truncationBound: result.truncationBound,
              warnings: result.warnings,
            })
          : undefined
      }
      exportCsv={
        result
          ? () => ({
              columns: ['index', ...result.methods.flatMap((m) => [`${m.method}_x`, `${m.method}_y`]), result.labels ? 'label' : 'color'],
              rows: Array.from({ length: result.n }, (_, i) => [
                i,
                ...result.methods.flatMap((m) => [m.embedding[i * result.dims], m.embedding[i * result.dims + 1]]),
                result.labels ? result.labels[i] : result.color[i],
              ]),
            })
          : undefined
      }
      description={
        result
          ? (result.subsampledFrom ? `Preview on ${result.n} of ${result.subsampledFrom} points. ` : '') +
            result.methods.map((m) => `${m.label}: ${qualityText(m, (q) => `Spearman ${q.spearman.toFixed(3)}`)}`).join('; ') +
            `. Heat geodesic: ${heatRouteText({ ...result, order: v.order })}.`
          : undefined
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', gap: '0.75rem' }} data-testid="heat-multiples">
        {result?.methods.map((m, index) => {
          const x = new Float64Array(result.n);
          const y = new Float64Array(result.n);
          for (let i = 0; i < result.n; i++) {
            x[i] = m.embedding[i * result.dims];
            y[i] = m.embedding[i * result.dims + 1];
          }
          return (
            <figure key={m.method} style={{ margin: 0 }}>
              <ScatterPlot
                svgRef={index === 0 ? figureRef : undefined}
                layers={[{ x, y, color: result.labels ?? result.color, categorical: result.labels !== null, radius: 1.8 }]}
                highlight={highlight}
                onBrush={onBrush}
                width={300}
                height={300}
                ariaLabel={`${m.label} embedding`}
              />
              <figcaption>
                <strong>{m.label}</strong>
                <br />
                {qualityText(m, (q) => `Spearman ${q.spearman.toFixed(3)} · Pearson ${q.pearson.toFixed(3)}`)} · {m.seconds.toFixed(2)} s
              </figcaption>
            </figure>
          );
        })}
      </div>
      {result?.warnings.length ? (
        <ul className="warnings" role="status">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </ViewFrame>
  );
}

export const compareView: ViewDefinition = { id: 'heat-compare', title: 'Methods side by side', params: compareParams, jobs: ['heat/compare'], component: CompareView };
