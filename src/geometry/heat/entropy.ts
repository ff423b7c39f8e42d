/**
 * Choosing the diffusion time by the knee of the heat-kernel entropy curve, as the
 * reference code does (HeatGeo utils.get_optimal_heat): E(t) = −Σ_ij H_ij log(H_ij + 1e-10)
 * for t on a grid, then the Kneedle knee (Satopää et al. 2011) of the concave increasing
 * curve: normalise t and E to [0, 1] and take the argmax of E_norm − t_norm.
 * Deviation: for large n the entropy is estimated from `probes` columns of H (Σ over
 * sampled columns × n/probes); the knee is invariant to that scale factor.
 */
import { chebyshevOrderFor, heatKernelChebyshev } from './chebyshev';
import type { LaplacianKind } from './laplacian';
import type { CsrMatrix } from './sparse';

export function kneedle(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 3 || y.length !== n) throw new Error(`knee needs ≥ 3 points with matching lengths (got ${x.length} and ${y.length})`);
  const x0 = x[0];
  const x1 = x[n - 1];
  let ymin = Infinity;
  let ymax = -Infinity;
  for (let i = 0; i < n; i++) {
    ymin = Math.min(ymin, y[i]);
    ymax = Math.max(ymax, y[i]);
  }
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < n; i++) {
    const xn = (x[i] - x0) / (x1 - x0);
    const yn = ymax > ymin ? (y[i] - ymin) / (ymax - ymin) : 0;
    if (yn - xn > bestValue) {
      bestValue = yn - xn;
      best = i;
    }
  }
  return best;
}

export interface EntropyCurve {
  times: Float64Array;
  entropy: Float64Array;
  /** Index of the knee in `times`. */
  knee: number;
}

export function heatEntropyCurve(
  l: CsrMatrix,
  lambdaMax: number,
  times: readonly number[],
  order: number,
  probes: number,
): EntropyCurve {
  const n = l.rows;
  const m = Math.min(n, probes);
  // evenly spaced probe columns (deterministic)
  const block = new Float64Array(n * m);
  for (let c = 0; c < m; c++) block[Math.floor((c * n) / m) * m + c] = 1;
  const hs = heatKernelChebyshev(l, lambdaMax, times, order, block, m);
  const entropy = Float64Array.from(hs, (h) => {
    let s = 0;
    for (let i = 0; i < h.length; i++) {
      const v = Math.max(0, h[i]);
      s -= v * Math.log(v + 1e-10);
    }
    return (s * n) / m;
  });
  return { times: Float64Array.from(times), entropy, knee: kneedle(times, entropy) };
}

/** The t grid of the entropy sweep (as the reference: 0.05…t_max, evenly spaced, t_max = 200 normalized, 20 combinatorial). */
export function entropyTimes(laplacianKind: LaplacianKind): number[] {
  const tMax = laplacianKind === 'normalized' ? 200 : 20;
  return Array.from({ length: 20 }, (_, i) => 0.05 + (i * (tMax - 0.05)) / 19);
}

/**
 * The entropy sweep behind the automatic diffusion time: the curve over `entropyTimes`, from 64
 * probe columns with the Chebyshev order that bounds the error by 1e-6 at the largest t. The chosen
 * t is `curve.times[curve.knee]`.
 */
export function diffusionTimeCurve(l: CsrMatrix, lambdaMax: number, laplacianKind: LaplacianKind): EntropyCurve {
  const times = entropyTimes(laplacianKind);
  return heatEntropyCurve(l, lambdaMax, times, chebyshevOrderFor(times[times.length - 1], lambdaMax, 1e-6), 64);
}
