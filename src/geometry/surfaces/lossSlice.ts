/**
 * A 2-D slice of a trained network's loss as a graph surface z = L(θ* + x·d₁ + y·d₂)
 * (Li et al., "Visualizing the loss landscape of neural nets", NeurIPS 2018, but with
 * Hessian directions rather than filter-normalized random ones).
 *
 * Network: the Hessian chapter's MLP (src/geometry/nn), 2 → hidden (tanh) → 3 on a seeded
 * 3-class Gaussian mixture (n = 120), trained by full-batch Adam for `steps` steps to θ*.
 * Directions: d₁ = the top Hessian eigenvector at θ* (power iteration on the exact HVP,
 * 30 products at most), d₂ = a seeded Gaussian vector orthogonalized against d₁; both unit
 * norm in parameter space, so x and y are Euclidean distances along them.
 *
 * Surface: L is sampled on a gridSize × gridSize grid over [−radius, radius]² and
 * interpolated by a clamped bicubic spline: a bicubic Hermite patch per cell whose node slopes
 * f_x, f_y and cross slope f_xy are the slopes of 1-D cubic splines along rows and columns
 * (f_xy: the row splines of f_y), with end slopes from second-order one-sided differences
 * (−3f₀ + 4f₁ − f₂)/2h instead of natural (f'' = 0) ends. The interpolant is C², matches the
 * samples at the nodes, and reproduces every biquadratic polynomial exactly (the end slopes and
 * the spline are exact for quadratics). Gradient and Hessian are the analytic derivatives of the patch.
 */
import { createMlp, createTrainer, curvatureOperator, gaussianMixture, initMlp, mlpLoss, type ClassificationData, type Mlp } from '../nn';
import { gaussian, mulberry32 } from '../random';
import { powerIterationTop } from '../spectral';
import type { GraphSurface } from './testSurfaces';

export interface LossSliceOptions {
  /** Adam steps from the seeded initialization to θ*. */
  steps: number;
  seed: number;
  /** Samples per side of the grid. */
  gridSize: number;
  /** Half-width of the square domain, in parameter-space distance. */
  radius: number;
}

export const LOSS_SLICE_DEFAULTS: LossSliceOptions = { steps: 200, seed: 1, gridSize: 48, radius: 1 };
export const LOSS_SLICE_LABEL = 'network loss slice L(θ* + x·d₁ + y·d₂)';
/** Hidden width of the sliced network. */
const HIDDEN = 8;
const WEIGHT_DECAY = 1e-3;

/** Bicubic spline interpolant of samples on a uniform grid, row-major over (y, x). */
export interface GridBicubic {
  readonly domain: readonly [number, number, number, number];
  readonly size: number;
  f(x: number, y: number): number;
  gradient(x: number, y: number, out: Float64Array): void;
  hessian(x: number, y: number, out: Float64Array): void;
}

/**
 * Node slopes along one axis of a row-major n×n array (axis 0: d/dx along rows, axis 1: d/dy
 * along columns): the slopes of the clamped cubic spline through each line, i.e. the solution of
 * s_{k−1} + 4s_k + s_{k+1} = 3(f_{k+1} − f_{k−1})/h with end slopes fixed to the second-order
 * one-sided differences (−3f₀ + 4f₁ − f₂)/2h (Thomas algorithm). Hermite cubics with these
 * slopes are C² along the line, and exact for quadratics.
 */
function splineSlopes(values: Float64Array, n: number, spacing: number, axis: 0 | 1): Float64Array {
  const out = new Float64Array(n * n);
  const f = new Float64Array(n);
  const s = new Float64Array(n);
  const c = new Float64Array(n);
  for (let line = 0; line < n; line++) {
    for (let k = 0; k < n; k++) f[k] = axis === 0 ? values[line * n + k] : values[k * n + line];
    s[0] = (-3 * f[0] + 4 * f[1] - f[2]) / (2 * spacing);
    s[n - 1] = (3 * f[n - 1] - 4 * f[n - 2] + f[n - 3]) / (2 * spacing);
    // Forward sweep over the interior unknowns 1 … n−2 (diagonal 4, off-diagonals 1).
    let prevC = 0;
    let prevD = s[0];
    for (let k = 1; k < n - 1; k++) {
      const rhs = (3 * (f[k + 1] - f[k - 1])) / spacing - (k === 1 ? s[0] : 0) - (k === n - 2 ? s[n - 1] : 0);
      const denom = 4 - (k === 1 ? 0 : prevC);
      c[k] = 1 / denom;
      s[k] = (rhs - (k === 1 ? 0 : prevD)) / denom;
      prevC = c[k];
      prevD = s[k];
    }
    for (let k = n - 3; k >= 1; k--) s[k] -= c[k] * s[k + 1];
    for (let k = 0; k < n; k++) out[axis === 0 ? line * n + k : k * n + line] = s[k];
  }
  return out;
}

