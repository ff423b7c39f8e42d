/**
 * Jobs of the "Hessian spectra" chapter.
 *
 * `hessian/train`: trains a small MLP live (GD, SGD, momentum or Adam; f64 on the CPU in both
 * paths) and every `spectrumEvery` steps takes the spectrum of the full-data Hessian: top-k by
 * Lanczos, trace by Hutchinson, density by SLQ, and the top-k of the Gauss-Newton part G and of
 * H − G separately. Progress streams the loss and the snapshots so far. On the GPU path the
 * curvature products (H, G and H − G) run in WGSL (src/kernels/mlpHvp, f32) inside the f64
 * Lanczos / Hutch++ / SLQ loops; the training itself stays on the f64 CPU path. When P ≤ exactMaxP the final Hessian is also built densely and
 * fully diagonalized in f64, the exact reference shown beside the estimates, and the final snapshot's
 * trace is then the exact one (traceMethod 'exact'); otherwise it is the Hutch++ (or, as an option,
 * Hutchinson) estimate with its standard error.
 *
 * Loaded input (`data.loaded`, app/views/hessian/loadNetwork.ts): a model + data is analysed as it
 * is (no training unless `continueTraining`), with the file's weight decay; a dataset alone replaces
 * the built-in data and the view's network is trained on it.
 */
import {
  createMlp,
  createTrainer,
  curvatureOperator,
  digitsData,
  gaussianMixture,
  initMlp,
  mlpAccuracy,
  mlpLoss,
  twoSpirals,
  validateData,
  ACTIVATIONS,
  OPTIMIZERS,
  type Activation,
  type ClassificationData,
  type CurvatureKind,
  type DigitsJson,
  type Mlp,
  type OptimizerKind,
} from '../../geometry/nn';
import { mulberry32, type Random } from '../../geometry/random';
import {
  exactSpectrum,
  hutchinsonTraceAsync,
  hutchPlusPlusTraceAsync,
  lanczosTopEigenpairsAsync,
  powerIterationTop,
  spectrumSummary,
  TRACE_ESTIMATORS,
  type TraceEstimator,
  type TraceMethod,
  type AsyncLinearOperator,
  type DensityGrid,
} from '../../geometry/spectral';
import type { KernelContext } from '../../kernels/context';
import { createMlpHvpGpu } from '../../kernels/mlpHvp/mlpHvp';
import { defineJob, InputError, type JobContext } from '../job';

export type DatasetKind = 'mixture' | 'spirals' | 'digits';

export interface HessianTrainParams {
  dataset: DatasetKind;
  /** Mixture: classes, dimension, separation; all: n samples. */
  classes: number;
  dimension: number;
  separation: number;
  n: number;
  /** Spirals noise. */
  noise: number;
  hidden: number;
  depth: number;
  activation: Activation;
  weightDecay: number;
  optimizer: OptimizerKind;
  lr: number;
  /** 0 = full batch. */
  batchSize: number;
  steps: number;
  spectrumEvery: number;
  topK: number;
  slqProbes: number;
  slqSteps: number;
  /** Products spent on each trace estimate (Hutchinson probes, or Hutch++'s m). */
  hutchinsonProbes: number;
  /** Trace estimator for the snapshots (the final one is exact when P ≤ exactMaxP). */
  traceMethod: TraceEstimator;
  /** With a loaded model: train it further (true) or analyse it as it is (false, steps ignored). */
  continueTraining: boolean;
  /** Compute G and H − G top-k too. */
  split: boolean;
  /** Full dense eigendecomposition of the final Hessian when P ≤ this (0 = never). */
  exactMaxP: number;
  initScale: number;
  seed: number;
}

/** A user's network or dataset, validated (app/views/hessian/loadNetwork.ts builds it). */
export interface LoadedNetworkInput {
  source: 'model' | 'dataset';
  data: ClassificationData;
  /** The model to analyse (source 'model'); null for a dataset alone. */
  model: { layers: number[]; activation: Activation; weights: Float64Array } | null;
  /** The file's λ_wd (source 'model'); null: use the view's weight decay. */
  weightDecay: number | null;
}

