/**
 * The Sven cell's race: SGD (seeded minibatches of `SVEN_SGD_BATCH` points, drawn without replacement, a fresh
 * permutation each epoch), full-batch Adam, L-BFGS and Sven (src/geometry/optim/sven.ts) fitting a 1-D or 2-D
 * function with the same one-hidden-layer tanh MLP [d, h, 1] of the shared core (src/geometry/nn, regression head:
 * f(x) = Σ_j v_j tanh(w_jᵀx + b_j) + c, θ = [W (h × d), b, v, c], P = h(d + 2) + 1, LeCun-normal initMlp) from the
 * same initialization. Losses are full-batch (1/2n) Σ r². Records the loss per step and per method, the cumulative wall time of each method's
 * steps (clock injected: `now`), and the k largest singular values of J along Sven's run.
 *  - 1-D task: x_i on a uniform grid of [−π, π], y = sin(2x).
 *  - 2-D task: x_i uniform in [−2, 2]² (seeded), y = sin(x₁) cos(x₂).
 * L-BFGS: memory 10, two-loop recursion (Nocedal & Wright, Alg. 7.4), Armijo backtracking from step 1
 * (c₁ = 1e-4, halving up to 30 times); a pair with sᵀy ≤ 1e-12 is not stored.
 */
import { createOptimizer, createRegressionMlp, initMlp, regressionLoss, regressionLossGradient, regressionResidualJacobian, regressionWorkspace, type Mlp, type RegressionData } from '../nn';
import { mulberry32, type Random } from '../random';
import { pseudoinverseApply, randomizedSvd } from './sven';

/** SGD's minibatch size (all n when n is smaller). */
export const SVEN_SGD_BATCH = 8;

export type SvenTask = '1d' | '2d';

export interface RegressionProblem {
  net: Mlp;
  data: RegressionData;
  n: number;
  theta0: Float64Array;
}

export function makeRegressionProblem(task: SvenTask, n: number, hidden: number, random: Random): RegressionProblem {
  if (!(Number.isInteger(n) && n >= 2)) throw new Error(`invalid sample count n: ${n} (expected an integer ≥ 2)`);
  if (!(Number.isInteger(hidden) && hidden >= 1)) throw new Error(`invalid hidden width: ${hidden} (expected a positive integer)`);
  const d = task === '1d' ? 1 : 2;
  const net = createRegressionMlp([d, hidden, 1], 'tanh');
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (task === '1d') {
      x[i] = -Math.PI + (2 * Math.PI * i) / (n - 1);
      y[i] = Math.sin(2 * x[i]);
    } else {
      x[2 * i] = 4 * random() - 2;
      x[2 * i + 1] = 4 * random() - 2;
      y[i] = Math.sin(x[2 * i]) * Math.cos(x[2 * i + 1]);
    }
  }
  return { net, data: { x, y, n }, n, theta0: initMlp(net, random) };
}

export const SVEN_METHODS = ['sgd', 'adam', 'lbfgs', 'sven'] as const;
export type SvenMethod = (typeof SVEN_METHODS)[number];

export interface SvenRaceOptions {
  steps: number;
  k: number;
  lrSgd: number;
  lrAdam: number;
  lrSven: number;
  seed: number;
  /** Directions with σ < rcond·σ₁ are dropped from J⁺_k (default 1e-2: at 1e-3 the 1-D fit's weak directions, σ ~ 1e-3 σ₁, take steps that overshoot). */
  rcond?: number;
  now?: () => number;
}

export interface SvenTrace {
  loss: Float64Array;
  /** Cumulative ms spent in this method's steps, steps + 1 (index 0 = 0). */
  time: Float64Array;
}

export interface SvenRace {
  readonly problem: RegressionProblem;
  readonly done: number;
  readonly traces: Record<SvenMethod, SvenTrace>;
  /** (steps + 1) × k: singular values of J at Sven's iterates, largest first. */
  readonly singular: Float64Array;
  step(): boolean;
}

