/**
 * Multilayer perceptron with softmax cross-entropy, in f64: forward, loss, gradient
 * (backprop), logits Jacobian-vector product (forward mode), the exact Hessian-vector
 * product by Pearlmutter's R-operator (forward-over-reverse; Pearlmutter 1994, "Fast
 * exact multiplication by the Hessian", Neural Computation 6) and the Gauss-Newton
 * product G v = Jᵀ H_ℓ J v (Schraudolph 2002).
 *
 * Model. Layer sizes [n₀ = d_in, n₁, …, n_L = k]; for l = 1…L
 *   z_l = W_l a_{l−1} + b_l,  a_l = σ(z_l) (l < L),  a₀ = x,  logits z_L.
 * Loss (what the export calls `loss`):
 *   L(θ) = (1/N) Σᵢ [ logsumexp(z_L(xᵢ)) − z_L(xᵢ)_{yᵢ} ] + (weightDecay/2) ‖θ‖².
 *
 * Parameter layout (the export format, docs/formats.md): θ is one Float64Array holding,
 * for each layer in order, W_l (n_l rows = outputs, n_{l−1} columns, row-major) then b_l.
 * This is PyTorch's nn.Linear (weight, bias) order, so `torch.cat([W.flatten(), b])` per
 * layer reproduces it.
 *
 * Curvature conventions:
 *   H v  = ∇²L(θ) v, including weightDecay·v;
 *   G v  = (1/N) Σᵢ Jᵢᵀ (diag pᵢ − pᵢpᵢᵀ) Jᵢ v + weightDecay·v, where Jᵢ = ∂z_L(xᵢ)/∂θ;
 *   so H − G = (1/N) Σᵢ Σ_c (pᵢ − e_{yᵢ})_c ∇²_θ z_{L,c}(xᵢ), the part that vanishes at a perfect fit.
 *
 * All products are batched over the samples in chunks of the workspace's capacity, with
 * preallocated typed arrays; nothing is allocated inside the loops.
 */
import { type Activation, ACTIVATIONS } from './activations';
import type { ClassificationData } from './data';
import { backwardChunk, crossEntropyChunk, forwardChunk, logitCurvatureChunk, rBackwardChunk, rForwardChunk } from './passes';
import { MlpWorkspace } from './workspace';
import type { Mlp } from './mlpShape';

export { MlpWorkspace } from './workspace';
export type { Mlp } from './mlpShape';
export { backwardChunk, crossEntropyChunk, forwardChunk, logitCurvatureChunk, rBackwardChunk, rForwardChunk } from './passes';

/** Inputs an MLP evaluation needs: rows of x (n × layers[0]) and, for losses, labels. */
export type Inputs = Pick<ClassificationData, 'x' | 'n'>;

export function createMlp(layers: readonly number[], activation: Activation): Mlp {
  return layoutMlp(layers, activation, 2, 'softmax needs at least 2 classes', 'classes');
}

/**
 * The layout behind `createMlp` and `createRegressionMlp` (./regression.ts): checks the sizes (the last ≥ `minOutputs`,
 * else `why`) and the activation, and places each layer's W_l then b_l in θ.
 */
export function layoutMlp(layers: readonly number[], activation: Activation, minOutputs: number, why: string, outputs = 'outputs'): Mlp {
  if (!Array.isArray(layers) || layers.length < 2) {
    throw new Error(`MLP layers ${JSON.stringify(layers)} must list at least [d_in, ${outputs}]`);
  }
  for (const [i, n] of layers.entries()) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`MLP layer size layers[${i}] = ${n}; expected a positive integer`);
  }
  if (layers[layers.length - 1] < minOutputs) throw new Error(`MLP output size ${layers[layers.length - 1]}; ${why}`);
  if (!ACTIVATIONS.includes(activation)) throw new Error(`unknown activation "${activation}"; expected one of ${ACTIVATIONS.join(', ')}`);
  const linear = layers.length - 1;
  const weightOffset = new Int32Array(linear);
  const biasOffset = new Int32Array(linear);
  let offset = 0;
  for (let l = 0; l < linear; l++) {
    weightOffset[l] = offset;
    offset += layers[l] * layers[l + 1];
    biasOffset[l] = offset;
    offset += layers[l + 1];
  }
  return { layers: [...layers], activation, paramCount: offset, weightOffset, biasOffset };
}

