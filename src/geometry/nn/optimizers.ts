/**
 * First-order optimizers as update rules. Each `update(θ, g, lr, out)` advances the optimizer's
 * state and writes the proposed step p into `out` (θ_new = θ + p) without touching θ, so a caller
 * can measure, scale or clip p (e.g. the safe-step controller of the radii chapter scales it by
 * min(1, ρ/‖p‖)) before `applyUpdate(θ, p, scale)`.
 *
 *  - gd / sgd:  p = −η g
 *  - momentum:  m ← μ m + g,  p = −η m                          (heavy ball, PyTorch's SGD(momentum=μ))
 *  - adam:      m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p = −η m̂ / (√v̂ + ε)  (Kingma & Ba 2015)
 *
 * GD and SGD are the same rule; they differ in the batch the gradient is taken over (train.ts).
 */
export type OptimizerKind = 'gd' | 'sgd' | 'momentum' | 'adam';

export const OPTIMIZERS: readonly OptimizerKind[] = ['gd', 'sgd', 'momentum', 'adam'];

export interface OptimizerOptions {
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface Optimizer {
  readonly kind: OptimizerKind;
  /** Number of updates taken. */
  readonly steps: number;
  update(theta: ArrayLike<number>, grad: ArrayLike<number>, lr: number, out: Float64Array): void;
  reset(): void;
}

export function createOptimizer(kind: OptimizerKind, paramCount: number, options: OptimizerOptions = {}): Optimizer {
  if (!OPTIMIZERS.includes(kind)) throw new Error(`unknown optimizer "${kind}"; expected one of ${OPTIMIZERS.join(', ')}`);
  const mu = options.momentum ?? 0.9;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  if (!(mu >= 0 && mu < 1)) throw new Error(`momentum ${mu}; expected 0 ≤ μ < 1`);
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new Error(`Adam betas (${beta1}, ${beta2}); expected each in [0, 1)`);
  const m = kind === 'momentum' || kind === 'adam' ? new Float64Array(paramCount) : null;
  const v = kind === 'adam' ? new Float64Array(paramCount) : null;
  let steps = 0;
  return {
    kind,
    get steps() {
      return steps;
    },
    reset() {
      steps = 0;
      m?.fill(0);
      v?.fill(0);
    },
    update(_theta, grad, lr, out) {
      if (!(lr >= 0) || !Number.isFinite(lr)) throw new Error(`learning rate ${lr}; expected a finite number ≥ 0`);
      if (grad.length !== paramCount || out.length !== paramCount) {
        throw new Error(`optimizer made for P = ${paramCount} got a gradient of ${grad.length} and an output of ${out.length}`);
      }
      steps++;
      if (kind === 'gd' || kind === 'sgd') {
        for (let i = 0; i < paramCount; i++) out[i] = -lr * grad[i];
      } else if (kind === 'momentum') {
        for (let i = 0; i < paramCount; i++) {
          m![i] = mu * m![i] + grad[i];
          out[i] = -lr * m![i];
        }
      } else {
        const c1 = 1 - Math.pow(beta1, steps);
        const c2 = 1 - Math.pow(beta2, steps);
        for (let i = 0; i < paramCount; i++) {
          const g = grad[i];
          m![i] = beta1 * m![i] + (1 - beta1) * g;
          v![i] = beta2 * v![i] + (1 - beta2) * g * g;
          out[i] = (-lr * (m![i] / c1)) / (Math.sqrt(v![i] / c2) + epsilon);
        }
      }
    },
  };
}

/** θ ← θ + scale·p. */
export function applyUpdate(theta: Float64Array, update: ArrayLike<number>, scale = 1): void {
  for (let i = 0; i < theta.length; i++) theta[i] += scale * update[i];
}

/** Euclidean norm of a vector. */
export function vectorNorm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}
