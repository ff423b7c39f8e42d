/**
 * Line chart for convergence curves, spectra over time and losses. Each series is
 * (x, y) arrays; log scales drop non-positive values. Horizontal reference lines
 * (e.g. 2/η) are drawn dashed with a label. Drawn one SVG unit per CSS px at the
 * width of its container (app/plots/figureSize.ts), with margins measured from the
 * tick labels so the y-label is never cut; the legend follows app/plots/legend.ts.
 * Data updates go straight to the SVG through D3 (no React re-render of the marks).
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import { finiteExtent, formatNumber, makeScale, seriesColor, seriesDash, type ScaleKind } from './frame';
import { useFigureSize } from './figureSize';
import { drawLegend, legendItemWidth, type LegendEntry } from './drawLegend';
import { flowItems, placeLegend, resampleByLength } from './legend';
import { fitLabel, measureTextWidth, textWidth, truncateLabel, TYPE } from './type';
import { labelRows } from './referenceLabels';
import { useReadout, type ReadoutFrame } from './readoutLayer';

let clipCounter = 0;
/** Unique clip-path ids per drawing (several plots share one document). */
const clipIds = { next: () => ++clipCounter };

export interface Series {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  /** true: dashed; false: solid; unset: the series' place among the labelled ones picks a dash (a second channel beside colour). */
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
  /** Design size in CSS px; the drawn width follows the container. */
  width?: number;
  height?: number;
  svgRef?: Ref<SVGSVGElement>;
  ariaLabel?: string;
}

const TOP = 14;
const RIGHT = 22;
const TICK_SPACE = 9;
const X_LABEL_SPACE = 22;

interface DrawnSeries {
  label: string;
  x: Float64Array;
  y: Float64Array;
  color?: string;
  dashed?: boolean;
  points?: boolean;
}

interface DrawnInputs {
  series: DrawnSeries[];
  /** Everything else the drawing reads, serialised. */
  rest: string;
}

function copySeries(s: Series): DrawnSeries {
  return { label: s.label, x: Float64Array.from(s.x), y: Float64Array.from(s.y), color: s.color, dashed: s.dashed, points: s.points };
}

