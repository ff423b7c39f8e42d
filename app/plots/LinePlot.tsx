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

type G = d3.Selection<SVGGElement, unknown, null, undefined>;
type T = d3.Selection<SVGTextElement, unknown, null, undefined>;

/**
 * The elements of a drawn plot that stay across updates: a streamed frame changes their
 * attributes (the curves' paths, the axes when their scale moved) instead of rebuilding the SVG,
 * which on a long notebook page cost more in style, layout and text shaping than the data did.
 */
interface Parts {
  root: G;
  yAxis: G;
  xAxis: G;
  xLabel: T;
  yLabel: T;
  clipRect: d3.Selection<SVGRectElement, unknown, null, undefined>;
  marks: G;
  refs: G;
  legend: G;
  /** What each part was last drawn from; equal keys skip the redraw. */
  axisKeys: { x: string; y: string };
  yLabelKey: string;
  legendKey: string;
}

function makeParts(g: G): Parts {
  g.selectAll('*').remove();
  const root = g.append('g');
  const yAxis = root.append('g').attr('class', 'axis');
  const xAxis = root.append('g').attr('class', 'axis');
  const xLabel = root.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle');
  const yLabel = root.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle');
  const clipId = `line-plot-clip-${clipIds.next()}`;
  const clipRect = root.append('clipPath').attr('id', clipId).append('rect').attr('x', -5).attr('y', -5);
  const marks = root.append('g').attr('clip-path', `url(#${clipId})`);
  const refs = root.append('g').attr('class', 'references');
  const legend = root.append('g');
  return { root, yAxis, xAxis, xLabel, yLabel, clipRect, marks, refs, legend, axisKeys: { x: '', y: '' }, yLabelKey: '', legendKey: '' };
}

