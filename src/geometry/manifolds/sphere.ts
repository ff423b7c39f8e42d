/**
 * The unit sphere S^{n−1} ⊂ ℝⁿ with the round metric: geodesics are great circles.
 *   d(p, q) = atan2(‖q − (p·q) p‖, p·q)   (accurate for near and antipodal points, unlike acos)
 *   exp_p(v) = cos‖v‖ p + sin‖v‖ v/‖v‖,  log_p(q) = d(p, q) (q − (p·q)p)/‖q − (p·q)p‖
 */
import { dot } from '../linalg/dense';

/** Accepted deviation of ‖p‖ from 1 at the public boundary. */
export const UNIT_NORM_TOLERANCE = 1e-9;


function checkUnit(p: ArrayLike<number>, label: string): void {
  const norm = Math.sqrt(dot(p, p));
  if (!(Math.abs(norm - 1) <= UNIT_NORM_TOLERANCE)) throw new Error(`${label} has norm ${norm} but a point of the sphere has norm 1`);
}

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`points have ${a.length} and ${b.length} coordinates`);
}

export function sphereDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkSameLength(p, q);
  checkUnit(p, 'p');
  checkUnit(q, 'q');
  const c = dot(p, q);
  let s2 = 0;
  for (let i = 0; i < p.length; i++) s2 += (q[i] - c * p[i]) ** 2;
  return Math.atan2(Math.sqrt(s2), c);
}

export function sphereExp(p: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  checkSameLength(p, v);
  const norm = Math.sqrt(dot(v, v));
  const out = new Float64Array(p.length);
  // sin(θ)/θ → 1 as θ → 0.
  const sinc = norm < 1e-12 ? 1 : Math.sin(norm) / norm;
  for (let i = 0; i < p.length; i++) out[i] = Math.cos(norm) * p[i] + sinc * v[i];
  return out;
}

export function sphereLog(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  const theta = sphereDistance(p, q);
  const c = dot(p, q);
  const u = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) u[i] = q[i] - c * p[i];
  const norm = Math.sqrt(dot(u, u));
  if (norm === 0) {
    if (c > 0) return u;
    throw new Error('log of an antipodal point is not unique (every great circle joins them)');
  }
  return u.map((x) => (theta * x) / norm);
}

/** γ(t) = exp_p(t log_p q): the shorter great-circle arc from p (t = 0) to q (t = 1). */
export function sphereGeodesic(p: ArrayLike<number>, q: ArrayLike<number>, t: number): Float64Array {
  return sphereExp(p, sphereLog(p, q).map((x) => t * x));
}
