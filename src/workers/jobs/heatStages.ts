/**
 * The stages the heat chapter's jobs share (src/workers/jobs/heatEmbed.ts, heatCompare.ts): parameters and
 * their validation, input preparation, neighbours, the heat-geodesic distances on the CPU and GPU paths, the
 * comparator distances, MDS and the quality figures. The math is in src/geometry/heat.
 */
import { allPairsShortestPaths, chebyshevOrderFor, chebyshevTruncationBound, checkPointCloud, classicalMds, embeddingQuality, diffusionTimeCurve, heatKernelChebyshevDense, heatKernelExact, kernelNeighbourCount, knnDistanceGraph, laplacianEigen, makeDataset, potentialDistances, smacof, varadhanDistances, DATASET_NAMES, DEFAULT_LANDMARKS, type DatasetName, type EntropyCurve, type GraphStage, type GroundTruth, type LaplacianKind, type Quality } from '../../geometry/heat';
import { knnBruteForce, type NeighbourLists } from '../../geometry/linalg/distances';
import { mulberry32 } from '../../geometry/random';
import type { KernelContext } from '../../kernels/context';
import { KNN_MAX_K, knnGpu } from '../../kernels/knn/knn';
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
  /** 'chebyshev' or 'exact' (small n). */
  heat: 'chebyshev' | 'exact';
  method: HeatMethod;
  mdsIterations: number;
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
}

/** Above this n an omitted `landmarks` parameter selects the landmark path. */
export const LANDMARK_AUTO_ROWS = 2000;

/** The landmark count the heat/embed job uses (0 = the full path). */
export function landmarkCount(p: Pick<HeatParams, 'landmarks' | 'method' | 'heat'>, n: number): number {
  if (p.method !== 'heatgeo' || p.heat !== 'chebyshev') return 0;
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
  truncationBound: number;
  components: number;
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
  if (!(p.noise >= 0 && p.noise <= 10)) throw new InputError(`invalid noise: ${p.noise} (expected 0…10)`);
  if (!(p.alpha > 0 && p.alpha <= 200)) throw new InputError(`invalid decay α: ${p.alpha} (expected 0 < α ≤ 200)`);
  if (!(p.t > 0) || !Number.isFinite(p.t)) throw new InputError(`invalid diffusion time t: ${p.t} (expected t > 0)`);
  if (!(p.sigma >= 0 && p.sigma <= 2)) throw new InputError(`invalid σ: ${p.sigma} (expected 0 ≤ σ ≤ 2)`);
  if (p.laplacian !== 'normalized' && p.laplacian !== 'combinatorial') throw new InputError(`invalid Laplacian: ${String(p.laplacian)} (expected normalized or combinatorial)`);
  if (!HEAT_METHODS.includes(p.method)) throw new InputError(`invalid method: ${String(p.method)} (expected one of ${HEAT_METHODS.join(', ')})`);
}

export function prepare(p: HeatParams, data: HeatData | null, maxRows: number): Prepared {
  validateParams(p, maxRows);
  let points: Float64Array;
  let n: number;
  let d: number;
  let color: Float64Array;
  let labels: Int32Array | null = null;
  let groundTruth: GroundTruth | null = null;
  if (p.dataset === 'data') {
    if (!data) throw new InputError('dataset is "data" but no data was loaded');
    ({ points, n, d } = data);
    labels = data.labels ?? null;
    color = data.color ?? (labels ? Float64Array.from(labels) : new Float64Array(n));
    if (data.groundTruth) groundTruth = { kind: 'intrinsic', coords: data.groundTruth, dim: data.groundTruthDim ?? 1 };
  } else {
    const ds = makeDataset(p.dataset, p.n, p.noise, mulberry32(p.seed));
    ({ points, n, dim: d, color, labels, groundTruth } = ds);
  }
  let warnings: string[];
  try {
    warnings = checkPointCloud(points, n, d, p.k, maxRows).warnings;
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (p.heat === 'exact' && n > HEAT_EXACT_MAX_ROWS) {
    throw new InputError(`the exact heat kernel is O(n³): n = ${n} is more than ${HEAT_EXACT_MAX_ROWS}; use Chebyshev`);
  }
  const input = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < Math.min(3, d); c++) input[i * 3 + c] = points[i * d + c];
  if (d > 3) warnings.push(`the 3-D view shows the first 3 of ${d} columns`);
  return { points, n, d, input, color, labels, groundTruth, warnings, skipQuality: p.skipQuality === true };
}

/**
 * The diffusion time: `p.t`, or with `autoT` the knee of the entropy curve (geometry/heat/entropy.ts).
 * `report`: announce the sweep as a progress stage and checkpoint after it.
 */
export async function diffusionTime(
  ctx: JobContext<HeatProgress>,
  p: HeatParams,
  g: GraphStage,
  report: boolean,
): Promise<{ t: number; entropy: EntropyCurve | null }> {
  if (!p.autoT) return { t: p.t, entropy: null };
  if (report) ctx.progress({ stage: 'entropy sweep for t', fraction: 0.2 }, true);
  const entropy = diffusionTimeCurve(g.laplacian, g.lambdaMax, p.laplacian);
  if (report) await ctx.checkpoint();
  return { t: entropy.times[entropy.knee], entropy };
}

