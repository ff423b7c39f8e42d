/**
 * Jobs of the "Hessian spectra" chapter.
 *
 * `hessian/train`: trains a small MLP live (GD, SGD, momentum or Adam; f64 on the CPU in both
 * paths) and every `spectrumEvery` steps takes the spectrum of the full-data Hessian: top-k by
 * Lanczos, trace by Hutch++ or Hutchinson, density by SLQ, and the top-k of the Gauss-Newton part G
 * and of H − G separately. It is a pipeline of cached stages (src/workers/stageCache.ts):
 *  1. the trajectory (training; key: data, network, optimizer, seed, steps): the loss before every
 *     step and θ at every step (every `spectrumEvery` steps when that would pass 32 MiB), streamed as
 *     the loss curve grows;
 *  2. per snapshot step, the head (loss, accuracy, top-k: the sharpness) for all snapshots first,
 *     then the tail (trace, SLQ density probe by probe, G and H − G), streamed piece by piece
 *     (hessianSpectra.ts);
 *  3. at the final θ, power iteration and the dense reference.
 * So a display-only change (spectrum every N, top-k, SLQ or trace settings) retrains nothing and
 * recomputes only the spectra whose settings changed; each stage draws from its own seeded stream,
 * so a cached run equals a cold one. On the GPU path the
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
  recordTrajectory,
  snapshotSteps,
  trajectoryStride,
  trajectoryWeights,
  twoSpirals,
  validateData,
  type Activation,
  type ClassificationData,
  type DigitsJson,
  type Mlp,
  type OptimizerKind,
} from '../../geometry/nn';
import { mulberry32, type Random } from '../../geometry/random';
import { powerIterationTopAsync, type Eigenpairs } from '../../geometry/spectral';
import type { KernelContext } from '../../kernels/context';
import { createMlpHvpGpu } from '../../kernels/mlpHvp/mlpHvp';
import { exactHessianSpectrum, snapshotHead, snapshotTail, stageRandom, type HvpFactory, type PartialSnapshot, type SpectralSettings, type SpectrumSnapshot } from './hessianSpectra';
import { defineJob, InputError, type JobContext } from '../job';
import { checkParams } from '../../catalogue/params';
import { HESSIAN_TRAIN_PARAMS, type HessianTrainParams } from '../../catalogue/hessian';
import { wasmWorkspaceFactory } from '../../kernels/wasm/denseProducts';
import type { WasmKernelModule } from '../../kernels/wasm/wasm';

/** The job's parameters: the entries of src/catalogue/hessian.ts (ranges, defaults, labels). */
export type { HessianTrainParams };
export type DatasetKind = HessianTrainParams['dataset'];

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

export type { SpectrumSnapshot } from './hessianSpectra';

