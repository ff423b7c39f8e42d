/**
 * A matrix as a heatmap (rows top to bottom), optionally on a log colour scale,
 * with optional marginals drawn as bars along the top (column sums) and the left
 * (row sums). The cells are painted into a canvas once and embedded as an SVG
 * <image>, so SVG and PNG exports contain the picture.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import type { Selection } from 'd3';
import { formatNumber, rampLevel, sequentialColor, sequentialRgbTable } from './frame';
import { useFigureSize } from './figureSize';
import { estimateTextWidth, TYPE } from './type';

interface Props {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  log?: boolean;
  colorScheme?: 'viridis' | 'magma' | 'cividis';
  rowMarginal?: ArrayLike<number>;
  colMarginal?: ArrayLike<number>;
  rowLabel?: string;
  colLabel?: string;
  width?: number;
  height?: number;
  svgRef?: Ref<SVGSVGElement>;
  ariaLabel?: string;
}

/** The figure's elements, built once per layout and updated in place afterwards. */
interface Parts {
  layoutKey: string;
  canvas: HTMLCanvasElement;
  image: Selection<SVGImageElement, unknown, null, undefined>;
  colLabel: Selection<SVGTextElement, unknown, null, undefined>;
  rowLabel: Selection<SVGTextElement, unknown, null, undefined>;
  colBars: Selection<SVGGElement, unknown, null, undefined> | null;
  rowBars: Selection<SVGGElement, unknown, null, undefined> | null;
  hiLabel: Selection<SVGTextElement, unknown, null, undefined>;
  loLabel: Selection<SVGTextElement, unknown, null, undefined>;
  logLabel: Selection<SVGTextElement, unknown, null, undefined>;
}

const BAR_STEPS = 32;

