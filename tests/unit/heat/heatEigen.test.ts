import { describe, expect, it } from 'vitest';
import {
  chebyshevOrderFor,
  chebyshevTruncationBound,
  graphStage,
  heatEigenCount,
  heatKernelChebyshevDense,
  heatKernelExact,
  heatKernelStage,
  heatKernelTruncated,
  laplacianEigen,
  makeDataset,
} from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';
import { F64_EXACT } from '../../../src/geometry/tolerance';

function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const n = 200;
const data = makeDataset('swissroll', n, 0.05, mulberry32(3));
const stage = graphStage(data.points, n, 3, { k: 10, alpha: 40, laplacian: 'normalized' });
const eigen = laplacianEigen(stage.laplacian);

describe('heat kernel from a truncated eigendecomposition', () => {
  for (const t of [40, 80, 160]) {
    it(`t = ${t}: within its bound of every eigenpair's kernel and of a Chebyshev kernel (bound 1e-13)`, () => {
      const r = heatKernelTruncated(eigen, t);
      expect(r.kept).toBe(heatEigenCount(eigen.values, t));
      expect(r.kept).toBeLessThan(n); // the truncation is real
      const exact = heatKernelExact(eigen, t);
      expect(maxAbsDifference(r.heat, exact)).toBeLessThanOrEqual(r.bound + F64_EXACT.absolute);
      const order = chebyshevOrderFor(t, stage.lambdaMax, 1e-13);
      const chebyshev = heatKernelChebyshevDense(stage.laplacian, stage.lambdaMax, t, order);
      const chebyshevBound = chebyshevTruncationBound(t, stage.lambdaMax, order);
      expect(maxAbsDifference(r.heat, chebyshev)).toBeLessThanOrEqual(r.bound + chebyshevBound + F64_EXACT.absolute);
    });
  }

  it('a coarse cutoff drops a visible part of the kernel, and the bound still covers it', () => {
    const t = 20;
    const r = heatKernelTruncated(eigen, t, 1e-3);
    const error = maxAbsDifference(r.heat, heatKernelExact(eigen, t));
    expect(error).toBeGreaterThan(1e-6);
    expect(error).toBeLessThanOrEqual(r.bound);
    expect(r.bound).toBeLessThanOrEqual(r.spectralBound);
  });

  it('keeps every pair (bound 0) when no eigenvalue is past the cutoff, and the stage says which route ran', () => {
    const all = heatKernelTruncated(eigen, 1e-3, 0);
    expect(all.kept).toBe(n);
    expect(all.bound).toBe(0);
    const s = heatKernelStage(stage, eigen, { route: 'eigen', t: 40, order: 10 });
    expect(s.route).toBe('eigen');
    expect(s.eigenpairs).toBe(heatEigenCount(eigen.values, 40));
    expect(() => heatKernelStage(stage, null, { route: 'eigen', t: 40, order: 10 })).toThrow(/needs the Laplacian's eigendecomposition/);
    expect(() => heatKernelTruncated(eigen, -1)).toThrow(/invalid diffusion time t: -1/);
  });
});
