/**
 * The squared-loss (regression) head of the shared MLP core: the same layers, layout and passes as mlp.ts, with
 * the top layer's outputs f(x; θ) ∈ ℝ^k read as predictions instead of logits.
 *
 *   residuals  r_{i,c} = f_c(x_i; θ) − y_{i,c}                 (n·k, row i·k + c)
 *   Jacobian   J_{(i,c), p} = ∂r_{i,c}/∂θ_p = ∂f_c(x_i)/∂θ_p     ((n·k) × P, row-major)
 *   loss       L(θ) = (1/2n) Σ_{i,c} r_{i,c}²,   ∇L = (1/n) Jᵀ r.
 *
 * Each row of J is one exact reverse-mode pass (backwardChunk seeded with e_c at sample i): a vector–Jacobian
 * product, so J costs n·k backward passes; J v for any v is the forward-mode mlpLogitsJvp of the same network
 * (the unit tests check one against the other and J against finite differences).
 */
import type { Activation } from './activations';
import { layoutMlp } from './mlp';
import type { Mlp } from './mlpShape';
import { backwardChunk, forwardChunk } from './passes';
import { MlpWorkspace } from './workspace';

/** Inputs and targets of a regression: x (n × d_in) and y (n × k), row-major. */
export interface RegressionData {
  x: Float64Array;
  y: Float64Array;
  n: number;
}

/** An MLP [d_in, hidden…, k] with k ≥ 1 linear outputs (createMlp asks for k ≥ 2 softmax classes). */
export function createRegressionMlp(layers: readonly number[], activation: Activation): Mlp {
  return layoutMlp(layers, activation, 1, 'a regression needs at least 1 output');
}

function check(mlp: Mlp, theta: ArrayLike<number>, data: RegressionData): number {
  const k = mlp.layers[mlp.layers.length - 1];
  if (theta.length !== mlp.paramCount) throw new Error(`θ has ${theta.length} entries but the MLP has P = ${mlp.paramCount} parameters`);
  if (data.x.length !== data.n * mlp.layers[0]) throw new Error(`inputs x have ${data.x.length} entries but n×d_in = ${data.n}×${mlp.layers[0]} needs ${data.n * mlp.layers[0]}`);
  if (data.y.length !== data.n * k) throw new Error(`targets y have ${data.y.length} entries but n×k = ${data.n}×${k} needs ${data.n * k}`);
  return k;
}

const asFloat64 = (v: ArrayLike<number>): Float64Array => (v instanceof Float64Array ? v : Float64Array.from(v));

/** A workspace for one sample at a time (the Jacobian) or chunks of up to 256. */
export function regressionWorkspace(mlp: Mlp, n: number): MlpWorkspace {
  return new MlpWorkspace(mlp, Math.max(1, Math.min(n, 256)));
}

/** Writes r (n·k) and, if `J` is given, the residual Jacobian J ((n·k) × P, overwritten). */
export function regressionResidualJacobian(mlp: Mlp, theta: ArrayLike<number>, data: RegressionData, r: Float64Array, J?: Float64Array, ws?: MlpWorkspace): void {
  const k = check(mlp, theta, data);
  const th = asFloat64(theta);
  const P = mlp.paramCount;
  const rows = data.n * k;
  if (r.length !== rows) throw new Error(`residual output has ${r.length} entries but n×k = ${rows}`);
  if (J && J.length !== rows * P) throw new Error(`Jacobian output has ${J.length} entries but (n·k)×P = ${rows}×${P} needs ${rows * P}`);
  const w = ws ?? regressionWorkspace(mlp, data.n);
  const top = mlp.layers.length - 2;
  if (!J) {
    for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
      const count = Math.min(w.capacity, data.n - row0);
      forwardChunk(mlp, th, data.x, row0, count, w);
      const z = w.z[top];
      for (let t = 0; t < count * k; t++) r[row0 * k + t] = z[t] - data.y[row0 * k + t];
    }
    return;
  }
  J.fill(0);
  const delta = w.delta[top];
  for (let i = 0; i < data.n; i++) {
    forwardChunk(mlp, th, data.x, i, 1, w);
    for (let c = 0; c < k; c++) {
      r[i * k + c] = w.z[top][c] - data.y[i * k + c];
      delta.fill(0, 0, k);
      delta[c] = 1;
      const row = (i * k + c) * P;
      backwardChunk(mlp, th, data.x, i, 1, w, J.subarray(row, row + P));
    }
  }
}

/** L(θ) = (1/2n) Σ r². */
export function regressionLoss(mlp: Mlp, theta: ArrayLike<number>, data: RegressionData, ws?: MlpWorkspace): number {
  const k = mlp.layers[mlp.layers.length - 1];
  const r = new Float64Array(data.n * k);
  regressionResidualJacobian(mlp, theta, data, r, undefined, ws);
  let s = 0;
  for (let t = 0; t < r.length; t++) s += r[t] * r[t];
  return s / (2 * data.n);
}

/** Writes ∇L = (1/n) Jᵀ r into `grad` (overwritten) by one backward pass per chunk; returns L(θ). */
export function regressionLossGradient(mlp: Mlp, theta: ArrayLike<number>, data: RegressionData, grad: Float64Array, ws?: MlpWorkspace): number {
  const k = check(mlp, theta, data);
  const th = asFloat64(theta);
  if (grad.length !== mlp.paramCount) throw new Error(`gradient output has ${grad.length} entries but the MLP has P = ${mlp.paramCount} parameters`);
  const w = ws ?? regressionWorkspace(mlp, data.n);
  const top = mlp.layers.length - 2;
  grad.fill(0);
  let s = 0;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, th, data.x, row0, count, w);
    const z = w.z[top];
    const delta = w.delta[top];
    for (let t = 0; t < count * k; t++) {
      const res = z[t] - data.y[row0 * k + t];
      s += res * res;
      delta[t] = res / data.n;
    }
    backwardChunk(mlp, th, data.x, row0, count, w, grad);
  }
  return s / (2 * data.n);
}
