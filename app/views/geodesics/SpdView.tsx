/**
 * SPD matrices under four metrics: ellipses (2×2) or ellipsoids (3×3) morphing along the
 * affine-invariant, log-Euclidean, Bures–Wasserstein and generalized BW geodesics between
 * A and B, the determinant along each path (the swelling effect), d(γ(t), A) = t·d(A, B),
 * and the Fréchet mean of {A, B, C} (or of a loaded set) with its convergence.
 */
import { useMemo, useRef, useState } from 'react';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { useJob } from '../../engine/useJob';
import { LinePlot } from '../../plots';
import { LoadData } from '../../io/LoadData';
import type { SpdPathsData, SpdPathsParams } from '../../../src/workers/jobs/geodesics';
import { SPD_METRICS } from '../../../src/geometry/spd/metric';
import { SPD_PATHS_PARAMS } from '../../../src/catalogue/geodesics';
import { pickParams } from '../../params/spec';
import { dataFromJson, dataFromSliders, spdParams } from './spdInput';
import { spdCsv, spdExportResult } from './spdExport';
import { EllipsePanels } from './EllipsePanels';
import { EllipsoidRow } from './EllipsoidRow';
import { formatValue, METRIC_COLORS, METRIC_LABELS } from './metricStyle';

const SAMPLES = 101;
const SLIDER_MATRIX_PARAMS = ['dimension', 'aMajor', 'aCondition', 'aAngle', 'bMajor', 'bCondition', 'bAngle', 'cMajor', 'cCondition', 'cAngle', 'mMajor', 'mCondition', 'mAngle'];

function SpdView({ cellId, chapterId, params, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [loaded, setLoaded] = useState<{ name: string; data: SpdPathsData } | null>(null);
  const sliderKey = SLIDER_MATRIX_PARAMS.map((k) => params[k]).join('|');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sliderData = useMemo(() => dataFromSliders(params), [sliderKey]);
  const data = loaded?.data ?? sliderData;
  const v = pickParams(spdParams, params);
  const jobParams: SpdPathsParams = { ...pickParams(SPD_PATHS_PARAMS, params), samples: SAMPLES };
  const job = useJob(cellId, 'geodesics/spd-paths', jobParams, data);
  const result = job.result;
  const tIndex = Math.round(v.t * (SAMPLES - 1));
  const description = result
    ? `Geodesics between two ${result.n}×${result.n} SPD matrices at t = ${v.t.toFixed(2)}. Distances: ` +
      SPD_METRICS.map((m) => `${METRIC_LABELS[m]} ${formatValue(result.metrics[m].distance)}`).join(', ') +
      `. Determinant at t: ` +
      SPD_METRICS.map((m) => `${METRIC_LABELS[m]} ${formatValue(result.metrics[m].determinants[Math.min(tIndex, result.metrics[m].t.length - 1)])}`).join(', ') +
      '.'
    : undefined;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="geodesics-spd"
      cellId={cellId}
      title="SPD geodesics under four metrics"
      table={spdParams}
      params={params}
      setParam={setParam}
      job={job}
      progress={job.progress ? { fraction: job.progress.done / job.progress.total, text: `${METRIC_LABELS[job.progress.metric]} done` } : undefined}
      figure={svgRef}
      description={description}
      hiddenParams={loaded ? SLIDER_MATRIX_PARAMS : undefined}
      exportResult={result ? () => spdExportResult(result, data) : undefined}
      exportCsv={result ? () => spdCsv(result) : undefined}
      tools={
        <div className="spd-tools">
          <LoadData
            accept=".json"
            label="Load matrices (JSON)"
            onLoad={(file) => {
              if (file.kind !== 'json') throw new Error('expected a .json file { "matrices": [...], "M"?: [...] }');
              setLoaded({ name: file.name, data: dataFromJson(file.json) });
            }}
          />
          {loaded ? (
            <p className="load-note">
              Using {loaded.data.matrices.length} matrices of size {loaded.data.n}×{loaded.data.n} from {loaded.name}
              {loaded.data.m ? ' with its M' : ' (M = I)'}; the geodesic joins the first two; the panels show the leading 2×2 block.{' '}
              <button type="button" onClick={() => setLoaded(null)}>
                Back to sliders
              </button>
            </p>
          ) : null}
        </div>
      }
    >
      {result ? (
        <>
          <EllipsePanels result={result} matrices={data.matrices} tIndex={tIndex} showMeans={v.means} svgRef={svgRef} />
          {result.n >= 3 ? <EllipsoidRow result={result} tIndex={tIndex} /> : null}
          <div className="figure-row">
            <LinePlot
              series={SPD_METRICS.map((m) => ({ label: METRIC_LABELS[m], x: result.metrics[m].t, y: result.metrics[m].determinants, color: METRIC_COLORS[m] }))}
              xLabel="t"
              yLabel="det γ(t)"
              yScale="log"
              vLines={[{ value: v.t, label: 't' }]}
              height={240}
              ariaLabel="Determinant along each geodesic"
            />
            <LinePlot
              series={SPD_METRICS.map((m) => ({ label: METRIC_LABELS[m], x: result.metrics[m].t, y: result.metrics[m].distanceFromStart, color: METRIC_COLORS[m] }))}
              xLabel="t"
              yLabel="d(A, γ(t)) = t·d(A, B)"
              height={240}
              ariaLabel="Distance from A along each geodesic"
            />
            {v.means ? (
              <LinePlot
                series={SPD_METRICS.filter((m) => result.metrics[m].meanIterations > 0).map((m) => ({
                  label: `${METRIC_LABELS[m]} (${result.metrics[m].meanIterations} it.)`,
                  x: Array.from(result.metrics[m].meanGradientNorms, (_, i) => i),
                  y: result.metrics[m].meanGradientNorms,
                  color: METRIC_COLORS[m],
                  points: result.metrics[m].meanIterations === 1,
                }))}
                xLabel="iteration"
                yLabel="‖Riemannian gradient‖ of the Fréchet function"
                yScale="log"
                height={240}
                ariaLabel="Convergence of the Fréchet means"
              />
            ) : null}
          </div>
        </>
      ) : (
        <p className="figure-placeholder">Computing the geodesics…</p>
      )}
    </ViewFrame>
  );
}

export const spdView: ViewDefinition = { id: 'geodesics-spd', title: 'SPD geodesics under four metrics', params: spdParams, jobs: ['geodesics/spd-paths'], component: SpdView };
