/**
 * 2-D points coloured by a numeric value (sequential scale) or a category, with
 * optional segments (e.g. transport lines whose opacity is the mass), optional
 * highlighting of a subset (linked brushing) and a rectangular brush that
 * reports the indices inside it.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import { CATEGORY_COLORS, DEFAULT_MARGINS, finiteExtent, sequentialColor } from './frame';
import { useAppStore } from '../store/store';
import { useFigureSize } from './figureSize';
import { TYPE } from './type';

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** 0…1 */
  opacity: number;
}

export interface PointLayer {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Numeric values → sequential colour; with `categorical`, integer labels → palette. */
  color?: ArrayLike<number>;
  categorical?: boolean;
  fixedColor?: string;
  radius?: number;
  label?: string;
}

interface Props {
  layers: readonly PointLayer[];
  segments?: readonly Segment[];
  /** Indices of layer 0 to emphasise (others fade). */
  highlight?: ReadonlySet<number> | null;
  onBrush?(indices: number[] | null): void;
  xLabel?: string;
  yLabel?: string;
  equalAspect?: boolean;
  width?: number;
  height?: number;
  svgRef?: Ref<SVGSVGElement>;
  ariaLabel?: string;
}

export function ScatterPlot({
  layers,
  segments = [],
  highlight = null,
  onBrush,
  xLabel = '',
  yLabel = '',
  equalAspect = true,
  width: designWidth = 420,
  height: designHeight = 420,
  svgRef,
  ariaLabel,
}: Props) {
  const gRef = useRef<SVGGElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const { width, height } = useFigureSize(box, { width: designWidth, height: designHeight, keepAspect: true });
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    if (!gRef.current) return;
    // Room for 12 px tick labels like −0.25 and a 13 px axis label beside them.
    const m = { ...DEFAULT_MARGINS, left: yLabel ? 64 : 48, bottom: xLabel ? 24 + TYPE.tick + TYPE.label : 16 + TYPE.tick };
    const w = width - m.left - m.right;
    const h = height - m.top - m.bottom;
    let xs = finiteExtent(layers.flatMap((l) => Array.from(l.x)));
    let ys = finiteExtent(layers.flatMap((l) => Array.from(l.y)));
    if (equalAspect) {
      const span = Math.max(xs[1] - xs[0], ys[1] - ys[0]) * 1.05;
      const cx = (xs[0] + xs[1]) / 2;
      const cy = (ys[0] + ys[1]) / 2;
      xs = [cx - (span * w) / Math.min(w, h) / 2, cx + (span * w) / Math.min(w, h) / 2];
      ys = [cy - (span * h) / Math.min(w, h) / 2, cy + (span * h) / Math.min(w, h) / 2];
    }
    const x = d3.scaleLinear().domain(xs).range([0, w]);
    const y = d3.scaleLinear().domain(ys).range([h, 0]);
    const g = d3.select(gRef.current);
    g.selectAll('*').remove();
    const root = g.attr('transform', `translate(${m.left},${m.top})`);
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(5));
    root.append('g').attr('class', 'axis').call(d3.axisLeft(y).ticks(5));
    if (xLabel) root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + 20 + TYPE.tick).attr('text-anchor', 'middle').text(xLabel);
    if (yLabel) root.append('text').attr('class', 'axis-label').attr('transform', `translate(${-m.left + TYPE.label},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(yLabel);
    root
      .append('g')
      .attr('class', 'segments')
      .selectAll('line')
      .data(segments.filter((s) => s.opacity > 0.01))
      .join('line')
      .attr('x1', (s) => x(s.x1))
      .attr('y1', (s) => y(s.y1))
      .attr('x2', (s) => x(s.x2))
      .attr('y2', (s) => y(s.y2))
      .attr('stroke', 'currentColor')
      .attr('stroke-opacity', (s) => Math.min(1, s.opacity))
      .attr('stroke-width', 1);
    layers.forEach((layer, li) => {
      const n = Math.min(layer.x.length, layer.y.length);
      let colorOf: (i: number) => string;
      if (layer.color && layer.categorical) colorOf = (i) => CATEGORY_COLORS[Math.abs(Math.round(layer.color![i])) % CATEGORY_COLORS.length];
      else if (layer.color) {
        const [lo, hi] = finiteExtent(Array.from(layer.color));
        const interp = sequentialColor('viridis', theme === 'dark');
        colorOf = (i) => interp((layer.color![i] - lo) / (hi - lo || 1));
      } else colorOf = () => layer.fixedColor ?? CATEGORY_COLORS[li % CATEGORY_COLORS.length];
      const idx = d3.range(n);
      root
        .append('g')
        .attr('class', 'points')
        .selectAll('circle')
        .data(idx)
        .join('circle')
        .attr('cx', (i) => x(layer.x[i]))
        .attr('cy', (i) => y(layer.y[i]))
        .attr('r', layer.radius ?? 2.5)
        .attr('fill', (i) => colorOf(i))
        .attr('fill-opacity', (i) => (li === 0 && highlight ? (highlight.has(i) ? 1 : 0.12) : 0.85));
    });
    if (onBrush) {
      const brush = d3
        .brush()
        .extent([
          [0, 0],
          [w, h],
        ])
        .on('end', (event: d3.D3BrushEvent<unknown>) => {
          const sel = event.selection as [[number, number], [number, number]] | null;
          if (!sel) return onBrush(null);
          const [[x0, y0], [x1, y1]] = sel;
          const layer = layers[0];
          const picked: number[] = [];
          for (let i = 0; i < layer.x.length; i++) {
            const px = x(layer.x[i]);
            const py = y(layer.y[i]);
            if (px >= x0 && px <= x1 && py >= y0 && py <= y1) picked.push(i);
          }
          onBrush(picked);
        });
      root.append('g').attr('class', 'brush').call(brush);
    }
  }, [layers, segments, highlight, onBrush, xLabel, yLabel, equalAspect, width, height, theme]);
  return (
    <div ref={box} className="plot-frame">
      <svg ref={svgRef} className="plot" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={ariaLabel ?? `Scatter plot of ${layers[0]?.x.length ?? 0} points`}>
        <g ref={gRef} />
      </svg>
    </div>
  );
}
