/**
 * The M-FAC cell's experiments (Frantar, Kurtic & Alistarh, NeurIPS 2021), on a small tanh MLP
 * classifying a seeded Gaussian mixture (src/geometry/nn):
 *  - `mfacAccuracyGrid`: relative error ‖F̂⁻¹x|_M-FAC − F̂⁻¹x|_dense‖/‖F̂⁻¹x|_dense‖ over a grid of window sizes m
 *    and dampings λ, with F̂ = λI + (1/m) Σ g_i g_iᵀ built from per-sample gradients at the initialization
 *    and x the full-batch gradient; the dense reference is a Cholesky solve of the formed P × P matrix.
 *  - `createMfacRace`: SGD, Adam and M-FAC-preconditioned SGD, θ ← θ − η F̂_t⁻¹ g_t, on the same minibatch
 *    sequence; F̂_t uses a sliding window of the last m minibatch gradients (g_t included; fewer while the
 *    window fills), as in the paper's dynamic setting; the window slides by an O(m²) factorization update. Traces: full-batch training loss and accuracy.
 */
import { createMlp, initMlp, mlpAccuracy, mlpLossGradient, mlpLoss, gaussianMixture, selectRows, createOptimizer, MlpWorkspace, type ClassificationData, type Mlp } from '../nn';
import type { Random } from '../random';
import { mulberry32 } from '../random';
import { choleskySolve, denseFisher, mfacApply, mfacFactor } from './mfac';
import { createMfacWindow, mfacWindowApply, mfacWindowPush } from './mfacWindow';

export interface MfacProblem {
  mlp: Mlp;
  data: ClassificationData;
  theta0: Float64Array;
}

/** 3-class mixture in ℝ⁴ (separation 2.5), n samples, MLP [4, hidden, 3] tanh. */
export function makeMfacProblem(n: number, hidden: number, random: Random): MfacProblem {
  const data = gaussianMixture({ classes: 3, dimension: 4, separation: 2.5, n, random });
  const mlp = createMlp([4, hidden, 3], 'tanh');
  return { mlp, data, theta0: initMlp(mlp, random) };
}

/** Per-sample loss gradients of the first `count` samples at θ: count × P row-major. */
export function perSampleGradients(p: MfacProblem, theta: Float64Array, count: number): Float64Array {
  const P = p.mlp.paramCount;
  if (!(Number.isInteger(count) && count >= 1 && count <= p.data.n)) throw new Error(`invalid gradient count: ${count} (expected an integer in [1, ${p.data.n}])`);
  const G = new Float64Array(count * P);
  const grad = new Float64Array(P);
  const ws = new MlpWorkspace(p.mlp, 1);
  for (let i = 0; i < count; i++) {
    mlpLossGradient(p.mlp, theta, selectRows(p.data, [i]), 0, grad, ws);
    G.set(grad, i * P);
  }
  return G;
}

export interface MfacAccuracyGrid {
  ms: number[];
  lambdas: number[];
  /** relError[i·lambdas.length + j] for m = ms[i], λ = lambdas[j]. */
  relError: Float64Array;
}

const norm = (v: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
};

export function mfacAccuracyGrid(G: Float64Array, P: number, x: Float64Array, ms: number[], lambdas: number[]): MfacAccuracyGrid {
  const relError = new Float64Array(ms.length * lambdas.length);
  const out = new Float64Array(P);
  const diff = new Float64Array(P);
  for (const [i, m] of ms.entries()) {
    const Gm = G.subarray(0, m * P);
    for (const [j, lambda] of lambdas.entries()) {
      const exact = choleskySolve(denseFisher(Gm, m, P, lambda), x, P);
      mfacApply(mfacFactor(Gm, m, P, lambda), x, out);
      for (let p = 0; p < P; p++) diff[p] = out[p] - exact[p];
      relError[i * lambdas.length + j] = norm(diff) / norm(exact);
    }
  }
  return { ms, lambdas, relError };
}

