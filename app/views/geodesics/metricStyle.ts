import type { SpdMetricName } from '../../../src/geometry/spd';
import { ROLE } from '../../plots/palette';

export const METRIC_LABELS: Record<SpdMetricName, string> = {
  affineInvariant: 'Affine-invariant',
  logEuclidean: 'Log-Euclidean',
  buresWasserstein: 'Bures–Wasserstein',
  generalizedBW: 'Generalized BW (M, θ)',
};

export const METRIC_COLORS: Record<SpdMetricName, string> = {
  affineInvariant: ROLE.blue,
  logEuclidean: ROLE.orange,
  buresWasserstein: ROLE.green,
  generalizedBW: ROLE.purple,
};

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e4 || a < 1e-3) ? v.toExponential(3) : String(+v.toPrecision(4));
}