export interface HessianTrainData {
  digits?: DigitsJson;
  loaded?: LoadedNetworkInput;
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

export interface HessianTrainProgress {
  step: number;
  steps: number;
  losses: Float64Array;
  snapshots: SpectrumSnapshot[];
}

export interface HessianTrainResult {
  /** Where the network and data came from. */
  source: 'built-in' | 'loaded model' | 'loaded dataset';
  layers: number[];
  activation: Activation;
  paramCount: number;
  classes: number;
  optimizer: OptimizerKind;
  lr: number;
  batchSize: number;
  weightDecay: number;
  /** Minibatch loss before each step (the full-data loss for GD). */
  losses: Float64Array;
  snapshots: SpectrumSnapshot[];
  /** All eigenvalues of the final Hessian (descending) when P ≤ exactMaxP, else null. */
  exact: Float64Array | null;
  exactTrace: number | null;
  /** λ of largest magnitude of the final Hessian by power iteration (PyHessian's method), the cross-check of Lanczos's λ₁. */
  powerTop: number | null;
  /** Final θ in the export layout, and the samples the Hessian is taken over. */
  weights: Float64Array;
  x: Float64Array;
  y: Int32Array;
  n: number;
  dimension: number;
  /** Which backend computed the H spectra ('webgpu' means f32 HVPs). */
  hvpBackend: 'webgpu' | 'cpu';
}

const DATASETS: readonly DatasetKind[] = ['mixture', 'spirals', 'digits'];

function integerIn(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isInteger(value) || value < lo || value > hi) throw new InputError(`${name} = ${value}; expected an integer in [${lo}, ${hi}]`);
}

function numberIn(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) throw new InputError(`${name} = ${value}; expected a number in [${lo}, ${hi}]`);
}

export function validateTrainParams(p: HessianTrainParams): void {
  if (!DATASETS.includes(p.dataset)) throw new InputError(`dataset "${p.dataset}"; expected one of ${DATASETS.join(', ')}`);
  if (!ACTIVATIONS.includes(p.activation)) throw new InputError(`activation "${p.activation}"; expected one of ${ACTIVATIONS.join(', ')}`);
  if (!OPTIMIZERS.includes(p.optimizer)) throw new InputError(`optimizer "${p.optimizer}"; expected one of ${OPTIMIZERS.join(', ')}`);
  integerIn('classes', p.classes, 2, 20);
  integerIn('dimension', p.dimension, 1, 256);
  numberIn('separation', p.separation, 0, 100);
  integerIn('n', p.n, 4, 2000);
  numberIn('noise', p.noise, 0, 10);
  integerIn('hidden', p.hidden, 1, 1024);
  integerIn('depth', p.depth, 0, 6);
  numberIn('weight decay', p.weightDecay, 0, 10);
  numberIn('learning rate', p.lr, 0, 100);
  integerIn('batch size', p.batchSize, 0, 2000);
  integerIn('steps', p.steps, 0, 100000);
  integerIn('spectrum every', p.spectrumEvery, 1, 100000);
  integerIn('top-k', p.topK, 1, 50);
  integerIn('SLQ probes', p.slqProbes, 1, 64);
  integerIn('SLQ steps', p.slqSteps, 2, 300);
  integerIn('trace products', p.hutchinsonProbes, 3, 1000);
  if (!TRACE_ESTIMATORS.includes(p.traceMethod)) throw new InputError(`trace method "${p.traceMethod}"; expected one of ${TRACE_ESTIMATORS.join(', ')}`);
  integerIn('exact limit', p.exactMaxP, 0, 3000);
  numberIn('init scale', p.initScale, 1e-3, 100);
}