function sameArray(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function sameInputs(a: DrawnInputs, b: DrawnInputs): boolean {
  if (a.rest !== b.rest || a.series.length !== b.series.length) return false;
  return a.series.every((s, i) => {
    const t = b.series[i]!;
    return s.label === t.label && s.color === t.color && s.dashed === t.dashed && s.points === t.points && sameArray(s.x, t.x) && sameArray(s.y, t.y);
  });
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
  width: designWidth = 560,
  height: designHeight = 300,
  svgRef,
  ariaLabel,
}: Props) {
  const gRef = useRef<SVGGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useFigureSize(box, { width: designWidth, height: designHeight });
  // The inputs of the figure on the SVG now. Views rebuild their series arrays on every render (a
  // status line, a progress report of another field); equal contents redraw nothing.
  const drawn = useRef<DrawnInputs | null>(null);
  const readout = useRef<ReadoutFrame | null>(null);
  useEffect(() => {
    const g = d3.select(gRef.current);
    if (!gRef.current) return;
    const inputs: DrawnInputs = { series: series.map(copySeries), rest: JSON.stringify([xLabel, yLabel, xScale, yScale, xDomain, yDomain, hLines, vLines, width, height]) };
    if (drawn.current && sameInputs(drawn.current, inputs)) return;
    drawn.current = inputs;
    g.selectAll('*').remove();
    const xs = xDomain ?? finiteExtent(series.flatMap((s) => Array.from(s.x)), xScale);
    const ys = yDomain ?? finiteExtent([...series.flatMap((s) => Array.from(s.y)), ...hLines.map((l) => l.value)], yScale);
    const ok = (v: number, kind: ScaleKind) => Number.isFinite(v) && (kind === 'linear' || v > 0);
    // Series with an empty label (e.g. the 2nd…kth eigenvalues drawn alike) stay out of the legend.
    const labelled = series.map((s, i) => ({ s, i })).filter(({ s }) => s.label !== '');
    const style = (s: Series, i: number) => {
      const rank = labelled.findIndex((l) => l.i === i);
      return { color: s.color ?? seriesColor(i), dash: s.dashed === true ? '6 4' : s.dashed === false || labelled.length < 2 ? null : seriesDash(Math.max(rank, 0)) };
    };
    const entries: LegendEntry[] = labelled.length > 1 ? labelled.map(({ s, i }) => ({ label: s.label, ...style(s, i), points: s.points })) : [];
    const itemWidths = entries.map((e) => legendItemWidth(e.label));
    const root = g.append('g');

    const layout = () => {
      root.selectAll('*').remove();
      const bottom = TICK_SPACE + TYPE.tick + X_LABEL_SPACE;
      const h = Math.max(40, height - TOP - bottom);
      const y = makeScale(yScale, ys, [h, 0]);
      const yAxis = root.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(Math.max(3, Math.round(h / 45)), yScale === 'log' ? '~e' : undefined));
      let tickWidth = 0;
      yAxis.selectAll<SVGTextElement, unknown>('text').each(function () {
        tickWidth = Math.max(tickWidth, textWidth(this, TYPE.tick));
      });
      const yLines = fitLabel(yLabel, h, TYPE.label, 3);
      const left = Math.ceil(tickWidth + TICK_SPACE + 8 + yLines.length * (TYPE.label + 3));
      const w = Math.max(40, width - left - RIGHT);
      const x = makeScale(xScale, xs, [0, w]);
      return { h, w, x, y, left, bottom, yAxis, yLines };
    };

    const project = (L: ReturnType<typeof layout>) =>
      series.map((s) => {
        const pts: [number, number][] = [];
        for (let t = 0; t < Math.min(s.x.length, s.y.length); t++) if (ok(s.x[t], xScale) && ok(s.y[t], yScale)) pts.push([L.x(s.x[t]), L.y(s.y[t])]);
        return pts;
      });

    const L = layout();
    const pts = project(L);
    const legendSize = { width: Math.max(0, ...itemWidths) + 8, height: entries.length * TYPE.legendRow + 6 };
    const sampled = labelled.map(({ s, i }) => (s.points ? Float64Array.from(pts[i].flat()) : resampleByLength(pts[i].flat())));
    // Reference labels that would overlap take turns: horizontal lines' labels above, then below their line;
    // vertical lines' labels step down in rows (app/plots/referenceLabels.ts). The legend keeps off them too.
    const hShown = hLines.filter((l) => ok(l.value, yScale) && l.label);
    const hRows = labelRows(hShown.map((l) => ({ start: L.y(l.value) - TYPE.label, size: TYPE.label })), 2);
    const hAt = hShown.map((l, k) => {
      const yy = L.y(l.value);
      const shift = Math.floor(hRows[k] / 2) * (measureTextWidth(l.label, TYPE.label) + 8);
      return { x: L.w - 4 - shift, y: hRows[k] % 2 === 1 ? yy + TYPE.label + 1 : yy - 4 };
    });
    const vShown = vLines.filter((l) => ok(l.value, xScale) && l.label);
    // A label that would run past the plot's right edge sits on the left of its line instead.
    const vSpans = vShown.map((l) => {
      const size = measureTextWidth(l.label, TYPE.label);
      const right = L.x(l.value) + 4;
      return { start: right + size > L.w ? L.x(l.value) - 4 - size : right, size };
    });
    const vRows = labelRows(vSpans);
    const vAt = vShown.map((_, k) => ({ x: vSpans[k].start, y: 12 + vRows[k] * (TYPE.label + 2) }));
    const labelPoints = Float64Array.from([
      ...hShown.flatMap((l, k) => [hAt[k].x - measureTextWidth(l.label, TYPE.label) / 2, hAt[k].y - TYPE.label / 3]),
      ...vShown.flatMap((l, k) => [vAt[k].x + measureTextWidth(l.label, TYPE.label) / 2, vAt[k].y - TYPE.label / 3]),
    ]);
    const avoid = labelPoints.length ? [...sampled, labelPoints] : sampled;
    const placement = entries.length ? placeLegend({ width: L.w, height: L.h }, legendSize, avoid) : null;
    // A legend that cannot sit inside goes below the x-label across the figure's whole width;
    // the figure grows by its rows rather than shrinking the plot area.
    const legendWidth = width - 8;
    const fitted = entries.map((e) => ({ ...e, label: truncateLabel(e.label, legendWidth - legendItemWidth(''), TYPE.legend), full: e.label }));
    const flow = placement?.kind === 'below' ? flowItems(fitted.map((e) => Math.min(legendWidth, legendItemWidth(e.label))), legendWidth) : [];
    const legendRows = flow.length ? flow[flow.length - 1].row + 1 : 0;
    const svg = gRef.current.ownerSVGElement;
    const totalHeight = height + (legendRows ? 10 + legendRows * TYPE.legendRow : 0);
    if (svg) d3.select(svg).attr('height', totalHeight).attr('viewBox', `0 0 ${width} ${totalHeight}`);
    const { h, w, x, left, yLines } = L;
    readout.current = { left, top: TOP, w, h, x, xInvert: (px) => x.invert(px), y: L.y, xScale, yScale, yLabel, series: series.map((s, i) => ({ ...s, color: style(s, i).color })) };
    root.attr('transform', `translate(${left},${TOP})`);
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.round(w / 80)), xScale === 'log' ? '~e' : undefined));
    root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + TICK_SPACE + TYPE.tick + X_LABEL_SPACE - 4).attr('text-anchor', 'middle').text(xLabel);
    const yText = root
      .append('text')
      .attr('class', 'axis-label')
      .attr('transform', `translate(${-left + TYPE.label},${h / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle');
    yLines.forEach((line, k) => yText.append('tspan').attr('x', 0).attr('dy', k === 0 ? 0 : TYPE.label + 3).text(line));
    if (yLines.join(' ') !== yLabel) yText.append('title').text(yLabel);

    const clipId = `line-plot-clip-${clipIds.next()}`;
    // The clip reaches a few px past the axes so end points and markers are drawn whole.
    root.append('clipPath').attr('id', clipId).append('rect').attr('x', -5).attr('y', -5).attr('width', w + 10).attr('height', h + 10);
    const marks = root.append('g').attr('clip-path', `url(#${clipId})`);
    series.forEach((s, i) => {
      const { color, dash } = style(s, i);
      if (s.points) {
        marks.append('g').attr('class', 'series-points').selectAll('circle').data(pts[i]).join('circle').attr('cx', (d) => d[0]).attr('cy', (d) => d[1]).attr('r', 3).attr('fill', color);
      } else {
        marks.append('path').attr('class', 'series').attr('fill', 'none').attr('stroke', color).attr('stroke-width', 2).attr('stroke-dasharray', dash).attr('d', d3.line()(pts[i]));
      }
    });
    for (const l of hLines) {
      if (!ok(l.value, yScale)) continue;
      const yy = L.y(l.value);
      root.append('line').attr('class', 'reference').attr('x1', 0).attr('x2', w).attr('y1', yy).attr('y2', yy).attr('stroke', l.color ?? 'currentColor').attr('stroke-dasharray', '3 3');
      const k = hShown.indexOf(l);
      if (k >= 0) root.append('text').attr('class', 'reference-label').attr('x', hAt[k].x).attr('y', hAt[k].y).attr('text-anchor', 'end').text(l.label);
    }
    for (const l of vLines) {
      if (!ok(l.value, xScale)) continue;
      const xx = x(l.value);
      root.append('line').attr('class', 'reference').attr('x1', xx).attr('x2', xx).attr('y1', 0).attr('y2', h).attr('stroke', l.color ?? 'currentColor').attr('stroke-dasharray', '3 3');
      const k = vShown.indexOf(l);
      if (k >= 0) root.append('text').attr('class', 'reference-label').attr('x', vAt[k].x).attr('y', vAt[k].y).text(l.label);
    }
    if (placement?.kind === 'inside') {
      drawLegend(root, entries, placement.box.x, placement.box.y, entries.map((_, k) => ({ x: 0, row: k })), true);
    } else if (placement?.kind === 'below') {
      drawLegend(root, fitted, 4 - left, h + TICK_SPACE + TYPE.tick + X_LABEL_SPACE + 6, flow, false);
    }
  }, [series, xLabel, yLabel, xScale, yScale, xDomain, yDomain, hLines, vLines, width, height]);
  useReadout(box, readout, series, width, height);
  const last = series.map((s) => (s.y.length ? `${s.label}: ${formatNumber(s.y[s.y.length - 1])}` : '')).filter(Boolean).join('; ');
  return (
    <div ref={box} className="plot-frame">
      <svg ref={svgRef} className="plot" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={ariaLabel ?? `${yLabel} against ${xLabel}. Last values: ${last}`}>
        <g ref={gRef} />
      </svg>
    </div>
  );
}
