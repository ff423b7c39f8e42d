/**
 * Four panels, one per metric: the 2×2 (marginal) covariance ellipses {x : xᵀ Σ⁻¹ x = 1}
 * of the endpoints A and B, faint samples of the geodesic, the current γ(t) in the
 * metric's colour and the Fréchet mean dashed. All panels share one scale so the
 * swelling (or not) of the interpolants is comparable. Drawn with D3 on every change.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import { useContainerWidth, TYPE } from '../../plots';
import { symmetricEigenJacobi as symmetricEigen } from '../../../src/geometry/linalg/jacobiEigen';
import { eigenvectorMatrix } from '../../../src/geometry/linalg/symmetricEigen';
import type { SpdMetricName } from '../../../src/geometry/spd';
import type { SpdPathsResult } from '../../../src/workers/jobs/geodesics';
import { SPD_METRICS } from '../../../src/geometry/spd/metric';
import { leadingBlock } from './spdInput';
import { formatValue, METRIC_COLORS, METRIC_LABELS } from './metricStyle';

const PANEL = 220;
const HEADER = 58;

/** Polyline of the ellipse of the 2×2 SPD block: V diag(√λ) (cos φ, sin φ). */
function ellipsePoints(m: Float64Array): [number, number][] {
  const eig = symmetricEigen(m, 2);
  const { values } = eig;
  const vectors = eigenvectorMatrix(eig);
  const r0 = Math.sqrt(Math.max(values[0], 0));
  const r1 = Math.sqrt(Math.max(values[1], 0));
  const pts: [number, number][] = [];
  for (let k = 0; k <= 72; k++) {
    const phi = (2 * Math.PI * k) / 72;
    const u = r0 * Math.cos(phi);
    const v = r1 * Math.sin(phi);
    pts.push([vectors[0] * u + vectors[1] * v, vectors[2] * u + vectors[3] * v]);
  }
  return pts;
}

function maxRadius(m: Float64Array): number {
  return Math.sqrt(Math.max(symmetricEigen(m, 2).values[1], 0));
}

interface Props {
  result: SpdPathsResult;
  matrices: Float64Array[];
  tIndex: number;
  showMeans: boolean;
  svgRef?: Ref<SVGSVGElement>;
}

export function EllipsePanels({ result, matrices, tIndex, showMeans, svgRef }: Props) {
  const gRef = useRef<SVGGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Panels keep their size and text (one SVG unit per CSS px) and wrap into rows when the column is narrow.
  const available = useContainerWidth(box);
  const columns = available > 0 ? Math.max(1, Math.min(4, Math.floor(available / PANEL))) : 4;
  const rows = Math.ceil(4 / columns);
  useEffect(() => {
    const g = d3.select(gRef.current);
    g.selectAll('*').remove();
    const n = result.n;
    const block = (a: ArrayLike<number>, offset = 0) => leadingBlock(Array.prototype.slice.call(a, offset, offset + n * n), n, 2);
    const a = block(matrices[0]);
    const b = block(matrices[1]);
    // One scale for every panel: the largest semi-axis among endpoints, path samples and means.
    let radius = Math.max(maxRadius(a), maxRadius(b));
    for (const name of SPD_METRICS) {
      const r = result.metrics[name];
      const samples = r.t.length;
      for (let k = 0; k < samples; k += Math.max(1, Math.floor(samples / 10))) radius = Math.max(radius, maxRadius(block(r.path, k * n * n)));
      if (showMeans && r.mean.length) radius = Math.max(radius, maxRadius(block(r.mean)));
    }
    const scale = (PANEL / 2 - 10) / (radius || 1);
    const line = d3.line<[number, number]>().x((p) => p[0] * scale).y((p) => -p[1] * scale);
    SPD_METRICS.forEach((name: SpdMetricName, index) => {
      const r = result.metrics[name];
      const samples = r.t.length;
      const k = Math.min(tIndex, samples - 1);
      const panel = g.append('g').attr('transform', `translate(${(index % columns) * PANEL},${Math.floor(index / columns) * (PANEL + HEADER)})`);
      panel.append('rect').attr('x', 2).attr('y', 2).attr('width', PANEL - 4).attr('height', PANEL + HEADER - 4).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-opacity', 0.25);
      panel.append('text').attr('class', 'plot-title').attr('x', PANEL / 2).attr('y', 20).attr('text-anchor', 'middle').style('fill', METRIC_COLORS[name]).text(METRIC_LABELS[name]);
      panel
        .append('text')
        .attr('x', PANEL / 2)
        .attr('y', 38)
        .attr('text-anchor', 'middle')
        .style('font-size', `${TYPE.tick}px`)
        .attr('fill', 'currentColor')
        .attr('fill-opacity', 0.8)
        .call((t) => {
          t.append('tspan').attr('x', PANEL / 2).text(`d(A,B) = ${formatValue(r.distance)}`);
          t.append('tspan').attr('x', PANEL / 2).attr('dy', TYPE.tick + 3).text(`det γ(t) = ${formatValue(r.determinants[k])}`);
        });
      const plot = panel.append('g').attr('transform', `translate(${PANEL / 2},${HEADER + PANEL / 2})`);
      plot.append('line').attr('x1', -PANEL / 2 + 8).attr('x2', PANEL / 2 - 8).attr('stroke', 'currentColor').attr('stroke-opacity', 0.15);
      plot.append('line').attr('y1', -PANEL / 2 + 8).attr('y2', PANEL / 2 - 8).attr('stroke', 'currentColor').attr('stroke-opacity', 0.15);
      const stride = Math.max(1, Math.round((samples - 1) / 10));
      for (let s = 0; s < samples; s += stride) {
        plot.append('path').attr('d', line(ellipsePoints(block(r.path, s * n * n)))).attr('fill', 'none').attr('stroke', METRIC_COLORS[name]).attr('stroke-opacity', 0.18);
      }
      plot.append('path').attr('d', line(ellipsePoints(a))).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-opacity', 0.7).attr('stroke-width', 1.2);
      plot.append('path').attr('d', line(ellipsePoints(b))).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-opacity', 0.7).attr('stroke-width', 1.2).attr('stroke-dasharray', '2 2');
      plot
        .append('path')
        .attr('d', line(ellipsePoints(block(r.path, k * n * n))))
        .attr('fill', METRIC_COLORS[name])
        .attr('fill-opacity', 0.25)
        .attr('stroke', METRIC_COLORS[name])
        .attr('stroke-width', 2.5)
        .attr('data-testid', `ellipse-${name}`);
      if (showMeans && r.mean.length) {
        plot.append('path').attr('d', line(ellipsePoints(block(r.mean)))).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1.5).attr('stroke-dasharray', '6 3');
      }
    });
  }, [result, matrices, tIndex, showMeans, columns]);
  return (
    <div ref={box} className="plot-frame">
      <svg
        ref={svgRef}
        className="plot"
        viewBox={`0 0 ${PANEL * columns} ${(PANEL + HEADER) * rows}`}
        width={PANEL * columns}
        height={(PANEL + HEADER) * rows}
        role="img"
        aria-label="Covariance ellipses along the four geodesics"
      >
        <g ref={gRef} />
      </svg>
    </div>
  );
}