/** P for layer sizes `layers`. */
export function parameterCount(layers: readonly number[]): number {
  let p = 0;
  for (let l = 0; l + 1 < layers.length; l++) p += layers[l + 1] * (layers[l] + 1);
  return p;
}

const DEFAULT_CHUNK = 256;

function workspaceFor(mlp: Mlp, n: number, ws?: MlpWorkspace): MlpWorkspace {
  if (ws) {
    if (ws.mlp.layers.length !== mlp.layers.length || ws.mlp.layers.some((s, i) => s !== mlp.layers[i])) {
      throw new Error(`workspace was made for layers [${ws.mlp.layers}] but the MLP has [${mlp.layers}]`);
    }
    return ws;
  }
  return new MlpWorkspace(mlp, Math.min(n, DEFAULT_CHUNK));
}

function checkVector(name: string, v: ArrayLike<number>, mlp: Mlp): void {
  if (v.length !== mlp.paramCount) throw new Error(`${name} has ${v.length} entries but the MLP has P = ${mlp.paramCount} parameters`);
}

/** The passes index typed arrays only (monomorphic, fast); other array-likes are copied once. */
function asFloat64(v: ArrayLike<number>): Float64Array {
  return v instanceof Float64Array ? v : Float64Array.from(v);
}

function checkInputs(mlp: Mlp, data: Inputs): void {
  const d = mlp.layers[0];
  if (data.x.length !== data.n * d) throw new Error(`inputs x have ${data.x.length} entries but n×d_in = ${data.n}×${d} needs ${data.n * d}`);
}

// ---------------------------------------------------------------- public API

/** Logits z_L for every row of `data.x`: an n × k row-major array. */
export function mlpLogits(mlp: Mlp, theta: ArrayLike<number>, data: Inputs, ws?: MlpWorkspace): Float64Array {
  checkVector('θ', theta, mlp);
  const th = asFloat64(theta);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  const k = mlp.layers[mlp.layers.length - 1];
  const out = new Float64Array(data.n * k);
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, th, data.x, row0, count, w);
    out.set(w.z[w.z.length - 1].subarray(0, count * k), row0 * k);
  }
  return out;
}

function squaredNorm(theta: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += theta[i] * theta[i];
  return s;
}

/** L(θ) = mean cross-entropy + weightDecay/2·‖θ‖². */
export function mlpLoss(mlp: Mlp, theta: ArrayLike<number>, data: ClassificationData, weightDecay = 0, ws?: MlpWorkspace): number {
  checkVector('θ', theta, mlp);
  const th = asFloat64(theta);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  let total = 0;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, th, data.x, row0, count, w);
    total += crossEntropyChunk(mlp, data.y, row0, count, w, 1 / data.n);
  }
  return total / data.n + 0.5 * weightDecay * squaredNorm(theta);
}

/** Writes ∇L(θ) into `grad` (overwritten) and returns L(θ). */
export function mlpLossGradient(
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  grad: Float64Array,
  ws?: MlpWorkspace,
): number {
  checkVector('θ', theta, mlp);
  const th = asFloat64(theta);
  checkVector('gradient output', grad, mlp);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  grad.fill(0);
  let total = 0;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, th, data.x, row0, count, w);
    total += crossEntropyChunk(mlp, data.y, row0, count, w, 1 / data.n);
    backwardChunk(mlp, th, data.x, row0, count, w, grad);
  }
  for (let i = 0; i < grad.length; i++) grad[i] += weightDecay * theta[i];
  return total / data.n + 0.5 * weightDecay * squaredNorm(theta);
}

