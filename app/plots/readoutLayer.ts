/**
 * The hover read-out of a line plot (app/plots/LinePlot.tsx): a vertical guide at
 * the data x nearest the pointer and a small box with each series' (x, y) there.
 * Keyboard: the plot takes the focus (tabindex 0); ←/→ step the read-out between
 * data x positions, Home/End jump to the ends, Esc hides it. The same text goes
 * to an aria-live region. A separate layer: LinePlot only hands over where its
 * plot area is ({@link ReadoutFrame}) after each draw.
 */
import * as d3 from 'd3';
import { useEffect, useRef, type RefObject } from 'react';
import { formatNumber, type ScaleKind } from './frame';
import { pointsAt, nearestSorted, readoutStops, type ReadoutSeries } from './readout';
import { measureTextWidth, TYPE } from './type';

export interface ReadoutSeriesInfo extends ReadoutSeries {
  label: string;
  color: string;
}

/** Where LinePlot drew its plot area, in SVG units, and its scales. */
export interface ReadoutFrame {
  left: number;
  top: number;
  w: number;
  h: number;
  x: (v: number) => number;
  xInvert: (px: number) => number;
  y: (v: number) => number;
  xScale: ScaleKind;
  yScale: ScaleKind;
  yLabel: string;
  series: readonly ReadoutSeriesInfo[];
}

const PAD = 4;

function drawable(frame: ReadoutFrame) {
  const ok = (v: number, kind: ScaleKind) => Number.isFinite(v) && (kind === 'linear' || v > 0);
  return (x: number, y: number) => ok(x, frame.xScale) && ok(y, frame.yScale);
}

/** One line per series shown: the labelled ones, or every series (named by the y label) when none is labelled. */
export function readoutLines(frame: ReadoutFrame, at: number): { text: string; color: string; x: number; y: number }[] {
  const named = frame.series.some((s) => s.label !== '');
  const shown = frame.series.filter((s) => !named || s.label !== '');
  const ok = drawable(frame);
  return pointsAt(shown, at, ok).flatMap((t, k) => {
    if (t < 0) return [];
    const s = shown[k];
    return [{ text: `${s.label || frame.yLabel}: (${formatNumber(s.x[t])}, ${formatNumber(s.y[t])})`, color: s.color, x: s.x[t], y: s.y[t] }];
  });
}

/** Attaches the read-out to the plot in `box`; `frame` is refreshed by LinePlot after every draw. */
export function useReadout(box: RefObject<HTMLDivElement | null>, frame: RefObject<ReadoutFrame | null>, series: unknown, width: number, height: number): void {
  const index = useRef<number | null>(null);
  const refresh = useRef<() => void>(() => {});
  useEffect(() => {
    const container = box.current;
    const svg = container?.querySelector('svg');
    if (!container || !svg) return;
    container.tabIndex = 0;
    container.setAttribute('role', 'group');
    container.setAttribute('aria-label', 'Plot values: ← and → step through the data points, Esc hides the read-out');
    container.classList.add('has-readout');
    const layer = d3.select(svg).append('g').attr('class', 'readout').attr('pointer-events', 'none').style('display', 'none');
    const live = document.createElement('div');
    live.className = 'readout-live visually-hidden';
    live.setAttribute('aria-live', 'polite');
    container.appendChild(live);
    const stops = () => (frame.current ? readoutStops(frame.current.series, drawable(frame.current)) : new Float64Array());

    const hide = () => {
      index.current = null;
      layer.style('display', 'none').selectAll('*').remove();
      live.textContent = '';
    };
    const show = (i: number) => {
      const f = frame.current;
      const xs = stops();
      if (!f || xs.length === 0) return hide();
      i = Math.min(xs.length - 1, Math.max(0, i));
      index.current = i;
      const lines = readoutLines(f, xs[i]);
      const gx = f.left + f.x(xs[i]);
      layer.style('display', null).selectAll('*').remove();
      layer.attr('data-x', xs[i]);
      layer.append('line').attr('class', 'readout-guide').attr('x1', gx).attr('x2', gx).attr('y1', f.top).attr('y2', f.top + f.h);
      for (const l of lines) layer.append('circle').attr('cx', gx).attr('cy', f.top + f.y(l.y)).attr('r', 3.5).attr('fill', l.color).attr('class', 'readout-dot');
      const row = TYPE.tick + 4;
      const boxWidth = Math.max(...lines.map((l) => measureTextWidth(l.text, TYPE.tick)), 0) + 2 * PAD;
      const boxHeight = lines.length * row + PAD;
      const bx = gx + 8 + boxWidth > f.left + f.w ? gx - 8 - boxWidth : gx + 8;
      const card = layer.append('g').attr('class', 'readout-box').attr('transform', `translate(${Math.max(0, bx)},${f.top + 2})`);
      card.append('rect').attr('width', boxWidth).attr('height', boxHeight).attr('rx', 3);
      lines.forEach((l, k) => card.append('text').attr('x', PAD).attr('y', PAD + (k + 1) * row - 5).attr('fill', l.color).style('font-size', `${TYPE.tick}px`).text(l.text));
      live.textContent = lines.map((l) => l.text).join('; ');
    };
    refresh.current = () => {
      if (index.current !== null) show(index.current);
    };

    const onMove = (event: PointerEvent) => {
      const f = frame.current;
      if (!f) return;
      const [px] = d3.pointer(event, svg);
      show(nearestSorted(stops(), f.xInvert(px - f.left)));
    };
    const onKey = (event: KeyboardEvent) => {
      const n = stops().length;
      const at = index.current;
      const to: Record<string, () => number> = {
        ArrowRight: () => (at === null ? 0 : at + 1),
        ArrowLeft: () => (at === null ? n - 1 : at - 1),
        Home: () => 0,
        End: () => n - 1,
      };
      if (event.key === 'Escape' && at !== null) {
        event.preventDefault();
        event.stopPropagation();
        hide();
        return;
      }
      const move = to[event.key];
      if (!move || n === 0) return;
      event.preventDefault();
      event.stopPropagation();
      show(move());
    };
    svg.addEventListener('pointermove', onMove);
    svg.addEventListener('pointerleave', hide);
    container.addEventListener('keydown', onKey);
    container.addEventListener('blur', hide);
    return () => {
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerleave', hide);
      container.removeEventListener('keydown', onKey);
      container.removeEventListener('blur', hide);
      layer.remove();
      live.remove();
      refresh.current = () => {};
    };
  }, [box, frame]);
  // New data or a new size: the read-out follows to the same stop.
  useEffect(() => refresh.current(), [series, width, height]);
}
