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

/**
 * Where the sequential ramps start for marks drawn straight on the dark theme's panel (points, lines):
 * below it the ramp fades into the background — viridis(0) #440154 on #1a2029 has a contrast of
 * 1.07:1, viridis(0.25) #3b528b 2.2:1 (WCAG relative luminance).
 */
export const DARK_RAMP_START = 0.25;

/** A sequential ramp t ∈ [0, 1] → CSS colour; `dark`: rescaled to start at DARK_RAMP_START. */
export function sequentialColor(name: 'viridis' | 'magma' | 'cividis' = 'viridis', dark = false): (t: number) => string {
  const ramp = name === 'magma' ? d3.interpolateMagma : name === 'cividis' ? d3.interpolateCividis : d3.interpolateViridis;
  return dark ? (t) => ramp(DARK_RAMP_START + (1 - DARK_RAMP_START) * t) : ramp;
}

const RAMP_LEVELS = 256;
const rampTables = new Map<string, Uint8Array>();

/**
 * The same ramp as {@link sequentialColor} sampled at 256 levels, as RGB bytes (level k at 3k):
 * for painting many pixels or points, where parsing a CSS colour per value costs more than
 * the figure. 256 levels is what a colour bar of 8-bit channels resolves anyway.
 */
export function sequentialRgbTable(name: 'viridis' | 'magma' | 'cividis' = 'viridis', dark = false): Uint8Array {
  const key = `${name}|${dark}`;
  let table = rampTables.get(key);
  if (!table) {
    const ramp = sequentialColor(name, dark);
    table = new Uint8Array(3 * RAMP_LEVELS);
    for (let k = 0; k < RAMP_LEVELS; k++) {
      const c = d3.rgb(ramp(k / (RAMP_LEVELS - 1)));
      table[3 * k] = c.r;
      table[3 * k + 1] = c.g;
      table[3 * k + 2] = c.b;
    }
    rampTables.set(key, table);
  }
  return table;
}

/** The level of t ∈ [0, 1] (clamped; NaN gives level 0) in a {@link sequentialRgbTable}. */
export function rampLevel(t: number): number {
  return t > 0 ? Math.round(Math.min(1, t) * (RAMP_LEVELS - 1)) : 0;
}

/** Same numbers in the same order (NaN equal to NaN): what was drawn from `a` can stay. */
export function sameValues(a: ArrayLike<number> | null, b: ArrayLike<number> | null | undefined): boolean {
  if (!b) return a === null;
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/** Short numeric labels: 3 significant digits, exponent form for very large or small numbers. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return String(+v.toPrecision(4));
}
