/**
 * The learning-rate spike race (Sao 2026, "Ghosts of Softmax", lrspike experiment): one
 * seeded MLP trained three ways from the same initialisation on the same minibatches with
 * Adam, while the learning rate is multiplied by `spikeFactor` for `spikeDuration` steps
 * starting at `spikeStep`:
 *
 *  - plain:      θ ← θ + p, p Adam's update;
 *  - clip:       the gradient is clipped to norm ≤ clipNorm before Adam (PyTorch's
 *                clip_grad_norm_ then step) — Adam's normalization undoes most of it;
 *  - controller: θ ← θ + min(1, ρ_a/‖p‖)·p with ρ_a = π / max_i Δ_a(i) along v = p/‖p‖ over
 *                the radius set (the training set, or its first `radiusSamples` rows): one
 *                logit JVP per step, no new hyperparameter.
 *
 * Each variant records per step: the loss on the radius set and the test accuracy after the
 * step, ρ_a along its own update, and r = τ/ρ_a of the step it took (τ = applied ‖step‖).
 * Every `curvatureEvery` steps it also records 2/λ_max of the training loss Hessian (power
 * iteration with the exact HVP), the classical stability bound on the learning rate of GD,
 * so the two notions of "safe" can be compared. A variant whose parameters or loss stop being
 * finite is frozen as diverged: loss NaN, accuracy that of the constant prediction.
 *
 * `step()` advances all three by one step, so a worker job can interleave progress and
 * cancellation and a unit test can run it synchronously with the same result.
 *
 * The power iterations do not hold up the steps: a measurement snapshots θ_t and its products
 * are spread over the following steps, at most `curvatureProductsPerStep` per step (default
 * ⌈3 · powerIterations / curvatureEvery⌉, the rate at which measurements arrive), first in,
 * first out; the rest run in the last step. So each step costs about the same and a streamed
 * figure keeps its frame rate, and 2/λ_max at step t fills in a few steps later. The value is
 * the same whatever the budget (the same products at the same θ_t from the same seeded start).
 */
import { mulberry32 } from '../random';
import { powerIterationProcess } from '../spectral/power';
import type { Eigenpairs } from '../spectral/lanczos';
import type { Process, ProductRequest } from '../spectral/process';
import type { ClassificationData } from '../nn/data';
import { selectRows } from '../nn/data';
import { gaussianMixture } from '../nn/datasets';
import { initMlp } from '../nn/init';
import { createMlp, mlpAccuracy, mlpHessianVector, mlpLoss, mlpLossGradient, mlpLogitsJvp, MlpWorkspace, type Mlp } from '../nn/mlp';
import { createOptimizer, vectorNorm, type Optimizer } from '../nn/optimizers';
import type { Activation } from '../nn/activations';
import { controllerScale, radiusFromSpread, slopeSpread } from './radius';

export const RACE_VARIANTS = ['plain', 'clip', 'controller'] as const;
export type RaceVariant = (typeof RACE_VARIANTS)[number];

export interface SpikeRaceOptions {
  seed: number;
  /** Gaussian mixture: classes, dimension, separation, train and test sizes. */
  classes: number;
  dimension: number;
  separation: number;
  trainSize: number;
  testSize: number;
  /** Hidden layer widths. */
  hidden: readonly number[];
  activation: Activation;
  lr: number;
  batchSize: number;
  steps: number;
  spikeFactor: number;
  spikeStep: number;
  /** Steps the spike lasts; ≥ steps − spikeStep means until the end. */
  spikeDuration: number;
  clipNorm: number;
  /** Rows of the training set used for ρ_a (0 = all). */
  radiusSamples: number;
  /** Record 2/λ_max every this many steps (0 = never). */
  curvatureEvery: number;
  /** Power-iteration steps for λ_max. */
  powerIterations: number;
  /** Hessian-vector products of pending λ_max measurements run per step (see the header). */
  curvatureProductsPerStep?: number;
  /** Optional data instead of the mixture (e.g. digits): train and test sets. */
  data?: { train: ClassificationData; test: ClassificationData };
}

