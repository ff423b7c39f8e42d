/**
 * The Grassmann manifold Gr(p, n) of p-planes in ℝⁿ, a plane represented by an n×p
 * matrix X with orthonormal columns (Edelman, Arias & Smith, "The geometry of algorithms
 * with orthogonality constraints", SIAM J. Matrix Anal. Appl. 1998, Thm 2.3; Absil,
 * Mahony & Sepulchre 2004 for the log).
 *   exp_X(H) = X V cos Σ Vᵀ + U sin Σ Vᵀ,   H = U Σ Vᵀ (thin SVD of the horizontal tangent, XᵀH = 0)
 *   log_X(Y) = U atan(Σ) Vᵀ,   (I − XXᵀ) Y (XᵀY)⁻¹ = U Σ Vᵀ
 *   principal angles θ_i: cos θ_i = σ_i(XᵀY), sin θ_i = σ_{p+1−i}((I − XXᵀ)Y); d(X, Y) = ‖θ‖₂
 * Angles come from atan2(sin, cos) so small and near-π/2 angles both keep their digits.
 */
import { thinSvd } from './thinSvd';

export interface GrassmannShape {
  n: number;
  p: number;
}

/** XᵀY (p×p) for n×p X, Y. */
function crossProduct(x: ArrayLike<number>, y: ArrayLike<number>, { n, p }: GrassmannShape): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += x[r * p + i] * y[r * p + j];
      out[i * p + j] = s;
    }
  return out;
}

/** (I − XXᵀ) Y. */
function project(x: ArrayLike<number>, y: ArrayLike<number>, shape: GrassmannShape): Float64Array {
  const { n, p } = shape;
  const xty = crossProduct(x, y, shape);
  const out = Float64Array.from(y);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += x[r * p + k] * xty[k * p + j];
      out[r * p + j] -= s;
    }
  return out;
}

/** Checks shape and orthonormal columns (XᵀX = I within 1e-9). */
export function validateGrassmannPoint(x: ArrayLike<number>, shape: GrassmannShape, label = 'X'): void {
  const { n, p } = shape;
  if (!(p >= 1 && p <= n)) throw new Error(`invalid Grassmann shape: ${p}-planes in ℝ^${n}`);
  if (x.length !== n * p) throw new Error(`${label} has ${x.length} entries but an ${n}×${p} basis needs ${n * p}`);
  const g = crossProduct(x, x, shape);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      const e = Math.abs(g[i * p + j] - (i === j ? 1 : 0));
      if (!(e <= 1e-9)) throw new Error(`${label} does not have orthonormal columns: (XᵀX)[${i}][${j}] = ${g[i * p + j]}`);
    }
}

export function principalAngles(x: ArrayLike<number>, y: ArrayLike<number>, shape: GrassmannShape): Float64Array {
  validateGrassmannPoint(x, shape, 'X');
  validateGrassmannPoint(y, shape, 'Y');
  const { n, p } = shape;
  const cosines = thinSvd(crossProduct(x, y, shape), p, p).sigma; // descending → angles ascending
  const sines = thinSvd(project(x, y, shape), n, p).sigma; // descending → reversed pairs
  const angles = new Float64Array(p);
  for (let i = 0; i < p; i++) angles[i] = Math.atan2(sines[p - 1 - i], cosines[i]);
  return angles;
}

export function grassmannDistance(x: ArrayLike<number>, y: ArrayLike<number>, shape: GrassmannShape): number {
  return Math.hypot(...principalAngles(x, y, shape));
}

export function grassmannExp(x: ArrayLike<number>, h: ArrayLike<number>, shape: GrassmannShape): Float64Array {
  const { n, p } = shape;
  if (h.length !== n * p) throw new Error(`tangent has ${h.length} entries but ${n}×${p} is needed`);
  const { u, sigma, v } = thinSvd(h, n, p);
  const out = new Float64Array(n * p);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) {
        // (X V cos Σ + U sin Σ) Vᵀ
        let xv = 0;
        for (let l = 0; l < p; l++) xv += x[r * p + l] * v[l * p + k];
        s += (xv * Math.cos(sigma[k]) + u[r * p + k] * Math.sin(sigma[k])) * v[j * p + k];
      }
      out[r * p + j] = s;
    }
  return out;
}

/** p×p inverse by Gauss–Jordan with partial pivoting; throws when singular (planes at the cut locus). */
function inverse(a: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) inv[i * p + i] = 1;
  for (let c = 0; c < p; c++) {
    let best = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r * p + c]) > Math.abs(m[best * p + c])) best = r;
    if (Math.abs(m[best * p + c]) < 1e-14) throw new Error('log is not unique: a principal angle is π/2 (XᵀY is singular)');
    for (let j = 0; j < p; j++) {
      [m[c * p + j], m[best * p + j]] = [m[best * p + j], m[c * p + j]];
      [inv[c * p + j], inv[best * p + j]] = [inv[best * p + j], inv[c * p + j]];
    }
    const pivot = m[c * p + c];
    for (let j = 0; j < p; j++) {
      m[c * p + j] /= pivot;
      inv[c * p + j] /= pivot;
    }
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = m[r * p + c];
      for (let j = 0; j < p; j++) {
        m[r * p + j] -= f * m[c * p + j];
        inv[r * p + j] -= f * inv[c * p + j];
      }
    }
  }
  return inv;
}

export function grassmannLog(x: ArrayLike<number>, y: ArrayLike<number>, shape: GrassmannShape): Float64Array {
  validateGrassmannPoint(x, shape, 'X');
  validateGrassmannPoint(y, shape, 'Y');
  const { n, p } = shape;
  const projected = project(x, y, shape);
  const inv = inverse(crossProduct(x, y, shape), p);
  const m = new Float64Array(n * p);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += projected[r * p + k] * inv[k * p + j];
      m[r * p + j] = s;
    }
  const { u, sigma, v } = thinSvd(m, n, p);
  const out = new Float64Array(n * p);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += u[r * p + k] * Math.atan(sigma[k]) * v[j * p + k];
      out[r * p + j] = s;
    }
  return out;
}

/** γ(t) = exp_X(t log_X Y), an orthonormal basis of the plane at time t. */
export function grassmannGeodesic(x: ArrayLike<number>, y: ArrayLike<number>, t: number, shape: GrassmannShape): Float64Array {
  return grassmannExp(x, grassmannLog(x, y, shape).map((h) => t * h), shape);
}

/** The orthogonal projector X Xᵀ (n×n), the basis-independent representation of the plane. */
export function projector(x: ArrayLike<number>, { n, p }: GrassmannShape): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += x[i * p + k] * x[j * p + k];
      out[i * n + j] = s;
    }
  return out;
}
