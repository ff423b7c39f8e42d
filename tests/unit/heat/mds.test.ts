import { describe, expect, it } from 'vitest';
import { classicalMds, CLASSICAL_MDS_DENSE_LIMIT, smacof, stress } from '../../../src/geometry/heat';
import { pairwiseSquaredDistances } from '../../../src/geometry/linalg/distances';
import { gaussian, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';

function euclideanDistances(x: Float64Array, n: number, d: number): Float64Array {
  return pairwiseSquaredDistances(x, x, n, n, d).map(Math.sqrt);
}

describe('classical MDS recovers a Euclidean distance matrix up to rigid motion', () => {
  for (const n of [40, CLASSICAL_MDS_DENSE_LIMIT + 60]) {
    for (const dims of [2, 3]) {
      it(`n = ${n} (${n <= CLASSICAL_MDS_DENSE_LIMIT ? 'dense eigensolver' : 'Lanczos'}), ${dims}-D`, () => {
        const random = mulberry32(n + dims);
        // anisotropic cloud so the eigenvalues are distinct
        const x = Float64Array.from({ length: n * dims }, (_, i) => gaussian(random) * (1 + (i % dims)));
        const delta = euclideanDistances(x, n, dims);
        const y = classicalMds(delta, n, dims, mulberry32(1));
        expectClose(euclideanDistances(y, n, dims), delta, F64_ITERATIVE, 'embedded distances');
      });
    }
  }

  it('rejects dims ≥ n and a wrongly sized matrix', () => {
    expect(() => classicalMds(new Float64Array(9), 3, 3, mulberry32(1))).toThrow(/invalid embedding dimension: 3/);
    expect(() => classicalMds(new Float64Array(8), 3, 2, mulberry32(1))).toThrow(/8 entries but 3×3 needs 9/);
  });
});

describe('SMACOF stress majorization', () => {
  it('never increases the stress and converges to the true configuration from a perturbed start', () => {
    const n = 60;
    const random = mulberry32(8);
    const x = Float64Array.from({ length: n * 2 }, () => gaussian(random));
    const delta = euclideanDistances(x, n, 2);
    const init = Float64Array.from(x, (v) => v + 0.3 * gaussian(random));
    const history: number[] = [stress(init, delta, n, 2)];
    const result = smacof(delta, n, 2, init, 300, { onIterate: (_, __, s) => history.push(s) });
    for (let i = 1; i < history.length; i++) expect(history[i]).toBeLessThanOrEqual(history[i - 1] * (1 + 1e-12));
    expect(result.stress).toBeLessThan(1e-8 * history[0]);
    expectClose(euclideanDistances(result.embedding, n, 2), delta, { absolute: 1e-4, relative: 1e-4 }, 'distances after SMACOF');
  });

  it('reproduces the textbook Guttman fixed point: an equilateral triangle from a collinear-free start', () => {
    const delta = [0, 1, 1, 1, 0, 1, 1, 1, 0];
    const result = smacof(delta, 3, 2, Float64Array.from([0, 0, 2, 0.1, 0.3, 1.5]), 200);
    expectClose(euclideanDistances(result.embedding, 3, 2), delta, F64_ITERATIVE, 'triangle sides');
  });
});
