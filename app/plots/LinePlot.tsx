/**
 * Line chart for convergence curves, spectra over time and losses. Each series is
 * (x, y) arrays; log scales drop non-positive values. Horizontal reference lines
 * (e.g. 2/η) are drawn dashed with a label. Data updates go straight to the SVG
 * through D3 (no React re-render of the marks).
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import { CATEGORY_COLORS, DEFAULT_MARGINS, finiteExtent, formatNumber, makeScale, type ScaleKind } from './frame';

let clipCounter = 0;
/** Unique clip-path ids per drawing (several plots share one document). */
const clipIds = { next: () => ++clipCounter };

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  dashed?: boolean;
  /** Draw points instead of a line. */
  points?: boolean;
}

export interface ReferenceLine {
  value: number;
  label: string;
  color?: string;
}

interface Props {
  series: readonly Series[];
  xLabel: string;
  yLabel: string;
  xScale?: ScaleKind;
  yScale?: ScaleKind;
  xDomain?: [number, number];
  yDomain?: [number, number];
  hLines?: readonly ReferenceLine[];
  vLines?: readonly ReferenceLine[];
  width?: number;
  height?: number;
  svgRef?: Ref<SVGSVGElement>;
  ariaLabel?: string;
}

export function LinePlot({
  series,
  xLabel,
  yLabel,
  xScale = 'linear',
  yScale = 'linear',
  xDomain,
  yDomain,
  hLines = [],
  vLines = [],
  width = 560,
  height = 300,
  svgRef,
  ariaLabel,
}: Props) {
  const gRef = useRef<SVGGElement>(null);
  useEffect(() => {
    const g = d3.select(gRef.current);
    if (!gRef.current) return;
    const m = DEFAULT_MARGINS;
    const w = width - m.left - m.right;
    const h = height - m.top - m.bottom;
    const xs = xDomain ?? finiteExtent(series.flatMap((s) => Array.from(s.x)), xScale);
    const ys =
      yDomain ??
      finiteExtent([...series.flatMap((s) => Array.from(s.y)), ...hLines.map((l) => l.value)], yScale);
    const x = makeScale(xScale, xs, [0, w]);
    const y = makeScale(yScale, ys, [h, 0]);
    g.selectAll('*').remove();
    const root = g.attr('transform', `translate(${m.left},${m.top})`);
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(6, xScale === 'log' ? '~e' : undefined));
    root.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(6, yScale === 'log' ? '~e' : undefined));
    root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + 36).attr('text-anchor', 'middle').text(xLabel);
    root
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(${-46},${h / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle')
      .text(yLabel);
    const clipId = `line-plot-clip-${clipIds.next()}`;
    root.append('clipPath').attr('id', clipId).append('rect').attr('width', w).attr('height', h);
    const marks = root.append('g').attr('clip-path', `url(#${clipId})`);
    const ok = (v: number, kind: ScaleKind) => Number.isFinite(v) && (kind === 'linear' || v > 0);
    series.forEach((s, i) => {
      const color = s.color ?? CATEGORY_COLORS[i % CATEGORY_COLORS.length];
      const pts: [number, number][] = [];
      for (let t = 0; t < Math.min(s.x.length, s.y.length); t++) {
        if (ok(s.x[t], xScale) && ok(s.y[t], yScale)) pts.push([x(s.x[t]), y(s.y[t])]);
      }
      if (s.points) {
        marks.append('g').selectAll('circle').data(pts).join('circle').attr('cx', (d) => d[0]).attr('cy', (d) => d[1]).attr('r', 2.5).attr('fill', color);
      } else {
        marks
          .append('path')
          .attr('class', 'series')
          .attr('fill', 'none')
          .attr('stroke', color)
          .attr('stroke-width', 2)
          .attr('stroke-dasharray', s.dashed ? '5 4' : null)
          .attr('d', d3.line()(pts));
      }
    });
    for (const l of hLines) {
      if (!ok(l.value, yScale)) continue;
      const yy = y(l.value);
      root.append('line').attr('class', 'reference').attr('x1', 0).attr('x2', w).attr('y1', yy).attr('y2', yy).attr('stroke', l.color ?? 'currentColor').attr('stroke-dasharray', '3 3');
      root.append('text').attr('class', 'reference-label').attr('x', w - 4).attr('y', yy - 4).attr('text-anchor', 'end').text(l.label);
    }
    for (const l of vLines) {
      if (!ok(l.value, xScale)) continue;
      const xx = x(l.value);
      root.append('line').attr('class', 'reference').attr('x1', xx).attr('x2', xx).attr('y1', 0).attr('y2', h).attr('stroke', l.color ?? 'currentColor').attr('stroke-dasharray', '3 3');
      root.append('text').attr('class', 'reference-label').attr('x', xx + 4).attr('y', 12).text(l.label);
    }
    // Series with an empty label (e.g. the 2nd…kth eigenvalues drawn alike) stay out of the legend.
    const labelled = series.map((s, i) => ({ s, i })).filter(({ s }) => s.label !== '');
    if (labelled.length > 1) {
      const legend = root.append('g').attr('class', 'legend').attr('transform', `translate(8, 4)`);
      const background = legend.append('rect').attr('class', 'legend-bg').attr('x', -4).attr('y', -2).attr('rx', 4);
      labelled.forEach(({ s, i }, row) => {
        const g = legend.append('g').attr('transform', `translate(0, ${row * 16})`);
        g.append('rect').attr('width', 12).attr('height', 3).attr('y', 5).attr('fill', s.color ?? CATEGORY_COLORS[i % CATEGORY_COLORS.length]);
        g.append('text').attr('x', 16).attr('y', 10).text(s.label);
      });
      const box = (legend.node() as SVGGElement).getBBox();
      background.attr('width', box.width + 8).attr('height', box.height + 4);
    }
  }, [series, xLabel, yLabel, xScale, yScale, xDomain, yDomain, hLines, vLines, width, height]);
  const last = series.map((s) => (s.y.length ? `${s.label}: ${formatNumber(s.y[s.y.length - 1])}` : '')).filter(Boolean).join('; ');
  return (
    <svg ref={svgRef} className="plot" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={ariaLabel ?? `${yLabel} against ${xLabel}. Last values: ${last}`}>
      <g ref={gRef} />
    </svg>
  );
}
