/**
 * What the heat chapter's jobs share (src/workers/jobs/heatEmbed.ts, heatCompare.ts): parameters and
 * their validation, the result types, the heat-geodesic distances on the GPU path and the quality
 * figures. The CPU pipeline's memoised stages are in heatPipeline.ts; the math is in src/geometry/heat.
 */
import { chebyshevOrderFor, chebyshevTruncationBound, embeddingQuality, DATASET_NAMES, DEFAULT_LANDMARKS, type DatasetName, type EntropyCurve, type GraphStage, type GroundTruth, type HeatRoute, type LaplacianKind, type Quality } from '../../geometry/heat';
import type { KernelContext } from '../../kernels/context';
import { heatKernelChebyshevBuffer } from '../../kernels/spmm/spmm';
import { encodeVaradhan } from '../../kernels/varadhan/varadhan';
import { InputError, type JobContext } from '../job';
import { HEAT_COMPARE_MAX_ROWS, HEAT_MAX_ROWS, HEAT_METHOD_LABELS, HEAT_METHODS, type HeatMethod } from '../../catalogue/heat';


export { HEAT_COMPARE_MAX_ROWS, HEAT_MAX_ROWS, HEAT_METHOD_LABELS, HEAT_METHODS, type HeatMethod };

/** Exact eigendecomposition is O(n³): allowed up to this n. */
export const HEAT_EXACT_MAX_ROWS = 800;
/** Rows averaged for the live quality figures. */
export const QUALITY_ROWS = 400;
/** Rows for the figures streamed with each MDS iterate (cheaper, a little noisier). */
export const LIVE_QUALITY_ROWS = 150;

export interface HeatParams {
  /** A synthetic dataset, or 'data' for `data` (loaded CSV, digits). */
  dataset: DatasetName | 'data';
  n: number;
  noise: number;
  k: number;
  /** Decay exponent α of the kernel (2 = Gaussian). */
  alpha: number;
  laplacian: LaplacianKind;
  /** Diffusion time; ignored when autoT. */
  t: number;
  autoT: boolean;
  order: number;
  sigma: number;
  /**
   * The heat kernel's route: 'chebyshev' (order K), 'eigen' (truncated eigendecomposition, cached per
   * graph), 'exact' (every eigenpair; small n), or 'auto' (eigen up to HEAT_EIGEN_ROUTE_MAX_ROWS on
   * the CPU path, Chebyshev above and on the GPU).
   */
  heat: 'auto' | 'chebyshev' | 'eigen' | 'exact';
  method: HeatMethod;
  /** Most SMACOF iterations (it stops earlier at the tolerance). */
  mdsIterations: number;
  /** SMACOF's relative stress-decrease tolerance; default SMACOF_TOLERANCE (heatMds.ts). */
  mdsTolerance?: number;
  dims: number;
  seed: number;
  /** Diffusion steps of the comparators (PHATE-like potential P^steps, diffusion map λ^steps); default 20. */
  steps?: number;
  /** Benchmarks time the pipeline alone: no quality figures. */
  skipQuality?: boolean;
  /**
   * Landmark heat-geodesic path (method 'heatgeo', Chebyshev, CPU): 0 = all points (the exact
   * full path); L ≥ 1 = L farthest-point landmarks (L ≥ n is the full path); omitted = automatic,
   * DEFAULT_LANDMARKS when n > LANDMARK_AUTO_ROWS, else all points.
   */
  landmarks?: number;
  /**
   * Previews: run on m evenly spaced rows of the data (t scaled by m/n, since the graph's diffusion
   * time for a fixed manifold scale grows with the density of points). 0 or omitted: every row.
   */
  subsample?: number;
}

/** Above this n an omitted `landmarks` parameter selects the landmark path. */
export const LANDMARK_AUTO_ROWS = 2000;