export interface VariantRecord {
  loss: Float64Array;
  accuracy: Float64Array;
  /** r = τ/ρ_a of the step taken (after the controller's scaling). */
  r: Float64Array;
  /** r the raw optimizer step would have had. */
  rRaw: Float64Array;
  rhoA: Float64Array;
  /** Length τ of the step taken. */
  tau: Float64Array;
  /** 2/λ_max at the steps where it was computed, NaN elsewhere. */
  twoOverLambda: Float64Array;
  diverged: boolean;
}

interface VariantState {
  name: RaceVariant;
  theta: Float64Array;
  update: Float64Array;
  direction: Float64Array;
  optimizer: Optimizer;
  record: VariantRecord;
}

export interface SpikeRace {
  readonly steps: number;
  /** Steps done so far. */
  readonly done: number;
  readonly mlp: Mlp;
  readonly variants: Readonly<Record<RaceVariant, VariantRecord>>;
  /** Learning rate at step t (with the spike). */
  learningRate(t: number): number;
  /** The rows ρ_a is measured on. */
  readonly radiusSet: ClassificationData;
  /** λ_max measurements whose products have not all run yet (their 2/λ_max is still NaN). */
  readonly curvaturePending: number;
  /** Advances every variant by one step (ρ_a by the f64 JVP); false when finished. */
  step(): boolean;
  /**
   * The two halves of `step` for a caller that measures ρ_a elsewhere (the GPU JVP kernel):
   * `proposeStep` computes every live variant's update and returns the directions to measure;
   * `applyStep` takes max_i Δ_a(i) per variant, scales (controller), applies and records.
   */
  proposeStep(): RadiusRequest[];
  applyStep(maxSpreads: ReadonlyMap<RaceVariant, number>): boolean;
}

export interface RadiusRequest {
  variant: RaceVariant;
  theta: Float64Array;
  /** Unit direction p/‖p‖ of the variant's proposed update. */
  direction: Float64Array;
}

export function validateSpikeRace(o: SpikeRaceOptions): void {
  const positiveInt = (name: string, v: number, min = 1) => {
    if (!(Number.isInteger(v) && v >= min)) throw new Error(`invalid ${name}: ${v} (expected an integer ≥ ${min})`);
  };
  positiveInt('steps', o.steps);
  positiveInt('batch size', o.batchSize);
  positiveInt('spike step', o.spikeStep, 0);
  positiveInt('spike duration', o.spikeDuration, 0);
  if (!(o.lr > 0 && Number.isFinite(o.lr))) throw new Error(`invalid learning rate: ${o.lr} (expected > 0)`);
  if (!(o.spikeFactor > 0 && Number.isFinite(o.spikeFactor))) throw new Error(`invalid spike factor: ${o.spikeFactor} (expected > 0)`);
  if (!(o.clipNorm > 0)) throw new Error(`invalid clip norm: ${o.clipNorm} (expected > 0)`);
}