function buildParts(
  g: SVGGElement,
  layoutKey: string,
  m: { left: number; top: number },
  w: number,
  h: number,
  colorScheme: 'viridis' | 'magma' | 'cividis',
  marginals: { row: boolean; col: boolean },
): Parts {
  const root = d3.select(g);
  root.selectAll('*').remove();
  root.attr('transform', `translate(${m.left},${m.top})`);
  const image = root.append('image').attr('width', w).attr('height', h).attr('preserveAspectRatio', 'none').style('image-rendering', 'pixelated');
  root.append('rect').attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-opacity', 0.3);
  const colLabel = root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + 6 + TYPE.label).attr('text-anchor', 'middle');
  const rowLabel = root.append('text').attr('class', 'axis-label').attr('transform', `translate(${marginals.row ? -58 : -8},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle');
  const colBars = marginals.col ? root.append('g').attr('class', 'marginal') : null;
  const rowBars = marginals.row ? root.append('g').attr('class', 'marginal') : null;
  const color = sequentialColor(colorScheme);
  const bar = root.append('g').attr('transform', `translate(${w + 12},0)`);
  for (let s = 0; s < BAR_STEPS; s++) {
    bar.append('rect').attr('y', (h * (BAR_STEPS - 1 - s)) / BAR_STEPS).attr('width', 12).attr('height', h / BAR_STEPS + 0.5).attr('fill', color(s / (BAR_STEPS - 1)));
  }
  // Labels take the theme's text colour (class colorbar-label), not SVG's default black.
  const hiLabel = bar.append('text').attr('class', 'colorbar-label').attr('x', 16).attr('y', 0).attr('dy', '0.8em');
  const loLabel = bar.append('text').attr('class', 'colorbar-label').attr('x', 16).attr('y', h);
  const logLabel = bar.append('text').attr('class', 'colorbar-label').attr('x', 16).attr('y', h / 2);
  return { layoutKey, canvas: document.createElement('canvas'), image, colLabel, rowLabel, colBars, rowBars, hiLabel, loLabel, logLabel };
}

/** Sets a text only when it changed (text layout is the costly part of a label). */
function setText(sel: Selection<SVGTextElement, unknown, null, undefined>, text: string): void {
  if (sel.text() !== text) sel.text(text);
}

/** Marginal bars along the top (x) or the left (y); a bar's place along the side is set only when their number changed. */
function drawBars(group: Selection<SVGGElement, unknown, null, undefined>, values: ArrayLike<number>, along: 'x' | 'y', length: number): void {
  const data = Array.from(values);
  const max = d3.max(data) || 1;
  const band = length / data.length;
  const placed = group.selectAll('rect').size() === data.length;
  const bars = group.selectAll<SVGRectElement, number>('rect').data(data).join('rect');
  const [at, size, from, extent] = along === 'x' ? ['x', 'width', 'y', 'height'] : ['y', 'height', 'x', 'width'];
  if (!placed) bars.attr(at, (_, k) => k * band).attr(size, Math.max(band, 0.5));
  bars.attr(from, (d) => (along === 'x' ? -8 : -14) - (36 * d) / max).attr(extent, (d) => (36 * d) / max);
}

export function Heatmap({
  values,
  rows,
  cols,
  log = false,
  colorScheme = 'viridis',
  rowMarginal,
  colMarginal,
  rowLabel = 'i',
  colLabel = 'j',
  width: designWidth = 420,
  height: designHeight = 420,
  svgRef,
  ariaLabel,
}: Props) {
  const gRef = useRef<SVGGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const parts = useRef<Parts | null>(null);
  const { width, height } = useFigureSize(box, { width: designWidth, height: designHeight, keepAspect: true });
  useEffect(() => {
    if (!gRef.current || rows * cols === 0 || values.length < rows * cols) return;
    // Room for the marginal bars (36 px) plus the axis label beside them, and for colour-bar labels like 5.25e-12.
    const margin = { top: colMarginal ? 60 : 16, left: rowMarginal ? 72 : 30, right: 96, bottom: 16 + TYPE.label };
    const h = height - margin.top - margin.bottom;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < rows * cols; i++) {
      const v = values[i];
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (lo === Infinity) {
      lo = 0;
      hi = 1;
    }
    if (log) lo = Math.max(lo, hi * 1e-12);
    // The colour bar's labels set the right margin (12 px bar, 4 px gap, the longer label, 6 px).
    margin.right = Math.max(48, Math.ceil(12 + 12 + 4 + Math.max(estimateTextWidth(formatNumber(hi), TYPE.tick), estimateTextWidth(formatNumber(lo), TYPE.tick)) + 6));
    const w = width - margin.left - margin.right;
    const layoutKey = [w, h, margin.left, margin.top, colorScheme, Boolean(rowMarginal), Boolean(colMarginal)].join('|');
    let p = parts.current;
    if (!p || p.layoutKey !== layoutKey) {
      p = buildParts(gRef.current, layoutKey, margin, w, h, colorScheme, { row: Boolean(rowMarginal), col: Boolean(colMarginal) });
      parts.current = p;
    }
    const logLo = Math.log(lo);
    const logSpan = Math.log(hi) - logLo || 1;
    const t = log ? (v: number) => (v > 0 ? (Math.log(Math.max(v, lo)) - logLo) / logSpan : 0) : (v: number) => (v - lo) / (hi - lo || 1);
    const table = sequentialRgbTable(colorScheme);
    const canvas = p.canvas;
    if (canvas.width !== cols) canvas.width = cols;
    if (canvas.height !== rows) canvas.height = rows;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(cols, rows);
    const data = image.data;
    for (let i = 0; i < rows * cols; i++) {
      const k = 3 * rampLevel(t(values[i]));
      data[4 * i] = table[k];
      data[4 * i + 1] = table[k + 1];
      data[4 * i + 2] = table[k + 2];
      data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    p.image.attr('href', canvas.toDataURL());
    setText(p.colLabel, `${colLabel} (${cols})`);
    setText(p.rowLabel, `${rowLabel} (${rows})`);
    if (p.colBars && colMarginal) drawBars(p.colBars, colMarginal, 'x', w);
    if (p.rowBars && rowMarginal) drawBars(p.rowBars, rowMarginal, 'y', h);
    setText(p.hiLabel, formatNumber(hi));
    setText(p.loLabel, formatNumber(lo));
    setText(p.logLabel, log ? 'log' : '');
  }, [values, rows, cols, log, colorScheme, rowMarginal, colMarginal, rowLabel, colLabel, width, height]);
  return (
    <div ref={box} className="plot-frame">
      <svg ref={svgRef} className="plot" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={ariaLabel ?? `Heatmap of a ${rows}×${cols} matrix`}>
        <g ref={gRef} />
      </svg>
    </div>
  );
}