export function createSvenRace(problem: RegressionProblem, o: SvenRaceOptions): SvenRace {
  const { net, data, n } = problem;
  const P = net.paramCount;
  const d = net.layers[0];
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new Error(`invalid steps: ${o.steps} (expected a positive integer)`);
  if (!(Number.isInteger(o.k) && o.k >= 1 && o.k <= Math.min(n, P))) throw new Error(`invalid rank k: ${o.k} (expected an integer in [1, min(n, P) = ${Math.min(n, P)}])`);
  const now = o.now ?? (() => 0);
  const random = mulberry32(o.seed + 104729);
  const theta: Record<SvenMethod, Float64Array> = { sgd: problem.theta0.slice(), adam: problem.theta0.slice(), lbfgs: problem.theta0.slice(), sven: problem.theta0.slice() };
  const traces = Object.fromEntries(SVEN_METHODS.map((m) => [m, { loss: new Float64Array(o.steps + 1), time: new Float64Array(o.steps + 1) }])) as Record<SvenMethod, SvenTrace>;
  const singular = new Float64Array((o.steps + 1) * o.k);
  const r = new Float64Array(n);
  const J = new Float64Array(n * P);
  const grad = new Float64Array(P);
  const update = new Float64Array(P);
  const sgd = createOptimizer('sgd', P);
  const adam = createOptimizer('adam', P);
  const ws = regressionWorkspace(net, n);
  // SGD's minibatches: a seeded permutation per epoch, consumed SVEN_SGD_BATCH at a time.
  const batchRandom = mulberry32(o.seed + 7727);
  const b = Math.min(SVEN_SGD_BATCH, n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let cursor = n;
  const batch: RegressionData = { x: new Float64Array(b * d), y: new Float64Array(b), n: b };
  const drawBatch = () => {
    for (let i = 0; i < b; i++) {
      if (cursor >= n) {
        for (let j = n - 1; j > 0; j--) {
          const q = Math.floor(batchRandom() * (j + 1));
          const t = order[j];
          order[j] = order[q];
          order[q] = t;
        }
        cursor = 0;
      }
      const row = order[cursor++];
      for (let c = 0; c < d; c++) batch.x[i * d + c] = data.x[row * d + c];
      batch.y[i] = data.y[row];
    }
  };
  for (const m of SVEN_METHODS) traces[m].loss[0] = regressionLoss(net, theta[m], data, ws);
  regressionResidualJacobian(net, theta.sven, data, r, J, ws);
  singular.set(randomizedSvd(J, n, P, o.k, random).values, 0);
  // L-BFGS state
  const M = 10;
  const S = new Float64Array(M * P);
  const Yv = new Float64Array(M * P);
  const rho = new Float64Array(M);
  const alpha = new Float64Array(M);
  let stored = 0;
  let newest = -1;
  const gOld = new Float64Array(P);
  const dir = new Float64Array(P);
  const trial = new Float64Array(P);
  let done = 0;
  const dot = (a: Float64Array, ao: number, b: Float64Array, bo: number) => {
    let s = 0;
    for (let p = 0; p < P; p++) s += a[ao + p] * b[bo + p];
    return s;
  };
  const fullGradient = (th: Float64Array, out: Float64Array): number => regressionLossGradient(net, th, data, out, ws);
  const lbfgsStep = () => {
    const th = theta.lbfgs;
    const f0 = fullGradient(th, grad);
    // two-loop recursion: dir = −H grad
    dir.set(grad);
    for (let c = 0; c < stored; c++) {
      const j = (newest - c + M) % M;
      alpha[j] = rho[j] * dot(S, j * P, dir, 0);
      for (let p = 0; p < P; p++) dir[p] -= alpha[j] * Yv[j * P + p];
    }
    const gamma = stored ? dot(S, newest * P, Yv, newest * P) / dot(Yv, newest * P, Yv, newest * P) : 1;
    for (let p = 0; p < P; p++) dir[p] *= gamma;
    for (let c = stored - 1; c >= 0; c--) {
      const j = (newest - c + M) % M;
      const beta = rho[j] * dot(Yv, j * P, dir, 0);
      for (let p = 0; p < P; p++) dir[p] += (alpha[j] - beta) * S[j * P + p];
    }
    for (let p = 0; p < P; p++) dir[p] = -dir[p];
    let slope = dot(grad, 0, dir, 0);
    if (!(slope < 0)) {
      for (let p = 0; p < P; p++) dir[p] = -grad[p];
      slope = -dot(grad, 0, grad, 0);
      stored = 0;
    }
    let t = 1;
    let f = f0;
    for (let it = 0; it < 30; it++) {
      for (let p = 0; p < P; p++) trial[p] = th[p] + t * dir[p];
      f = regressionLoss(net, trial, data, ws);
      if (f <= f0 + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(f < f0)) return;
    gOld.set(grad);
    fullGradient(trial, grad);
    const j = (newest + 1) % M;
    let sy = 0;
    for (let p = 0; p < P; p++) {
      S[j * P + p] = trial[p] - th[p];
      Yv[j * P + p] = grad[p] - gOld[p];
      sy += S[j * P + p] * Yv[j * P + p];
    }
    th.set(trial);
    if (sy > 1e-12) {
      rho[j] = 1 / sy;
      newest = j;
      stored = Math.min(stored + 1, M);
    }
  };
  return {
    problem,
    traces,
    singular,
    get done() {
      return done;
    },
    step() {
      if (done >= o.steps) return false;
      const t = done + 1;
      let t0 = now();
      drawBatch();
      regressionLossGradient(net, theta.sgd, batch, grad, ws);
      sgd.update(theta.sgd, grad, o.lrSgd, update);
      for (let p = 0; p < P; p++) theta.sgd[p] += update[p];
      traces.sgd.time[t] = traces.sgd.time[t - 1] + now() - t0;
      t0 = now();
      fullGradient(theta.adam, grad);
      adam.update(theta.adam, grad, o.lrAdam, update);
      for (let p = 0; p < P; p++) theta.adam[p] += update[p];
      traces.adam.time[t] = traces.adam.time[t - 1] + now() - t0;
      t0 = now();
      lbfgsStep();
      traces.lbfgs.time[t] = traces.lbfgs.time[t - 1] + now() - t0;
      t0 = now();
      regressionResidualJacobian(net, theta.sven, data, r, J, ws);
      const svd = randomizedSvd(J, n, P, o.k, random);
      pseudoinverseApply(svd, r, update, o.rcond ?? 1e-2);
      for (let p = 0; p < P; p++) theta.sven[p] -= o.lrSven * update[p];
      traces.sven.time[t] = traces.sven.time[t - 1] + now() - t0;
      // σ(J) at the iterate the step was taken from (index t−1 holds the initialization's at t = 1).
      if (t >= 1) singular.set(svd.values, (t - 1) * o.k);
      for (const m of SVEN_METHODS) traces[m].loss[t] = regressionLoss(net, theta[m], data, ws);
      done = t;
      if (done === o.steps) {
        regressionResidualJacobian(net, theta.sven, data, r, J, ws);
        singular.set(randomizedSvd(J, n, P, o.k, random).values, done * o.k);
      }
      return true;
    },
  };
}
