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
import { activate, type Activation, ACTIVATIONS } from './activations';
import type { ClassificationData } from './data';

export interface Mlp {
  /** [d_in, hidden…, classes]. */
  readonly layers: readonly number[];
  readonly activation: Activation;
  /** Number of parameters P = Σ_l n_l (n_{l−1} + 1). */
  readonly paramCount: number;
  /** Offset of W_l in θ, for linear layer l = 0…L−1 (mapping n_l → n_{l+1}). */
  readonly weightOffset: Int32Array;
  /** Offset of b_l in θ. */
  readonly biasOffset: Int32Array;
}

/** Inputs an MLP evaluation needs: rows of x (n × layers[0]) and, for losses, labels. */
export type Inputs = Pick<ClassificationData, 'x' | 'n'>;

export function createMlp(layers: readonly number[], activation: Activation): Mlp {
  if (!Array.isArray(layers) || layers.length < 2) {
    throw new Error(`MLP layers ${JSON.stringify(layers)} must list at least [d_in, classes]`);
  }
  for (const [i, n] of layers.entries()) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`MLP layer size layers[${i}] = ${n}; expected a positive integer`);
  }
  if (layers[layers.length - 1] < 2) throw new Error(`MLP output size ${layers[layers.length - 1]}; softmax needs at least 2 classes`);
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

/** Preallocated buffers for a chunk of up to `capacity` samples. */
export class MlpWorkspace {
  readonly capacity: number;
  /** Pre-activations z per linear layer (capacity × n_{l+1}); the last is the logits. */
  readonly z: Float64Array[];
  /** Activations σ(z), σ'(z), σ''(z) per hidden layer. */
  readonly act: Float64Array[];
  readonly d1: Float64Array[];
  readonly d2: Float64Array[];
  /** R{z} and R{a} (directional derivatives along v) per layer. */
  readonly rz: Float64Array[];
  readonly ra: Float64Array[];
  /** ∂L/∂z per layer and its R-derivative. */
  readonly delta: Float64Array[];
  readonly rdelta: Float64Array[];
  /** Softmax probabilities (capacity × k). */
  readonly prob: Float64Array;
  /** δW scratch (capacity × widest layer). */
  readonly back: Float64Array;
  readonly rback: Float64Array;

  constructor(readonly mlp: Mlp, capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`workspace capacity ${capacity}; expected a positive integer`);
    this.capacity = capacity;
    const L = mlp.layers.length - 1;
    const sized = (l: number) => new Float64Array(capacity * mlp.layers[l + 1]);
    this.z = Array.from({ length: L }, (_, l) => sized(l));
    this.rz = Array.from({ length: L }, (_, l) => sized(l));
    this.delta = Array.from({ length: L }, (_, l) => sized(l));
    this.rdelta = Array.from({ length: L }, (_, l) => sized(l));
    this.act = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.d1 = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.d2 = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.ra = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.prob = new Float64Array(capacity * mlp.layers[L]);
    const widest = Math.max(...mlp.layers);
    this.back = new Float64Array(capacity * widest);
    this.rback = new Float64Array(capacity * widest);
  }
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

function checkInputs(mlp: Mlp, data: Inputs): void {
  const d = mlp.layers[0];
  if (data.x.length !== data.n * d) throw new Error(`inputs x have ${data.x.length} entries but n×d_in = ${data.n}×${d} needs ${data.n * d}`);
}

// ---------------------------------------------------------------- chunk kernels

/** Forward pass over rows [row0, row0 + count): fills z, act, d1, d2. */
export function forwardChunk(mlp: Mlp, theta: ArrayLike<number>, x: Float64Array, row0: number, count: number, ws: MlpWorkspace): void {
  const { layers, weightOffset, biasOffset } = mlp;
  const L = layers.length - 1;
  for (let l = 0; l < L; l++) {
    const ni = layers[l];
    const no = layers[l + 1];
    const input = l === 0 ? x : ws.act[l - 1];
    const inBase = l === 0 ? row0 * ni : 0;
    const wo = weightOffset[l];
    const bo = biasOffset[l];
    const z = ws.z[l];
    for (let i = 0; i < count; i++) {
      const ii = inBase + i * ni;
      for (let o = 0; o < no; o++) {
        let s = theta[bo + o];
        const w = wo + o * ni;
        for (let j = 0; j < ni; j++) s += input[ii + j] * theta[w + j];
        z[i * no + o] = s;
      }
    }
    if (l < L - 1) activate(mlp.activation, z, count * no, ws.act[l], ws.d1[l], ws.d2[l]);
  }
}

