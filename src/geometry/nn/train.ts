/**
 * A training loop as a step function, so a worker job can interleave steps with progress
 * reports, cancellation checkpoints and spectrum computations.
 *
 * Each step draws a minibatch of `batchSize` rows without replacement (a partial Fisher–Yates
 * shuffle driven by the seeded `random`; batchSize ≥ n means the full batch, i.e. GD), computes
 * the minibatch loss and gradient, and asks the optimizer for its update p. `propose()` stops
 * there so a caller can inspect, scale or clip p; `apply(scale)` then sets θ ← θ + scale·p.
 * `step()` does both.
 */
import type { Random } from '../random';
import type { ClassificationData } from './data';
import { validateData } from './data';
import { type Mlp, MlpWorkspace, mlpLossGradient } from './mlp';
import { applyUpdate, createOptimizer, type Optimizer, type OptimizerKind, type OptimizerOptions } from './optimizers';

export interface TrainerOptions {
  mlp: Mlp;
  data: ClassificationData;
  /** Initial parameters; copied. */
  theta: ArrayLike<number>;
  optimizer: OptimizerKind;
  lr: number;
  /** Minibatch size; ≥ n (or 0) for the full batch. */
  batchSize: number;
  weightDecay?: number;
  random: Random;
  optimizerOptions?: OptimizerOptions;
  /** Makes the workspace the gradients run in (e.g. one whose products run on WebAssembly); default `new MlpWorkspace`. */
  workspace?: (mlp: Mlp, capacity: number) => MlpWorkspace;
}

export interface Trainer {
  readonly mlp: Mlp;
  readonly data: ClassificationData;
  readonly theta: Float64Array;
  /** Gradient of the last minibatch (after propose). */
  readonly grad: Float64Array;
  /** Proposed update p of the last propose(). */
  readonly update: Float64Array;
  /** The last minibatch (a view onto preallocated buffers; valid until the next propose). */
  readonly batch: ClassificationData;
  readonly optimizer: Optimizer;
  /** Learning rate; may be changed between steps (schedules, spikes). */
  lr: number;
  readonly batchSize: number;
  readonly weightDecay: number;
  /** Steps applied so far. */
  readonly steps: number;
  /** Draws a minibatch, computes its loss and gradient and the optimizer's update p; returns the minibatch loss. */
  propose(): number;
  /** θ ← θ + scale·p. */
  apply(scale?: number): void;
  /** propose() then apply(1); returns the minibatch loss before the update. */
  step(): number;
}

export function createTrainer(options: TrainerOptions): Trainer {
  const { mlp, data, random } = options;
  validateData(data);
  if (data.dimension !== mlp.layers[0]) throw new Error(`data dimension ${data.dimension} but the MLP takes d_in = ${mlp.layers[0]}`);
  if (data.classes > mlp.layers[mlp.layers.length - 1]) {
    throw new Error(`data has ${data.classes} classes but the MLP has ${mlp.layers[mlp.layers.length - 1]} outputs`);
  }
  if (options.theta.length !== mlp.paramCount) throw new Error(`initial θ has ${options.theta.length} entries but P = ${mlp.paramCount}`);
  if (!Number.isInteger(options.batchSize) || options.batchSize < 0) throw new Error(`batch size ${options.batchSize}; expected an integer ≥ 0`);
  const n = data.n;
  const batchSize = options.batchSize === 0 || options.batchSize >= n ? n : options.batchSize;
  const fullBatch = batchSize === n;
  const weightDecay = options.weightDecay ?? 0;
  if (!(weightDecay >= 0)) throw new Error(`weight decay ${weightDecay}; expected ≥ 0`);
  const theta = Float64Array.from(options.theta);
  const grad = new Float64Array(mlp.paramCount);
  const update = new Float64Array(mlp.paramCount);
  const optimizer = createOptimizer(options.optimizer, mlp.paramCount, options.optimizerOptions);
  const capacity = Math.min(batchSize, 512);
  const ws = options.workspace?.(mlp, capacity) ?? new MlpWorkspace(mlp, capacity);
  const d = data.dimension;
  const permutation = new Int32Array(n);
  for (let i = 0; i < n; i++) permutation[i] = i;
  const batchX = fullBatch ? data.x : new Float64Array(batchSize * d);
  const batchY = fullBatch ? data.y : new Int32Array(batchSize);
  const batch: ClassificationData = { x: batchX, y: batchY, n: batchSize, dimension: d, classes: data.classes };
  let steps = 0;

  function drawBatch(): void {
    if (fullBatch) return;
    for (let r = 0; r < batchSize; r++) {
      const pick = r + Math.floor(random() * (n - r));
      const chosen = permutation[pick];
      permutation[pick] = permutation[r];
      permutation[r] = chosen;
      batchX.set(data.x.subarray(chosen * d, chosen * d + d), r * d);
      batchY[r] = data.y[chosen];
    }
  }

  const trainer: Trainer = {
    mlp,
    data,
    theta,
    grad,
    update,
    batch,
    optimizer,
    lr: options.lr,
    batchSize,
    weightDecay,
    get steps() {
      return steps;
    },
    propose() {
      drawBatch();
      const loss = mlpLossGradient(mlp, theta, batch, weightDecay, grad, ws);
      optimizer.update(theta, grad, trainer.lr, update);
      return loss;
    },
    apply(scale = 1) {
      applyUpdate(theta, update, scale);
      steps++;
    },
    step() {
      const loss = trainer.propose();
      trainer.apply(1);
      return loss;
    },
  };
  return trainer;
}