/** The landmark count the heat/embed job uses (0 = the full path). */
export function landmarkCount(p: Pick<HeatParams, 'landmarks' | 'method' | 'heat'>, n: number): number {
  if (p.method !== 'heatgeo' || (p.heat !== 'chebyshev' && p.heat !== 'auto')) return 0;
  const l = p.landmarks ?? (n > LANDMARK_AUTO_ROWS ? DEFAULT_LANDMARKS : 0);
  return l > 0 && l < n ? Math.max(l, 4) : 0;
}

export interface HeatData {
  /** n×d row-major. */
  points: Float64Array;
  n: number;
  d: number;
  labels?: Int32Array | null;
  /** Optional ground truth: intrinsic coordinates (n×gtDim) whose Euclidean distances are the geodesics. */
  groundTruth?: Float64Array | null;
  groundTruthDim?: number;
  /** Optional colour parameter. */
  color?: Float64Array | null;
}

export interface HeatProgress {
  stage: string;
  /** Sent once, with the first iterate, so a view can draw iterates before the result exists. */
  setup?: { n: number; dims: number; input: Float32Array; color: Float64Array; labels: Int32Array | null };
  fraction: number;
  iteration?: number;
  embedding?: Float64Array;
  stress?: number;
  quality?: Quality | null;
}

export interface HeatResult {
  method: HeatMethod;
  n: number;
  dims: number;
  /** n×dims, input order. */
  embedding: Float64Array;
  /** n×3 for the 3-D view (first three coordinates, or PCA-free zero padding). */
  input: Float32Array;
  color: Float64Array;
  labels: Int32Array | null;
  quality: Quality | null;
  stress: number;
  iterations: number;
  t: number;
  order: number;
  /** Which heat kernel ran ('diffusion', 'phate', 'shortest' have none: null). */
  route: HeatRoute | null;
  /** Eigenpairs used by the eigen route (n for exact, 0 for Chebyshev). */
  eigenpairs: number;
  /** Bound on the heat kernel's approximation error (Chebyshev: spectral norm; eigen: entrywise). */
  truncationBound: number;
  components: number;
  /** Whether SMACOF started from the previous layout of the same points. */
  warmStart: boolean;
  /** Stages reused from the memo in this run (names), for the status line. */
  cached: string[];
  /** m when this is a preview on m of `subsampledFrom` rows, else 0. */
  subsampledFrom: number;
  /** Landmarks used by the heat-geodesic distances (0 = all points, the full path). */
  landmarks: number;
  entropy: EntropyCurve | null;
  warnings: string[];
  timings: Record<string, number>;
}

export interface Prepared {
  points: Float64Array;
  n: number;
  d: number;
  input: Float32Array;
  color: Float64Array;
  labels: Int32Array | null;
  groundTruth: GroundTruth | null;
  warnings: string[];
  skipQuality: boolean;
  /** The row count before a preview's subsample (0: not subsampled). */
  subsampledFrom: number;
}

