/**
 * Stochastic Lanczos quadrature for the spectral density (Lin, Saad & Yang 2016, "Approximating
 * spectral densities of large matrices"; Ghorbani, Krishnan & Xiao 2019; PyHessian's `density`).
 *
 * The density φ(t) = (1/n) Σᵢ δ(t − λᵢ) is estimated from `probes` random unit vectors v (Rademacher
 * entries / √n): m Lanczos steps from v give T = S Θ Sᵀ, and the Gauss quadrature nodes θ_j with
 * weights τ_j = S_{1j}² satisfy Σ_j τ_j θ_jᵖ = vᵀ Aᵖ v exactly for p < 2m. Averaging over probes,
 * E[vᵀAᵖv] = tr(Aᵖ)/n. The density on a grid is the mixture of Gaussians of width σ at the nodes:
 *   φ_σ(t) = (1/probes) Σ_probes Σ_j τ_j N(t; θ_j, σ²),
 * which integrates to 1 (Σ_j τ_j = 1 per probe).
 */
import { symmetricTridiagonalEigen } from '../linalg/symmetricEigen';
import { rademacher, type Random } from '../random';
import { lanczosProcess, type LanczosObserver } from './lanczos';
import type { LinearOperator } from './operator';
import { type AsyncLinearOperator, type Process, runProcess, runProcessAsync } from './process';

export interface QuadratureNodes {
  probes: number;
  /** Lanczos steps per probe (columns of nodes/weights; unused slots hold weight 0). */
  steps: number;
  /** probes × steps Ritz values θ_j. */
  nodes: Float64Array;
  /** probes × steps Gauss weights τ_j = S_{1j}² (each row sums to 1). */
  weights: Float64Array;
  products: number;
}

export function stochasticLanczosQuadrature(op: LinearOperator, probes: number, steps: number, random: Random): QuadratureNodes {
  return runProcess(slqProcess(op.size, probes, steps, random), op);
}

export function stochasticLanczosQuadratureAsync(
  op: AsyncLinearOperator,
  probes: number,
  steps: number,
  random: Random,
  checkpoint?: () => Promise<void>,
): Promise<QuadratureNodes> {
  return runProcessAsync(slqProcess(op.size, probes, steps, random), op, checkpoint);
}

/** `observe` watches each probe's Lanczos run (see LanczosObserver). */
export function* slqProcess(n: number, probes: number, steps: number, random: Random, observe?: LanczosObserver): Process<QuadratureNodes> {
  if (!Number.isInteger(probes) || probes < 1) throw new Error(`SLQ probes ${probes}; expected a positive integer`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`SLQ steps ${steps}; expected a positive integer`);
  const m = Math.min(steps, n);
  const nodes = new Float64Array(probes * m);
  const weights = new Float64Array(probes * m);
  const basis = new Float64Array(m * n);
  const v = new Float64Array(n);
  let products = 0;
  for (let p = 0; p < probes; p++) {
    for (let i = 0; i < n; i++) v[i] = rademacher(random);
    const run = yield* lanczosProcess(n, m, v, basis, undefined, observe);
    products += run.steps;
    const t = symmetricTridiagonalEigen(run.alpha, run.beta);
    const s = run.steps;
    for (let j = 0; j < s; j++) {
      nodes[p * m + j] = t.values[j];
      weights[p * m + j] = t.vectors[j * s] ** 2;
    }
    // Unused slots after an early (exact) stop: weight 0 at the last node.
    for (let j = s; j < m; j++) nodes[p * m + j] = t.values[s - 1];
  }
  return { probes, steps: m, nodes, weights, products };
}

/** Σ over probes of Σ_j τ_j θ_jᵖ, divided by the number of probes: the SLQ estimate of tr(Aᵖ)/n. */
export function quadratureMoment(q: QuadratureNodes, power: number): number {
  let s = 0;
  for (let i = 0; i < q.nodes.length; i++) s += q.weights[i] * q.nodes[i] ** power;
  return s / q.probes;
}

export interface DensityGrid {
  /** Grid points t. */
  grid: Float64Array;
  /** φ_σ(t) at the grid points. */
  values: Float64Array;
  /** The broadening σ used. */
  sigma: number;
}

export interface DensityOptions {
  /** Grid size (default 512). */
  points?: number;
  /** σ as a fraction of the node range (default 0.01); ignored when `sigma` is given. */
  sigmaFraction?: number;
  sigma?: number;
  /** Grid padding beyond the extreme nodes, in σ (default 6, so the tails integrate away). */
  padding?: number;
}

/** The Gaussian-broadened density of the quadrature nodes on a uniform grid. */
export function slqDensity(q: QuadratureNodes, options: DensityOptions = {}): DensityGrid {
  const points = options.points ?? 512;
  if (!Number.isInteger(points) || points < 2) throw new Error(`density grid points ${points}; expected an integer ≥ 2`);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < q.nodes.length; i++) {
    if (q.weights[i] === 0) continue;
    lo = Math.min(lo, q.nodes[i]);
    hi = Math.max(hi, q.nodes[i]);
  }
  const range = Math.max(hi - lo, 1e-12 * Math.max(Math.abs(hi), 1));
  const sigma = options.sigma ?? (options.sigmaFraction ?? 0.01) * range;
  if (!(sigma > 0)) throw new Error(`density broadening σ = ${sigma}; expected > 0`);
  const pad = (options.padding ?? 6) * sigma;
  const grid = new Float64Array(points);
  const values = new Float64Array(points);
  const a = lo - pad;
  const step = (hi + pad - a) / (points - 1);
  for (let g = 0; g < points; g++) grid[g] = a + g * step;
  const norm = 1 / (q.probes * sigma * Math.sqrt(2 * Math.PI));
  for (let i = 0; i < q.nodes.length; i++) {
    const w = q.weights[i];
    if (w === 0) continue;
    const c = q.nodes[i];
    // Only grid points within 8σ contribute more than e^{-32}.
    const g0 = Math.max(0, Math.floor((c - 8 * sigma - a) / step));
    const g1 = Math.min(points - 1, Math.ceil((c + 8 * sigma - a) / step));
    for (let g = g0; g <= g1; g++) {
      const u = (grid[g] - c) / sigma;
      values[g] += w * norm * Math.exp(-0.5 * u * u);
    }
  }
  return { grid, values, sigma };
}
