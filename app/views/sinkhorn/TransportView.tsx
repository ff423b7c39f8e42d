/**
 * Source and target points with the heaviest entries of the plan drawn as lines whose
 * opacity is the mass moved (relative to the heaviest). 1-D data are drawn on two rows
 * (sources at height 0, targets at height 1).
 */
import { useMemo, useRef } from 'react';
import { CATEGORY_COLORS, ScatterPlot, type Segment } from '../../plots';
import type { ViewDefinition, ViewProps } from '../types';
import { ViewFrame } from '../../frame/ViewFrame';
import { DataTools } from './DataTools';
import { transportParams } from './params';
import { pickParams } from '../../params/spec';
import { heaviestEntries } from './planData';
import { exportResult, historyCsv, useSolve } from './useSolve';

function coordinates(points: Float64Array, dim: number, row: number): { x: Float64Array; y: Float64Array } {
  const count = points.length / dim;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    x[k] = points[k * dim];
    y[k] = dim === 1 ? row : points[k * dim + 1];
  }
  return { x, y };
}

function TransportView({ cellId, chapterId, params: values, setParam }: ViewProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const state = useSolve(cellId, values);
  const { lines } = pickParams(transportParams, values);
  const { job, shown } = state;
  const r = job.result;
  const geometry = useMemo(() => (r && r.dim > 0 ? { source: coordinates(r.x, r.dim, 0), target: coordinates(r.y, r.dim, 1) } : null), [r]);
  const segments = useMemo<Segment[]>(() => {
    if (!shown || !geometry || shown.n !== geometry.source.x.length || shown.m !== geometry.target.x.length) return [];
    const top = heaviestEntries(shown.plan, shown.m, lines);
    const max = top.mass[0] || 1;
    return Array.from(top.mass, (mass, k) => ({
      x1: geometry.source.x[top.i[k]],
      y1: geometry.source.y[top.i[k]],
      x2: geometry.target.x[top.j[k]],
      y2: geometry.target.y[top.j[k]],
      opacity: Math.min(1, mass / max),
    }));
  }, [shown, geometry, lines]);
  const p = job.progress;
  return (
    <ViewFrame
      chapterId={chapterId}
      viewId="sinkhorn-transport"
      cellId={cellId}
      title="Transport lines"
      table={transportParams}
      params={values}
      setParam={setParam}
      job={job}
      progress={p ? { text: `iteration ${p.iteration}, marginal error ${p.marginalError.toExponential(2)}` } : undefined}
      figure={svgRef}
      exportResult={r ? () => exportResult(r, job.backend) : undefined}
      exportCsv={r ? () => historyCsv(r) : undefined}
      error={r && r.dim === 0 ? 'The loaded data is a cost matrix without coordinates: load CSV points (x,y,set) to see transport lines.' : null}
      description={
        r && geometry
          ? segments.length > 0
            ? `${r.n} sources (blue) and ${r.m} targets (orange); the ${segments.length} heaviest plan entries drawn as lines, opacity proportional to mass.`
            : `${r.n} sources (blue) and ${r.m} targets (orange); the transport lines follow once the plan for these points is computed.`
          : undefined
      }
      tools={<DataTools state={state} error={job.error} />}
    >
      {geometry ? (
        <ScatterPlot
          svgRef={svgRef}
          layers={[
            { ...geometry.source, fixedColor: CATEGORY_COLORS[0], radius: 2.5, label: 'source' },
            { ...geometry.target, fixedColor: CATEGORY_COLORS[1], radius: 2.5, label: 'target' },
          ]}
          segments={segments}
          equalAspect={r!.dim > 1}
          width={460}
          height={460}
          ariaLabel="source and target points with transport lines"
        />
      ) : (
        <p className="figure-placeholder">Computing the plan…</p>
      )}
    </ViewFrame>
  );
}

export const transportView: ViewDefinition = { id: 'sinkhorn-transport', title: 'Transport lines', params: transportParams, jobs: ['sinkhorn/solve'], component: TransportView };