export function validateParams(p: HeatParams, maxRows: number): void {
  const intIn = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new InputError(`invalid ${name}: ${v} (expected an integer in ${lo}…${hi})`);
  };
  if (p.dataset !== 'data') {
    if (!DATASET_NAMES.includes(p.dataset)) throw new InputError(`unknown dataset: ${String(p.dataset)} (expected one of ${DATASET_NAMES.join(', ')})`);
    if (Number.isInteger(p.n) && p.n > maxRows) throw new InputError(`n = ${p.n} is more than the limit of ${maxRows} rows`);
    intIn('n', p.n, 10, maxRows);
  }
  intIn('k', p.k, 1, 200);
  intIn('Chebyshev order', p.order, 1, 4096);
  intIn('MDS iterations', p.mdsIterations, 0, 5000);
  intIn('dims', p.dims, 1, 3);
  if (p.landmarks !== undefined) intIn('landmarks', p.landmarks, 0, HEAT_MAX_ROWS);
  if (p.steps !== undefined) intIn('diffusion steps', p.steps, 1, 500);
  if (p.subsample !== undefined && p.subsample !== 0) intIn('subsample', p.subsample, 10, HEAT_MAX_ROWS);
  if (p.mdsTolerance !== undefined && !(p.mdsTolerance >= 0 && p.mdsTolerance < 1)) throw new InputError(`invalid SMACOF tolerance: ${p.mdsTolerance} (expected 0 ≤ tolerance < 1)`);
  if (!['auto', 'chebyshev', 'eigen', 'exact'].includes(p.heat)) throw new InputError(`invalid heat route: ${String(p.heat)} (expected auto, chebyshev, eigen or exact)`);
  if (!(p.noise >= 0 && p.noise <= 10)) throw new InputError(`invalid noise: ${p.noise} (expected 0…10)`);
  if (!(p.alpha > 0 && p.alpha <= 200)) throw new InputError(`invalid decay α: ${p.alpha} (expected 0 < α ≤ 200)`);
  if (!(p.t > 0) || !Number.isFinite(p.t)) throw new InputError(`invalid diffusion time t: ${p.t} (expected t > 0)`);
  if (!(p.sigma >= 0 && p.sigma <= 2)) throw new InputError(`invalid σ: ${p.sigma} (expected 0 ≤ σ ≤ 2)`);
  if (p.laplacian !== 'normalized' && p.laplacian !== 'combinatorial') throw new InputError(`invalid Laplacian: ${String(p.laplacian)} (expected normalized or combinatorial)`);
  if (!HEAT_METHODS.includes(p.method)) throw new InputError(`invalid method: ${String(p.method)} (expected one of ${HEAT_METHODS.join(', ')})`);
}

export function orderWarning(t: number, lambdaMax: number, order: number, warnings: string[]): number {
  const bound = chebyshevTruncationBound(t, lambdaMax, order);
  if (bound > 1e-4) {
    const needed = chebyshevOrderFor(t, lambdaMax, 1e-6);
    warnings.push(
      `Chebyshev order ${order} is too small for t·λ_max = ${(t * lambdaMax).toFixed(1)}: the error bound is ${bound.toExponential(1)}; order ≥ ${needed} gives 1e-6`,
    );
  }
  return bound;
}

/** Heat-geodesic distances on the GPU (f32): Chebyshev by spmm, then the Varadhan transform; D is read back. */
export async function heatDistancesGpu(ctx: JobContext<HeatProgress>, gpu: KernelContext, p: HeatParams, g: GraphStage, n: number, t: number, warnings: string[]): Promise<{ distances: Float64Array; truncationBound: number; buffer: GPUBuffer }> {
  const truncationBound = orderWarning(t, g.lambdaMax, p.order, warnings);
  const eye = new Float32Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  const heat = await heatKernelChebyshevBuffer(gpu, g.laplacian, g.lambdaMax, t, p.order, eye, n, (k) =>
    ctx.progress({ stage: `Chebyshev order ${k}/${p.order} (GPU)`, fraction: 0.2 + (0.4 * k) / p.order }),
  );
  const dist = gpu.storage(n * n * 4, 'heat:distances');
  const encoder = gpu.device.createCommandEncoder({ label: 'heat:varadhan' });
  encodeVaradhan(gpu, encoder, heat, dist, n, t, p.sigma);
  gpu.device.queue.submit([encoder.finish()]);
  const distances = Float64Array.from(await gpu.readFloat32(dist, n * n));
  heat.destroy();
  return { distances, truncationBound, buffer: dist };
}

export function stepsOf(p: HeatParams): number {
  return p.steps ?? 20;
}

export function setupOf(x: Prepared, dims: number): NonNullable<HeatProgress['setup']> {
  return { n: x.n, dims, input: x.input, color: x.color, labels: x.labels };
}

export function qualityOf(embedding: Float64Array, x: Prepared, dims: number, rows = QUALITY_ROWS): Quality | null {
  return x.groundTruth && !x.skipQuality ? embeddingQuality(embedding, x.n, dims, x.groundTruth, rows) : null;
}
