/**
 * SGD, SGD with momentum, Adam, SGDP and AdamP (Heo et al., ICLR 2021, "AdamP: slowing down the
 * slowdown for momentum optimizers on scale-invariant weights"), as published in clovaai/AdamP.
 *
 * Parameters are one flat Float64Array cut into blocks; a block is a rows × cols matrix whose rows are
 * the "channels". For SGDP/AdamP, each block with two dimensions (the code's `len(p.shape) > 1`) goes
 * through the cosine test and, when it passes, its update p loses its radial component:
 *   cosine test: with c_j = |⟨g_j, w_j⟩| / max(‖g_j‖‖w_j‖, ε), first per channel (rows): if
 *     max_j c_j < δ/√cols the block is scale-invariant per channel; else as one vector (layer view):
 *     if |cos(g, w)| < δ/√(rows·cols). δ = 0.1 by default.
 *   projection: p_j ← p_j − ⟨ŵ_j, p_j⟩ ŵ_j with ŵ_j = w_j/(‖w_j‖ + ε) (ε as in the code; with ε = 0 this
 *     is the paper's Π_w(p) = p − (ŵ·p) ŵ, which removes exactly the radial part).
 * Updates (β, β₁, β₂, ε; no weight decay, no Nesterov):
 *   SGD:   w ← w − η g
 *   SGDM:  b ← β b + g,  w ← w − η b            (SGDP: w ← w − η Π(b))
 *   Adam:  m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p = m / (√v/√(1−β₂ᵗ) + ε), w ← w − η/(1−β₁ᵗ) p
 *          (AdamP: w ← w − η/(1−β₁ᵗ) Π(p))
 */

export const OPTIMIZERS = ['sgd', 'sgdm', 'adam', 'sgdp', 'adamp'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  /** β of SGDM/SGDP (0.9). */
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Threshold δ of the cosine test (0.1). */
  delta: number;
}

export interface ParamBlock {
  offset: number;
  rows: number;
  cols: number;
  /** False for 1-D parameters (biases): never projected, as in the code. */
  matrix: boolean;
}

export interface StepReport {
  /** Per block: 'channel' or 'layer' when projected, null when not. */
  projected: ('channel' | 'layer' | null)[];
  /** ‖update direction‖² per block before the step size: ‖b‖², ‖p‖², or ‖g‖² for SGD (after projection). */
  directionSquared: number[];
}

/** |cos| of (g_j, w_j) per row j (view 'channel') or of the flattened block (view 'layer'), its maximum. */
export function maxAbsCosine(w: ArrayLike<number>, g: ArrayLike<number>, block: ParamBlock, view: 'channel' | 'layer', eps: number): number {
  const rows = view === 'channel' ? block.rows : 1;
  const cols = view === 'channel' ? block.cols : block.rows * block.cols;
  let best = 0;
  for (let j = 0; j < rows; j++) {
    let wg = 0;
    let ww = 0;
    let gg = 0;
    for (let i = 0; i < cols; i++) {
      const a = w[block.offset + j * cols + i];
      const b = g[block.offset + j * cols + i];
      wg += a * b;
      ww += a * a;
      gg += b * b;
    }
    best = Math.max(best, Math.abs(wg) / Math.max(Math.sqrt(ww * gg), eps));
  }
  return best;
}

/** The paper's test: the first view (channel, then layer) whose max |cos| is below δ/√(its row length), or null. */
export function scaleInvariantView(w: ArrayLike<number>, g: ArrayLike<number>, block: ParamBlock, delta: number, eps: number): 'channel' | 'layer' | null {
  if (!block.matrix) return null;
  if (maxAbsCosine(w, g, block, 'channel', eps) < delta / Math.sqrt(block.cols)) return 'channel';
  if (maxAbsCosine(w, g, block, 'layer', eps) < delta / Math.sqrt(block.rows * block.cols)) return 'layer';
  return null;
}

/** p_j ← p_j − ⟨ŵ_j, p_j⟩ ŵ_j, ŵ_j = w_j/(‖w_j‖ + eps), per row (channel) or for the whole block (layer); in place. */
export function projectRadial(w: ArrayLike<number>, p: Float64Array, block: ParamBlock, view: 'channel' | 'layer', eps: number): void {
  const rows = view === 'channel' ? block.rows : 1;
  const cols = view === 'channel' ? block.cols : block.rows * block.cols;
  for (let j = 0; j < rows; j++) {
    const o = block.offset + j * cols;
    let ww = 0;
    for (let i = 0; i < cols; i++) ww += w[o + i] ** 2;
    const scale = 1 / (Math.sqrt(ww) + eps);
    let dot = 0;
    for (let i = 0; i < cols; i++) dot += w[o + i] * scale * p[o + i];
    for (let i = 0; i < cols; i++) p[o + i] -= dot * w[o + i] * scale;
  }
}

export interface Optimizer {
  readonly config: OptimizerConfig;
  /** One step on w (in place) with gradient g. */
  step(w: Float64Array, g: Float64Array): StepReport;
}

export function createOptimizer(config: OptimizerConfig, blocks: readonly ParamBlock[], size: number): Optimizer {
  if (!(Number.isFinite(config.lr) && config.lr > 0)) throw new Error(`invalid learning rate: ${config.lr} (expected > 0)`);
  if (!(config.momentum >= 0 && config.momentum < 1)) throw new Error(`invalid momentum: ${config.momentum} (expected 0 ≤ β < 1)`);
  if (!(config.delta >= 0)) throw new Error(`invalid delta: ${config.delta} (expected ≥ 0)`);
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  const direction = new Float64Array(size);
  let t = 0;
  const { name, lr, momentum, beta1, beta2, eps, delta } = config;
  return {
    config,
    step(w, g) {
      t++;
      let stepSize = lr;
      if (name === 'sgd') direction.set(g);
      else if (name === 'sgdm' || name === 'sgdp') {
        for (let i = 0; i < size; i++) first[i] = momentum * first[i] + g[i];
        direction.set(first);
      } else {
        const bc1 = 1 - beta1 ** t;
        const bc2 = Math.sqrt(1 - beta2 ** t);
        for (let i = 0; i < size; i++) {
          first[i] = beta1 * first[i] + (1 - beta1) * g[i];
          second[i] = beta2 * second[i] + (1 - beta2) * g[i] * g[i];
          direction[i] = first[i] / (Math.sqrt(second[i]) / bc2 + eps);
        }
        stepSize = lr / bc1;
      }
      const projected: StepReport['projected'] = [];
      const directionSquared: number[] = [];
      for (const block of blocks) {
        const view = name === 'sgdp' || name === 'adamp' ? scaleInvariantView(w, g, block, delta, eps) : null;
        if (view) projectRadial(w, direction, block, view, eps);
        projected.push(view);
        let s = 0;
        for (let i = block.offset; i < block.offset + block.rows * block.cols; i++) s += direction[i] ** 2;
        directionSquared.push(s);
      }
      for (let i = 0; i < size; i++) w[i] -= stepSize * direction[i];
      return { projected, directionSquared };
    },
  };
}
