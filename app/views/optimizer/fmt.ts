import { formatNumber } from '../../plots';

/** formatNumber, with "—" for a fit that has no points (NaN) or an infinite value. */
export function fmt(v: number): string {
  return Number.isFinite(v) ? formatNumber(v) : '—';
}
