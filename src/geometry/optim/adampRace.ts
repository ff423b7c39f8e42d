/**
 * The AdamP race (Heo et al., ICLR 2021): SGD, SGDM, Adam, SGDP and AdamP from the same start on
 * (1) the 3-D toy L(w) = ℓ(w/‖w‖) (toyLoss), full-batch, and (2) the weight-normalized classifier on a
 * Gaussian mixture (weightNormClassifier), full-batch. Per optimizer and step: ‖w‖ (toy) or the mean
 * row norm of W (classifier), the effective step (η/‖w‖² for the SGD family, η/‖w‖ for the Adam family —
 * Adam's update has a size set by η, not by the gradient), the angle between w_t and w_{t+1} (degrees),
 * the loss, the accuracy, and on the toy the path of w/‖w‖.
 *
 * The norm identities this makes visible (∇L ⟂ w): plain SGD ‖w_{t+1}‖² = ‖w_t‖² + η²‖g_t‖²; SGDM,
 * with b_t = βb_{t−1} + g_t, ‖w_{t+1}‖² = ‖w_t‖² + η²‖b_t‖² + 2η² Σ_{k<t} β^{t−k} ‖b_k‖² (Heo et al.);
 * SGDP/AdamP remove the radial part, so ‖w_{t+1}‖² = ‖w_t‖² + η_t²‖Πp_t‖² (second order in η).
 */
import { mulberry32 } from '../random';
import { createOptimizer, OPTIMIZERS, type OptimizerName, type ParamBlock } from './adamp';
import { classifierBlocks, classifierInit, classifierLoss, classifierSize, gaussianMixture, toyLoss, type ClassifierShape } from './scaleInvariant';

export interface AdampRaceOptions {
  steps: number;
  /** η of SGD, SGDM, SGDP. */
  lrSgd: number;
  /** η of Adam, AdamP. */
  lrAdam: number;
  momentum: number;
  delta: number;
  seed: number;
  /** Toy curvatures a (ℓ(u) = ½ Σ a_i u_i²) and start w₀ (any norm). */
  toyCurvatures?: readonly number[];
  toyStart?: readonly number[];
  /** Classifier: samples, input dimension, hidden width, classes, separation. */
  samples?: number;
  dimension?: number;
  hidden?: number;
  classes?: number;
  separation?: number;
}

export interface ToyTrace {
  norm: Float64Array;
  effectiveStep: Float64Array;
  /** Angle (degrees) between w_t and w_{t+1}, t = 0…T−1. */
  angle: Float64Array;
  loss: Float64Array;
  /** (T + 1)·3: w_t/‖w_t‖. */
  path: Float64Array;
  /** ‖update direction‖² per step (b_t for SGDM/SGDP after projection, p_t for Adam/AdamP, g_t for SGD). */
  directionSquared: Float64Array;
}

export interface ClassifierTrace {
  /** Mean row norm of W. */
  norm: Float64Array;
  effectiveStep: Float64Array;
  /** Mean over rows of the angle between W_j before and after the step (degrees). */
  angle: Float64Array;
  loss: Float64Array;
  accuracy: Float64Array;
  /** Fraction of steps where the W block was detected scale-invariant (SGDP/AdamP). */
  projectedFraction: number;
}

export interface AdampRace {
  steps: number;
  done: number;
  toy: Record<OptimizerName, ToyTrace>;
  classifier: Record<OptimizerName, ClassifierTrace>;
  step(): boolean;
}

const angleBetween = (a: ArrayLike<number>, b: ArrayLike<number>, off: number, len: number) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = off; i < off + len; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return (Math.acos(Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)))) * 180) / Math.PI;
};

