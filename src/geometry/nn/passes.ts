/**
 * The passes of the MLP over a chunk of samples (rows [row0, row0 + count) of x), the building
 * blocks of mlp.ts and curvature.ts. Notation of mlp.ts: layer l maps n_l → n_{l+1},
 * z_l = W_l a_{l−1} + b_l, δ_l = ∂L/∂z_l, and R{·} is Pearlmutter's directional derivative along v.
 */
import { activate } from './activations';
import type { Mlp } from './mlpShape';
import type { MlpWorkspace } from './workspace';

/** Forward pass: fills z, act, σ', σ''. */
export function forwardChunk(mlp: Mlp, theta: Float64Array, x: Float64Array, row0: number, count: number, ws: MlpWorkspace): void {
  const { layers, weightOffset, biasOffset } = mlp;
  const L = layers.length - 1;
  for (let l = 0; l < L; l++) {
    const ni = layers[l];
    const no = layers[l + 1];
    const input = l === 0 ? x : ws.act[l - 1];
    ws.products.affineRows(ws.z[l], input, l === 0 ? row0 * ni : 0, theta, weightOffset[l], theta, biasOffset[l], count, ni, no, false);
    if (l < L - 1) activate(mlp.activation, ws.z[l], count * no, ws.act[l], ws.d1[l], ws.d2[l]);
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
  theta: Float64Array,
  v: Float64Array,
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
    const rz = ws.rz[l];
    ws.products.affineRows(rz, input, l === 0 ? row0 * ni : 0, v, weightOffset[l], v, biasOffset[l], count, ni, no, false);
    if (l > 0) ws.products.affineRows(rz, ws.ra[l - 1], 0, theta, weightOffset[l], null, 0, count, ni, no, true);
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
  theta: Float64Array,
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
    ws.products.accumulateOuter(out, weightOffset[l], biasOffset[l], deltas[l], input, l === 0 ? row0 * ni : 0, count, no, ni);
    if (l === 0) break;
    const back = ws.back;
    ws.products.rowsTimesMatrix(back, deltas[l], theta, weightOffset[l], count, no, ni, false);
    const below = deltas[l - 1];
    const d1 = ws.d1[l - 1];
    const m = count * ni;
    for (let t = 0; t < m; t++) below[t] = back[t] * d1[t];
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
  theta: Float64Array,
  v: Float64Array,
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
    const wo = weightOffset[l];
    ws.products.accumulateOuter(out, wo, biasOffset[l], ws.rdelta[l], input, l === 0 ? row0 * ni : 0, count, no, ni);
    if (l === 0) break;
    ws.products.accumulateOuter(out, wo, -1, ws.delta[l], ws.ra[l - 1], 0, count, no, ni);
    const back = ws.back;
    const rback = ws.rback;
    ws.products.rowsTimesMatrix(back, ws.delta[l], theta, wo, count, no, ni, false);
    ws.products.rowsTimesMatrix(rback, ws.rdelta[l], theta, wo, count, no, ni, false);
    ws.products.rowsTimesMatrix(rback, ws.delta[l], v, wo, count, no, ni, true);
    const below = ws.delta[l - 1];
    const rbelow = ws.rdelta[l - 1];
    const d1 = ws.d1[l - 1];
    const d2 = ws.d2[l - 1];
    const rzBelow = ws.rz[l - 1];
    const m = count * ni;
    for (let t = 0; t < m; t++) {
      below[t] = back[t] * d1[t];
      rbelow[t] = rback[t] * d1[t] + back[t] * d2[t] * rzBelow[t];
    }
  }
}
