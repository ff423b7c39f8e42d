/**
 * Functions of symmetric matrices by eigendecomposition, f(A) = V diag(f(λ)) Vᵀ,
 * with eigenvalue clamping: before a function that needs λ > 0 (sqrt, inverse
 * sqrt, log, power) the eigenvalues are clamped to at least `EIGENVALUE_FLOOR`
 * relative to the largest, so rounding in an intermediate product such as
 * A^{1/2} B A^{1/2} (which can push a true 1e-17 eigenvalue to −1e-17) never
 * produces NaN. Inputs from users are validated first (validate.ts); the clamp
 * only absorbs rounding.
 *
 * The Fréchet derivative of a spectral function (Daleckii–Krein): with
 * A = V diag(λ) Vᵀ and Ẽ = Vᵀ E V,
 *   Df(A)[E] = V (Ẽ ∘ F) Vᵀ,  F_ij = (f(λ_i) − f(λ_j))/(λ_i − λ_j), F_ii = f′(λ_i)
 * (Higham, Functions of Matrices, 2008, Thm 3.11). The log-Euclidean and the
 * power-deformed metrics use it for their exp and log maps.
 */
import { symmetricEigenJacobi as symmetricEigen } from '../linalg/jacobiEigen';
import { eigenvectorMatrix, type SymmetricEigen } from '../linalg/symmetricEigen';
import { sizeOf, symmetricPart } from './symmetric';

/** Eigenvalues below floor·λ_max (or below 1e-300) are treated as rounding and clamped up. */
export const EIGENVALUE_FLOOR = 1e-30;

/** V diag(d) Vᵀ. */
export function fromEigen(vectors: ArrayLike<number>, d: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * d[k] * vectors[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

function clampedValues(eig: SymmetricEigen): Float64Array {
  const n = eig.values.length;
  const top = Math.max(eig.values[n - 1], 0);
  const floor = Math.max(top * EIGENVALUE_FLOOR, 1e-300);
  return eig.values.map((l) => Math.max(l, floor));
}

/** f(A) for symmetric A with f applied to the (clamped when `positive`) eigenvalues. */
export function spectralFunction(
  a: ArrayLike<number>,
  f: (lambda: number) => number,
  positive = true,
  n = sizeOf(a),
): Float64Array {
  const eig = symmetricEigen(a, n);
  const values = positive ? clampedValues(eig) : eig.values;
  return fromEigen(eigenvectorMatrix(eig), values.map(f), n);
}

export const spdSqrt = (a: ArrayLike<number>): Float64Array => spectralFunction(a, Math.sqrt);
export const spdInverseSqrt = (a: ArrayLike<number>): Float64Array => spectralFunction(a, (l) => 1 / Math.sqrt(l));
export const spdInverse = (a: ArrayLike<number>): Float64Array => spectralFunction(a, (l) => 1 / l);
export const spdLog = (a: ArrayLike<number>): Float64Array => spectralFunction(a, Math.log);
export const spdPower = (a: ArrayLike<number>, p: number): Float64Array => spectralFunction(a, (l) => l ** p);
/** exp of a symmetric (not necessarily definite) matrix. */
export const symmetricExp = (a: ArrayLike<number>): Float64Array => spectralFunction(a, Math.exp, false);

/** A^{1/2} and A^{-1/2} from one eigendecomposition. */
export function spdSqrtAndInverseSqrt(a: ArrayLike<number>, n = sizeOf(a)): { sqrt: Float64Array; inverseSqrt: Float64Array } {
  const eig = symmetricEigen(a, n);
  const values = clampedValues(eig);
  return {
    sqrt: fromEigen(eigenvectorMatrix(eig), values.map(Math.sqrt), n),
    inverseSqrt: fromEigen(eigenvectorMatrix(eig), values.map((l) => 1 / Math.sqrt(l)), n),
  };
}

/** The first divided difference of f at (x, y), or f′(x) when x and y coincide to rounding. */
function dividedDifference(f: (x: number) => number, df: (x: number) => number, x: number, y: number): number {
  if (Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))) return df(0.5 * (x + y));
  return (f(x) - f(y)) / (x - y);
}

/** Df(A)[E] (Daleckii–Krein) for symmetric A and E; `positive` clamps A's eigenvalues as above. */
export function spectralDerivative(
  a: ArrayLike<number>,
  e: ArrayLike<number>,
  f: (x: number) => number,
  df: (x: number) => number,
  positive = true,
  n = sizeOf(a),
): Float64Array {
  const eig = symmetricEigen(a, n);
  const values = positive ? clampedValues(eig) : eig.values;
  return applyInEigenbasis(eigenvectorMatrix(eig), e, n, (i, j) => dividedDifference(f, df, values[i], values[j]));
}

/** The inverse map of spectralDerivative: divides by the divided differences instead. */
export function spectralDerivativeInverse(
  a: ArrayLike<number>,
  e: ArrayLike<number>,
  f: (x: number) => number,
  df: (x: number) => number,
  positive = true,
  n = sizeOf(a),
): Float64Array {
  const eig = symmetricEigen(a, n);
  const values = positive ? clampedValues(eig) : eig.values;
  return applyInEigenbasis(eigenvectorMatrix(eig), e, n, (i, j) => 1 / dividedDifference(f, df, values[i], values[j]));
}

/** V ((Vᵀ E V) ∘ W) Vᵀ with W_ij = weight(i, j). */
export function applyInEigenbasis(
  vectors: ArrayLike<number>,
  e: ArrayLike<number>,
  n: number,
  weight: (i: number, j: number) => number,
): Float64Array {
  // Ẽ = Vᵀ E V
  const ev = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += e[i * n + k] * vectors[k * n + j];
      ev[i * n + j] = s;
    }
  const et = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[k * n + i] * ev[k * n + j];
      et[i * n + j] = s * weight(i, j);
    }
  // V Ẽ Vᵀ
  const tmp = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vectors[i * n + k] * et[k * n + j];
      tmp[i * n + j] = s;
    }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += tmp[i * n + k] * vectors[j * n + k];
      out[i * n + j] = s;
    }
  return symmetricPart(out, n);
}

/**
 * Solves the Lyapunov equation X L + L X = V for symmetric positive definite X and
 * symmetric V in X's eigenbasis: L̃_ij = Ṽ_ij / (λ_i + λ_j).
 */
export function solveLyapunov(x: ArrayLike<number>, v: ArrayLike<number>, n = sizeOf(x)): Float64Array {
  const eig = symmetricEigen(x, n);
  const values = clampedValues(eig);
  return applyInEigenbasis(eigenvectorMatrix(eig), v, n, (i, j) => 1 / (values[i] + values[j]));
}
