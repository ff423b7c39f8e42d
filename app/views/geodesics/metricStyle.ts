import type { SpdMetricName } from '../../../src/geometry/spd';

export const METRIC_LABELS: Record<SpdMetricName, string> = {
  affineInvariant: 'Affine-invariant',
  logEuclidean: 'Log-Euclidean',
  buresWasserstein: 'Bures–Wasserstein',
  generalizedBW: 'Generalized BW (M, θ)',
};

export const METRIC_COLORS: Record<SpdMetricName, string> = {
  affineInvariant: '#4e79a7',
  logEuclidean: '#59a14f',
  buresWasserstein: '#e15759',
  generalizedBW: '#b07aa1',
};

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e4 || a < 1e-3) ? v.toExponential(3) : String(+v.toPrecision(4));
}
