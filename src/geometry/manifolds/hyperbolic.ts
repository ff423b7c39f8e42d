/**
 * Hyperbolic space in two models and the isometry between them (Cannon, Floyd,
 * Kenyon & Parry, "Hyperbolic Geometry", 1997; the Lorentz model as in HELM and
 * Nickel & Kiela 2018).
 *
 * Poincaré ball Bⁿ = {‖x‖ < 1}:
 *   d(x, y) = arcosh(1 + 2‖x − y‖² / ((1 − ‖x‖²)(1 − ‖y‖²)))
 * Lorentz hyperboloid Hⁿ = {x ∈ ℝ^{n+1} : ⟨x, x⟩_L = −1, x₀ > 0}, ⟨x, y⟩_L = −x₀y₀ + Σ xᵢyᵢ:
 *   d(x, y) = arcosh(−⟨x, y⟩_L),  exp_x(v) = cosh‖v‖_L x + sinh‖v‖_L v/‖v‖_L,
 *   log_x(y) = d(x, y) (y + ⟨x, y⟩_L x)/‖y + ⟨x, y⟩_L x‖_L
 * Maps: P→L: x ↦ (1 + ‖x‖², 2x)/(1 − ‖x‖²);  L→P: x ↦ (x₁, …, x_n)/(1 + x₀).
 * arcosh(1 + z) is evaluated as log1p(z + sqrt(z(z + 2))) so nearby points keep their digits.
 */
import { dot } from '../linalg/dense';


/** arcosh(1 + z) for z ≥ 0 without cancellation. */
export function acosh1p(z: number): number {
  const w = Math.max(z, 0);
  return Math.log1p(w + Math.sqrt(w * (w + 2)));
}

function checkInsideBall(x: ArrayLike<number>, label: string): number {
  const r2 = dot(x, x);
  if (!(r2 < 1)) throw new Error(`${label} has norm ${Math.sqrt(r2)} but points of the Poincaré disk have norm < 1`);
  return r2;
}

export function poincareDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`points have ${x.length} and ${y.length} coordinates`);
  const x2 = checkInsideBall(x, 'x');
  const y2 = checkInsideBall(y, 'y');
  let d2 = 0;
  for (let i = 0; i < x.length; i++) d2 += (x[i] - y[i]) ** 2;
  return acosh1p((2 * d2) / ((1 - x2) * (1 - y2)));
}

/** Möbius addition x ⊕ y in the ball (Ungar), used for the alternative distance 2 artanh‖(−x) ⊕ y‖. */
export function mobiusAdd(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const xy = dot(x, y);
  const x2 = dot(x, x);
  const y2 = dot(y, y);
  const denominator = 1 + 2 * xy + x2 * y2;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = ((1 + 2 * xy + y2) * x[i] + (1 - x2) * y[i]) / denominator;
  return out;
}

export function lorentzInner(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = -x[0] * y[0];
  for (let i = 1; i < x.length; i++) s += x[i] * y[i];
  return s;
}

export function lorentzDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`points have ${x.length} and ${y.length} coordinates`);
  for (const [p, label] of [[x, 'x'], [y, 'y']] as const) {
    const q = lorentzInner(p, p);
    if (!(Math.abs(q + 1) <= 1e-8 * Math.max(1, p[0] * p[0]) && p[0] > 0)) {
      throw new Error(`${label} has ⟨x, x⟩_L = ${q} and x₀ = ${p[0]} but hyperboloid points have ⟨x, x⟩_L = −1 and x₀ > 0`);
    }
  }
  // −⟨x, y⟩_L − 1 = (‖x − y‖_L²)/2 computed from the difference keeps nearby points accurate.
  let diff = -((x[0] - y[0]) ** 2);
  for (let i = 1; i < x.length; i++) diff += (x[i] - y[i]) ** 2;
  return acosh1p(Math.max(diff, 0) / 2);
}

export function poincareToLorentz(x: ArrayLike<number>): Float64Array {
  const r2 = checkInsideBall(x, 'point');
  const out = new Float64Array(x.length + 1);
  out[0] = (1 + r2) / (1 - r2);
  for (let i = 0; i < x.length; i++) out[i + 1] = (2 * x[i]) / (1 - r2);
  return out;
}

export function lorentzToPoincare(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length - 1);
  for (let i = 1; i < x.length; i++) out[i - 1] = x[i] / (1 + x[0]);
  return out;
}

export function lorentzExp(x: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const norm = Math.sqrt(Math.max(lorentzInner(v, v), 0));
  const sinhc = norm < 1e-12 ? 1 : Math.sinh(norm) / norm;
  return Float64Array.from(x, (xi, i) => Math.cosh(norm) * xi + sinhc * v[i]);
}

export function lorentzLog(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const d = lorentzDistance(x, y);
  const c = lorentzInner(x, y);
  const u = Float64Array.from(y, (yi, i) => yi + c * x[i]);
  const norm = Math.sqrt(Math.max(lorentzInner(u, u), 0));
  return norm === 0 ? u.fill(0) : u.map((ui) => (d * ui) / norm);
}

/** The hyperbolic geodesic between two Poincaré-disk points, computed on the hyperboloid. */
export function poincareGeodesic(x: ArrayLike<number>, y: ArrayLike<number>, t: number): Float64Array {
  const lx = poincareToLorentz(x);
  const v = lorentzLog(lx, poincareToLorentz(y));
  return lorentzToPoincare(lorentzExp(lx, v.map((vi) => t * vi)));
}