export function createAdampRace(o: AdampRaceOptions): AdampRace {
  const T = o.steps;
  if (!(Number.isInteger(T) && T >= 1)) throw new Error(`invalid steps: ${T} (expected an integer ≥ 1)`);
  const a = o.toyCurvatures ?? [1, 3, 9];
  const start = o.toyStart ?? [0.3, 0.7, 0.65];
  const shape: ClassifierShape = { dimension: o.dimension ?? 8, hidden: o.hidden ?? 16, classes: o.classes ?? 3, gain: 2 };
  const random = mulberry32(o.seed);
  const data = gaussianMixture(o.samples ?? 240, shape.dimension, shape.classes, o.separation ?? 3, random);
  const theta0 = classifierInit(shape, 1, random);
  const blocks = classifierBlocks(shape);
  const size = classifierSize(shape);
  const toyBlocks: ParamBlock[] = [{ offset: 0, rows: 1, cols: 3, matrix: true }];
  const config = (name: OptimizerName) => ({ name, lr: name === 'adam' || name === 'adamp' ? o.lrAdam : o.lrSgd, momentum: o.momentum, beta1: 0.9, beta2: 0.999, eps: 1e-8, delta: o.delta });
  const adamFamily = (name: OptimizerName) => name === 'adam' || name === 'adamp';
  const effective = (name: OptimizerName, norm: number) => (adamFamily(name) ? config(name).lr / norm : config(name).lr / (norm * norm));
  const H = shape.hidden;
  const d = shape.dimension;
  const meanRowNorm = (th: Float64Array) => {
    let s = 0;
    for (let j = 0; j < H; j++) s += Math.hypot(...th.subarray(j * d, j * d + d));
    return s / H;
  };
  const runs = OPTIMIZERS.map((name) => {
    const toyW = Float64Array.from(start);
    const theta = Float64Array.from(theta0);
    const toyTrace: ToyTrace = {
      norm: new Float64Array(T + 1).fill(NaN),
      effectiveStep: new Float64Array(T + 1).fill(NaN),
      angle: new Float64Array(T).fill(NaN),
      loss: new Float64Array(T + 1).fill(NaN),
      path: new Float64Array(3 * (T + 1)).fill(NaN),
      directionSquared: new Float64Array(T).fill(NaN),
    };
    const clsTrace: ClassifierTrace = {
      norm: new Float64Array(T + 1).fill(NaN),
      effectiveStep: new Float64Array(T + 1).fill(NaN),
      angle: new Float64Array(T).fill(NaN),
      loss: new Float64Array(T + 1).fill(NaN),
      accuracy: new Float64Array(T + 1).fill(NaN),
      projectedFraction: 0,
    };
    return { name, toyW, theta, toyOpt: createOptimizer(config(name), toyBlocks, 3), clsOpt: createOptimizer(config(name), blocks, size), toyTrace, clsTrace, projected: 0 };
  });
  const toyGrad = new Float64Array(3);
  const clsGrad = new Float64Array(size);
  const before = new Float64Array(Math.max(3, H * d));
  let done = 0;
  const record = (r: (typeof runs)[number], t: number) => {
    const n = Math.hypot(r.toyW[0], r.toyW[1], r.toyW[2]);
    r.toyTrace.norm[t] = n;
    r.toyTrace.effectiveStep[t] = effective(r.name, n);
    r.toyTrace.loss[t] = toyLoss(r.toyW, a);
    for (let i = 0; i < 3; i++) r.toyTrace.path[3 * t + i] = r.toyW[i] / n;
    const cn = meanRowNorm(r.theta);
    r.clsTrace.norm[t] = cn;
    r.clsTrace.effectiveStep[t] = effective(r.name, cn);
    const { loss, accuracy } = classifierLoss(r.theta, shape, data);
    r.clsTrace.loss[t] = loss;
    r.clsTrace.accuracy[t] = accuracy;
  };
  for (const r of runs) record(r, 0);
  const toy = Object.fromEntries(runs.map((r) => [r.name, r.toyTrace])) as Record<OptimizerName, ToyTrace>;
  const classifier = Object.fromEntries(runs.map((r) => [r.name, r.clsTrace])) as Record<OptimizerName, ClassifierTrace>;
  return {
    steps: T,
    get done() {
      return done;
    },
    toy,
    classifier,
    step() {
      if (done >= T) return false;
      for (const r of runs) {
        toyLoss(r.toyW, a, toyGrad);
        before.set(r.toyW);
        const rep = r.toyOpt.step(r.toyW, toyGrad);
        r.toyTrace.directionSquared[done] = rep.directionSquared[0];
        r.toyTrace.angle[done] = angleBetween(before, r.toyW, 0, 3);
        classifierLoss(r.theta, shape, data, clsGrad);
        before.set(r.theta.subarray(0, H * d));
        const crep = r.clsOpt.step(r.theta, clsGrad);
        if (crep.projected[0]) r.projected++;
        let ang = 0;
        for (let j = 0; j < H; j++) ang += angleBetween(before, r.theta, j * d, d);
        r.clsTrace.angle[done] = ang / H;
        r.clsTrace.projectedFraction = r.projected / (done + 1);
      }
      done++;
      for (const r of runs) record(r, done);
      return done < T;
    },
  };
}
