/** Preallocated per-layer buffers for the MLP passes over a chunk of samples (passes.ts). */
import type { Mlp } from './mlpShape';

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
