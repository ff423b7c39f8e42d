/**
 * Riemannian geometry of a graph surface z = f(x, y) in the chart (x, y)
 * (do Carmo, Differential Geometry of Curves and Surfaces, §3-3 and §4-4):
 *   metric          g = I + ∇f ∇fᵀ
 *   Christoffel     Γ^k_ij = f_k f_ij / (1 + |∇f|²)
 *   Gaussian curv.  K = (f_xx f_yy − f_xy²) / (1 + f_x² + f_y²)²
 *   geodesic eq.    ẍ^k = −Γ^k_ij ẋ^i ẋ^j = −f_k (ẋᵀ H ẋ) / (1 + |∇f|²)
 * integrated by classical RK4 with a fixed step in the curve parameter.
 */
import type { GraphSurface } from './testSurfaces';

const scratch = new Float64Array(3);

/** g = [[1 + f_x², f_x f_y], [f_x f_y, 1 + f_y²]] as (g11, g12, g22). */
export function graphMetric(surface: GraphSurface, x: number, y: number): [number, number, number] {
  surface.gradient(x, y, scratch);
  const fx = scratch[0];
  const fy = scratch[1];
  return [1 + fx * fx, fx * fy, 1 + fy * fy];
}

/** Γ^k_ij as [Γ^x_xx, Γ^x_xy, Γ^x_yy, Γ^y_xx, Γ^y_xy, Γ^y_yy]. */
export function christoffelSymbols(surface: GraphSurface, x: number, y: number): Float64Array {
  const g = new Float64Array(2);
  const h = new Float64Array(3);
  surface.gradient(x, y, g);
  surface.hessian(x, y, h);
  const w = 1 / (1 + g[0] * g[0] + g[1] * g[1]);
  return Float64Array.of(g[0] * h[0] * w, g[0] * h[1] * w, g[0] * h[2] * w, g[1] * h[0] * w, g[1] * h[1] * w, g[1] * h[2] * w);
}

export function gaussianCurvature(surface: GraphSurface, x: number, y: number): number {
  const g = new Float64Array(2);
  const h = new Float64Array(3);
  surface.gradient(x, y, g);
  surface.hessian(x, y, h);
  const w = 1 + g[0] * g[0] + g[1] * g[1];
  return (h[0] * h[2] - h[1] * h[1]) / (w * w);
}

/** Speed of the chart velocity (vx, vy) in the metric: sqrt(vᵀ g v) = sqrt(|v|² + (∇f·v)²). */
export function metricSpeed(surface: GraphSurface, x: number, y: number, vx: number, vy: number): number {
  surface.gradient(x, y, scratch);
  const d = scratch[0] * vx + scratch[1] * vy;
  return Math.sqrt(vx * vx + vy * vy + d * d);
}

