import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/foundation/linalg.json';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_PEER } from '../../../src/geometry/tolerance';
import { knnBruteForce, pairwiseSquaredDistances } from '../../../src/geometry/linalg/distances';

describe('pairwiseSquaredDistances', () => {
  it('golden: points on a line along the unit vector (2, 3, 6)/7', () => {
    const u = [2 / 7, 3 / 7, 6 / 7];
    const x = [0, 1, 2, 3].flatMap((i) => u.map((c) => i * c));
    const y = [0.5, 4].flatMap((t) => u.map((c) => t * c));
    const d = pairwiseSquaredDistances(x, y, 4, 2, 3);
    expectClose(d, [0, 1, 2, 3].flatMap((i) => [(i - 0.5) ** 2, (i - 4) ** 2]), F64_EXACT);
  });

  it('golden: the four corners of a unit square', () => {
    const square = [0, 0, 1, 0, 1, 1, 0, 1];
    expect(Array.from(pairwiseSquaredDistances(square, square, 4, 4, 2))).toEqual([0, 1, 2, 1, 1, 0, 1, 2, 2, 1, 0, 1, 1, 2, 1, 0]);
  });

  it('properties for X = Y: exact symmetry, zero diagonal, nonnegative', () => {
    const random = mulberry32(4);
    const n = 20;
    const x = Float64Array.from({ length: n * 5 }, () => random() * 10 - 5);
    const d = pairwiseSquaredDistances(x, x, n, n, 5);
    for (let i = 0; i < n; i++) {
      expect(d[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) {
        expect(d[i * n + j]).toBeGreaterThanOrEqual(0);
        expect(d[i * n + j]).toBe(d[j * n + i]);
      }
    }
  });

  it('error paths name the bad point set', () => {
    expect(() => pairwiseSquaredDistances([1, 2, 3], [1, 2], 2, 1, 2)).toThrow(/first point set has 3 entries but 2 points × 2 dims needs 4/);
    expect(() => pairwiseSquaredDistances([1, 2], [1], 1, 1, 2)).toThrow(/second point set has 1 entries but 1 points × 2 dims needs 2/);
  });
});

describe('knnBruteForce', () => {
  it('golden: on a line the neighbours of i are i−1, i+1, i−2, …, ties to the smaller index', () => {
    const x = [0, 1, 2, 3, 4, 5];
    const { indices, squaredDistances, k } = knnBruteForce(x, 6, 1, 3);
    expect(k).toBe(3);
    expect(Array.from(indices)).toEqual([1, 2, 3, 0, 2, 3, 1, 3, 0, 2, 4, 1, 3, 5, 2, 4, 3, 2]);
    expect(Array.from(squaredDistances)).toEqual([1, 4, 9, 1, 1, 4, 1, 1, 4, 1, 1, 4, 1, 1, 4, 1, 4, 9]);
  });

  it('peer: indices and distances equal scikit-learn NearestNeighbors (brute) on random data without ties', () => {
    const { n, d, k, x, indices, squaredDistances } = fixture.knn;
    const ours = knnBruteForce(x, n, d, k);
    expect(Array.from(ours.indices)).toEqual(indices);
    expectClose(ours.squaredDistances, squaredDistances, F64_PEER);
  });

  it('error paths: k out of range or not an integer, wrong length', () => {
    expect(() => knnBruteForce([0, 1, 2], 3, 1, 3)).toThrow(/invalid k: 3/);
    expect(() => knnBruteForce([0, 1, 2], 3, 1, 0)).toThrow(/invalid k: 0/);
    expect(() => knnBruteForce([0, 1, 2], 3, 1, 1.5)).toThrow(/invalid k: 1.5/);
    expect(() => knnBruteForce([0, 1, 2], 3, 2, 1)).toThrow(/point set has 3 entries but 3 points × 2 dims needs 6/);
  });
});
