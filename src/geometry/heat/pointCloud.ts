/**
 * The point cloud a heat pipeline runs on: points with what colours them and their ground truth,
 * restricted to evenly spaced rows for a preview, and its coordinates for the 3-D view.
 */
import { evenRows, groundTruthSubset, type GroundTruth } from './datasets';

export interface PointCloud {
  /** n×d row-major. */
  points: Float64Array;
  n: number;
  d: number;
  /** A value per point to colour by. */
  color: Float64Array;
  labels: Int32Array | null;
  groundTruth: GroundTruth | null;
}

/** Loaded arrays (a file, the digits): coloured by `color`, else by `labels`, else uniformly; ground truth as intrinsic coordinates. */
export interface LoadedPoints {
  points: Float64Array;
  n: number;
  d: number;
  labels?: Int32Array | null;
  color?: Float64Array | null;
  /** n×groundTruthDim intrinsic coordinates whose Euclidean distances are the geodesics. */
  groundTruth?: Float64Array | null;
  groundTruthDim?: number;
}

export function loadedPointCloud(data: LoadedPoints): PointCloud {
  const labels = data.labels ?? null;
  const color = data.color ?? (labels ? Float64Array.from(labels) : new Float64Array(data.n));
  const groundTruth: GroundTruth | null = data.groundTruth ? { kind: 'intrinsic', coords: data.groundTruth, dim: data.groundTruthDim ?? 1 } : null;
  return { points: data.points, n: data.n, d: data.d, color, labels, groundTruth };
}

/** Rows `rows` of an n×width row-major array, in that order. */
export function pickRows<A extends Float64Array | Int32Array>(a: A, width: number, rows: Int32Array): A {
  const out = new (a.constructor as new (length: number) => A)(rows.length * width);
  for (let q = 0; q < rows.length; q++) out.set(a.subarray(rows[q] * width, (rows[q] + 1) * width), q * width);
  return out;
}

/**
 * The cloud on m evenly spaced rows (`evenRows`: row q is ⌊q·n/m⌋), with its colours, labels and
 * ground truth; the cloud itself when m is 0 or at least n. `from` is the row count before the
 * subsample (0 when none was taken).
 */
export function evenSubsample(cloud: PointCloud, m: number): { cloud: PointCloud; from: number } {
  if (!m || m >= cloud.n) return { cloud, from: 0 };
  const rows = evenRows(cloud.n, m);
  return {
    cloud: {
      points: pickRows(cloud.points, cloud.d, rows),
      n: rows.length,
      d: cloud.d,
      color: pickRows(cloud.color, 1, rows),
      labels: cloud.labels ? pickRows(cloud.labels, 1, rows) : null,
      groundTruth: cloud.groundTruth ? groundTruthSubset(cloud.groundTruth, cloud.n, rows) : null,
    },
    from: cloud.n,
  };
}

/**
 * The diffusion time on m of n evenly spaced rows: t·m/n. For a fixed manifold scale the graph's
 * diffusion time grows with the density of points (hop distances grow like √n on a 2-D manifold,
 * diffusion time like their square), so a preview keeps the picture by scaling t with its rows.
 */
export function subsampleDiffusionTime(t: number, m: number, n: number): number {
  return (t * m) / n;
}

/** The first three coordinates of each point (zero-padded below three), n×3 in f32, for the 3-D view. */
export function viewCoordinates(points: Float64Array, n: number, d: number): Float32Array {
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < Math.min(3, d); c++) out[i * 3 + c] = points[i * d + c];
  return out;
}
