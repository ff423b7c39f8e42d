/**
 * A radii data set from a real network: a seeded MLP trained with full-batch Adam for a
 * few steps on a Gaussian mixture, then per sample the logits z and the slopes
 * a_k = ∇z_k·v along a unit direction v (one forward-mode JVP over the set): Adam's next
 * update, the negative gradient, or a random direction (Sao 2026 compares all three).
 */
import { gaussian, mulberry32 } from '../random';
import { gaussianMixture } from '../nn/datasets';
import { initMlp } from '../nn/init';
import { createMlp, mlpLogitsJvp, type Mlp } from '../nn/mlp';
import { createTrainer } from '../nn/train';
import { vectorNorm } from '../nn/optimizers';
import type { Activation } from '../nn/activations';
import type { ClassificationData } from '../nn/data';
import type { RadiiDataSet } from './validate';

export type StepDirection = 'adam' | 'gradient' | 'random';

export interface MlpRadiiOptions {
  seed: number;
  samples: number;
  classes: number;
  dimension: number;
  separation: number;
  hidden: readonly number[];
  activation: Activation;
  trainSteps: number;
  lr: number;
  direction: StepDirection;
}

export interface MlpRadiiSet {
  set: RadiiDataSet;
  mlp: Mlp;
  theta: Float64Array;
  /** The unit direction v. */
  direction: Float64Array;
  data: ClassificationData;
}

/**
 * The network of the chapter's "trained MLP" set: a d = 8 Gaussian mixture (separation 3) with
 * K classes, one hidden tanh layer of 32, full-batch Adam at η = 0.01 for `trainSteps` steps.
 */
export function radiiMlpOptions(o: Pick<MlpRadiiOptions, 'seed' | 'samples' | 'classes' | 'trainSteps' | 'direction'>): MlpRadiiOptions {
  return { seed: o.seed, samples: o.samples, classes: o.classes, dimension: 8, separation: 3, hidden: [32], activation: 'tanh', trainSteps: o.trainSteps, lr: 0.01, direction: o.direction };
}

export function mlpRadiiSet(o: MlpRadiiOptions): MlpRadiiSet {
  if (!(Number.isInteger(o.trainSteps) && o.trainSteps >= 0)) throw new Error(`invalid training steps: ${o.trainSteps} (expected an integer ≥ 0)`);
  const random = mulberry32(o.seed);
  const data = gaussianMixture({ classes: o.classes, dimension: o.dimension, separation: o.separation, n: o.samples, random });
  const mlp = createMlp([o.dimension, ...o.hidden, o.classes], o.activation);
  const trainer = createTrainer({ mlp, data, theta: initMlp(mlp, random), optimizer: 'adam', lr: o.lr, batchSize: 0, random });
  for (let t = 0; t < o.trainSteps; t++) trainer.step();
  trainer.propose();
  const v =
    o.direction === 'adam'
      ? Float64Array.from(trainer.update)
      : o.direction === 'gradient'
        ? Float64Array.from(trainer.grad, (g) => -g)
        : Float64Array.from({ length: mlp.paramCount }, () => gaussian(random));
  const norm = vectorNorm(v);
  if (!(norm > 0)) throw new Error(`the ${o.direction} direction is zero: no step to measure`);
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  const theta = Float64Array.from(trainer.theta);
  const logits = new Float64Array(o.samples * o.classes);
  const slopes = new Float64Array(o.samples * o.classes);
  mlpLogitsJvp(mlp, theta, data, v, slopes, logits);
  return { set: { samples: o.samples, classes: o.classes, logits, slopes, labels: Int32Array.from(data.y) }, mlp, theta, direction: v, data };
}