export interface HessianTrainProgress {
  /** 'training': the loss curve grows; 'spectra': the snapshots fill in (sharpness first); 'exact': the dense reference. */
  phase: 'training' | 'spectra' | 'exact';
  /** Steps trained so far (all of them once the spectra start). */
  step: number;
  steps: number;
  losses: Float64Array;
  /** Snapshots so far; one under way has its top-k and the tail fields done so far. */
  snapshots: PartialSnapshot[];
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

/** The trainer's batch size: 0 (every sample) for full-batch GD, whatever the batch size slider says. */
function batchSizeOf(p: HessianTrainParams): number {
  return p.optimizer === 'gd' ? 0 : p.batchSize;
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

/** Spectral settings from the params (top-k and Lanczos steps clipped to P). */
function spectralSettings(p: HessianTrainParams, P: number): SpectralSettings {
  const topK = Math.min(p.topK, P);
  return {
    topK,
    lanczosSteps: Math.min(P, Math.max(2 * topK + 10, 30)),
    hutchinsonProbes: p.hutchinsonProbes,
    traceMethod: p.traceMethod,
    slqProbes: p.slqProbes,
    slqSteps: Math.min(p.slqSteps, P),
    split: p.split,
  };
}

/** What the trajectory stage reads: the data, the network, the optimizer, the seed and the steps. */
function trainingKey(p: HessianTrainParams, input: HessianTrainData | null, steps: number, weightDecay: number, stride: number): unknown {
  const loaded = input?.loaded;
  const data = loaded
    ? { x: loaded.data.x, y: loaded.data.y, d: loaded.data.dimension, k: loaded.data.classes }
    : p.dataset === 'mixture'
      ? { dataset: p.dataset, classes: p.classes, dimension: p.dimension, separation: p.separation, n: p.n }
      : p.dataset === 'spirals'
        ? { dataset: p.dataset, n: p.n, noise: p.noise }
        : { dataset: p.dataset, n: p.n };
  const network = loaded?.model
    ? { layers: loaded.model.layers, activation: loaded.model.activation, weights: loaded.model.weights }
    : { hidden: p.hidden, depth: p.depth, activation: p.activation, initScale: p.initScale };
  return { data, network, optimizer: p.optimizer, lr: p.lr, batchSize: batchSizeOf(p), weightDecay, seed: p.seed, steps, stride };
}

async function train(
  ctx: JobContext<HessianTrainProgress>,
  p: HessianTrainParams,
  input: HessianTrainData | null,
  hvp: HvpFactory,
  hvpBackend: 'webgpu' | 'cpu',
): Promise<HessianTrainResult> {
  // Any value outside the declared table (src/catalogue/hessian.ts) is refused, naming the field.
  checkParams(HESSIAN_TRAIN_PARAMS, p);
  const data = buildDataset(p, input, mulberry32(p.seed));
  const loaded = input?.loaded;
  const mlp = buildMlp(p, data, loaded);
  // A loaded model is analysed with its own weight decay and, unless asked, not trained.
  const weightDecay = loaded?.model && loaded.weightDecay !== null ? loaded.weightDecay : p.weightDecay;
  const steps = loaded?.model && !p.continueTraining ? 0 : p.steps;
  const batchSize = batchSizeOf(p);
  const source: HessianTrainResult['source'] = loaded ? (loaded.model ? 'loaded model' : 'loaded dataset') : 'built-in';
  const checkpoint = () => ctx.checkpoint();
  let lastReport = -Infinity;
  const report = (progress: () => HessianTrainProgress, force = false) => {
    // A training report copies the loss history, once per step: only as often as the engine forwards them
    // (~50 ms). A spectral piece takes longer than that; its report always goes (the engine holds the latest).
    const now = performance.now();
    if (!force && progress === trainingReport && now - lastReport < 40) return;
    lastReport = now;
    ctx.progress(progress(), force);
  };

  let trainingState: { done: number; losses: Float64Array } = { done: 0, losses: new Float64Array(0) };
  const trainingReport = (): HessianTrainProgress => ({ phase: 'training', step: trainingState.done, steps, losses: trainingState.losses.slice(0, trainingState.done), snapshots: [] });

  // Stage 1, the trajectory: training streams its loss curve; a display-only change reuses it.
  const stride = trajectoryStride(steps, mlp.paramCount, p.spectrumEvery);
  const trajectory = await ctx.stages.run('trajectory', trainingKey(p, input, steps, weightDecay, stride), () => {
    const theta0 = loaded?.model ? Float64Array.from(loaded.model.weights) : initMlp(mlp, mulberry32(p.seed + 1), p.initScale);
    const trainer = createTrainer({ mlp, data, theta: theta0, optimizer: p.optimizer, lr: p.lr, batchSize, weightDecay, random: mulberry32(p.seed + 2), workspace: wasmWorkspaceFactory(ctx.wasm) });
    return recordTrajectory(trainer, steps, stride, async (done, losses) => {
      trainingState = { done, losses };
      report(trainingReport);
      await checkpoint();
    });
  });
  const losses = trajectory.losses;
  const reached = trajectory.diverged ? trajectory.taken + 1 : trajectory.taken;
  const snapshots: PartialSnapshot[] = [];
  const progress = (phase: HessianTrainProgress['phase']) => () => ({ phase, step: reached, steps, losses, snapshots: snapshots.map((s) => ({ ...s })) });
  report(progress('spectra'), true);

  // Stage 2, the spectra of the recorded states: the sharpness of every snapshot first, then the rest.
  const settings = spectralSettings(p, mlp.paramCount);
  const trainKey = trainingKey(p, input, steps, weightDecay, stride);
  const at = snapshotSteps(trajectory, p.spectrumEvery);
  const headKey = { topK: settings.topK, lanczosSteps: settings.lanczosSteps };
  for (const step of at) {
    const theta = trajectoryWeights(trajectory, step);
    const index = snapshots.length;
    const head = await ctx.stages.run(`head@${step}`, { trainKey, step, hvpBackend, ...headKey }, () =>
      snapshotHead(mlp, theta, data, weightDecay, step, settings, stageRandom(p.seed, step, 0), hvp, checkpoint, (partial) => {
        snapshots[index] = partial;
        report(progress('spectra'));
      }),
    );
    snapshots[index] = { ...head };
    report(progress('spectra'), step === at[at.length - 1]);
    await checkpoint();
  }
  for (const [i, step] of at.entries()) {
    const theta = trajectoryWeights(trajectory, step);
    const head = snapshots[i];
    const tail = await ctx.stages.run(`tail@${step}`, { trainKey, step, hvpBackend, settings }, () =>
      snapshotTail(mlp, theta, data, weightDecay, head, settings, stageRandom(p.seed, step, 1), hvp, checkpoint, (piece) => {
        Object.assign(head, piece);
        report(progress('spectra'));
      }),
    );
    snapshots[i] = { ...head, ...tail };
    report(progress('spectra'));
    await checkpoint();
  }
  const complete = snapshots as SpectrumSnapshot[];

  // Stage 3, the references at the final θ: power iteration, and the dense spectrum for small P.
  let exact: Float64Array | null = null;
  let exactTrace: number | null = null;
  let powerTop: number | null = null;
  if (!trajectory.diverged) {
    const theta = trajectoryWeights(trajectory, steps);
    const finalKey = { trainKey, step: steps };
    // Warm start from the previous run's top eigenvector (a nearby Hessian when a training setting moved).
    const previous = ctx.stages.last<Eigenpairs>('power');
    const start = previous && previous.vectors.length === mlp.paramCount ? previous.vectors : undefined;
    const power = await ctx.stages.run('power', finalKey, () => {
      const H = curvatureOperator(mlp, theta, data, weightDecay, 'hessian', { workspace: wasmWorkspaceFactory(ctx.wasm) });
      return powerIterationTopAsync(H, 1, mulberry32(p.seed + 4), { maxIterations: 200, tolerance: 1e-6, start }, checkpoint);
    });
    powerTop = power.values[0];
    if (p.exactMaxP > 0 && mlp.paramCount <= p.exactMaxP) {
      report(progress('exact'), true);
      const spectrum = await ctx.stages.run('exact', finalKey, () => exactHessianSpectrum(mlp, theta, data, weightDecay, checkpoint));
      exact = spectrum.values;
      exactTrace = spectrum.trace;
      // The dense Hessian is at hand: the final trace is its diagonal sum, not an estimate.
      const final = complete[complete.length - 1];
      if (final) complete[complete.length - 1] = { ...final, trace: exactTrace, traceStandardError: 0, traceMethod: 'exact' };
    }
  }
  const finalTheta = trajectory.weights.subarray(trajectory.weights.length - mlp.paramCount);
  return {
    source,
    layers: [...mlp.layers],
    activation: mlp.activation,
    paramCount: mlp.paramCount,
    classes: data.classes,
    optimizer: p.optimizer,
    lr: p.lr,
    batchSize: batchSize === 0 || batchSize >= data.n ? data.n : batchSize,
    weightDecay,
    // Copies: the trajectory is cached and shared with later runs; the result's buffers are transferred.
    losses: losses.slice(),
    snapshots: complete,
    exact: exact ? exact.slice() : null,
    exactTrace,
    powerTop,
    weights: Float64Array.from(finalTheta),
    x: data.x,
    y: data.y,
    n: data.n,
    dimension: data.dimension,
    hvpBackend,
  };
}

/** CPU operators (f64): the layer products on the WASM SIMD GEMM where the kernel module loaded, else the JS reference. */
function cpuFactory(wasm: WasmKernelModule | null | undefined): HvpFactory {
  const workspace = wasmWorkspaceFactory(wasm);
  return async (mlp, theta, data, wd, kind) => curvatureOperator(mlp, theta, data, wd, kind, { workspace });
}

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
  params: HESSIAN_TRAIN_PARAMS,
  // Every step and every curvature product passes over n samples × P weights; a spectrum costs its
  // Lanczos, SLQ and trace products (P from the built-in network's widths; a loaded model is priced the same way).
  cost: (p) => {
    const weights = p.hidden * p.hidden * Math.max(p.depth - 1, 0) + p.hidden * (p.dimension + p.classes);
    const spectra = Math.ceil(p.steps / Math.max(p.spectrumEvery, 1));
    return p.n * weights * (p.steps + spectra * (p.slqProbes * p.slqSteps + p.hutchinsonProbes + 8 * p.topK));
  },
  cpu: (ctx, params, data) => train(ctx, params, data, cpuFactory(ctx.wasm), 'cpu'),
  gpu: (ctx, params, data) => train(ctx, params, data, gpuFactory(ctx.gpu!), 'webgpu'),
  transfer: (r) => [r.losses.buffer, r.weights.buffer],
});

