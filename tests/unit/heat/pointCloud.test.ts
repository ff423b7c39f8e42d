/**
 * The pieces the heat jobs take from src/geometry/heat besides the heat kernel: the preview's even
 * subsample of a point cloud, its 3-D view coordinates, loaded arrays as a cloud, the preview's
 * diffusion time, the automatic heat-kernel route, and the comparators' distance stage.
 */
import { describe, expect, it } from 'vitest';
import {
  comparatorDistanceStage,
  evenSubsample,
  graphStage,
  groundTruthSubset,
  HEAT_EIGEN_ROUTE_MAX_ROWS,
  heatRouteFor,
  loadedPointCloud,
  makeDataset,
  potentialDistances,
  subsampleDiffusionTime,
  viewCoordinates,
} from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';

describe('evenSubsample', () => {
  it('keeps rows ⌊q·n/m⌋ of the points, colours, labels and ground truth', () => {
    // row i holds (i, 10 + i), label i, colour i/10 and intrinsic coordinate 2i
    const ids = Array.from({ length: 10 }, (_, i) => i);
    const cloud = loadedPointCloud({
      points: Float64Array.from(ids.flatMap((i) => [i, 10 + i])),
      n: 10,
      d: 2,
      labels: Int32Array.from(ids),
      color: Float64Array.from(ids, (i) => i / 10),
      groundTruth: Float64Array.from(ids, (i) => 2 * i),
      groundTruthDim: 1,
    });
    const { cloud: sub, from } = evenSubsample(cloud, 4);
    // ⌊0·10/4⌋, ⌊10/4⌋, ⌊20/4⌋, ⌊30/4⌋
    const rows = [0, 2, 5, 7];
    expect(from).toBe(10);
    expect(sub.n).toBe(4);
    expect(Array.from(sub.points)).toEqual(rows.flatMap((i) => [i, 10 + i]));
    expect(Array.from(sub.labels!)).toEqual(rows);
    expect(Array.from(sub.color)).toEqual(rows.map((i) => i / 10));
    expect(sub.groundTruth).toEqual({ kind: 'intrinsic', coords: Float64Array.from(rows, (i) => 2 * i), dim: 1 });
  });

  it('subsamples a synthetic set’s ground truth as groundTruthSubset does', () => {
    const ds = makeDataset('swissroll', 40, 0.1, mulberry32(3));
    const { cloud: sub } = evenSubsample({ ...ds, d: ds.dim }, 8);
    expect(sub.groundTruth).toEqual(groundTruthSubset(ds.groundTruth!, 40, Int32Array.from({ length: 8 }, (_, q) => 5 * q)));
  });

  it('returns the cloud itself for m = 0 or m ≥ n', () => {
    const cloud = loadedPointCloud({ points: Float64Array.from([0, 1, 2]), n: 3, d: 1 });
    expect(evenSubsample(cloud, 0)).toEqual({ cloud, from: 0 });
    expect(evenSubsample(cloud, 3).cloud).toBe(cloud);
    expect(evenSubsample(cloud, 7).from).toBe(0);
  });
});

describe('loaded arrays and the 3-D view', () => {
  it('colours by color, else by label, else uniformly; ground truth as intrinsic coordinates', () => {
    const points = Float64Array.from([0, 0, 1, 1]);
    expect(Array.from(loadedPointCloud({ points, n: 2, d: 2, labels: Int32Array.from([3, 5]) }).color)).toEqual([3, 5]);
    expect(Array.from(loadedPointCloud({ points, n: 2, d: 2, labels: Int32Array.from([3, 5]), color: Float64Array.from([0.5, 0.25]) }).color)).toEqual([0.5, 0.25]);
    expect(Array.from(loadedPointCloud({ points, n: 2, d: 2 }).color)).toEqual([0, 0]);
    const truth = Float64Array.from([1, 2, 3, 4]);
    expect(loadedPointCloud({ points, n: 2, d: 2, groundTruth: truth, groundTruthDim: 2 }).groundTruth).toEqual({ kind: 'intrinsic', coords: truth, dim: 2 });
    expect(loadedPointCloud({ points, n: 2, d: 2 }).groundTruth).toBeNull();
  });

  it('takes the first three coordinates and pads with zeros below three', () => {
    expect(Array.from(viewCoordinates(Float64Array.from([1, 2, 3, 4]), 2, 2))).toEqual([1, 2, 0, 3, 4, 0]);
    expect(Array.from(viewCoordinates(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, 4))).toEqual([1, 2, 3, 5, 6, 7]);
  });
});

describe('diffusion time and route', () => {
  it('scales t by the subsample’s share of the rows', () => {
    expect(subsampleDiffusionTime(80, 200, 400)).toBe(40);
  });

  it("'auto' takes the eigen route up to HEAT_EIGEN_ROUTE_MAX_ROWS on the CPU, Chebyshev above and on the GPU", () => {
    expect(heatRouteFor('auto', HEAT_EIGEN_ROUTE_MAX_ROWS, false)).toBe('eigen');
    expect(heatRouteFor('auto', HEAT_EIGEN_ROUTE_MAX_ROWS + 1, false)).toBe('chebyshev');
    expect(heatRouteFor('auto', 50, true)).toBe('chebyshev');
    expect(heatRouteFor('exact', 5000, true)).toBe('exact');
  });
});

describe('comparatorDistanceStage', () => {
  // two rows of 8 points at unit spacing, 100 apart: with k = 2 the kNN graph is each row's path
  const n = 16;
  const x = new Float64Array(n * 2);
  for (let p = 0; p < n; p++) [x[2 * p], x[2 * p + 1]] = [p % 8, p < 8 ? 0 : 100];
  const g = graphStage(x, n, 2, { k: 2, alpha: 2, laplacian: 'normalized' });

  it('shortest paths along a line are |i − j|; across the two components they are 1.5× the largest within', () => {
    expect(g.components.count).toBe(2);
    const d = comparatorDistanceStage('shortest', g, n, 2, 20);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const same = Math.floor(i / 8) === Math.floor(j / 8);
        expect({ i, j, d: d[i * n + j] }).toEqual({ i, j, d: same ? Math.abs((i % 8) - (j % 8)) : 1.5 * 7 });
      }
    }
  });

  it('the PHATE-like potential is potentialDistances on the graph, capped across components', () => {
    const d = comparatorDistanceStage('phate', g, n, 2, 20);
    const raw = potentialDistances(g.graph.weights, 20);
    let within = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (Math.floor(i / 8) === Math.floor(j / 8)) within = Math.max(within, raw[i * n + j]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const same = Math.floor(i / 8) === Math.floor(j / 8);
        expect(d[i * n + j]).toBe(same ? raw[i * n + j] : 1.5 * within);
      }
    }
  });
});
