/**
 * One spectral snapshot of a curvature operator, the way PyHessian reports it (Yao et al. 2020):
 * top-k eigenvalues (Lanczos), the trace (Hutch++ by default, plain Hutchinson as an option) and
 * the density (SLQ), plus two summaries
 * the chapter's "paper check" uses:
 *  - outliers: the number of leading eigenvalues that stand clear of the bulk (a heuristic for
 *    "outliers away from the bulk", Sagun et al. 2017; see countOutliers);
 *  - bulkRms: the root-mean-square eigenvalue of the bulk, from the SLQ quadrature restricted to
 *    the nodes below the outliers (midway between the last outlier and the next eigenvalue):
 *    √(Σ τ_j θ_j² / Σ τ_j) over those nodes — its scale is what "adding parameters scales the bulk"
 *    is about.
 */
import type { Random } from '../random';
import { lanczosTopProcess, type Eigenpairs } from './lanczos';
import { hutchinsonProcess } from './hutchinson';
import { hutchPlusPlusProcess } from './hutchPlusPlus';
import { type AsyncLinearOperator, runProcessAsync } from './process';
import { type DensityGrid, type QuadratureNodes, quadratureMoment, slqDensity, slqProcess } from './slq';

/** How a trace was obtained: the dense matrix's diagonal, or one of the two stochastic estimators. */
export type TraceMethod = 'exact' | 'hutch++' | 'hutchinson';
export type TraceEstimator = Exclude<TraceMethod, 'exact'>;
export const TRACE_ESTIMATORS: readonly TraceEstimator[] = ['hutch++', 'hutchinson'];

export interface SpectrumOptions {
  topK: number;
  /** Lanczos steps for the top-k (≥ topK). */
  lanczosSteps: number;
  /** Operator products spent on the trace (Hutchinson probes, or Hutch++'s m). */
  hutchinsonProbes: number;
  /** Trace estimator (default 'hutch++'). */
  traceMethod?: TraceEstimator;
  slqProbes: number;
  slqSteps: number;
  densityPoints?: number;
  sigmaFraction?: number;
}

export interface SpectrumSummary {
  /** Top-k eigenvalues, descending, and their Ritz residual bounds. */
  top: Float64Array;
  topResiduals: Float64Array;
  trace: number;
  traceStandardError: number;
  traceMethod: TraceEstimator;
  density: DensityGrid;
  /** SLQ estimates of tr(H)/P and tr(H²)/P. */
  firstMoment: number;
  secondMoment: number;
  outliers: number;
  bulkRms: number;
  products: number;
}

export function validateSpectrumOptions(o: SpectrumOptions, size: number): void {
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} = ${v}; expected a positive integer`);
  };
  positive('topK', o.topK);
  positive('lanczosSteps', o.lanczosSteps);
  positive('hutchinsonProbes', o.hutchinsonProbes);
  positive('slqProbes', o.slqProbes);
  positive('slqSteps', o.slqSteps);
  const method = o.traceMethod ?? 'hutch++';
  if (!TRACE_ESTIMATORS.includes(method)) throw new Error(`traceMethod "${method}"; expected one of ${TRACE_ESTIMATORS.join(', ')}`);
  if (method === 'hutch++' && o.hutchinsonProbes < 3) throw new Error(`hutchinsonProbes = ${o.hutchinsonProbes}; Hutch++ needs at least 3 products`);
  if (o.topK > size) throw new Error(`topK = ${o.topK} exceeds the number of parameters P = ${size}`);
}

/**
 * Outliers among the leading eigenvalues (a heuristic, named as such in the view): the largest i
 * such that the gap λ_i − λ_{i+1} exceeds 4× the typical bulk spacing (the median of the last half
 * of the gaps, which lie inside the bulk when top-k reaches well past the outliers) and λ_i/λ_{i+1}
 * ≥ 1.25. Only positive eigenvalues count.
 */
export function countOutliers(top: ArrayLike<number>): number {
  const K = top.length;
  if (K < 3 || !(top[0] > 0)) return 0;
  const gaps: number[] = [];
  for (let i = 0; i + 1 < K; i++) gaps.push(top[i] - top[i + 1]);
  const tail = gaps.slice(Math.floor(gaps.length / 2)).sort((a, b) => a - b);
  const spacing = tail.length % 2 ? tail[(tail.length - 1) / 2] : 0.5 * (tail[tail.length / 2 - 1] + tail[tail.length / 2]);
  let count = 0;
  for (let i = 0; i + 1 < K; i++) {
    if (!(top[i] > 0)) break;
    const ratioOk = top[i + 1] <= 0 || top[i] / top[i + 1] >= 1.25;
    if (gaps[i] > 4 * spacing && ratioOk) count = i + 1;
  }
  return count;
}

/** √(Σ τθ² / Σ τ) over the quadrature nodes θ < threshold. */
export function bulkRootMeanSquare(q: QuadratureNodes, threshold: number): number {
  let mass = 0;
  let second = 0;
  for (let i = 0; i < q.nodes.length; i++) {
    if (q.weights[i] === 0 || !(q.nodes[i] < threshold)) continue;
    mass += q.weights[i];
    second += q.weights[i] * q.nodes[i] ** 2;
  }
  return mass > 0 ? Math.sqrt(second / mass) : 0;
}

export async function spectrumSummary(
  op: AsyncLinearOperator,
  options: SpectrumOptions,
  random: Random,
  checkpoint?: () => Promise<void>,
): Promise<SpectrumSummary> {
  const P = op.size;
  validateSpectrumOptions(options, P);
  const top: Eigenpairs = await runProcessAsync(lanczosTopProcess(P, options.topK, random, options.lanczosSteps), op, checkpoint);
  const traceMethod = options.traceMethod ?? 'hutch++';
  const traceProcess = traceMethod === 'hutch++' ? hutchPlusPlusProcess(P, options.hutchinsonProbes, random) : hutchinsonProcess(P, options.hutchinsonProbes, random);
  const trace = await runProcessAsync(traceProcess, op, checkpoint);
  const q = await runProcessAsync(slqProcess(P, options.slqProbes, options.slqSteps, random), op, checkpoint);
  const density = slqDensity(q, { points: options.densityPoints ?? 256, sigmaFraction: options.sigmaFraction ?? 0.01 });
  const firstMoment = quadratureMoment(q, 1);
  const secondMoment = quadratureMoment(q, 2);
  const outliers = countOutliers(top.values);
  const bulkRms = bulkRootMeanSquare(q, outliers > 0 ? 0.5 * (top.values[outliers - 1] + top.values[outliers]) : Infinity);
  return {
    top: top.values,
    topResiduals: top.residuals,
    trace: trace.estimate,
    traceStandardError: trace.standardError,
    traceMethod,
    density,
    firstMoment,
    secondMoment,
    outliers,
    bulkRms,
    products: top.products + options.hutchinsonProbes + q.products,
  };
}
