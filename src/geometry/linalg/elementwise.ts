/**
 * Elementwise maps: the CPU reference for the `elementwise` kernel.
 * Each op is y_i = f(x_i; α, β) with two scalar parameters.
 */
export type ElementwiseOp = 'affine' | 'exp' | 'log' | 'negExpScaled' | 'square';

/** The map, one formula each:
 *  affine:        α x + β
 *  exp:           exp(x)
 *  log:           log(x)
 *  negExpScaled:  exp(−x / α)  (the Gibbs kernel of a cost with temperature α)
 *  square:        x²
 */
export function elementwiseScalar(op: ElementwiseOp, x: number, alpha: number, beta: number): number {
  switch (op) {
    case 'affine':
      return alpha * x + beta;
    case 'exp':
      return Math.exp(x);
    case 'log':
      return Math.log(x);
    case 'negExpScaled':
      return Math.exp(-x / alpha);
    case 'square':
      return x * x;
  }
}

export function elementwise(op: ElementwiseOp, x: ArrayLike<number>, alpha = 1, beta = 0): Float64Array {
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = elementwiseScalar(op, x[i], alpha, beta);
  return y;
}
