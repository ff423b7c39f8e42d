/**
 * A matrix as a heatmap (rows top to bottom), optionally on a log colour scale,
 * with optional marginals drawn as bars along the top (column sums) and the left
 * (row sums). The cells are painted into a canvas once and embedded as an SVG
 * <image>, so SVG and PNG exports contain the picture.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import { formatNumber, sequentialColor } from './frame';
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
    const t = log
      ? (v: number) => (v > 0 ? (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo) || 1) : 0)
      : (v: number) => (v - lo) / (hi - lo || 1);
    const color = sequentialColor(colorScheme);
    const canvas = document.createElement('canvas');
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const c = d3.rgb(color(Math.min(1, Math.max(0, t(values[i])))));
      image.data[4 * i] = c.r;
      image.data[4 * i + 1] = c.g;
      image.data[4 * i + 2] = c.b;
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    const g = d3.select(gRef.current);
    g.selectAll('*').remove();
    const root = g.attr('transform', `translate(${margin.left},${margin.top})`);
    root
      .append('image')
      .attr('href', canvas.toDataURL())
      .attr('width', w)
      .attr('height', h)
      .attr('preserveAspectRatio', 'none')
      .style('image-rendering', 'pixelated');
    root.append('rect').attr('width', w).attr('height', h).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-opacity', 0.3);
    root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + 6 + TYPE.label).attr('text-anchor', 'middle').text(`${colLabel} (${cols})`);
    root.append('text').attr('class', 'axis-label').attr('transform', `translate(${rowMarginal ? -58 : -8},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(`${rowLabel} (${rows})`);
    if (colMarginal) {
      const max = d3.max(Array.from(colMarginal)) || 1;
      const bw = w / cols;
      root
        .append('g')
        .attr('class', 'marginal')
        .selectAll('rect')
        .data(Array.from(colMarginal))
        .join('rect')
        .attr('x', (_, j) => j * bw)
        .attr('width', Math.max(bw, 0.5))
        .attr('y', (d) => -8 - (36 * d) / max)
        .attr('height', (d) => (36 * d) / max);
    }
    if (rowMarginal) {
      const max = d3.max(Array.from(rowMarginal)) || 1;
      const bh = h / rows;
      root
        .append('g')
        .attr('class', 'marginal')
        .selectAll('rect')
        .data(Array.from(rowMarginal))
        .join('rect')
        .attr('y', (_, i) => i * bh)
        .attr('height', Math.max(bh, 0.5))
        .attr('x', (d) => -14 - (36 * d) / max)
        .attr('width', (d) => (36 * d) / max);
    }
    // Colour bar
    const bar = root.append('g').attr('transform', `translate(${w + 12},0)`);
    const steps = 32;
    for (let s = 0; s < steps; s++) {
      bar.append('rect').attr('y', (h * (steps - 1 - s)) / steps).attr('width', 12).attr('height', h / steps + 0.5).attr('fill', color(s / (steps - 1)));
    }
    // Labels take the theme's text colour (class colorbar-label), not SVG's default black.
    bar.append('text').attr('class', 'colorbar-label').attr('x', 16).attr('y', 0).attr('dy', '0.8em').text(formatNumber(hi));
    bar.append('text').attr('class', 'colorbar-label').attr('x', 16).attr('y', h).text(formatNumber(lo));
    if (log) bar.append('text').attr('class', 'colorbar-label').attr('x', 16).attr('y', h / 2).text('log');
  }, [values, rows, cols, log, colorScheme, rowMarginal, colMarginal, rowLabel, colLabel, width, height]);
  return (
    <div ref={box} className="plot-frame">
      <svg ref={svgRef} className="plot" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={ariaLabel ?? `Heatmap of a ${rows}×${cols} matrix`}>
        <g ref={gRef} />
      </svg>
    </div>
  );
}
