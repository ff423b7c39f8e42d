/**
 * 2-D points coloured by a numeric value (sequential scale) or a category, with
 * optional segments (e.g. transport lines whose opacity is the mass), optional
 * highlighting of a subset (linked brushing) and a rectangular brush that
 * reports the indices inside it.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type Ref } from 'react';
import { CATEGORY_COLORS, DEFAULT_MARGINS, finiteExtent, sameValues, sequentialColor } from './frame';
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

type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

interface DrawnLayer {
  n: number;
  x: Float64Array | null;
  y: Float64Array | null;
  color: Float64Array | null;
  styleKey: string;
  highlight: ReadonlySet<number> | null;
}

/** The plot's standing elements and what was last drawn into them. */
interface Drawn {
  frameKey: string;
  domainKey: string;
  brushed: boolean;
  brushExtent: string;
  root: Group;
  xAxis: Group;
  yAxis: Group;
  segmentsGroup: Group;
  segments: readonly Segment[] | null;
  layerGroups: Group[];
  layers: DrawnLayer[];
  brushGroup: Group | null;
}

/** A fresh skeleton: axes, segments under the point layers, the brush on top. */
function build(g: SVGGElement, layerCount: number, brushed: boolean, frameKey: string): Drawn {
  const root = d3.select(g);
  root.selectAll('*').remove();
  const xAxis = root.append('g').attr('class', 'axis');
  const yAxis = root.append('g').attr('class', 'axis');
  const segmentsGroup = root.append('g').attr('class', 'segments');
  const layerGroups = Array.from({ length: layerCount }, () => root.append('g').attr('class', 'points'));
  return {
    frameKey,
    domainKey: '',
    brushed,
    brushExtent: '',
    root,
    xAxis,
    yAxis,
    segmentsGroup,
    segments: null,
    layerGroups,
    layers: Array.from({ length: layerCount }, () => ({ n: -1, x: null, y: null, color: null, styleKey: '', highlight: null })),
    brushGroup: brushed ? root.append('g').attr('class', 'brush') : null,
  };
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
  // What is on the SVG now, so a redraw touches only what changed: a streamed iterate moves the
  // points (cx, cy) and leaves the axes, colours and segments alone (a full rebuild of 400 circles
  // and their axes cost the heat embedding 60–120 ms of main thread per frame).
  const drawn = useRef<Drawn | null>(null);
  const brushTarget = useRef<{ layer: PointLayer | undefined; x: (v: number) => number; y: (v: number) => number; onBrush?: (indices: number[] | null) => void }>({ layer: undefined, x: (v) => v, y: (v) => v });
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
    const frameKey = [w, h, xLabel, yLabel, m.left, m.top].join('|');
    let d = drawn.current;
    if (!d || d.frameKey !== frameKey || d.layers.length !== layers.length || d.brushed !== Boolean(onBrush)) {
      d = build(gRef.current, layers.length, Boolean(onBrush), frameKey);
      drawn.current = d;
      d.root.attr('transform', `translate(${m.left},${m.top})`);
      d.xAxis.attr('transform', `translate(0,${h})`);
      if (xLabel) d.root.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + 20 + TYPE.tick).attr('text-anchor', 'middle').text(xLabel);
      if (yLabel) d.root.append('text').attr('class', 'axis-label').attr('transform', `translate(${-m.left + TYPE.label},${h / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(yLabel);
    }
    const domainKey = [...xs, ...ys].join('|');
    const scalesChanged = d.domainKey !== domainKey;
    if (scalesChanged) {
      d.xAxis.call(d3.axisBottom(x).ticks(5));
      d.yAxis.call(d3.axisLeft(y).ticks(5));
      d.domainKey = domainKey;
    }
    if (scalesChanged || d.segments !== segments) {
      d.segmentsGroup
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
      d.segments = segments;
    }
    layers.forEach((layer, li) => {
      const n = Math.min(layer.x.length, layer.y.length);
      const last = d.layers[li]!;
      const circles = d.layerGroups[li]!.selectAll<SVGCircleElement, number>('circle').data(d3.range(n)).join('circle');
      const moved = scalesChanged || last.n !== n || !sameValues(last.x, layer.x) || !sameValues(last.y, layer.y);
      if (moved) circles.attr('cx', (i) => x(layer.x[i])).attr('cy', (i) => y(layer.y[i]));
      const styleKey = `${layer.radius ?? 2.5}|${layer.fixedColor ?? ''}|${layer.categorical ? 1 : 0}|${theme}`;
      const recolour = last.n !== n || last.styleKey !== styleKey || !sameValues(last.color, layer.color) || (li === 0 && last.highlight !== highlight);
      if (recolour) {
        let colorOf: (i: number) => string;
        if (layer.color && layer.categorical) colorOf = (i) => CATEGORY_COLORS[Math.abs(Math.round(layer.color![i])) % CATEGORY_COLORS.length];
        else if (layer.color) {
          const [lo, hi] = finiteExtent(Array.from(layer.color));
          const interp = sequentialColor('viridis', theme === 'dark');
          colorOf = (i) => interp((layer.color![i] - lo) / (hi - lo || 1));
        } else colorOf = () => layer.fixedColor ?? CATEGORY_COLORS[li % CATEGORY_COLORS.length];
        circles
          .attr('r', layer.radius ?? 2.5)
          .attr('fill', (i) => colorOf(i))
          .attr('fill-opacity', (i) => (li === 0 && highlight ? (highlight.has(i) ? 1 : 0.12) : 0.85));
      }
      d.layers[li] = {
        n,
        x: moved ? Float64Array.from(layer.x) : last.x,
        y: moved ? Float64Array.from(layer.y) : last.y,
        color: recolour ? (layer.color ? Float64Array.from(layer.color) : null) : last.color,
        styleKey,
        highlight: li === 0 ? highlight : null,
      };
    });
    brushTarget.current = { layer: layers[0], x, y, onBrush };
    if (onBrush && d.brushGroup && d.brushExtent !== `${w}|${h}`) {
      d.brushExtent = `${w}|${h}`;
      const brush = d3
        .brush()
        .extent([
          [0, 0],
          [w, h],
        ])
        .on('end', (event: d3.D3BrushEvent<unknown>) => {
          // the latest layer and scales, not the ones of the draw that made the brush
          const { layer, x: bx, y: by, onBrush: report } = brushTarget.current;
          if (!report) return;
          const sel = event.selection as [[number, number], [number, number]] | null;
          if (!sel || !layer) return report(null);
          const [[x0, y0], [x1, y1]] = sel;
          const picked: number[] = [];
          for (let i = 0; i < layer.x.length; i++) {
            const px = bx(layer.x[i]);
            const py = by(layer.y[i]);
            if (px >= x0 && px <= x1 && py >= y0 && py <= y1) picked.push(i);
          }
          report(picked);
        });
      d.brushGroup.call(brush);
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
