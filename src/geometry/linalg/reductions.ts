/**
 * Row and column reductions of a row-major rows×cols matrix, in f64:
 * sums, maxima and the numerically stable log-sum-exp
 *   LSE(x) = m + log Σ_j exp(x_j − m),  m = max_j x_j,
 * which stays finite for entries like −1e4 that underflow exp() directly.
 * A row of all −∞ has LSE −∞ (the empty sum).
 */

export type Reduction = 'sum' | 'max' | 'logsumexp';
export type Axis = 'rows' | 'cols';

/** Reduces each row (axis 'rows' → one value per row) or each column (axis 'cols' → one value per column). */
export function reduce(
  a: ArrayLike<number>,
  rows: number,
  cols: number,
  op: Reduction,
  axis: Axis,
): Float64Array {
  if (a.length !== rows * cols) {
    throw new Error(`matrix has ${a.length} entries but its shape ${rows}×${cols} needs ${rows * cols}`);
  }
  return axis === 'rows' ? reduceRows(a, rows, cols, op) : reduceCols(a, rows, cols, op);
}

function reduceRows(a: ArrayLike<number>, rows: number, cols: number, op: Reduction): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    if (op === 'sum') {
      let s = 0;
      for (let j = 0; j < cols; j++) s += a[o + j];
      out[i] = s;
    } else {
      let m = -Infinity;
      for (let j = 0; j < cols; j++) if (a[o + j] > m) m = a[o + j];
      if (op === 'max' || m === -Infinity || m === Infinity) {
        out[i] = m;
        continue;
      }
      let s = 0;
      for (let j = 0; j < cols; j++) s += Math.exp(a[o + j] - m);
      out[i] = m + Math.log(s);
    }
  }
  return out;
}

function reduceCols(a: ArrayLike<number>, rows: number, cols: number, op: Reduction): Float64Array {
  const out = new Float64Array(cols);
  if (op === 'sum') {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j] += a[i * cols + j];
    return out;
  }
  const m = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (a[i * cols + j] > m[j]) m[j] = a[i * cols + j];
  if (op === 'max') return m;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) if (Number.isFinite(m[j])) out[j] += Math.exp(a[i * cols + j] - m[j]);
  }
  for (let j = 0; j < cols; j++) out[j] = Number.isFinite(m[j]) ? m[j] + Math.log(out[j]) : m[j];
  return out;
}

/** Stable log Σ exp over a vector (or a strided slice of one). */
export function logSumExp(x: ArrayLike<number>, offset = 0, length = x.length - offset, stride = 1): number {
  let m = -Infinity;
  for (let t = 0; t < length; t++) {
    const v = x[offset + t * stride];
    if (v > m) m = v;
  }
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let t = 0; t < length; t++) s += Math.exp(x[offset + t * stride] - m);
  return m + Math.log(s);
}
