/** Preallocated per-layer buffers for the MLP passes over a chunk of samples (passes.ts). */
import { type DenseProducts, JS_DENSE_PRODUCTS } from './denseProducts';
import type { Mlp } from './mlpShape';

export interface WorkspaceOptions {
  /** The dense-product backend the passes use (default: the JS reference). */
  products?: DenseProducts;
  /** Returns one Float64Array of `length` entries that every buffer is carved from (e.g. a block of wasm memory). */
  arena?: (length: number) => Float64Array;
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

  readonly products: DenseProducts;

  constructor(readonly mlp: Mlp, capacity: number, options: WorkspaceOptions = {}) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`workspace capacity ${capacity}; expected a positive integer`);
    this.capacity = capacity;
    this.products = options.products ?? JS_DENSE_PRODUCTS;
    const L = mlp.layers.length - 1;
    const widest = Math.max(...mlp.layers);
    const length = workspaceLength(mlp, capacity);
    const arena = options.arena ? options.arena(length) : new Float64Array(length);
    if (arena.length < length) throw new Error(`workspace arena has ${arena.length} entries but ${length} are needed`);
    let at = 0;
    const carve = (n: number) => arena.subarray(at, (at += n));
    const sized = (l: number) => carve(capacity * mlp.layers[l + 1]);
    this.z = Array.from({ length: L }, (_, l) => sized(l));
    this.rz = Array.from({ length: L }, (_, l) => sized(l));
    this.delta = Array.from({ length: L }, (_, l) => sized(l));
    this.rdelta = Array.from({ length: L }, (_, l) => sized(l));
    this.act = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.d1 = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.d2 = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.ra = Array.from({ length: L - 1 }, (_, l) => sized(l));
    this.prob = carve(capacity * mlp.layers[L]);
    this.back = carve(capacity * widest);
    this.rback = carve(capacity * widest);
  }
}

/** Number of f64 entries a workspace of `capacity` samples holds (the arena's size). */
export function workspaceLength(mlp: Mlp, capacity: number): number {
  const L = mlp.layers.length - 1;
  let units = 0;
  for (let l = 0; l < L; l++) units += (l < L - 1 ? 8 : 4) * mlp.layers[l + 1];
  return capacity * (units + mlp.layers[L] + 2 * Math.max(...mlp.layers));
}