export async function neighboursFor(ctx: JobContext<HeatProgress>, x: Prepared, k: number, timings: Record<string, number>): Promise<NeighbourLists> {
  const t0 = performance.now();
  const kk = kernelNeighbourCount(k, x.n);
  let lists: NeighbourLists;
  if (ctx.gpu && kk <= KNN_MAX_K) {
    const r = await knnGpu(ctx.gpu, x.points, x.n, x.d, kk);
    lists = { indices: r.indices, squaredDistances: Float64Array.from(r.squaredDistances), k: kk };
  } else {
    lists = knnBruteForce(x.points, x.n, x.d, kk);
  }
  timings.knn = performance.now() - t0;
  return lists;
}

export interface HeatStage {
  distances: Float64Array;
  t: number;
  order: number;
  truncationBound: number;
  entropy: EntropyCurve | null;
}

/** Heat-geodesic distances on the CPU (f64). */
export async function heatDistancesCpu(ctx: JobContext<HeatProgress>, p: HeatParams, g: GraphStage, n: number, warnings: string[]): Promise<HeatStage> {
  const { t, entropy } = await diffusionTime(ctx, p, g, true);
  let heat: Float64Array;
  let truncationBound = 0;
  if (p.heat === 'exact') {
    ctx.progress({ stage: 'eigendecomposition', fraction: 0.3 }, true);
    heat = heatKernelExact(laplacianEigen(g.laplacian), t);
  } else {
    truncationBound = orderWarning(t, g.lambdaMax, p.order, warnings);
    heat = heatKernelChebyshevDense(g.laplacian, g.lambdaMax, t, p.order, 64, (done, total) =>
      ctx.progress({ stage: `Chebyshev heat kernel: ${done}/${total} columns`, fraction: 0.2 + (0.4 * done) / total }),
    );
  }
  await ctx.checkpoint();
  const distances = varadhanDistances(heat, n, t, p.sigma);
  return { distances, t, order: p.order, truncationBound, entropy };
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
export async function heatDistancesGpu(ctx: JobContext<HeatProgress>, gpu: KernelContext, p: HeatParams, g: GraphStage, n: number, warnings: string[]): Promise<HeatStage & { buffer: GPUBuffer }> {
  // the sweep uses 64 probe columns: cheap enough on the CPU
  const { t, entropy } = await diffusionTime(ctx, p, g, false);
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
  return { distances, t, order: p.order, truncationBound, entropy, buffer: dist };
}

export function stepsOf(p: HeatParams): number {
  return p.steps ?? 20;
}

/** Distances for a comparator method (CPU, f64). */
export function comparatorDistances(method: HeatMethod, p: HeatParams, g: GraphStage, n: number): Float64Array | null {
  switch (method) {
    case 'phate':
      return potentialDistances(g.graph.weights, stepsOf(p));
    case 'shortest':
      return allPairsShortestPaths(knnDistanceGraph(g.graph.neighbours, n, p.k));
    default:
      return null;
  }
}

/** Classical MDS then SMACOF on the CPU, streaming iterates. */
export async function embedCpu(
  ctx: JobContext<HeatProgress>,
  distances: Float64Array,
  x: Prepared,
  p: HeatParams,
  stream: boolean,
): Promise<{ embedding: Float64Array; stress: number; iterations: number }> {
  const { n } = x;
  const init = classicalMds(distances, n, p.dims, mulberry32(p.seed + 1));
  if (stream) ctx.progress({ stage: 'classical MDS', fraction: 0.7, iteration: 0, embedding: init, quality: qualityOf(init, x, p.dims), setup: setupOf(x, p.dims) }, true);
  let current = init;
  let stressValue = NaN;
  let iterations = 0;
  const chunk = 5;
  for (let done = 0; done < p.mdsIterations; done += chunk) {
    const steps = Math.min(chunk, p.mdsIterations - done);
    const r = smacof(distances, n, p.dims, current, steps);
    current = r.embedding;
    stressValue = r.stress;
    iterations = done + steps;
    if (stream) {
      ctx.progress({
        stage: `SMACOF ${iterations}/${p.mdsIterations}`,
        fraction: 0.7 + (0.3 * iterations) / p.mdsIterations,
        iteration: iterations,
        embedding: Float64Array.from(current),
        stress: stressValue,
        quality: qualityOf(current, x, p.dims, LIVE_QUALITY_ROWS),
      });
    }
    await ctx.checkpoint();
  }
  return { embedding: current, stress: stressValue, iterations };
}

export function setupOf(x: Prepared, dims: number): NonNullable<HeatProgress['setup']> {
  return { n: x.n, dims, input: x.input, color: x.color, labels: x.labels };
}

export function qualityOf(embedding: Float64Array, x: Prepared, dims: number, rows = QUALITY_ROWS): Quality | null {
  return x.groundTruth && !x.skipQuality ? embeddingQuality(embedding, x.n, dims, x.groundTruth, rows) : null;
}
