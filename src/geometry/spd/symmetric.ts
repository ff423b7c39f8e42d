/**
 * Small square matrices (n ≤ 8) as row-major Float64Array: A[i, j] = a[i * n + j].
 * The helpers here are the arithmetic every SPD metric shares; none allocates
 * more than its result.
 */
import { matMul } from '../linalg/dense';

/** The largest size the SPD routines accept (Jacobi is O(n³) per sweep; the chapter needs 2, 3 and up to 8). */
export const MAX_SPD_SIZE = 8;

/** The side n of a square matrix stored in `a`, or throws naming the length. */
export function sizeOf(a: ArrayLike<number>): number {
  const n = Math.round(Math.sqrt(a.length));
  if (n * n !== a.length || n < 1) throw new Error(`matrix has ${a.length} entries, which is not n×n for any n`);
  return n;
}

export function identity(n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = 1;
  return a;
}

/** C = A B for n×n A and B. */
export function multiply(a: ArrayLike<number>, b: ArrayLike<number>, n = sizeOf(a)): Float64Array {
  return matMul(a, b, n, n, n);
}

/** A B A for symmetric A (a congruence); the result is symmetrized because it is symmetric in exact arithmetic. */
export function congruence(a: ArrayLike<number>, b: ArrayLike<number>, n = sizeOf(a)): Float64Array {
  return symmetricPart(multiply(multiply(a, b, n), a, n), n);
}

export function transpose(a: ArrayLike<number>, n = sizeOf(a)): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
  return t;
}

/** (A + Aᵀ)/2: used only on results that are symmetric in exact arithmetic, never on user input. */
export function symmetricPart(a: ArrayLike<number>, n = sizeOf(a)): Float64Array {
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    s[i * n + i] = a[i * n + i];
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      s[i * n + j] = v;
      s[j * n + i] = v;
    }
  }
  return s;
}

export function add(a: ArrayLike<number>, b: ArrayLike<number>, alpha = 1, beta = 1): Float64Array {
  const c = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = alpha * a[i] + beta * b[i];
  return c;
}

export function scale(a: ArrayLike<number>, s: number): Float64Array {
  const c = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) c[i] = s * a[i];
  return c;
}

export function trace(a: ArrayLike<number>, n = sizeOf(a)): number {
  let t = 0;
  for (let i = 0; i < n; i++) t += a[i * n + i];
  return t;
}

/** ‖A‖_F = sqrt(Σ A_ij²), scaled to avoid overflow for entries near 1e154. */
export function frobeniusNorm(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  if (m === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] / m) ** 2;
  return m * Math.sqrt(s);
}

/** ⟨A, B⟩_F = tr(Aᵀ B). */
export function frobeniusInner(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Flattens an array of rows into row-major storage, checking every row's length. */
export function fromRows(rows: readonly (readonly number[])[], label = 'matrix'): Float64Array {
  const n = rows.length;
  const a = new Float64Array(n * n);
  rows.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new Error(`${label} has ${n} rows but row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries (expected ${n})`);
    }
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${label}[${i}][${j}] = ${String(v)} is not a finite number`);
      a[i * n + j] = v;
    });
  });
  return a;
}

export function toRows(a: ArrayLike<number>, n = sizeOf(a)): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a[i * n + j]));
}

/** det A by Gaussian elimination with partial pivoting (n ≤ 8). */
export function determinant(a: ArrayLike<number>, n = sizeOf(a)): number {
  const m = Float64Array.from(a);
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]) > Math.abs(m[p * n + k])) p = i;
    const pivot = m[p * n + k];
    if (pivot === 0) return 0;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = m[k * n + j];
        m[k * n + j] = m[p * n + j];
        m[p * n + j] = t;
      }
      det = -det;
    }
    det *= pivot;
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k] / pivot;
      if (f === 0) continue;
      for (let j = k; j < n; j++) m[i * n + j] -= f * m[k * n + j];
    }
  }
  return det;
}

/** Vᵀ B V (B expressed in the orthonormal basis of V's columns); symmetric for symmetric B. */
export function rotateInto(v: ArrayLike<number>, b: ArrayLike<number>, n = sizeOf(b)): Float64Array {
  const bv = multiply(b, v, n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += v[k * n + i] * bv[k * n + j];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  return out;
}

/** V X Vᵀ; symmetric for symmetric X. */
export function rotateOut(v: ArrayLike<number>, x: ArrayLike<number>, n = sizeOf(x)): Float64Array {
  const vx = multiply(v, x, n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vx[i * n + k] * v[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  return out;
}

/** D X D for the diagonal D = diag(d): each entry scaled, X_ij d_i d_j (exact up to one rounding per entry). */
export function scaleDiagonal(x: ArrayLike<number>, d: ArrayLike<number>, n = sizeOf(x)): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = x[i * n + j] * d[i] * d[j];
  return out;
}