/**
 * Forward-mode Jacobian-vector product of the logits: slopes[i·k + c] = ∇_θ z_c(xᵢ) · v
 * (the logit slopes a_c along direction v). Optionally also writes the logits.
 */
export function mlpLogitsJvp(
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: Inputs,
  v: ArrayLike<number>,
  slopes: Float64Array,
  logits?: Float64Array,
  ws?: MlpWorkspace,
): void {
  checkVector('θ', theta, mlp);
  const th = asFloat64(theta);
  checkVector('direction v', v, mlp);
  const vv = asFloat64(v);
  checkInputs(mlp, data);
  const k = mlp.layers[mlp.layers.length - 1];
  if (slopes.length !== data.n * k) throw new Error(`slopes output has ${slopes.length} entries but n×k = ${data.n}×${k} needs ${data.n * k}`);
  if (logits && logits.length !== data.n * k) throw new Error(`logits output has ${logits.length} entries but n×k needs ${data.n * k}`);
  const w = workspaceFor(mlp, data.n, ws);
  const top = mlp.layers.length - 2;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, th, data.x, row0, count, w);
    rForwardChunk(mlp, th, vv, data.x, row0, count, w);
    slopes.set(w.rz[top].subarray(0, count * k), row0 * k);
    if (logits) logits.set(w.z[top].subarray(0, count * k), row0 * k);
  }
}

/** Exact H v = ∇²L(θ) v by the R-operator, written into `out` (overwritten). */
export function mlpHessianVector(
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  v: ArrayLike<number>,
  out: Float64Array,
  ws?: MlpWorkspace,
): void {
  curvatureVector('hessian', mlp, theta, data, weightDecay, v, out, ws);
}

/** Gauss-Newton product G v = (1/N) Σᵢ Jᵢᵀ (diag pᵢ − pᵢpᵢᵀ) Jᵢ v + weightDecay·v, written into `out`. */
export function mlpGaussNewtonVector(
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  v: ArrayLike<number>,
  out: Float64Array,
  ws?: MlpWorkspace,
): void {
  curvatureVector('gaussNewton', mlp, theta, data, weightDecay, v, out, ws);
}

/**
 * The shared pass of H v and G v: forward, loss, R-forward and the logit curvature are the same;
 * H v back-propagates with the R-operator (second-order terms of the hidden layers included),
 * G v back-propagates the logit curvature through the plain backward pass (J-transpose only).
 */
function curvatureVector(
  kind: 'hessian' | 'gaussNewton',
  mlp: Mlp,
  theta: ArrayLike<number>,
  data: ClassificationData,
  weightDecay: number,
  v: ArrayLike<number>,
  out: Float64Array,
  ws?: MlpWorkspace,
): void {
  checkVector('θ', theta, mlp);
  const th = asFloat64(theta);
  checkVector('direction v', v, mlp);
  const vv = asFloat64(v);
  checkVector('output', out, mlp);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  const top = mlp.layers.length - 2;
  const scale = 1 / data.n;
  out.fill(0);
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, th, data.x, row0, count, w);
    crossEntropyChunk(mlp, data.y, row0, count, w, scale);
    rForwardChunk(mlp, th, vv, data.x, row0, count, w);
    logitCurvatureChunk(mlp, count, w, scale, w.rdelta[top]);
    if (kind === 'hessian') rBackwardChunk(mlp, th, vv, data.x, row0, count, w, out);
    else backwardChunk(mlp, th, data.x, row0, count, w, out, w.rdelta);
  }
  for (let i = 0; i < out.length; i++) out[i] += weightDecay * vv[i];
}

/** Fraction of rows whose arg-max logit is the label. */
export function mlpAccuracy(mlp: Mlp, theta: ArrayLike<number>, data: ClassificationData, ws?: MlpWorkspace): number {
  const logits = mlpLogits(mlp, theta, data, ws);
  const k = mlp.layers[mlp.layers.length - 1];
  let right = 0;
  for (let i = 0; i < data.n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (logits[i * k + c] > logits[i * k + best]) best = c;
    if (best === data.y[i]) right++;
  }
  return right / data.n;
}