/** Cubic Hermite basis on t ∈ [0, 1]: value (V₀, V₁) and slope (S₀, S₁) functions and their first two derivatives. */
function basis(t: number, out: Float64Array): void {
  const t2 = t * t;
  const t3 = t2 * t;
  // [V0, V1, S0, S1] then d/dt, then d²/dt².
  out[0] = 2 * t3 - 3 * t2 + 1;
  out[1] = -2 * t3 + 3 * t2;
  out[2] = t3 - 2 * t2 + t;
  out[3] = t3 - t2;
  out[4] = 6 * t2 - 6 * t;
  out[5] = -6 * t2 + 6 * t;
  out[6] = 3 * t2 - 4 * t + 1;
  out[7] = 3 * t2 - 2 * t;
  out[8] = 12 * t - 6;
  out[9] = -12 * t + 6;
  out[10] = 6 * t - 4;
  out[11] = 6 * t - 2;
}

/**
 * Builds the C² clamped bicubic spline interpolant of `values` (n × n, row-major over (y, x)) on the
 * uniform grid over `domain` (see the file comment).
 */
export function gridBicubic(values: Float64Array, n: number, domain: readonly [number, number, number, number]): GridBicubic {
  if (!Number.isInteger(n) || n < 3) throw new Error(`grid size ${n}; expected an integer ≥ 3`);
  if (values.length !== n * n) throw new Error(`grid has ${values.length} values but ${n}×${n} needs ${n * n}`);
  const [x0, x1, y0, y1] = domain;
  if (!(x1 > x0 && y1 > y0)) throw new Error(`domain [${domain.join(', ')}]; expected xMin < xMax and yMin < yMax`);
  const hx = (x1 - x0) / (n - 1);
  const hy = (y1 - y0) / (n - 1);
  const fx = splineSlopes(values, n, hx, 0);
  const fy = splineSlopes(values, n, hy, 1);
  const fxy = splineSlopes(fy, n, hx, 0);
  const bu = new Float64Array(12);
  const bv = new Float64Array(12);
  // Value and derivatives (order du, dv) of the patch at (x, y), in units of x and y.
  const evaluate = (x: number, y: number, du: number, dv: number): number => {
    const j = Math.min(n - 2, Math.max(0, Math.floor((x - x0) / hx)));
    const i = Math.min(n - 2, Math.max(0, Math.floor((y - y0) / hy)));
    basis((x - x0) / hx - j, bu);
    basis((y - y0) / hy - i, bv);
    const ou = 4 * du;
    const ov = 4 * dv;
    let s = 0;
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 2; c++) {
        const k = (i + r) * n + (j + c);
        const Vu = bu[ou + c];
        const Su = bu[ou + 2 + c] * hx;
        const Vv = bv[ov + r];
        const Sv = bv[ov + 2 + r] * hy;
        s += values[k] * Vu * Vv + fx[k] * Su * Vv + fy[k] * Vu * Sv + fxy[k] * Su * Sv;
      }
    return s / (hx ** du * hy ** dv);
  };
  return {
    domain,
    size: n,
    f: (x, y) => evaluate(x, y, 0, 0),
    gradient: (x, y, o) => {
      o[0] = evaluate(x, y, 1, 0);
      o[1] = evaluate(x, y, 0, 1);
    },
    hessian: (x, y, o) => {
      o[0] = evaluate(x, y, 2, 0);
      o[1] = evaluate(x, y, 1, 1);
      o[2] = evaluate(x, y, 0, 2);
    },
  };
}

