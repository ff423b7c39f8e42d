/**
 * Synthetic point clouds with ground-truth geodesic distances where one exists.
 * All take an injected `random` (seeded) and add isotropic Gaussian noise of
 * standard deviation `noise` to every coordinate after the ground truth is fixed.
 *
 *  - swiss roll (the HeatGeo reference's parameterization): t = (3π/2)(1 + 2u),
 *    h = 5v, x = (t cos t, h, t sin t); intrinsic coordinates (s(t), h) with the
 *    spiral's arc length s(t) = ½[t√(1+t²) + asinh t] − s(3π/2); geodesics are
 *    Euclidean in (s, h) (the roll is a developable surface).
 *  - S-curve (scikit-learn's make_s_curve): t = 3π(u − ½), x = (sin t, 2v, sign(t)(cos t − 1));
 *    each half is a unit-circle arc, so (t, y) are isometric coordinates.
 *  - sphere: uniform on the unit sphere; geodesic = arccos(x·y).
 *  - circle: uniform angles on the unit circle; geodesic = shorter arc.
 *  - torus (R = 2, r = 1, angles uniform): no closed-form geodesics; none given.
 *  - tree: a branching random walk in 3-D in the spirit of PHATE's artificial tree
 *    (diffusion-limited-aggregation style); ground truth = path length along the
 *    noiseless tree (Dijkstra on its chain graph).
 *  - Gaussian clusters: labels only.
 */
import { gaussian, type Random } from '../random';
import { allPairsShortestPaths, type WeightedGraph } from './shortestPaths';

export type DatasetName = 'swissroll' | 'scurve' | 'sphere' | 'circle' | 'torus' | 'tree' | 'clusters';

export const DATASET_NAMES: readonly DatasetName[] = ['swissroll', 'scurve', 'sphere', 'circle', 'torus', 'tree', 'clusters'];

export type GroundTruth =
  | { kind: 'intrinsic'; coords: Float64Array; dim: number }
  | { kind: 'sphere'; coords: Float64Array }
  | { kind: 'circle'; angles: Float64Array }
  | { kind: 'matrix'; distances: Float64Array };

export interface Dataset {
  name: string;
  n: number;
  dim: number;
  /** n×dim row-major. */
  points: Float64Array;
  /** A continuous parameter to colour by (arc length, angle, branch position…). */
  color: Float64Array;
  /** Integer labels (clusters, tree branches) or null. */
  labels: Int32Array | null;
  groundTruth: GroundTruth | null;
}

/** Largest n for which the tree's ground truth (an n×n matrix) is computed. */
export const TREE_GROUND_TRUTH_LIMIT = 4000;

export function spiralArcLength(t: number): number {
  return 0.5 * (t * Math.sqrt(1 + t * t) + Math.asinh(t));
}

export function makeDataset(name: DatasetName, n: number, noise: number, random: Random): Dataset {
  if (!Number.isInteger(n) || n < 3) throw new Error(`invalid number of points: ${n} (need an integer ≥ 3)`);
  if (!(noise >= 0)) throw new Error(`invalid noise: ${noise} (need ≥ 0)`);
  switch (name) {
    case 'swissroll':
      return swissRoll(n, noise, random);
    case 'scurve':
      return sCurve(n, noise, random);
    case 'sphere':
      return sphere(n, noise, random);
    case 'circle':
      return circle(n, noise, random);
    case 'torus':
      return torus(n, noise, random);
    case 'tree':
      return tree(n, noise, random);
    case 'clusters':
      return clusters(n, noise, random);
    default:
      throw new Error(`unknown dataset: ${String(name)} (expected one of ${DATASET_NAMES.join(', ')})`);
  }
}

function addNoise(points: Float64Array, noise: number, random: Random): void {
  if (noise > 0) for (let i = 0; i < points.length; i++) points[i] += noise * gaussian(random);
}

