/** A symmetric linear operator on ℝⁿ given only by its product, out ← A x (out overwritten). */
import { dot } from '../linalg/dense';
export interface LinearOperator {
  readonly size: number;
  apply(x: Float64Array, out: Float64Array): void;
}

/** A dense symmetric n×n row-major matrix as an operator (tests, small references). */
export function denseOperator(a: ArrayLike<number>, n: number): LinearOperator {
  if (a.length !== n * n) throw new Error(`matrix has ${a.length} entries but ${n}×${n} needs ${n * n}`);
  return {
    size: n,
    apply(x, out) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        const o = i * n;
        for (let j = 0; j < n; j++) s += a[o + j] * x[j];
        out[i] = s;
      }
    },
  };
}

/** Fills `a` column by column (column j = A e_j), yielding after each column, then symmetrizes it. */
function* denseColumns(op: LinearOperator, a: Float64Array): Generator<void> {
  const n = op.size;
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    op.apply(e, col);
    for (let i = 0; i < n; i++) a[i * n + j] = col[i];
    yield;
  }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
}

/** The n×n matrix of an operator, column j = A e_j, symmetrized as (A + Aᵀ)/2 to remove rounding asymmetry. */
export function operatorToDense(op: LinearOperator): Float64Array {
  const a = new Float64Array(op.size * op.size);
  for (const _ of denseColumns(op, a));
  return a;
}

/** `operatorToDense` with `checkpoint()` awaited after every column (a worker job stays cancellable). */
export async function operatorToDenseAsync(op: LinearOperator, checkpoint: () => Promise<void>): Promise<Float64Array> {
  const a = new Float64Array(op.size * op.size);
  for (const _ of denseColumns(op, a)) await checkpoint();
  return a;
}

export { dot };

/** Scales v to unit norm in place and returns its former norm. */
export function normalizeInPlace(v: Float64Array): number {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return norm;
}

/** Removes from v its components along the first `count` orthonormal rows of `basis` (two passes of classical Gram–Schmidt: "twice is enough"). */
export function orthogonalizeAgainst(v: Float64Array, basis: Float64Array, count: number): void {
  const n = v.length;
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < count; r++) {
      const o = r * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i] * basis[o + i];
      for (let i = 0; i < n; i++) v[i] -= s * basis[o + i];
    }
  }
}
