import { describe, expect, it } from 'vitest';
import {
  classicalMds,
  degrees,
  embeddingQuality,
  farthestPointLandmarks,
  graphStage,
  heatDiagonalEstimate,
  heatGeodesicDistances,
  heatGeodesicLandmarkDistances,
  heatKernelChebyshevDense,
  heatKernelColumns,
  LANDMARK_POINT_ITERATIONS,
  landmarkMds,
  makeDataset,
  smacof,
} from '../../../src/geometry/heat';
import { pairwiseSquaredDistances } from '../../../src/geometry/linalg/distances';
import { gaussian, mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { heatBenchParams } from '../../../bench/setup/heatParams';

function euclideanDistances(x: Float64Array, n: number, d: number): Float64Array {
  return pairwiseSquaredDistances(x, x, n, n, d).map(Math.sqrt);
}

/** Columns `landmarks` of an n×n row-major matrix, as n×L. */
function landmarkColumns(full: Float64Array, n: number, landmarks: Int32Array): Float64Array {
  const m = landmarks.length;
  const out = new Float64Array(n * m);
  for (let j = 0; j < n; j++) for (let q = 0; q < m; q++) out[j * m + q] = full[j * n + landmarks[q]];
  return out;
}

describe('farthest-point landmarks', () => {
  it('are distinct, seeded, and every point in order when L ≥ n', () => {
    const n = 200;
    const random = mulberry32(3);
    const x = Float64Array.from({ length: n * 3 }, () => gaussian(random));
    const a = farthestPointLandmarks(x, n, 3, 40, mulberry32(5));
    expect(new Set(a).size).toBe(40);
    expect(Array.from(farthestPointLandmarks(x, n, 3, 40, mulberry32(5)))).toEqual(Array.from(a));
    expect(Array.from(farthestPointLandmarks(x, n, 3, n + 5, mulberry32(5)))).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('rejects a landmark count below 1', () => {
    expect(() => farthestPointLandmarks(new Float64Array(6), 2, 3, 0, mulberry32(1))).toThrow(/invalid landmark count: 0/);
  });
});

describe('landmark MDS recovers an exactly Euclidean configuration up to rigid motion', () => {
  const n = 80;
  const random = mulberry32(11);
  // anisotropic planar cloud: distinct eigenvalues, landmarks never collinear
  const x = Float64Array.from({ length: n * 2 }, (_, i) => gaussian(random) * (i % 2 === 0 ? 3 : 1));
  const truth = euclideanDistances(x, n, 2);
  for (const count of [3, 10, 40]) {
    for (const [iterations, pointIterations] of [
      [0, 0],
      [20, 20],
    ]) {
      it(`L = ${count}, ${iterations} SMACOF + ${pointIterations} point iterations`, () => {
        const landmarks = farthestPointLandmarks(x, n, 2, count, mulberry32(2));
        const y = landmarkMds(landmarkColumns(truth, n, landmarks), n, landmarks, 2, mulberry32(1), { iterations, pointIterations });
        expectClose(euclideanDistances(y, n, 2), truth, F64_ITERATIVE, 'embedded distances');
      });
    }
  }

  it('rejects a wrongly sized block and dims ≥ L', () => {
    const landmarks = Int32Array.from([0, 1, 2]);
    expect(() => landmarkMds(new Float64Array(10), 4, landmarks, 2, mulberry32(1))).toThrow(/10 entries but 4×3 needs 12/);
    expect(() => landmarkMds(new Float64Array(12), 4, landmarks, 3, mulberry32(1))).toThrow(/invalid embedding dimension: 3/);
  });
});

describe('landmark heat path on a Swiss roll', () => {
  it('heat columns equal the columns of the dense Chebyshev kernel', () => {
    const n = 150;
    const p = heatBenchParams(n);
    const data = makeDataset('swissroll', n, p.noise, mulberry32(p.seed));
    const g = graphStage(data.points, n, 3, p);
    const landmarks = farthestPointLandmarks(data.points, n, 3, 20, mulberry32(4));
    const dense = heatKernelChebyshevDense(g.laplacian, g.lambdaMax, p.t, p.order);
    expectClose(heatKernelColumns(g.laplacian, g.lambdaMax, p.t, p.order, landmarks), landmarkColumns(dense, n, landmarks), F64_EXACT, 'H[:, L]');
  });

  it('with L = n equals the full path (distances and embedding)', () => {
    const n = 150;
    const p = heatBenchParams(n);
    const data = makeDataset('swissroll', n, p.noise, mulberry32(p.seed));
    const options = { k: p.k, alpha: p.alpha, laplacian: p.laplacian, t: p.t, order: p.order, sigma: p.sigma };
    const full = heatGeodesicDistances(data.points, n, 3, { ...options, heat: 'chebyshev' });
    const lm = heatGeodesicLandmarkDistances(data.points, n, 3, { ...options, landmarks: n }, mulberry32(9));
    expectClose(lm.distances, full.distances, F64_ITERATIVE, 'distances');
    const iterations = 30;
    const fullEmbedding = smacof(full.distances, n, 2, classicalMds(full.distances, n, 2, mulberry32(1)), iterations).embedding;
    const lmEmbedding = landmarkMds(lm.distances, n, lm.landmarks, 2, mulberry32(1), { iterations, pointIterations: LANDMARK_POINT_ITERATIONS });
    expectClose(lmEmbedding, fullEmbedding, F64_ITERATIVE, 'embedding');
  });

  it('n = 800, L = 150: diagonal estimate (median error < 5 %, worst < 100 %) and Spearman within 0.01 of the full path', () => {
    const n = 800;
    const count = 150;
    const p = heatBenchParams(n);
    const data = makeDataset('swissroll', n, p.noise, mulberry32(p.seed));
    const options = { k: p.k, alpha: p.alpha, laplacian: p.laplacian, t: p.t, order: p.order, sigma: p.sigma };
    const full = heatGeodesicDistances(data.points, n, 3, { ...options, heat: 'chebyshev' });
    const lm = heatGeodesicLandmarkDistances(data.points, n, 3, { ...options, landmarks: count }, mulberry32(p.seed + 2));
    // the documented approximation of H_jj (heat-nearest landmark × degree ratio); measured
    // 2.6 % median and 60 % worst, bounded here with headroom
    const DIAGONAL_MEDIAN_ERROR = 0.05;
    const DIAGONAL_WORST_ERROR = 1;
    const estimate = heatDiagonalEstimate(lm.columns, n, lm.landmarks, degrees(full.graph.weights));
    const errors = Array.from({ length: n }, (_, j) => Math.abs(estimate[j] - full.heat[j * n + j]) / full.heat[j * n + j]).sort((a, b) => a - b);
    expect(errors[n >> 1]).toBeLessThan(DIAGONAL_MEDIAN_ERROR);
    expect(errors[n - 1]).toBeLessThan(DIAGONAL_WORST_ERROR);
    // landmarks carry their exact diagonal
    for (const l of lm.landmarks) expect(estimate[l]).toBe(Math.max(0, lm.columns[l * lm.landmarks.length + lm.landmarks.indexOf(l)]));
    const fullEmbedding = smacof(full.distances, n, 2, classicalMds(full.distances, n, 2, mulberry32(1)), p.mdsIterations).embedding;
    const lmEmbedding = landmarkMds(lm.distances, n, lm.landmarks, 2, mulberry32(1), { iterations: p.mdsIterations, pointIterations: LANDMARK_POINT_ITERATIONS });
    const gt = data.groundTruth!;
    const fullQ = embeddingQuality(fullEmbedding, n, 2, gt, n).spearman;
    const lmQ = embeddingQuality(lmEmbedding, n, 2, gt, n).spearman;
    // the acceptance margin for the landmark approximation
    const SPEARMAN_MARGIN = 0.01;
    expect(lmQ).toBeGreaterThan(fullQ - SPEARMAN_MARGIN);
  }, 60_000);
});