export function buildDataset(p: HessianTrainParams, data: HessianTrainData | null, random: Random): ClassificationData {
  if (data?.loaded) {
    try {
      validateData(data.loaded.data);
    } catch (error) {
      throw new InputError(`loaded data: ${(error as Error).message}`);
    }
    return data.loaded.data;
  }
  if (p.dataset === 'mixture') {
    return gaussianMixture({ classes: p.classes, dimension: p.dimension, separation: p.separation, n: p.n, random });
  }
  if (p.dataset === 'spirals') return twoSpirals({ n: p.n, noise: p.noise, random });
  if (!data?.digits) throw new InputError('dataset "digits" needs the digits JSON as data (public/data/digits.json); none was given');
  try {
    return digitsData(data.digits, Math.min(p.n, data.digits.x.length));
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

export function buildMlp(p: HessianTrainParams, data: ClassificationData, loaded?: LoadedNetworkInput): Mlp {
  const layers = loaded?.model ? loaded.model.layers : [data.dimension, ...Array.from({ length: p.depth }, () => p.hidden), data.classes];
  let mlp: Mlp;
  try {
    mlp = createMlp(layers, loaded?.model ? loaded.model.activation : p.activation);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (loaded?.model) {
    if (loaded.model.weights.length !== mlp.paramCount) {
      throw new InputError(`model.weights has ${loaded.model.weights.length} entries but layers ${JSON.stringify(layers)} need P = ${mlp.paramCount}`);
    }
    if (layers[0] !== data.dimension) throw new InputError(`data has ${data.dimension} features but model.layers[0] = ${layers[0]}`);
    if (data.classes > layers[layers.length - 1]) throw new InputError(`data has labels up to ${data.classes - 1} but the model has ${layers[layers.length - 1]} outputs`);
  }
  if (mlp.paramCount > 200_000) throw new InputError(`the network has P = ${mlp.paramCount} parameters; this chapter allows at most 200000`);
  return mlp;
}

type CurvatureOp = AsyncLinearOperator & { dispose?(): void };
type HvpFactory = (mlp: Mlp, theta: Float64Array, data: ClassificationData, weightDecay: number, kind: CurvatureKind) => Promise<CurvatureOp>;

async function snapshotAt(
  ctx: JobContext<HessianTrainProgress>,
  p: HessianTrainParams,
  mlp: Mlp,
  theta: Float64Array,
  data: ClassificationData,
  step: number,
  random: Random,
  hvp: HvpFactory,
  weightDecay: number,
): Promise<SpectrumSnapshot> {
  const checkpoint = () => ctx.checkpoint();
  const topK = Math.min(p.topK, mlp.paramCount);
  const lanczosSteps = Math.min(mlp.paramCount, Math.max(2 * topK + 10, 30));
  const H = await hvp(mlp, theta, data, weightDecay, 'hessian');
  let summary;
  try {
    summary = await spectrumSummary(
      H,
      {
        topK,
        lanczosSteps,
        hutchinsonProbes: p.hutchinsonProbes,
        traceMethod: p.traceMethod,
        slqProbes: p.slqProbes,
        slqSteps: Math.min(p.slqSteps, mlp.paramCount),
      },
      random,
      checkpoint,
    );
  } finally {
    H.dispose?.();
  }
  let gaussNewtonTop: Float64Array | null = null;
  let residualTop: Float64Array | null = null;
  let gaussNewtonTrace: number | null = null;
  if (p.split) {
    const G = await hvp(mlp, theta, data, weightDecay, 'gaussNewton');
    const R = await hvp(mlp, theta, data, weightDecay, 'residual');
    try {
      gaussNewtonTop = (await lanczosTopEigenpairsAsync(G, topK, random, lanczosSteps, checkpoint)).values;
      residualTop = (await lanczosTopEigenpairsAsync(R, topK, random, lanczosSteps, checkpoint)).values;
      const traceG = p.traceMethod === 'hutch++' ? hutchPlusPlusTraceAsync : hutchinsonTraceAsync;
      gaussNewtonTrace = (await traceG(G, p.hutchinsonProbes, random, checkpoint)).estimate;
    } finally {
      G.dispose?.();
      R.dispose?.();
    }
  }
  return {
    step,
    loss: mlpLoss(mlp, theta, data, weightDecay),
    accuracy: mlpAccuracy(mlp, theta, data),
    top: summary.top,
    topResiduals: summary.topResiduals,
    trace: summary.trace,
    traceStandardError: summary.traceStandardError,
    traceMethod: summary.traceMethod,
    traceEstimate: { method: summary.traceMethod, value: summary.trace, standardError: summary.traceStandardError },
    density: summary.density,
    outliers: summary.outliers,
    bulkRms: summary.bulkRms,
    gaussNewtonTop,
    residualTop,
    gaussNewtonTrace,
  };
}

async function train(
  ctx: JobContext<HessianTrainProgress>,
  p: HessianTrainParams,
  input: HessianTrainData | null,
  hvp: HvpFactory,
  hvpBackend: 'webgpu' | 'cpu',
): Promise<HessianTrainResult> {
  validateTrainParams(p);
  const dataRandom = mulberry32(p.seed);
  const data = buildDataset(p, input, dataRandom);
  const loaded = input?.loaded;
  const mlp = buildMlp(p, data, loaded);
  // A loaded model is analysed with its own weight decay and, unless asked, not trained.
  const weightDecay = loaded?.model && loaded.weightDecay !== null ? loaded.weightDecay : p.weightDecay;
  const steps = loaded?.model && !p.continueTraining ? 0 : p.steps;
  const source: HessianTrainResult['source'] = loaded ? (loaded.model ? 'loaded model' : 'loaded dataset') : 'built-in';
  const theta0 = loaded?.model ? Float64Array.from(loaded.model.weights) : initMlp(mlp, mulberry32(p.seed + 1), p.initScale);
  const trainer = createTrainer({
    mlp,
    data,
    theta: theta0,
    optimizer: p.optimizer,
    lr: p.lr,
    batchSize: p.batchSize,
    weightDecay,
    random: mulberry32(p.seed + 2),
  });
  const run = { ...p, steps, weightDecay };
  const spectralRandom = mulberry32(p.seed + 3);
  const losses = new Float64Array(steps);
  const snapshots: SpectrumSnapshot[] = [];
  const reportEvery = Math.max(1, Math.floor(steps / 300));
  const report = (step: number, force = false) =>
    ctx.progress({ step, steps, losses: losses.slice(0, step), snapshots: [...snapshots] }, force);
  for (let s = 0; s <= steps; s++) {
    if (s % p.spectrumEvery === 0 || s === steps) {
      snapshots.push(await snapshotAt(ctx, p, mlp, trainer.theta, data, s, spectralRandom, hvp, weightDecay));
      report(s, true);
    }
    if (s === steps) break;
    losses[s] = trainer.step();
    if (!Number.isFinite(losses[s])) {
      // Divergence is a result (η above the stability edge), not an error: stop and report it.
      const cut = losses.slice(0, s + 1);
      report(s + 1, true);
      return finish(run, source, mlp, trainer.theta, data, cut, snapshots, hvpBackend, false);
    }
    // Building a report copies the loss history: every few steps is enough for a live curve.
    if ((s + 1) % reportEvery === 0) report(s + 1);
    await ctx.checkpoint();
  }
  return finish(run, source, mlp, trainer.theta, data, losses, snapshots, hvpBackend, true);
}

function finish(
  p: HessianTrainParams,
  source: HessianTrainResult['source'],
  mlp: Mlp,
  theta: Float64Array,
  data: ClassificationData,
  losses: Float64Array,
  snapshots: SpectrumSnapshot[],
  hvpBackend: 'webgpu' | 'cpu',
  finite: boolean,
): HessianTrainResult {
  let exact: Float64Array | null = null;
  let exactTrace: number | null = null;
  let powerTop: number | null = null;
  if (finite) {
    const H = curvatureOperator(mlp, theta, data, p.weightDecay, 'hessian');
    powerTop = powerIterationTop(H, 1, mulberry32(p.seed + 4), { maxIterations: 200, tolerance: 1e-6 }).values[0];
    if (p.exactMaxP > 0 && mlp.paramCount <= p.exactMaxP) {
      const spectrum = exactSpectrum(H);
      exact = spectrum.values;
      exactTrace = spectrum.trace;
      // The dense Hessian is at hand: the final trace is its diagonal sum, not an estimate.
      const final = snapshots[snapshots.length - 1];
      if (final) snapshots[snapshots.length - 1] = { ...final, trace: exactTrace, traceStandardError: 0, traceMethod: 'exact' };
    }
  }
  return {
    source,
    layers: [...mlp.layers],
    activation: mlp.activation,
    paramCount: mlp.paramCount,
    classes: data.classes,
    optimizer: p.optimizer,
    lr: p.lr,
    batchSize: p.batchSize === 0 || p.batchSize >= data.n ? data.n : p.batchSize,
    weightDecay: p.weightDecay,
    losses,
    snapshots,
    exact,
    exactTrace,
    powerTop,
    weights: Float64Array.from(theta),
    x: data.x,
    y: data.y,
    n: data.n,
    dimension: data.dimension,
    hvpBackend,
  };
}

const cpuHvp: HvpFactory = async (mlp, theta, data, wd, kind) => curvatureOperator(mlp, theta, data, wd, kind);

/** GPU operators (f32): H and G directly, H − G as the difference of the two products. */
function gpuFactory(gpu: KernelContext): HvpFactory {
  return async (mlp, theta, data, wd, kind) => {
    if (kind !== 'residual') return createMlpHvpGpu(gpu, mlp, theta, data, wd, kind);
    const H = createMlpHvpGpu(gpu, mlp, theta, data, wd, 'hessian');
    const G = createMlpHvpGpu(gpu, mlp, theta, data, wd, 'gaussNewton');
    const scratch = new Float64Array(mlp.paramCount);
    return {
      size: mlp.paramCount,
      async apply(v, out) {
        await H.apply(v, out);
        await G.apply(v, scratch);
        for (let i = 0; i < out.length; i++) out[i] -= scratch[i];
      },
      dispose() {
        H.dispose();
        G.dispose();
      },
    };
  };
}

export const hessianTrain = defineJob<HessianTrainParams, HessianTrainData | null, HessianTrainResult, HessianTrainProgress>({
  name: 'hessian/train',
  cpu: (ctx, params, data) => train(ctx, params, data, cpuHvp, 'cpu'),
  gpu: (ctx, params, data) => train(ctx, params, data, gpuFactory(ctx.gpu!), 'webgpu'),
  transfer: (r) => [r.losses.buffer, r.weights.buffer],
});

