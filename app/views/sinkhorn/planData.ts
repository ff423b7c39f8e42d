/** Pure helpers that turn a plan into what the figures draw (no DOM, testable in Node). */

/**
 * Sums a rows×cols plan into at most `limit`×`limit` blocks (block sums keep the
 * marginals) so a 4096×4096 plan paints as a 512×512 image.
 */
export function blockSums(plan: ArrayLike<number>, rows: number, cols: number, limit = 512): { values: Float64Array; rows: number; cols: number } {
  const fr = Math.max(1, Math.ceil(rows / limit));
  const fc = Math.max(1, Math.ceil(cols / limit));
  if (fr === 1 && fc === 1) return { values: Float64Array.from(plan), rows, cols };
  const r2 = Math.ceil(rows / fr);
  const c2 = Math.ceil(cols / fc);
  const out = new Float64Array(r2 * c2);
  for (let i = 0; i < rows; i++) {
    const bi = Math.floor(i / fr) * c2;
    for (let j = 0; j < cols; j++) out[bi + Math.floor(j / fc)] += plan[i * cols + j];
  }
  return { values: out, rows: r2, cols: c2 };
}

/** Row sums P1 and column sums Pᵀ1. */
export function marginals(plan: ArrayLike<number>, rows: number, cols: number): { row: Float64Array; col: Float64Array } {
  const row = new Float64Array(rows);
  const col = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const p = plan[i * cols + j];
      row[i] += p;
      col[j] += p;
    }
  }
  return { row, col };
}

/** The `count` heaviest entries of the plan as (i, j, mass), heaviest first. */
export function heaviestEntries(plan: ArrayLike<number>, cols: number, count: number): { i: Int32Array; j: Int32Array; mass: Float64Array } {
  const total = plan.length;
  const k = Math.min(count, total);
  // raising a threshold until few candidates remain avoids sorting all n·m entries
  let max = 0;
  for (let q = 0; q < total; q++) if (plan[q] > max) max = plan[q];
  let floor = max * 1e-6;
  let kept: number[] = [];
  for (;;) {
    kept = [];
    for (let q = 0; q < total; q++) if (plan[q] >= floor && plan[q] > 0) kept.push(q);
    if (kept.length <= 20 * k || floor >= max) break;
    floor *= 10;
  }
  kept.sort((p, q) => plan[q] - plan[p]);
  kept.length = Math.min(kept.length, k);
  return {
    i: Int32Array.from(kept, (q) => Math.floor(q / cols)),
    j: Int32Array.from(kept, (q) => q % cols),
    mass: Float64Array.from(kept, (q) => plan[q]),
  };
}

/**
 * Reorders a plan for display: rows by `rowKey` (e.g. the sources' first coordinate;
 * identity when null), columns by the mean rank of the rows their mass comes from
 * (a barycentric seriation), so a monotone-looking transport shows as a band near the
 * diagonal instead of noise.
 */
export function orderPlan(
  plan: ArrayLike<number>,
  rows: number,
  cols: number,
  rowKey: ArrayLike<number> | null,
): { values: Float64Array; rowOrder: Int32Array; colOrder: Int32Array } {
  const rowOrder = Int32Array.from({ length: rows }, (_, i) => i);
  if (rowKey) rowOrder.sort((p, q) => rowKey[p] - rowKey[q]);
  const rank = new Float64Array(rows);
  rowOrder.forEach((i, r) => (rank[i] = r));
  const weighted = new Float64Array(cols);
  const mass = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const p = plan[i * cols + j];
      weighted[j] += p * rank[i];
      mass[j] += p;
    }
  }
  const key = Float64Array.from(weighted, (w, j) => (mass[j] > 0 ? w / mass[j] : Infinity));
  const colOrder = Int32Array.from({ length: cols }, (_, j) => j);
  colOrder.sort((p, q) => key[p] - key[q] || p - q);
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const i = rowOrder[r];
    for (let c = 0; c < cols; c++) values[r * cols + c] = plan[i * cols + colOrder[c]];
  }
  return { values, rowOrder, colOrder };
}

/** Raises entries below `floor · max` to that level (a log colour scale then spans `floor`). */
export function floorRelative(values: Float64Array, floor: number): Float64Array {
  let max = 0;
  for (let k = 0; k < values.length; k++) if (values[k] > max) max = values[k];
  const low = max * floor;
  return values.map((v) => (v < low ? low : v));
}