function swissRoll(n: number, noise: number, random: Random): Dataset {
  const points = new Float64Array(n * 3);
  const coords = new Float64Array(n * 2);
  const s0 = spiralArcLength(1.5 * Math.PI);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * random());
    const h = 5 * random();
    points.set([t * Math.cos(t), h, t * Math.sin(t)], i * 3);
    coords[i * 2] = spiralArcLength(t) - s0;
    coords[i * 2 + 1] = h;
  }
  addNoise(points, noise, random);
  const color = Float64Array.from({ length: n }, (_, i) => coords[i * 2]);
  return { name: 'swissroll', n, dim: 3, points, color, labels: null, groundTruth: { kind: 'intrinsic', coords, dim: 2 } };
}

function sCurve(n: number, noise: number, random: Random): Dataset {
  const points = new Float64Array(n * 3);
  const coords = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const t = 3 * Math.PI * (random() - 0.5);
    const y = 2 * random();
    points.set([Math.sin(t), y, Math.sign(t) * (Math.cos(t) - 1)], i * 3);
    coords[i * 2] = t;
    coords[i * 2 + 1] = y;
  }
  addNoise(points, noise, random);
  const color = Float64Array.from({ length: n }, (_, i) => coords[i * 2]);
  return { name: 'scurve', n, dim: 3, points, color, labels: null, groundTruth: { kind: 'intrinsic', coords, dim: 2 } };
}

function sphere(n: number, noise: number, random: Random): Dataset {
  const coords = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const v = [gaussian(random), gaussian(random), gaussian(random)];
    const r = Math.hypot(v[0], v[1], v[2]) || 1;
    coords.set([v[0] / r, v[1] / r, v[2] / r], i * 3);
  }
  const points = Float64Array.from(coords);
  addNoise(points, noise, random);
  const color = Float64Array.from({ length: n }, (_, i) => coords[i * 3 + 2]);
  return { name: 'sphere', n, dim: 3, points, color, labels: null, groundTruth: { kind: 'sphere', coords } };
}

function circle(n: number, noise: number, random: Random): Dataset {
  const angles = new Float64Array(n);
  const points = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const a = 2 * Math.PI * random();
    angles[i] = a;
    points.set([Math.cos(a), Math.sin(a), 0], i * 3);
  }
  addNoise(points, noise, random);
  return { name: 'circle', n, dim: 3, points, color: Float64Array.from(angles), labels: null, groundTruth: { kind: 'circle', angles } };
}

function torus(n: number, noise: number, random: Random): Dataset {
  const points = new Float64Array(n * 3);
  const color = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 2 * Math.PI * random();
    const v = 2 * Math.PI * random();
    points.set([(2 + Math.cos(v)) * Math.cos(u), (2 + Math.cos(v)) * Math.sin(u), Math.sin(v)], i * 3);
    color[i] = u;
  }
  addNoise(points, noise, random);
  return { name: 'torus', n, dim: 3, points, color, labels: null, groundTruth: null };
}

function tree(n: number, noise: number, random: Random): Dataset {
  const branches = 5;
  const points = new Float64Array(n * 3);
  const labels = new Int32Array(n);
  const color = new Float64Array(n);
  // chain graph of the noiseless tree: each point links to its predecessor
  const parent = new Int32Array(n).fill(-1);
  const stepLength = new Float64Array(n);
  const per = Math.floor(n / branches);
  let index = 0;
  for (let b = 0; b < branches; b++) {
    const count = b === branches - 1 ? n - index : per;
    const drift = [gaussian(random), gaussian(random), gaussian(random)];
    const norm = Math.hypot(drift[0], drift[1], drift[2]) || 1;
    // branch 0 starts at the origin; later branches at a random point of an earlier branch
    let from = -1;
    let position = [0, 0, 0];
    if (b > 0) {
      from = Math.floor(random() * index);
      position = [points[from * 3], points[from * 3 + 1], points[from * 3 + 2]];
    }
    for (let s = 0; s < count; s++) {
      const step = [0, 1, 2].map((c) => (0.6 * drift[c]) / norm + 0.25 * gaussian(random));
      position = position.map((p, c) => p + 0.1 * step[c]);
      points.set(position, index * 3);
      const prev = s === 0 ? from : index - 1;
      parent[index] = prev;
      if (prev >= 0) {
        stepLength[index] = Math.hypot(
          points[index * 3] - points[prev * 3],
          points[index * 3 + 1] - points[prev * 3 + 1],
          points[index * 3 + 2] - points[prev * 3 + 2],
        );
      }
      labels[index] = b;
      color[index] = s / count;
      index++;
    }
  }
  let groundTruth: GroundTruth | null = null;
  if (n <= TREE_GROUND_TRUTH_LIMIT) {
    const adjacency: number[][] = Array.from({ length: n }, () => []);
    const len: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) {
      if (parent[i] < 0) continue;
      adjacency[i].push(parent[i]);
      len[i].push(stepLength[i]);
      adjacency[parent[i]].push(i);
      len[parent[i]].push(stepLength[i]);
    }
    const rowPtr = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + adjacency[i].length;
    const graph: WeightedGraph = {
      n,
      rowPtr,
      colIndex: Int32Array.from(adjacency.flat()),
      lengths: Float64Array.from(len.flat()),
    };
    groundTruth = { kind: 'matrix', distances: allPairsShortestPaths(graph) };
  }
  addNoise(points, noise, random);
  return { name: 'tree', n, dim: 3, points, color, labels, groundTruth };
}

