/**
 * Ground costs between two point clouds, row-major: X is n×d, Y is m×d and
 * C[i·m + j] = c(x_i, y_j) for
 *   sqeuclidean: ‖x − y‖₂²,  euclidean: ‖x − y‖₂,  l1: ‖x − y‖₁.
 */
export type CostKind = 'sqeuclidean' | 'euclidean' | 'l1';

export const COST_KINDS: readonly CostKind[] = ['sqeuclidean', 'euclidean', 'l1'];

export function costMatrix(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  m: number,
  d: number,
  kind: CostKind,
): Float64Array {
  if (!COST_KINDS.includes(kind)) throw new Error(`unknown cost "${String(kind)}" (expected ${COST_KINDS.join(', ')})`);
  if (x.length !== n * d) throw new Error(`source points have ${x.length} coordinates but ${n} points × ${d} dims needs ${n * d}`);
  if (y.length !== m * d) throw new Error(`target points have ${y.length} coordinates but ${m} points × ${d} dims needs ${m * d}`);
  const out = new Float64Array(n * m);
  // The kind is tested once, not per entry, and 2-D points (the built-in data and most
  // loaded files) get their own loop: building C was a large share of a Sinkhorn job.
  if (kind !== 'l1' && d === 2) {
    for (let i = 0; i < n; i++) {
      const o = i * m;
      const x0 = x[2 * i];
      const x1 = x[2 * i + 1];
      for (let j = 0; j < m; j++) {
        const t0 = x0 - y[2 * j];
        const t1 = x1 - y[2 * j + 1];
        out[o + j] = t0 * t0 + t1 * t1;
      }
    }
    if (kind === 'euclidean') for (let k = 0; k < out.length; k++) out[k] = Math.sqrt(out[k]);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let j = 0; j < m; j++) {
      let s = 0;
      if (kind === 'l1') {
        for (let c = 0; c < d; c++) s += Math.abs(x[i * d + c] - y[j * d + c]);
      } else {
        for (let c = 0; c < d; c++) {
          const t = x[i * d + c] - y[j * d + c];
          s += t * t;
        }
        if (kind === 'euclidean') s = Math.sqrt(s);
      }
      out[o + j] = s;
    }
  }
  return out;
}

/** Divides a cost matrix by its largest entry in place (no-op for an all-zero matrix); returns the scale. */
export function normalizeByMax(cost: Float64Array): number {
  let max = 0;
  for (let k = 0; k < cost.length; k++) if (cost[k] > max) max = cost[k];
  if (max > 0) for (let k = 0; k < cost.length; k++) cost[k] /= max;
  return max;
}
