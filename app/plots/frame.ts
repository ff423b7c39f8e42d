/** Shared figure geometry and scales for the D3 plots. */
import * as d3 from 'd3';
import { PALETTE } from './palette';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGINS: Margins = { top: 16, right: 16, bottom: 44, left: 60 };

export type ScaleKind = 'linear' | 'log';

/** Extent of finite values (positive only for log scales); a degenerate extent is widened. */
export function finiteExtent(values: Iterable<number>, kind: ScaleKind = 'linear'): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (kind === 'log' && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return kind === 'log' ? [1e-3, 1] : [0, 1];
  if (lo === hi) return kind === 'log' ? [lo / 10, hi * 10] : [lo - 1, hi + 1];
  return [lo, hi];
}

export function makeScale(kind: ScaleKind, domain: [number, number], range: [number, number]) {
  return kind === 'log' ? d3.scaleLog().domain(domain).range(range).clamp(true) : d3.scaleLinear().domain(domain).range(range).nice();
}

/** The categorical palette (app/plots/palette.ts), kept under its old name for the views. */
export const CATEGORY_COLORS: readonly string[] = PALETTE;
export { seriesColor, seriesDash } from './palette';

export function sequentialColor(name: 'viridis' | 'magma' | 'cividis' = 'viridis') {
  return name === 'magma' ? d3.interpolateMagma : name === 'cividis' ? d3.interpolateCividis : d3.interpolateViridis;
}

/** Short numeric labels: 3 significant digits, exponent form for very large or small numbers. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return String(+v.toPrecision(4));
}