/**
 * Softmax cross-entropy on the logits of the chunk: returns Σᵢ ℓᵢ, writes p into ws.prob
 * and ∂L/∂z_L = scale·(p − e_y) into the top delta (scale = 1/N for a mean over N samples).
 */
export function crossEntropyChunk(mlp: Mlp, y: Int32Array, row0: number, count: number, ws: MlpWorkspace, scale: number): number {
  const L = mlp.layers.length - 1;
  const k = mlp.layers[L];
  const z = ws.z[L - 1];
  const p = ws.prob;
  const delta = ws.delta[L - 1];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const o = i * k;
    let m = -Infinity;
    for (let c = 0; c < k; c++) if (z[o + c] > m) m = z[o + c];
    let s = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(z[o + c] - m);
      p[o + c] = e;
      s += e;
    }
    const label = y[row0 + i];
    total += m + Math.log(s) - z[o + label];
    const inv = 1 / s;
    for (let c = 0; c < k; c++) {
      p[o + c] *= inv;
      delta[o + c] = scale * p[o + c];
    }
    delta[o + label] -= scale;
  }
  return total;
}

/** R-forward: R{z_l} = V_l a_{l−1} + c_l + W_l R{a_{l−1}}, R{a_l} = σ'(z_l) ⊙ R{z_l}. Needs forwardChunk first. */
export function rForwardChunk(
  mlp: Mlp,
  theta: ArrayLike<number>,
  v: ArrayLike<number>,
  x: Float64Array,
  row0: number,
  count: number,
  ws: MlpWorkspace,
): void {
  const { layers, weightOffset, biasOffset } = mlp;
  const L = layers.length - 1;
  for (let l = 0; l < L; l++) {
    const ni = layers[l];
    const no = layers[l + 1];
    const input = l === 0 ? x : ws.act[l - 1];
    const inBase = l === 0 ? row0 * ni : 0;
    const rin = l === 0 ? null : ws.ra[l - 1];
    const wo = weightOffset[l];
    const bo = biasOffset[l];
    const rz = ws.rz[l];
    for (let i = 0; i < count; i++) {
      const ii = inBase + i * ni;
      const ri = i * ni;
      for (let o = 0; o < no; o++) {
        let s = v[bo + o];
        const w = wo + o * ni;
        for (let j = 0; j < ni; j++) s += input[ii + j] * v[w + j];
        if (rin) for (let j = 0; j < ni; j++) s += rin[ri + j] * theta[w + j];
        rz[i * no + o] = s;
      }
    }
    if (l < L - 1) {
      const ra = ws.ra[l];
      const d1 = ws.d1[l];
      const m = count * no;
      for (let t = 0; t < m; t++) ra[t] = d1[t] * rz[t];
    }
  }
}

/** Writes scale·(diag p − ppᵀ) R{z_L} into `target` (capacity × k): the softmax cross-entropy Hessian applied to the logit slopes. */
export function logitCurvatureChunk(mlp: Mlp, count: number, ws: MlpWorkspace, scale: number, target: Float64Array): void {
  const L = mlp.layers.length - 1;
  const k = mlp.layers[L];
  const p = ws.prob;
  const rz = ws.rz[L - 1];
  for (let i = 0; i < count; i++) {
    const o = i * k;
    let mean = 0;
    for (let c = 0; c < k; c++) mean += p[o + c] * rz[o + c];
    for (let c = 0; c < k; c++) target[o + c] = scale * p[o + c] * (rz[o + c] - mean);
  }
}

