/**
 * A labelled classification sample set: n rows of `dimension` features (row-major,
 * x[i·dimension + j]) and integer labels in [0, classes).
 */
export interface ClassificationData {
  readonly x: Float64Array;
  readonly y: Int32Array;
  readonly n: number;
  readonly dimension: number;
  readonly classes: number;
}

/** Checks shapes and labels; throws an Error naming the bad value. */
export function validateData(data: ClassificationData): void {
  const { x, y, n, dimension, classes } = data;
  if (!Number.isInteger(n) || n < 1) throw new Error(`data has n = ${n} samples; expected a positive integer`);
  if (!Number.isInteger(dimension) || dimension < 1) throw new Error(`data has dimension ${dimension}; expected a positive integer`);
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`data has ${classes} classes; expected at least 2`);
  if (x.length !== n * dimension) throw new Error(`data x has ${x.length} entries but n×dimension = ${n}×${dimension} needs ${n * dimension}`);
  if (y.length !== n) throw new Error(`data y has ${y.length} labels but x has ${n} rows`);
  for (let i = 0; i < n; i++) {
    if (y[i] < 0 || y[i] >= classes) throw new Error(`label y[${i}] = ${y[i]} is outside [0, ${classes})`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`data x[${Math.floor(i / dimension)}][${i % dimension}] = ${x[i]} is not finite`);
  }
}

/** The rows `indices` of `data` as a new sample set (a minibatch). */
export function selectRows(data: ClassificationData, indices: ArrayLike<number>, count = indices.length): ClassificationData {
  const d = data.dimension;
  const x = new Float64Array(count * d);
  const y = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const i = indices[r];
    x.set(data.x.subarray(i * d, i * d + d), r * d);
    y[r] = data.y[i];
  }
  return { x, y, n: count, dimension: d, classes: data.classes };
}
