/**
 * The spectral stages of `hessian/train`, taken at one recorded θ of the training trajectory:
 *  - head: full-data loss and accuracy and the top-k of H (Lanczos) — the sharpness, computed for
 *    every snapshot first so the edge-of-stability panel fills in quickly;
 *  - tail: the trace (Hutch++ or Hutchinson), the SLQ density probe by probe, the outlier count and
 *    bulk scale, and (optionally) the top-k of G and of H − G and tr(G); `onPiece` hands each piece
 *    over as it is done, so the figure refines while the snapshot is computed;
 *  - exact: the dense f64 Hessian at the final θ and all its eigenvalues (P ≤ exactMaxP).
 * Each stage draws its random vectors from its own seeded stream (seed, step, stage), so a stage
 * computed alone (a cache miss after a display change) gives what it gives in a cold run.
 */
import { curvatureOperator, mlpAccuracy, mlpLoss, type ClassificationData, type CurvatureKind, type Mlp } from '../../geometry/nn';
import { mulberry32, type Random } from '../../geometry/random';
import {
  bulkRootMeanSquare,
  countOutliers,
  hutchinsonProcess,
  hutchPlusPlusProcess,
  lanczosTopProcess,
  operatorToDenseAsync,
  runProcessAsync,
  slqDensity,
  slqProcess,
  tridiagonalTop,
  type AsyncLinearOperator,
  type LanczosObserver,
  type DensityGrid,
  type QuadratureNodes,
  type TraceEstimator,
  type TraceMethod,
} from '../../geometry/spectral';
import { symmetricEigenvalues, symmetricTridiagonalEigen } from '../../geometry/linalg';

export type CurvatureOp = AsyncLinearOperator & { dispose?(): void };
export type HvpFactory = (mlp: Mlp, theta: Float64Array, data: ClassificationData, weightDecay: number, kind: CurvatureKind) => Promise<CurvatureOp>;

export interface SpectralSettings {
  topK: number;
  lanczosSteps: number;
  hutchinsonProbes: number;
  traceMethod: TraceEstimator;
  slqProbes: number;
  slqSteps: number;
  split: boolean;
}

export interface SpectrumSnapshot {
  step: number;
  /** Full-data loss (mean cross-entropy + weight decay term) and accuracy at this step. */
  loss: number;
  accuracy: number;
  top: Float64Array;
  topResiduals: Float64Array;
  /** tr(H): the estimate of `traceMethod`, or exact (standard error 0) on the final snapshot when the dense Hessian was built. */
  trace: number;
  traceStandardError: number;
  traceMethod: TraceMethod;
  /** The stochastic estimate behind this snapshot, kept when `trace` was replaced by the exact value. */
  traceEstimate: { method: TraceEstimator; value: number; standardError: number };
  density: DensityGrid;
  outliers: number;
  bulkRms: number;
  gaussNewtonTop: Float64Array | null;
  residualTop: Float64Array | null;
  gaussNewtonTrace: number | null;
}

export type SnapshotHead = Pick<SpectrumSnapshot, 'step' | 'loss' | 'accuracy' | 'top' | 'topResiduals'>;
export type SnapshotTail = Omit<SpectrumSnapshot, keyof SnapshotHead>;
/** A snapshot being computed: the head always, the tail's fields as they arrive. */
export type PartialSnapshot = SnapshotHead & Partial<SnapshotTail>;

/** The density grid of the chapter's plots (as spectrumSummary draws it). */
const DENSITY = { points: 256, sigmaFraction: 0.01 };

/** Partial estimates are handed on at most this often (ms): the engine forwards one report per 50 ms. */
const PARTIAL_MS = 40;

/** A Lanczos observer that calls `fn` at most every PARTIAL_MS (the Ritz values are not recomputed in between). */
function throttled(fn: LanczosObserver): LanczosObserver {
  let last = performance.now();
  return (taken, alpha, beta) => {
    const now = performance.now();
    if (now - last < PARTIAL_MS) return;
    last = now;
    fn(taken, alpha, beta);
  };
}

/** A seeded stream per (seed, step, stage): independent of which other stages ran before. */
export function stageRandom(seed: number, step: number, stage: number): Random {
  return mulberry32((Math.imul(seed + 3, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca6b) ^ Math.imul(stage + 1, 0xc2b2ae35)) >>> 0);
}

export async function snapshotHead(
  mlp: Mlp,
  theta: Float64Array,
  data: ClassificationData,
  weightDecay: number,
  step: number,
  s: SpectralSettings,
  random: Random,
  hvp: HvpFactory,
  checkpoint: () => Promise<void>,
  onPartial?: (head: SnapshotHead) => void,
): Promise<SnapshotHead> {
  const H = await hvp(mlp, theta, data, weightDecay, 'hessian');
  try {
    const loss = mlpLoss(mlp, theta, data, weightDecay);
    const accuracy = mlpAccuracy(mlp, theta, data);
    // While Lanczos runs, the Ritz values of T_j so far (rising towards the top-k) stand in for it.
    const observe = onPartial && throttled((_j, alpha, beta) => onPartial({ step, loss, accuracy, top: tridiagonalTop(alpha, beta, s.topK), topResiduals: new Float64Array(0) }));
    const top = await runProcessAsync(lanczosTopProcess(mlp.paramCount, s.topK, random, s.lanczosSteps, observe), H, checkpoint);
    return { step, loss, accuracy, top: top.values, topResiduals: top.residuals };
  } finally {
    H.dispose?.();
  }
}