export function createSpikeRace(o: SpikeRaceOptions): SpikeRace {
  validateSpikeRace(o);
  const random = mulberry32(o.seed);
  const data =
    o.data ??
    (() => {
      const all = gaussianMixture({ classes: o.classes, dimension: o.dimension, separation: o.separation, n: o.trainSize + o.testSize, random });
      const train = Int32Array.from({ length: o.trainSize }, (_, i) => i);
      const test = Int32Array.from({ length: o.testSize }, (_, i) => o.trainSize + i);
      return { train: selectRows(all, train), test: selectRows(all, test) };
    })();
  const { train, test } = data;
  const mlp = createMlp([train.dimension, ...o.hidden, train.classes], o.activation);
  const theta0 = initMlp(mlp, random);
  const radiusSet = o.radiusSamples > 0 && o.radiusSamples < train.n ? selectRows(train, Int32Array.from({ length: o.radiusSamples }, (_, i) => i)) : train;
  const K = train.classes;
  const P = mlp.paramCount;
  const batchSize = Math.min(o.batchSize, train.n);

  // The same minibatch sequence for every variant: indices drawn once per step.
  const batchRandom = mulberry32(o.seed ^ 0x9e3779b9);
  const permutation = Int32Array.from({ length: train.n }, (_, i) => i);
  const batchIdx = new Int32Array(batchSize);
  const ws = new MlpWorkspace(mlp, Math.max(radiusSet.n, test.n, batchSize));
  const grad = new Float64Array(P);
  const slopes = new Float64Array(radiusSet.n * K);

  const variants = RACE_VARIANTS.map((name): VariantState => ({
    name,
    theta: Float64Array.from(theta0),
    update: new Float64Array(P),
    direction: new Float64Array(P),
    optimizer: createOptimizer('adam', P),
    record: {
      loss: new Float64Array(o.steps).fill(NaN),
      accuracy: new Float64Array(o.steps).fill(NaN),
      r: new Float64Array(o.steps).fill(NaN),
      rRaw: new Float64Array(o.steps).fill(NaN),
      rhoA: new Float64Array(o.steps).fill(NaN),
      tau: new Float64Array(o.steps).fill(NaN),
      twoOverLambda: new Float64Array(o.steps).fill(NaN),
      diverged: false,
    },
  }));
  const constantAccuracy = (() => {
    // What a diverged network scores: the arg-max of NaN logits is class 0 for every row.
    let zeros = 0;
    for (let i = 0; i < test.n; i++) if (test.y[i] === 0) zeros++;
    return zeros / test.n;
  })();

  const learningRate = (t: number) => (t >= o.spikeStep && t < o.spikeStep + o.spikeDuration ? o.lr * o.spikeFactor : o.lr);

  /**
   * Pending λ_max measurements of the training-set Hessian at a snapshot of θ_t: power
   * iteration (spectral/power.ts) from a seeded start, a fixed number of products.
   */
  interface Measurement {
    record: VariantRecord;
    t: number;
    theta: Float64Array;
    process: Process<Eigenpairs>;
    request: IteratorResult<ProductRequest, Eigenpairs> | null;
  }
  const measurements: Measurement[] = [];
  const productsPerStep = o.curvatureProductsPerStep ?? (o.curvatureEvery > 0 ? Math.ceil((RACE_VARIANTS.length * o.powerIterations) / o.curvatureEvery) : 0);
  if (!(productsPerStep >= 1 || o.curvatureEvery === 0)) throw new Error(`invalid curvatureProductsPerStep: ${productsPerStep} (expected ≥ 1)`);

  function measureCurvature(record: VariantRecord, theta: Float64Array, t: number): void {
    const process = powerIterationProcess(P, 1, mulberry32(o.seed + 7919 * (t + 1)), { maxIterations: o.powerIterations, tolerance: -1, residuals: false });
    measurements.push({ record, t, theta: Float64Array.from(theta), process, request: null });
  }

  /** Runs up to `budget` products of the pending measurements, oldest first, recording those that finish. */
  function advanceCurvature(budget: number): void {
    while (budget > 0 && measurements.length > 0) {
      const m = measurements[0];
      let request = m.request ?? m.process.next();
      while (!request.done && budget > 0) {
        mlpHessianVector(mlp, m.theta, radiusSet, 0, request.value.x, request.value.out, ws);
        budget--;
        request = m.process.next();
      }
      if (!request.done) {
        m.request = request;
        return;
      }
      const lambda = request.value.values[0];
      m.record.twoOverLambda[m.t] = lambda > 0 ? 2 / lambda : Infinity;
      measurements.shift();
    }
  }

  let done = 0;
  let pending: { variant: VariantState; stepNorm: number; direction: Float64Array | null }[] | null = null;

  function proposeStep(): RadiusRequest[] {
    if (done >= o.steps) throw new Error(`the race has finished its ${o.steps} steps`);
    const t = done;
    for (let r = 0; r < batchSize; r++) {
      const pick = r + Math.floor(batchRandom() * (train.n - r));
      const c = permutation[pick];
      permutation[pick] = permutation[r];
      permutation[r] = c;
      batchIdx[r] = c;
    }
    const batch = selectRows(train, batchIdx);
    const lr = learningRate(t);
    pending = [];
    for (const v of variants) {
      if (v.record.diverged) continue;
      mlpLossGradient(mlp, v.theta, batch, 0, grad, ws);
      if (v.name === 'clip') {
        const g = vectorNorm(grad);
        if (g > o.clipNorm) for (let i = 0; i < P; i++) grad[i] *= o.clipNorm / g;
      }
      v.optimizer.update(v.theta, grad, lr, v.update);
      const stepNorm = vectorNorm(v.update);
      let direction: Float64Array | null = null;
      if (stepNorm > 0 && Number.isFinite(stepNorm)) {
        for (let i = 0; i < P; i++) v.direction[i] = v.update[i] / stepNorm;
        direction = v.direction;
      }
      pending.push({ variant: v, stepNorm, direction });
    }
    return pending.filter((p) => p.direction !== null).map((p) => ({ variant: p.variant.name, theta: p.variant.theta, direction: p.direction! }));
  }

  function applyStep(maxSpreads: ReadonlyMap<RaceVariant, number>): boolean {
    if (!pending) throw new Error('applyStep without proposeStep');
    const t = done;
    for (const v of variants) if (v.record.diverged && !pending.some((p) => p.variant === v)) v.record.accuracy[t] = constantAccuracy;
    for (const { variant: v, stepNorm, direction } of pending) {
      const rec = v.record;
      const maxSpread = direction ? (maxSpreads.get(v.name) ?? NaN) : 0;
      const rho = direction ? radiusFromSpread(maxSpread) : Infinity;
      const scale = v.name === 'controller' ? controllerScale(stepNorm, rho) : 1;
      for (let i = 0; i < P; i++) v.theta[i] += scale * v.update[i];
      rec.rhoA[t] = rho;
      rec.tau[t] = scale * stepNorm;
      rec.rRaw[t] = (stepNorm * maxSpread) / Math.PI;
      rec.r[t] = (scale * stepNorm * maxSpread) / Math.PI;
      const finite = v.theta.every(Number.isFinite);
      const loss = finite ? mlpLoss(mlp, v.theta, radiusSet, 0, ws) : NaN;
      if (!Number.isFinite(loss)) {
        rec.diverged = true;
        rec.accuracy[t] = constantAccuracy;
        continue;
      }
      rec.loss[t] = loss;
      rec.accuracy[t] = mlpAccuracy(mlp, v.theta, test, ws);
      if (o.curvatureEvery > 0 && t % o.curvatureEvery === 0) measureCurvature(rec, v.theta, t);
    }
    pending = null;
    done++;
    advanceCurvature(done < o.steps ? productsPerStep : Infinity);
    return done < o.steps;
  }

  /** max_i Δ_a(i) over the radius set along `direction` at `theta`, by the f64 JVP. */
  function maxSpreadCpu(theta: Float64Array, direction: Float64Array): number {
    mlpLogitsJvp(mlp, theta, radiusSet, direction, slopes, undefined, ws);
    let maxSpread = 0;
    for (let i = 0; i < radiusSet.n; i++) maxSpread = Math.max(maxSpread, slopeSpread(slopes, i * K, K));
    return maxSpread;
  }

  function step(): boolean {
    if (done >= o.steps) return false;
    const requests = proposeStep();
    return applyStep(new Map(requests.map((r) => [r.variant, maxSpreadCpu(r.theta, r.direction)])));
  }

  return {
    steps: o.steps,
    get done() {
      return done;
    },
    mlp,
    variants: Object.fromEntries(variants.map((v) => [v.name, v.record])) as Record<RaceVariant, VariantRecord>,
    radiusSet,
    get curvaturePending() {
      return measurements.length;
    },
    learningRate,
    step,
    proposeStep,
    applyStep,
  };
}