function inside(surface: GraphSurface, x: number, y: number): boolean {
  const [x0, x1, y0, y1] = surface.domain;
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** The right-hand side of the geodesic equation for the state s = (x, y, ẋ, ẏ). */
function derivative(surface: GraphSurface, s: Float64Array, out: Float64Array, g: Float64Array, h: Float64Array): void {
  surface.gradient(s[0], s[1], g);
  surface.hessian(s[0], s[1], h);
  const vx = s[2];
  const vy = s[3];
  const quadratic = h[0] * vx * vx + 2 * h[1] * vx * vy + h[2] * vy * vy;
  const factor = quadratic / (1 + g[0] * g[0] + g[1] * g[1]);
  out[0] = vx;
  out[1] = vy;
  out[2] = -g[0] * factor;
  out[3] = -g[1] * factor;
}

export interface GeodesicPath {
  /** (steps + 1) × 4 states (x, y, ẋ, ẏ); entries after `length` repeat the last valid state. */
  states: Float64Array;
  /** Number of valid states (≤ steps + 1): integration stops when the curve leaves the domain. */
  length: number;
}

/** RK4 on the geodesic equation from (x0, y0) with chart velocity (vx0, vy0), step h. */
export function geodesicRk4(
  surface: GraphSurface,
  x0: number,
  y0: number,
  vx0: number,
  vy0: number,
  h: number,
  steps: number,
): GeodesicPath {
  if (!(h > 0) || !Number.isFinite(h)) throw new Error(`invalid step: ${h} (expected a positive number)`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`invalid steps: ${steps} (expected a positive integer)`);
  if (!inside(surface, x0, y0)) throw new Error(`start (${x0}, ${y0}) is outside the ${surface.name} domain [${surface.domain.join(', ')}]`);
  const states = new Float64Array((steps + 1) * 4);
  const s = Float64Array.of(x0, y0, vx0, vy0);
  const k1 = new Float64Array(4);
  const k2 = new Float64Array(4);
  const k3 = new Float64Array(4);
  const k4 = new Float64Array(4);
  const tmp = new Float64Array(4);
  const g = new Float64Array(2);
  const hs = new Float64Array(3);
  states.set(s, 0);
  let length = 1;
  for (let step = 1; step <= steps; step++) {
    derivative(surface, s, k1, g, hs);
    for (let i = 0; i < 4; i++) tmp[i] = s[i] + 0.5 * h * k1[i];
    derivative(surface, tmp, k2, g, hs);
    for (let i = 0; i < 4; i++) tmp[i] = s[i] + 0.5 * h * k2[i];
    derivative(surface, tmp, k3, g, hs);
    for (let i = 0; i < 4; i++) tmp[i] = s[i] + h * k3[i];
    derivative(surface, tmp, k4, g, hs);
    for (let i = 0; i < 4; i++) tmp[i] = s[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    if (!inside(surface, tmp[0], tmp[1]) || !tmp.every(Number.isFinite)) break;
    s.set(tmp);
    states.set(s, step * 4);
    length++;
  }
  for (let step = length; step <= steps; step++) states.set(s, step * 4);
  return { states, length };
}

export interface GeodesicFanOptions {
  x0: number;
  y0: number;
  /** Number of geodesics, directions 2πj/count (+ `angleOffset`). */
  count: number;
  /** Arc length of each geodesic (unit speed in the metric). */
  length: number;
  steps: number;
  angleOffset?: number;
}

export interface GeodesicFan {
  count: number;
  steps: number;
  /** count × (steps + 1) × 3 points (x, y, z) on the surface. */
  points: Float64Array;
  /** Valid points per geodesic. */
  lengths: Uint32Array;
}

/** The unit-speed initial chart velocity in direction angle θ: u/sqrt(uᵀ g u), u = (cos θ, sin θ). */
export function unitDirection(surface: GraphSurface, x: number, y: number, angle: number): [number, number] {
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const speed = metricSpeed(surface, x, y, ux, uy);
  return [ux / speed, uy / speed];
}

export function validateFanOptions(surface: GraphSurface, o: GeodesicFanOptions): void {
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > 65536) throw new Error(`invalid count: ${o.count} (expected an integer from 1 to 65536)`);
  if (!Number.isInteger(o.steps) || o.steps < 1 || o.steps > 10000) throw new Error(`invalid steps: ${o.steps} (expected an integer from 1 to 10000)`);
  if (!(o.length > 0) || !Number.isFinite(o.length)) throw new Error(`invalid length: ${o.length} (expected a positive number)`);
  if (!inside(surface, o.x0, o.y0)) throw new Error(`start (${o.x0}, ${o.y0}) is outside the ${surface.name} domain [${surface.domain.join(', ')}]`);
}

/**
 * A fan of unit-speed geodesics from one point: the CPU reference of the geodesicFan kernel.
 * `first` and `size` select geodesics first … first + size − 1 of the fan (the job computes
 * a large fan in chunks between cancellation checkpoints); the angles stay 2πj/count.
 */
export function geodesicFan(surface: GraphSurface, o: GeodesicFanOptions, first = 0, size = o.count - first): GeodesicFan {
  validateFanOptions(surface, o);
  if (!Number.isInteger(first) || !Number.isInteger(size) || first < 0 || size < 0 || first + size > o.count) {
    throw new Error(`invalid fan range: geodesics ${first}…${first + size - 1} of ${o.count}`);
  }
  const h = o.length / o.steps;
  const stride = (o.steps + 1) * 3;
  const points = new Float64Array(size * stride);
  const lengths = new Uint32Array(size);
  for (let c = 0; c < size; c++) {
    const j = first + c;
    const angle = (2 * Math.PI * j) / o.count + (o.angleOffset ?? 0);
    const [vx, vy] = unitDirection(surface, o.x0, o.y0, angle);
    const path = geodesicRk4(surface, o.x0, o.y0, vx, vy, h, o.steps);
    lengths[c] = path.length;
    for (let k = 0; k <= o.steps; k++) {
      const x = path.states[k * 4];
      const y = path.states[k * 4 + 1];
      points[c * stride + k * 3] = x;
      points[c * stride + k * 3 + 1] = y;
      points[c * stride + k * 3 + 2] = surface.f(x, y);
    }
  }
  return { count: size, steps: o.steps, points, lengths };
}
