/** The shape of a multilayer perceptron: layer sizes, activation and where each layer's weights sit in θ. */
import type { Activation } from './activations';

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
