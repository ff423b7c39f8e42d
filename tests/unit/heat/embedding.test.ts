import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allPairsShortestPaths,
  chebyshevOrderFor,
  classicalMds,
  embeddingQuality,
  heatGeodesicDistances,
  knnDistanceGraph,
  makeDataset,
  smacof,
  type GroundTruth,
} from '../../../src/geometry/heat';
import { knnBruteForce } from '../../../src/geometry/linalg/distances';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

function embed(points: Float64Array, n: number, k: number, t: number, sigma: number, dims: number) {
  const order = chebyshevOrderFor(t, 2, 1e-10);
  const heat = heatGeodesicDistances(points, n, 3, { k, alpha: 40, laplacian: 'normalized', t, order, sigma, heat: 'chebyshev' });
  expect(heat.components.count).toBe(1);
  const init = classicalMds(heat.distances, n, dims, mulberry32(2));
  return smacof(heat.distances, n, dims, init, 100).embedding;
}

describe('heat-geodesic embeddings recover arc length', () => {
  it('points on a circle: 2-D embedding, row-averaged Spearman with arc length > 0.99', () => {
    const data = makeDataset('circle', 300, 0, mulberry32(1));
    const y = embed(data.points, data.n, 16, 100, 1, 2);
    const q = embeddingQuality(y, data.n, 2, data.groundTruth!);
    expect(q.spearman).toBeGreaterThan(0.99);
  });

  it('points on a line wound as a spiral (3/2 turns): 1-D embedding, Spearman with arc length > 0.99', () => {
    const n = 200;
    const random = mulberry32(9);
    const points = new Float64Array(n * 3);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = 3 * Math.PI * random();
      const r = 1 + 0.3 * a; // Archimedean spiral r = 1 + 0.3a
      points.set([r * Math.cos(a), r * Math.sin(a), 0], i * 3);
      // arc length of r = b + c·a from 0: ∫ sqrt(r² + c²) da, by Simpson's rule on a fine grid
      const steps = 2000;
      let acc = 0;
      for (let k = 0; k <= steps; k++) {
        const u = (a * k) / steps;
        const f = Math.hypot(1 + 0.3 * u, 0.3);
        acc += (k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2) * f;
      }
      s[i] = (acc * a) / steps / 3;
    }
    const gt: GroundTruth = { kind: 'intrinsic', coords: s, dim: 1 };
    const y = embed(points, n, 8, 10, 0.5, 1);
    expect(embeddingQuality(y, n, 1, gt).spearman).toBeGreaterThan(0.99);
  });
});

describe('shortest paths equal scikit-learn Isomap graph distances', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../fixtures/heat/isomap.json', import.meta.url), 'utf8')) as {
    n: number;
    k: number;
    points: number[];
    distances: number[];
  };
  it(`n = ${fixture.n}, k = ${fixture.k}: every pair`, () => {
    const nb = knnBruteForce(fixture.points, fixture.n, 3, fixture.k);
    const d = allPairsShortestPaths(knnDistanceGraph(nb, fixture.n, fixture.k));
    expectClose(d, fixture.distances, F64_PEER, 'geodesic distance');
  });
  it('unreachable pairs are Infinity', () => {
    const pts = [0, 0, 0, 1, 0, 0, 10, 0, 0, 11, 0, 0];
    const d = allPairsShortestPaths(knnDistanceGraph(knnBruteForce(pts, 4, 3, 1), 4, 1));
    expect(d[0 * 4 + 2]).toBe(Infinity);
    expectClose(d[0 * 4 + 1], 1, F64_PEER);
  });
});