/**
 * Plain backprop of `deltas[L−1]` (ws.delta by default) down the network, accumulating ∂/∂θ into
 * `out`; overwrites the lower entries of `deltas`. The Gauss-Newton product passes ws.rdelta so the
 * cached ∂L/∂z of a curvature operator survive.
 */
export function backwardChunk(
  mlp: Mlp,
  theta: ArrayLike<number>,
  x: Float64Array,
  row0: number,
  count: number,
  ws: MlpWorkspace,
  out: Float64Array,
  deltas: Float64Array[] = ws.delta,
): void {
  const { layers, weightOffset, biasOffset } = mlp;
  const L = layers.length - 1;
  for (let l = L - 1; l >= 0; l--) {
    const ni = layers[l];
    const no = layers[l + 1];
    const input = l === 0 ? x : ws.act[l - 1];
    const inBase = l === 0 ? row0 * ni : 0;
    const wo = weightOffset[l];
    const bo = biasOffset[l];
    const delta = deltas[l];
    for (let i = 0; i < count; i++) {
      const ii = inBase + i * ni;
      for (let o = 0; o < no; o++) {
        const dio = delta[i * no + o];
        if (dio === 0) continue;
        out[bo + o] += dio;
        const w = wo + o * ni;
        for (let j = 0; j < ni; j++) out[w + j] += dio * input[ii + j];
      }
    }
    if (l === 0) break;
    const back = ws.back;
    const below = deltas[l - 1];
    const d1 = ws.d1[l - 1];
    for (let i = 0; i < count; i++) {
      const bi = i * ni;
      for (let j = 0; j < ni; j++) back[bi + j] = 0;
      for (let o = 0; o < no; o++) {
        const dio = delta[i * no + o];
        if (dio === 0) continue;
        const w = wo + o * ni;
        for (let j = 0; j < ni; j++) back[bi + j] += dio * theta[w + j];
      }
      for (let j = 0; j < ni; j++) below[bi + j] = back[bi + j] * d1[bi + j];
    }
  }
}

/**
 * R-backward: given δ_L (from crossEntropyChunk) and R{δ_L} in ws.rdelta[L−1], accumulates
 * R{∇_θ L} = H v (data part) into `out`:
 *   R{∂L/∂W_l} = R{δ_l} a_{l−1}ᵀ + δ_l R{a_{l−1}}ᵀ,  R{∂L/∂b_l} = R{δ_l},
 *   R{δ_{l−1}} = σ'(z) ⊙ (W_lᵀ R{δ_l} + V_lᵀ δ_l) + σ''(z) ⊙ R{z} ⊙ (W_lᵀ δ_l).
 */
export function rBackwardChunk(
  mlp: Mlp,
  theta: ArrayLike<number>,
  v: ArrayLike<number>,
  x: Float64Array,
  row0: number,
  count: number,
  ws: MlpWorkspace,
  out: Float64Array,
): void {
  const { layers, weightOffset, biasOffset } = mlp;
  const L = layers.length - 1;
  for (let l = L - 1; l >= 0; l--) {
    const ni = layers[l];
    const no = layers[l + 1];
    const input = l === 0 ? x : ws.act[l - 1];
    const inBase = l === 0 ? row0 * ni : 0;
    const rin = l === 0 ? null : ws.ra[l - 1];
    const wo = weightOffset[l];
    const bo = biasOffset[l];
    const delta = ws.delta[l];
    const rdelta = ws.rdelta[l];
    for (let i = 0; i < count; i++) {
      const ii = inBase + i * ni;
      const ri = i * ni;
      for (let o = 0; o < no; o++) {
        const rd = rdelta[i * no + o];
        const d = delta[i * no + o];
        out[bo + o] += rd;
        const w = wo + o * ni;
        for (let j = 0; j < ni; j++) out[w + j] += rd * input[ii + j];
        if (rin && d !== 0) for (let j = 0; j < ni; j++) out[w + j] += d * rin[ri + j];
      }
    }
    if (l === 0) break;
    const back = ws.back;
    const rback = ws.rback;
    const below = ws.delta[l - 1];
    const rbelow = ws.rdelta[l - 1];
    const d1 = ws.d1[l - 1];
    const d2 = ws.d2[l - 1];
    const rzBelow = ws.rz[l - 1];
    for (let i = 0; i < count; i++) {
      const bi = i * ni;
      for (let j = 0; j < ni; j++) {
        back[bi + j] = 0;
        rback[bi + j] = 0;
      }
      for (let o = 0; o < no; o++) {
        const d = delta[i * no + o];
        const rd = rdelta[i * no + o];
        const w = wo + o * ni;
        for (let j = 0; j < ni; j++) {
          back[bi + j] += d * theta[w + j];
          rback[bi + j] += rd * theta[w + j] + d * v[w + j];
        }
      }
      for (let j = 0; j < ni; j++) {
        const t = bi + j;
        below[t] = back[t] * d1[t];
        rbelow[t] = rback[t] * d1[t] + back[t] * d2[t] * rzBelow[t];
      }
    }
  }
}