export const MFAC_RACE_METHODS = ['sgd', 'adam', 'mfac'] as const;
export type MfacRaceMethod = (typeof MFAC_RACE_METHODS)[number];

export interface MfacRaceOptions {
  steps: number;
  batch: number;
  window: number;
  lambda: number;
  lrSgd: number;
  lrAdam: number;
  lrMfac: number;
  seed: number;
}

export interface MfacTrace {
  /** Full-batch training loss, steps + 1. */
  loss: Float64Array;
  accuracy: Float64Array;
}

export interface MfacRace {
  readonly problem: MfacProblem;
  readonly done: number;
  readonly traces: Record<MfacRaceMethod, MfacTrace>;
  /** Advances every method by one step; false once `steps` are done. */
  step(): boolean;
}

export function createMfacRace(problem: MfacProblem, o: MfacRaceOptions): MfacRace {
  const { mlp, data } = problem;
  const P = mlp.paramCount;
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new Error(`invalid steps: ${o.steps} (expected a positive integer)`);
  if (!(Number.isInteger(o.batch) && o.batch >= 1 && o.batch <= data.n)) throw new Error(`invalid batch: ${o.batch} (expected an integer in [1, ${data.n}])`);
  if (!(Number.isInteger(o.window) && o.window >= 1)) throw new Error(`invalid window m: ${o.window} (expected a positive integer)`);
  if (!(o.lambda > 0)) throw new Error(`invalid damping λ: ${o.lambda} (expected a positive number)`);
  const random = mulberry32(o.seed + 7919);
  const theta: Record<MfacRaceMethod, Float64Array> = { sgd: problem.theta0.slice(), adam: problem.theta0.slice(), mfac: problem.theta0.slice() };
  const traces = Object.fromEntries(MFAC_RACE_METHODS.map((n) => [n, { loss: new Float64Array(o.steps + 1), accuracy: new Float64Array(o.steps + 1) }])) as Record<MfacRaceMethod, MfacTrace>;
  const ws = new MlpWorkspace(mlp, Math.max(data.n, o.batch));
  const record = (t: number) => {
    for (const n of MFAC_RACE_METHODS) {
      traces[n].loss[t] = mlpLoss(mlp, theta[n], data, 0, ws);
      traces[n].accuracy[t] = mlpAccuracy(mlp, theta[n], data, ws);
    }
  };
  record(0);
  const sgd = createOptimizer('sgd', P);
  const adam = createOptimizer('adam', P);
  const grad = new Float64Array(P);
  const update = new Float64Array(P);
  const m = o.window;
  // The last m M-FAC gradients: a sliding window updated in O(mP + m²) per step once full (./mfacWindow.ts).
  const window = createMfacWindow(m, P, o.lambda);
  const order = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) order[i] = i;
  let cursor = data.n;
  const batchIndex = new Int32Array(o.batch);
  let done = 0;
  const nextBatch = (): ClassificationData => {
    for (let b = 0; b < o.batch; b++) {
      if (cursor >= data.n) {
        for (let i = data.n - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        cursor = 0;
      }
      batchIndex[b] = order[cursor++];
    }
    return selectRows(data, batchIndex);
  };
  return {
    problem,
    traces,
    get done() {
      return done;
    },
    step() {
      if (done >= o.steps) return false;
      const batch = nextBatch();
      mlpLossGradient(mlp, theta.sgd, batch, 0, grad, ws);
      sgd.update(theta.sgd, grad, o.lrSgd, update);
      for (let p = 0; p < P; p++) theta.sgd[p] += update[p];
      mlpLossGradient(mlp, theta.adam, batch, 0, grad, ws);
      adam.update(theta.adam, grad, o.lrAdam, update);
      for (let p = 0; p < P; p++) theta.adam[p] += update[p];

      mlpLossGradient(mlp, theta.mfac, batch, 0, grad, ws);
      mfacWindowPush(window, grad);
      mfacWindowApply(window, grad, update);
      for (let p = 0; p < P; p++) theta.mfac[p] -= o.lrMfac * update[p];
      done++;
      record(done);
      return true;
    },
  };
}