export interface LossSlice {
  surface: GraphSurface;
  interpolant: GridBicubic;
  mlp: Mlp;
  data: ClassificationData;
  weightDecay: number;
  /** Trained parameters θ* (the slice's centre) and the unit directions d₁, d₂. */
  theta: Float64Array;
  d1: Float64Array;
  d2: Float64Array;
  /** Rayleigh quotient d₁ᵀHd₁ at θ*. */
  topEigenvalue: number;
  /** The sampled grid, row-major over (y, x). */
  grid: Float64Array;
}

export function validateLossSliceOptions(o: LossSliceOptions): void {
  if (!Number.isInteger(o.steps) || o.steps < 0 || o.steps > 5000) throw new Error(`loss slice steps ${o.steps}; expected an integer in [0, 5000]`);
  if (!Number.isInteger(o.seed)) throw new Error(`loss slice seed ${o.seed}; expected an integer`);
  if (!Number.isInteger(o.gridSize) || o.gridSize < 3 || o.gridSize > 128) throw new Error(`loss slice gridSize ${o.gridSize}; expected an integer in [3, 128]`);
  if (!Number.isFinite(o.radius) || o.radius <= 0 || o.radius > 20) throw new Error(`loss slice radius ${o.radius}; expected a number in (0, 20]`);
}

/** Trains the network, picks d₁, d₂ and samples the slice (see the file comment). */
export function buildLossSlice(options: Partial<LossSliceOptions> = {}): LossSlice {
  const o = { ...LOSS_SLICE_DEFAULTS, ...options };
  validateLossSliceOptions(o);
  const data = gaussianMixture({ classes: 3, dimension: 2, separation: 2, n: 120, random: mulberry32(o.seed) });
  const mlp = createMlp([2, HIDDEN, 3], 'tanh');
  const trainer = createTrainer({
    mlp,
    data,
    theta: initMlp(mlp, mulberry32(o.seed + 1)),
    optimizer: 'adam',
    lr: 0.05,
    batchSize: 0,
    weightDecay: WEIGHT_DECAY,
    random: mulberry32(o.seed + 2),
  });
  for (let s = 0; s < o.steps; s++) trainer.step();
  const theta = Float64Array.from(trainer.theta);
  const P = mlp.paramCount;
  const H = curvatureOperator(mlp, theta, data, WEIGHT_DECAY, 'hessian');
  const top = powerIterationTop(H, 1, mulberry32(o.seed + 3), { maxIterations: 30, tolerance: 1e-6 });
  const d1 = top.vectors.slice(0, P);
  const random = mulberry32(o.seed + 4);
  const d2 = new Float64Array(P);
  for (let i = 0; i < P; i++) d2[i] = gaussian(random);
  let dot = 0;
  let n1 = 0;
  for (let i = 0; i < P; i++) n1 += d1[i] * d1[i];
  n1 = Math.sqrt(n1);
  for (let i = 0; i < P; i++) d1[i] /= n1;
  for (let i = 0; i < P; i++) dot += d1[i] * d2[i];
  let n2 = 0;
  for (let i = 0; i < P; i++) {
    d2[i] -= dot * d1[i];
    n2 += d2[i] * d2[i];
  }
  n2 = Math.sqrt(n2);
  for (let i = 0; i < P; i++) d2[i] /= n2;
  const n = o.gridSize;
  const r = o.radius;
  const domain = [-r, r, -r, r] as const;
  const grid = new Float64Array(n * n);
  const point = new Float64Array(P);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const x = -r + (2 * r * j) / (n - 1);
      const y = -r + (2 * r * i) / (n - 1);
      for (let k = 0; k < P; k++) point[k] = theta[k] + x * d1[k] + y * d2[k];
      grid[i * n + j] = mlpLoss(mlp, point, data, WEIGHT_DECAY);
    }
  const interpolant = gridBicubic(grid, n, domain);
  const surface: GraphSurface = {
    name: 'lossSlice',
    id: LOSS_SLICE_ID,
    label: LOSS_SLICE_LABEL,
    domain,
    f: interpolant.f,
    gradient: interpolant.gradient,
    hessian: interpolant.hessian,
  };
  return { surface, interpolant, mlp, data, weightDecay: WEIGHT_DECAY, theta, d1, d2, topEigenvalue: top.values[0], grid };
}

/** Not a GPU kernel case: the fan kernel mirrors analytic surfaces only, so this id makes the GPU path refuse. */
export const LOSS_SLICE_ID = -1;