// ---------------------------------------------------------------- public API

/** Logits z_L for every row of `data.x`: an n × k row-major array. */
export function mlpLogits(mlp: Mlp, theta: ArrayLike<number>, data: Inputs, ws?: MlpWorkspace): Float64Array {
  checkVector('θ', theta, mlp);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  const k = mlp.layers[mlp.layers.length - 1];
  const out = new Float64Array(data.n * k);
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, theta, data.x, row0, count, w);
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
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  let total = 0;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, theta, data.x, row0, count, w);
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
  checkVector('gradient output', grad, mlp);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  grad.fill(0);
  let total = 0;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, theta, data.x, row0, count, w);
    total += crossEntropyChunk(mlp, data.y, row0, count, w, 1 / data.n);
    backwardChunk(mlp, theta, data.x, row0, count, w, grad);
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
  checkVector('direction v', v, mlp);
  checkInputs(mlp, data);
  const k = mlp.layers[mlp.layers.length - 1];
  if (slopes.length !== data.n * k) throw new Error(`slopes output has ${slopes.length} entries but n×k = ${data.n}×${k} needs ${data.n * k}`);
  if (logits && logits.length !== data.n * k) throw new Error(`logits output has ${logits.length} entries but n×k needs ${data.n * k}`);
  const w = workspaceFor(mlp, data.n, ws);
  const top = mlp.layers.length - 2;
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, theta, data.x, row0, count, w);
    rForwardChunk(mlp, theta, v, data.x, row0, count, w);
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
  checkVector('θ', theta, mlp);
  checkVector('direction v', v, mlp);
  checkVector('output', out, mlp);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  const top = mlp.layers.length - 2;
  const scale = 1 / data.n;
  out.fill(0);
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, theta, data.x, row0, count, w);
    crossEntropyChunk(mlp, data.y, row0, count, w, scale);
    rForwardChunk(mlp, theta, v, data.x, row0, count, w);
    logitCurvatureChunk(mlp, count, w, scale, w.rdelta[top]);
    rBackwardChunk(mlp, theta, v, data.x, row0, count, w, out);
  }
  for (let i = 0; i < out.length; i++) out[i] += weightDecay * v[i];
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
  checkVector('θ', theta, mlp);
  checkVector('direction v', v, mlp);
  checkVector('output', out, mlp);
  checkInputs(mlp, data);
  const w = workspaceFor(mlp, data.n, ws);
  const top = mlp.layers.length - 2;
  const scale = 1 / data.n;
  out.fill(0);
  for (let row0 = 0; row0 < data.n; row0 += w.capacity) {
    const count = Math.min(w.capacity, data.n - row0);
    forwardChunk(mlp, theta, data.x, row0, count, w);
    crossEntropyChunk(mlp, data.y, row0, count, w, scale);
    rForwardChunk(mlp, theta, v, data.x, row0, count, w);
    logitCurvatureChunk(mlp, count, w, scale, w.rdelta[top]);
    backwardChunk(mlp, theta, data.x, row0, count, w, out, w.rdelta);
  }
  for (let i = 0; i < out.length; i++) out[i] += weightDecay * v[i];
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