export async function snapshotTail(
  mlp: Mlp,
  theta: Float64Array,
  data: ClassificationData,
  weightDecay: number,
  head: SnapshotHead,
  s: SpectralSettings,
  random: Random,
  hvp: HvpFactory,
  checkpoint: () => Promise<void>,
  onPiece: (piece: Partial<SnapshotTail>) => void,
): Promise<SnapshotTail> {
  const P = mlp.paramCount;
  const traceProcess = (n: number) => (s.traceMethod === 'hutch++' ? hutchPlusPlusProcess(n, s.hutchinsonProbes, random) : hutchinsonProcess(n, s.hutchinsonProbes, random));
  const H = await hvp(mlp, theta, data, weightDecay, 'hessian');
  let trace;
  let q: QuadratureNodes;
  try {
    trace = await runProcessAsync(traceProcess(P), H, checkpoint);
    onPiece({
      trace: trace.estimate,
      traceStandardError: trace.standardError,
      traceMethod: s.traceMethod,
      traceEstimate: { method: s.traceMethod, value: trace.estimate, standardError: trace.standardError },
    });
    // Probe by probe from one stream is the same sequence as all probes at once (slqProcess draws them in turn).
    const m = Math.min(s.slqSteps, P);
    q = { probes: 0, steps: m, nodes: new Float64Array(s.slqProbes * m), weights: new Float64Array(s.slqProbes * m), products: 0 };
    for (let probe = 0; probe < s.slqProbes; probe++) {
      // Mid-probe, its Gauss quadrature on T_j so far joins the finished probes (a coarser but valid rule).
      const observe = throttled((j, alpha, beta) => {
        const t = symmetricTridiagonalEigen(alpha, beta);
        const nodes = q.nodes.slice(0, (q.probes + 1) * m);
        const weights = q.weights.slice(0, (q.probes + 1) * m);
        for (let i = 0; i < j; i++) {
          nodes[q.probes * m + i] = t.values[i];
          weights[q.probes * m + i] = t.vectors[i * j] ** 2;
        }
        onPiece({ density: slqDensity({ ...q, probes: q.probes + 1, nodes, weights }, DENSITY) });
      });
      const one = await runProcessAsync(slqProcess(P, 1, m, random, observe), H, checkpoint);
      q.nodes.set(one.nodes, probe * m);
      q.weights.set(one.weights, probe * m);
      q.probes++;
      q.products += one.products;
      const sofar = { ...q, nodes: q.nodes.subarray(0, q.probes * m), weights: q.weights.subarray(0, q.probes * m) };
      onPiece({ density: slqDensity(sofar, DENSITY) });
    }
  } finally {
    H.dispose?.();
  }
  const outliers = countOutliers(head.top);
  const bulkRms = bulkRootMeanSquare(q, outliers > 0 ? 0.5 * (head.top[outliers - 1] + head.top[outliers]) : Infinity);
  const density = slqDensity(q, DENSITY);
  onPiece({ outliers, bulkRms });
  let gaussNewtonTop: Float64Array | null = null;
  let residualTop: Float64Array | null = null;
  let gaussNewtonTrace: number | null = null;
  if (s.split) {
    const G = await hvp(mlp, theta, data, weightDecay, 'gaussNewton');
    const R = await hvp(mlp, theta, data, weightDecay, 'residual');
    try {
      const partialTop = (key: 'gaussNewtonTop' | 'residualTop') => throttled((_j, alpha, beta) => onPiece({ [key]: tridiagonalTop(alpha, beta, s.topK) }));
      gaussNewtonTop = (await runProcessAsync(lanczosTopProcess(P, s.topK, random, s.lanczosSteps, partialTop('gaussNewtonTop')), G, checkpoint)).values;
      onPiece({ gaussNewtonTop });
      residualTop = (await runProcessAsync(lanczosTopProcess(P, s.topK, random, s.lanczosSteps, partialTop('residualTop')), R, checkpoint)).values;
      onPiece({ residualTop });
      gaussNewtonTrace = (await runProcessAsync(traceProcess(P), G, checkpoint)).estimate;
    } finally {
      G.dispose?.();
      R.dispose?.();
    }
  }
  return {
    trace: trace.estimate,
    traceStandardError: trace.standardError,
    traceMethod: s.traceMethod,
    traceEstimate: { method: s.traceMethod, value: trace.estimate, standardError: trace.standardError },
    density,
    outliers,
    bulkRms,
    gaussNewtonTop,
    residualTop,
    gaussNewtonTrace,
  };
}

/**
 * All eigenvalues (descending) and the trace of the dense f64 Hessian at θ: P products with the unit
 * vectors (a checkpoint after each, so the job stays cancellable), symmetrized, then Householder + QL.
 */
export async function exactHessianSpectrum(
  mlp: Mlp,
  theta: Float64Array,
  data: ClassificationData,
  weightDecay: number,
  checkpoint: () => Promise<void>,
): Promise<{ values: Float64Array; trace: number }> {
  const H = curvatureOperator(mlp, theta, data, weightDecay, 'hessian');
  const n = H.size;
  const a = await operatorToDenseAsync(H, checkpoint);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  return { values: symmetricEigenvalues(a, n).reverse(), trace };
}
