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

export const ELEMENTWISE_OPS: readonly ElementwiseOp[] = ['affine', 'exp', 'log', 'negExpScaled', 'square'];

/**
 * Validates a map and its parameters (shared by the CPU path and the GPU host code):
 * the op must be known, α and β finite, and negExpScaled needs a temperature α > 0
 * (α = 0 would give exp(−x/0) = 0 or NaN).
 */
export function checkElementwiseArguments(op: ElementwiseOp, alpha: number, beta: number): void {
  if (!ELEMENTWISE_OPS.includes(op)) {
    throw new Error(`unknown elementwise op: ${String(op)} (expected one of ${ELEMENTWISE_OPS.join(', ')})`);
  }
  if (!Number.isFinite(alpha)) throw new Error(`invalid alpha: ${alpha} (expected a finite number)`);
  if (!Number.isFinite(beta)) throw new Error(`invalid beta: ${beta} (expected a finite number)`);
  if (op === 'negExpScaled' && !(alpha > 0)) throw new Error(`invalid alpha: ${alpha} (negExpScaled needs a temperature > 0)`);
}

export function elementwise(op: ElementwiseOp, x: ArrayLike<number>, alpha = 1, beta = 0): Float64Array {
  checkElementwiseArguments(op, alpha, beta);
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = elementwiseScalar(op, x[i], alpha, beta);
  return y;
}
