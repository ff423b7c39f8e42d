import { describe, expect, it } from 'vitest';
import { compareClose, expectClose, F32_REDUCTION, F64_EXACT, type Tolerance } from '../../../src/geometry/tolerance';

const tol: Tolerance = { absolute: 0.1, relative: 0.01 };

describe('compareClose', () => {
  it('passes within absolute + relative·|expected| and fails just outside', () => {
    // bound at expected 10: 0.1 + 0.01·10 = 0.2
    expect(compareClose([10.19], [10], tol).ok).toBe(true);
    expect(compareClose([10.21], [10], tol).ok).toBe(false);
    expect(compareClose(9.81, 10, tol).ok).toBe(true);
  });

  it('catches NaN in the actual or the expected values', () => {
    const r = compareClose([1, NaN, 3], [1, 2, 3], tol);
    expect(r.ok).toBe(false);
    expect(r.worstIndex).toBe(1);
    expect(compareClose([1, 2], [1, NaN], tol).ok).toBe(false);
    expect(compareClose([NaN], [NaN], tol).ok).toBe(false);
  });

  it('reports the worst index, not the first', () => {
    const r = compareClose([1.5, 0, 5, 2.3], [1, 0, 0, 2], tol);
    expect(r.ok).toBe(false);
    expect(r.worstIndex).toBe(2);
    expect(r.worstExcess).toBeCloseTo(5 - 0.1, 12);
    expect(r.message).toMatch(/value\[2\] = 5 but expected 0/);
  });

  it('equal infinities pass; opposite or finite-vs-infinite fail', () => {
    expect(compareClose([-Infinity, Infinity], [-Infinity, Infinity], F64_EXACT).ok).toBe(true);
    expect(compareClose([Infinity], [-Infinity], F64_EXACT).ok).toBe(false);
    expect(compareClose([1e300], [Infinity], F64_EXACT).ok).toBe(false);
    expect(compareClose([5], [-Infinity], F64_EXACT).ok).toBe(false);
    expect(compareClose([-Infinity], [5], F64_EXACT).ok).toBe(false);
  });

  it('a length mismatch fails and says so', () => {
    const r = compareClose([1, 2], [1, 2, 3], tol, 'row sums');
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/row sums: length 2 but expected length 3/);
  });
});

describe('expectClose', () => {
  it('throws naming the label, the worst element and the tolerance', () => {
    expect(() => expectClose([0, 1], [0, 2], F32_REDUCTION, 'LSE')).toThrow(/LSE\[1\] = 1 but expected 2 \(tolerance 0.0001/);
    expect(() => expectClose([0, 1.00001], [0, 1], F32_REDUCTION)).not.toThrow();
  });
});
