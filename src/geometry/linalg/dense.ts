/**
 * Dense row-major matrix operations in f64: the CPU references for the
 * mat-vec and mat-mat kernels, and the CPU path of the engine.
 * A matrix of shape rows×cols is a flat array with A[i, j] = a[i * cols + j].
 */

/** Throws unless `value` is a nonnegative integer dimension. */
export function checkDimension(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`invalid ${name}: ${value} (expected a nonnegative integer)`);
}

function checkLength(name: string, array: ArrayLike<number>, expected: number, shape: string): void {
  if (array.length !== expected) {
    throw new Error(`${name} has ${array.length} entries but its shape ${shape} needs ${expected}`);
  }
}

/** The inner product Σ a_i b_i (over a's length; b at least as long). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** y = A x for A of shape rows×cols. */
export function matVec(a: ArrayLike<number>, x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  checkDimension('rows', rows);
  checkDimension('cols', cols);
  checkLength('matrix', a, rows * cols, `${rows}×${cols}`);
  checkLength('vector', x, cols, `${cols}`);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) s += a[o + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** C = A B for A of shape m×k and B of shape k×n (i-k-j loop order for unit-stride access). */
export function matMul(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
): Float64Array {
  checkDimension('m', m);
  checkDimension('k', k);
  checkDimension('n', n);
  checkLength('left matrix', a, m * k, `${m}×${k}`);
  checkLength('right matrix', b, k * n, `${k}×${n}`);
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const co = i * n;
    for (let p = 0; p < k; p++) {
      // No skipping of zero entries: 0 · ∞ must stay NaN, as in numpy (IEEE 754).
      const aip = a[i * k + p];
      const bo = p * n;
      for (let j = 0; j < n; j++) c[co + j] += aip * b[bo + j];
    }
  }
  return c;
}

/** Transpose of a rows×cols matrix. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  checkDimension('rows', rows);
  checkDimension('cols', cols);
  checkLength('matrix', a, rows * cols, `${rows}×${cols}`);
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}
