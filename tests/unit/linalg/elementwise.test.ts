import { describe, expect, it } from 'vitest';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';
import { elementwise, elementwiseScalar, type ElementwiseOp } from '../../../src/geometry/linalg/elementwise';

describe('elementwise', () => {
  it('golden: affine α x + β', () => {
    expectClose(elementwise('affine', [-2, 0, 3], 0.5, 4), [3, 4, 5.5], F64_EXACT);
  });

  it('golden: exp(k ln 2) = 2^k and log(2^k) = k ln 2', () => {
    const ks = [-10, -1, 0, 1, 7, 30];
    expectClose(elementwise('exp', ks.map((k) => k * Math.LN2)), ks.map((k) => 2 ** k), F64_EXACT);
    expectClose(elementwise('log', ks.map((k) => 2 ** k)), ks.map((k) => k * Math.LN2), F64_EXACT);
  });

  it('golden: the Gibbs kernel exp(−x/α) at x = α t is e^−t', () => {
    const alpha = 0.01;
    expectClose(elementwise('negExpScaled', [0, alpha, 5 * alpha], alpha), [1, 1 / Math.E, Math.E ** -5], F64_EXACT);
  });

  it('golden: square', () => {
    expectClose(elementwise('square', [-3, 0.5, 12]), [9, 0.25, 144], F64_EXACT);
    expect(elementwiseScalar('square', -7, 1, 0)).toBe(49);
  });

  it('error paths: unknown op, non-finite parameters, a temperature ≤ 0', () => {
    expect(() => elementwise('cube' as ElementwiseOp, [1])).toThrow(/unknown elementwise op: cube/);
    expect(() => elementwise('affine', [1], NaN, 0)).toThrow(/invalid alpha: NaN/);
    expect(() => elementwise('affine', [1], 1, Infinity)).toThrow(/invalid beta: Infinity/);
    expect(() => elementwise('negExpScaled', [1], 0)).toThrow(/invalid alpha: 0/);
    expect(() => elementwise('negExpScaled', [1], -1)).toThrow(/invalid alpha: -1/);
  });
});