/** Sets an attribute only when it differs (an unchanged value then invalidates nothing). */
function put(node: Element | null, name: string, value: string): void {
  if (node && node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Redraws an axis only when its scale (kind, domain, range, tick count) moved. */
function drawAxis(parts: Parts, which: 'x' | 'y', key: readonly unknown[], axis: () => d3.Axis<d3.NumberValue>): void {
  const k = JSON.stringify(key);
  if (parts.axisKeys[which] === k) return;
  parts.axisKeys[which] = k;
  (which === 'x' ? parts.xAxis : parts.yAxis).call(axis());
}

interface MarkSpec {
  color: string;
  dash: string | null;
  points: boolean;
  xy: [number, number][];
}

/** One child of `marks` per series, in order: a path, or a group of circles for a point series. */
function drawMarks(marks: SVGGElement, specs: readonly MarkSpec[]): void {
  specs.forEach((m, i) => {
    const want = m.points ? 'g' : 'path';
    let el = marks.children[i] as SVGElement | undefined;
    if (!el || el.tagName !== want) {
      const made = document.createElementNS('http://www.w3.org/2000/svg', want);
      marks.insertBefore(made, el ?? null);
      if (el) el.remove();
      el = made;
    }
    if (m.points) {
      put(el, 'class', 'series-points');
      d3.select(el)
        .selectAll('circle')
        .data(m.xy)
        .join('circle')
        .attr('cx', (d) => d[0])
        .attr('cy', (d) => d[1])
        .attr('r', 3)
        .attr('fill', m.color);
    } else {
      put(el, 'class', 'series');
      put(el, 'fill', 'none');
      put(el, 'stroke', m.color);
      put(el, 'stroke-width', '2');
      if (m.dash) put(el, 'stroke-dasharray', m.dash);
      else el.removeAttribute('stroke-dasharray');
      put(el, 'd', d3.line()(m.xy) ?? '');
    }
  });
  while (marks.children.length > specs.length) marks.lastElementChild!.remove();
}

interface RefMark {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  color: string;
}

interface RefLabel {
  x: number;
  y: number;
  anchor: 'end' | null;
  text: string;
}

/** The dashed reference lines and their labels, updated in place. */
function drawReferences(refs: G, lines: readonly RefMark[], labels: readonly RefLabel[]): void {
  refs
    .selectAll<SVGLineElement, RefMark>('line.reference')
    .data(lines)
    .join('line')
    .attr('class', 'reference')
    .attr('x1', (d) => d.x1)
    .attr('x2', (d) => d.x2)
    .attr('y1', (d) => d.y1)
    .attr('y2', (d) => d.y2)
    .attr('stroke', (d) => d.color)
    .attr('stroke-dasharray', '3 3');
  refs
    .selectAll<SVGTextElement, RefLabel>('text.reference-label')
    .data(labels)
    .join('text')
    .attr('class', 'reference-label')
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('text-anchor', (d) => d.anchor)
    .text((d) => d.text);
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
  const drawnParts = useRef<Parts | null>(null);
  useEffect(() => {
    if (!gRef.current) return;
    const g = d3.select(gRef.current);
    const inputs: DrawnInputs = { series: series.map(copySeries), rest: JSON.stringify([xLabel, yLabel, xScale, yScale, xDomain, yDomain, hLines, vLines, width, height]) };
    if (drawn.current && sameInputs(drawn.current, inputs)) return;
    drawn.current = inputs;
    const parts = (drawnParts.current ??= makeParts(g));
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
    const { root } = parts;

    const layout = () => {
      const bottom = TICK_SPACE + TYPE.tick + X_LABEL_SPACE;
      const h = Math.max(40, height - TOP - bottom);
      const y = makeScale(yScale, ys, [h, 0]);
      const yTicks = Math.max(3, Math.round(h / 45));
      drawAxis(parts, 'y', [yScale, ...y.domain(), ...y.range(), yTicks], () => d3.axisLeft(y).ticks(yTicks, yScale === 'log' ? '~e' : undefined));
      let tickWidth = 0;
      parts.yAxis.selectAll<SVGTextElement, unknown>('text').each(function () {
        tickWidth = Math.max(tickWidth, textWidth(this, TYPE.tick));
      });
      const yLines = fitLabel(yLabel, h, TYPE.label, 3);
      const left = Math.ceil(tickWidth + TICK_SPACE + 8 + yLines.length * (TYPE.label + 3));
      const w = Math.max(40, width - left - RIGHT);
      const x = makeScale(xScale, xs, [0, w]);
      return { h, w, x, y, left, bottom, yLines };
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
    if (svg) {
      put(svg, 'height', String(totalHeight));
      put(svg, 'viewBox', `0 0 ${width} ${totalHeight}`);
    }
    const { h, w, x, left, yLines } = L;
    readout.current = { left, top: TOP, w, h, x, xInvert: (px) => x.invert(px), y: L.y, xScale, yScale, yLabel, series: series.map((s, i) => ({ ...s, color: style(s, i).color })) };
    put(root.node(), 'transform', `translate(${left},${TOP})`);
    const xTicks = Math.max(2, Math.round(w / 80));
    drawAxis(parts, 'x', [xScale, ...x.domain(), ...x.range(), xTicks, h], () => d3.axisBottom(x).ticks(xTicks, xScale === 'log' ? '~e' : undefined));
    put(parts.xAxis.node(), 'transform', `translate(0,${h})`);
    const xText = parts.xLabel.node();
    put(xText, 'x', String(w / 2));
    put(xText, 'y', String(h + TICK_SPACE + TYPE.tick + X_LABEL_SPACE - 4));
    if (xText && xText.textContent !== xLabel) xText.textContent = xLabel;
    put(parts.yLabel.node(), 'transform', `translate(${-left + TYPE.label},${h / 2}) rotate(-90)`);
    const yKey = JSON.stringify([yLabel, yLines]);
    if (parts.yLabelKey !== yKey) {
      parts.yLabelKey = yKey;
      parts.yLabel.selectAll('*').remove();
      yLines.forEach((line, k) => parts.yLabel.append('tspan').attr('x', 0).attr('dy', k === 0 ? 0 : TYPE.label + 3).text(line));
      if (yLines.join(' ') !== yLabel) parts.yLabel.append('title').text(yLabel);
    }

    // The clip reaches a few px past the axes so end points and markers are drawn whole.
    put(parts.clipRect.node(), 'width', String(w + 10));
    put(parts.clipRect.node(), 'height', String(h + 10));
    drawMarks(
      parts.marks.node()!,
      series.map((s, i) => ({ ...style(s, i), points: s.points === true, xy: pts[i] })),
    );
    const refLines: RefMark[] = [];
    const refLabels: RefLabel[] = [];
    for (const l of hLines) {
      if (!ok(l.value, yScale)) continue;
      const yy = L.y(l.value);
      refLines.push({ x1: 0, x2: w, y1: yy, y2: yy, color: l.color ?? 'currentColor' });
      const k = hShown.indexOf(l);
      if (k >= 0) refLabels.push({ x: hAt[k].x, y: hAt[k].y, anchor: 'end', text: l.label });
    }
    for (const l of vLines) {
      if (!ok(l.value, xScale)) continue;
      const xx = x(l.value);
      refLines.push({ x1: xx, x2: xx, y1: 0, y2: h, color: l.color ?? 'currentColor' });
      const k = vShown.indexOf(l);
      if (k >= 0) refLabels.push({ x: vAt[k].x, y: vAt[k].y, anchor: null, text: l.label });
    }
    drawReferences(parts.refs, refLines, refLabels);
    const legendKey = JSON.stringify([placement, placement?.kind === 'below' ? fitted : entries, flow, left, h]);
    if (parts.legendKey !== legendKey) {
      parts.legendKey = legendKey;
      parts.legend.selectAll('*').remove();
      if (placement?.kind === 'inside') {
        drawLegend(parts.legend, entries, placement.box.x, placement.box.y, entries.map((_, k) => ({ x: 0, row: k })), true);
      } else if (placement?.kind === 'below') {
        drawLegend(parts.legend, fitted, 4 - left, h + TICK_SPACE + TYPE.tick + X_LABEL_SPACE + 6, flow, false);
      }
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
