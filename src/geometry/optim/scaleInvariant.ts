/**
 * Scale-invariant losses L(w) = ℓ(w/‖w‖) for the AdamP chapter (Heo et al., ICLR 2021).
 * For any such loss L(cw) = L(w) (c > 0), so ⟨∇L(w), w⟩ = 0 and ∇L(cw) = ∇L(w)/c.
 *
 * - `toyLoss`: w ∈ ℝ³, ℓ(u) = ½ uᵀ diag(a) u, minimized on the sphere at ±e₁ when a₁ is the
 *   smallest; ∇L(w) = (diag(a) u − (uᵀ diag(a) u) u)/‖w‖.
 * - `weightNormClassifier`: x ∈ ℝ^d → z_j = γ ⟨W_j, x⟩/‖W_j‖ (weight-normalized first layer, fixed gain γ),
 *   h = tanh(z), logits V h + c, mean cross-entropy over the batch. Only W is scale-invariant (per row);
 *   V and c are ordinary parameters. Parameters are packed [W (H×d) | V (K×H) | c (K)].
 */
import { gaussian, type Random } from '../random';
import type { ParamBlock } from './adamp';

/** ℓ(w/‖w‖) and its gradient for the 3-D toy; `grad` (length 3) is overwritten. */
export function toyLoss(w: ArrayLike<number>, a: ArrayLike<number>, grad?: Float64Array): number {
  const norm = Math.hypot(w[0], w[1], w[2]);
  const u = [w[0] / norm, w[1] / norm, w[2] / norm];
  const q = 0.5 * (a[0] * u[0] ** 2 + a[1] * u[1] ** 2 + a[2] * u[2] ** 2);
  if (grad) for (let i = 0; i < 3; i++) grad[i] = (a[i] * u[i] - 2 * q * u[i]) / norm;
  return q;
}

export interface MixtureData {
  /** N×d row-major inputs. */
  x: Float64Array;
  labels: Int32Array;
  samples: number;
  dimension: number;
  classes: number;
}

/** K Gaussian classes in ℝ^d: centers separation·N(0, I)/√d, unit-variance noise. */
export function gaussianMixture(samples: number, dimension: number, classes: number, separation: number, random: Random): MixtureData {
  const centers = Float64Array.from({ length: classes * dimension }, () => (separation * gaussian(random)) / Math.sqrt(dimension));
  const x = new Float64Array(samples * dimension);
  const labels = new Int32Array(samples);
  for (let s = 0; s < samples; s++) {
    const k = s % classes;
    labels[s] = k;
    for (let i = 0; i < dimension; i++) x[s * dimension + i] = centers[k * dimension + i] + gaussian(random);
  }
  return { x, labels, samples, dimension, classes };
}

export interface ClassifierShape {
  dimension: number;
  hidden: number;
  classes: number;
  /** Gain γ of the normalized layer. */
  gain: number;
}

export function classifierBlocks(s: ClassifierShape): ParamBlock[] {
  const w = s.hidden * s.dimension;
  const v = s.classes * s.hidden;
  return [
    { offset: 0, rows: s.hidden, cols: s.dimension, matrix: true },
    { offset: w, rows: s.classes, cols: s.hidden, matrix: true },
    { offset: w + v, rows: 1, cols: s.classes, matrix: false },
  ];
}

export function classifierSize(s: ClassifierShape): number {
  return s.hidden * s.dimension + s.classes * s.hidden + s.classes;
}

/** Seeded parameters: W rows N(0, I) scaled to norm `weightNorm`, V ~ N(0, 1/H), c = 0. */
export function classifierInit(s: ClassifierShape, weightNorm: number, random: Random): Float64Array {
  const theta = new Float64Array(classifierSize(s));
  for (let j = 0; j < s.hidden; j++) {
    let n = 0;
    for (let i = 0; i < s.dimension; i++) n += (theta[j * s.dimension + i] = gaussian(random)) ** 2;
    const scale = weightNorm / Math.sqrt(n);
    for (let i = 0; i < s.dimension; i++) theta[j * s.dimension + i] *= scale;
  }
  const w = s.hidden * s.dimension;
  for (let i = 0; i < s.classes * s.hidden; i++) theta[w + i] = gaussian(random) / Math.sqrt(s.hidden);
  return theta;
}

/** Mean cross-entropy and training accuracy; the gradient into `grad` when given. */
export function classifierLoss(theta: Float64Array, s: ClassifierShape, data: MixtureData, grad?: Float64Array): { loss: number; accuracy: number } {
  const { dimension: d, hidden: H, classes: K, gain } = s;
  const wSize = H * d;
  const vOff = wSize;
  const cOff = wSize + K * H;
  const norms = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let n = 0;
    for (let i = 0; i < d; i++) n += theta[j * d + i] ** 2;
    norms[j] = Math.sqrt(n);
  }
  if (grad) grad.fill(0);
  const h = new Float64Array(H);
  const p = new Float64Array(K);
  const dh = new Float64Array(H);
  const du = new Float64Array(wSize); // ∂L/∂u_j (u_j = W_j/‖W_j‖), accumulated
  let loss = 0;
  let correct = 0;
  const N = data.samples;
  for (let s2 = 0; s2 < N; s2++) {
    const x = data.x.subarray(s2 * d, s2 * d + d);
    for (let j = 0; j < H; j++) {
      let z = 0;
      for (let i = 0; i < d; i++) z += theta[j * d + i] * x[i];
      h[j] = Math.tanh((gain * z) / norms[j]);
    }
    let max = -Infinity;
    let arg = 0;
    for (let k = 0; k < K; k++) {
      let z = theta[cOff + k];
      for (let j = 0; j < H; j++) z += theta[vOff + k * H + j] * h[j];
      p[k] = z;
      if (z > max) {
        max = z;
        arg = k;
      }
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (p[k] = Math.exp(p[k] - max));
    const y = data.labels[s2];
    loss += -Math.log(p[y] / sum);
    if (arg === y) correct++;
    if (!grad) continue;
    dh.fill(0);
    for (let k = 0; k < K; k++) {
      const e = (p[k] / sum - (k === y ? 1 : 0)) / N;
      grad[cOff + k] += e;
      for (let j = 0; j < H; j++) {
        grad[vOff + k * H + j] += e * h[j];
        dh[j] += e * theta[vOff + k * H + j];
      }
    }
    for (let j = 0; j < H; j++) {
      const dz = dh[j] * (1 - h[j] * h[j]) * gain;
      for (let i = 0; i < d; i++) du[j * d + i] += dz * x[i];
    }
  }
  if (grad) {
    // ∂L/∂W_j = (I − u_j u_jᵀ) ∂L/∂u_j / ‖W_j‖: orthogonal to W_j.
    for (let j = 0; j < H; j++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += du[j * d + i] * theta[j * d + i];
      dot /= norms[j] * norms[j];
      for (let i = 0; i < d; i++) grad[j * d + i] = (du[j * d + i] - dot * theta[j * d + i]) / norms[j];
    }
  }
  return { loss: loss / N, accuracy: correct / N };
}