function clusters(n: number, noise: number, random: Random): Dataset {
  const k = 5;
  const centers = Array.from({ length: k }, () => [0, 1, 2].map(() => 10 * random() - 5));
  const points = new Float64Array(n * 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let a = 0; a < 3; a++) points[i * 3 + a] = centers[c][a] + gaussian(random);
  }
  addNoise(points, noise, random);
  return { name: 'clusters', n, dim: 3, points, color: Float64Array.from(labels), labels, groundTruth: null };
}

/** Row i of the ground-truth distance matrix, into `out` (length n). */
export function groundTruthRow(gt: GroundTruth, n: number, i: number, out: Float64Array): Float64Array {
  switch (gt.kind) {
    case 'intrinsic': {
      const { coords, dim } = gt;
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let c = 0; c < dim; c++) {
          const t = coords[i * dim + c] - coords[j * dim + c];
          s += t * t;
        }
        out[j] = Math.sqrt(s);
      }
      return out;
    }
    case 'sphere': {
      const x = gt.coords;
      for (let j = 0; j < n; j++) {
        const dot = x[i * 3] * x[j * 3] + x[i * 3 + 1] * x[j * 3 + 1] + x[i * 3 + 2] * x[j * 3 + 2];
        out[j] = Math.acos(Math.max(-1, Math.min(1, dot)));
      }
      return out;
    }
    case 'circle': {
      const a = gt.angles;
      for (let j = 0; j < n; j++) {
        const d = Math.abs(a[i] - a[j]) % (2 * Math.PI);
        out[j] = Math.min(d, 2 * Math.PI - d);
      }
      return out;
    }
    case 'matrix':
      out.set(gt.distances.subarray(i * n, (i + 1) * n));
      return out;
  }
}

/** Evenly spaced rows ⌊j·n/m⌋, j = 0…m−1, of n (a fair subsample of a data set in its own order). */
export function evenRows(n: number, m: number): Int32Array {
  if (!Number.isInteger(m) || m < 1 || m > n) throw new Error(`invalid subsample: ${m} of ${n} rows (need 1 ≤ m ≤ n)`);
  return Int32Array.from({ length: m }, (_, j) => Math.floor((j * n) / m));
}

/** The ground truth restricted to `rows` (of n). */
export function groundTruthSubset(gt: GroundTruth, n: number, rows: Int32Array): GroundTruth {
  const m = rows.length;
  const pick = (a: Float64Array, width: number) => {
    const out = new Float64Array(m * width);
    for (let q = 0; q < m; q++) out.set(a.subarray(rows[q] * width, (rows[q] + 1) * width), q * width);
    return out;
  };
  switch (gt.kind) {
    case 'intrinsic':
      return { kind: 'intrinsic', coords: pick(gt.coords, gt.dim), dim: gt.dim };
    case 'sphere':
      return { kind: 'sphere', coords: pick(gt.coords, 3) };
    case 'circle':
      return { kind: 'circle', angles: pick(gt.angles, 1) };
    case 'matrix': {
      const out = new Float64Array(m * m);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) out[a * m + b] = gt.distances[rows[a] * n + rows[b]];
      return { kind: 'matrix', distances: out };
    }
  }
}
