/**
 * What the heat chapter's jobs share (src/workers/jobs/heatEmbed.ts, heatCompare.ts): parameters and
 * their validation, the result types, the heat-geodesic distances on the GPU path and the quality
 * figures. The CPU pipeline's memoised stages are in heatPipeline.ts; the math is in src/geometry/heat.
 */
import { chebyshevOrderFor, chebyshevTruncationBound, embeddingQualityAgainst, groundTruthRows, DEFAULT_LANDMARKS, type ReferenceRows, type EntropyCurve, type GraphStage, type GroundTruth, type HeatRoute, type Quality } from '../../geometry/heat';
import type { KernelContext } from '../../kernels/context';
import { heatKernelChebyshevBuffer } from '../../kernels/spmm/spmm';
import { encodeVaradhan } from '../../kernels/varadhan/varadhan';
import { InputError, type JobContext } from '../job';
import { checkParams, type ParamTable } from '../../catalogue/params';
import { HEAT_COMPARE_MAX_ROWS, HEAT_FIELD_DEFAULTS, HEAT_JOB_FIELDS, HEAT_MAX_ROWS, HEAT_METHOD_LABELS, HEAT_METHODS, HEAT_OPTIONAL_FIELDS, type HeatCompareParams, type HeatMethod, type HeatParams } from '../../catalogue/heat';

/** The jobs' parameters are declared once, in src/catalogue/heat.ts (sliders, types, validator). */
export { HEAT_COMPARE_MAX_ROWS, HEAT_MAX_ROWS, HEAT_METHOD_LABELS, HEAT_METHODS, type HeatCompareParams, type HeatMethod, type HeatParams };

/** Exact eigendecomposition is O(n³): allowed up to this n. */
export const HEAT_EXACT_MAX_ROWS = 800;
/** Rows averaged for the live quality figures. */
export const QUALITY_ROWS = 400;
/** Rows for the figures streamed with each MDS iterate (cheaper, a little noisier). */
export const LIVE_QUALITY_ROWS = 150;

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

/**
 * Refuses params outside the declared tables (src/catalogue/heat.ts), naming the field: the job's
 * sliders (`table`) and the fields the views set without a control. Omitted optional fields take
 * their defaults; loaded data ignores `n` (checkPointCloud checks its rows against the limit).
 */
export function validateParams(p: HeatCompareParams, table: ParamTable): void {
  const skip: string[] = HEAT_OPTIONAL_FIELDS.filter((name) => (p as Record<string, unknown>)[name] === undefined);
  if (p.dataset === 'data') skip.push('n');
  else if (Number.isInteger(p.n) && p.n > rowLimit(table)) throw new InputError(`invalid n: ${p.n} (n = ${p.n} is more than the limit of ${rowLimit(table)} rows)`);
  checkParams(table, p, skip);
  checkParams(HEAT_JOB_FIELDS, p, skip);
}

/** The most rows a job's table allows (its `n` entry's max). */
export function rowLimit(table: ParamTable): number {
  const n = table.find((s) => s.name === 'n');
  if (n?.type !== 'integer') throw new Error('a heat job table declares n as an integer');
  return n.max;
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
export async function heatDistancesGpu(ctx: JobContext<HeatProgress>, gpu: KernelContext, p: HeatCompareParams, g: GraphStage, n: number, t: number, warnings: string[]): Promise<{ distances: Float64Array; truncationBound: number; buffer: GPUBuffer }> {
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

export function stepsOf(p: HeatCompareParams): number {
  return p.steps ?? HEAT_FIELD_DEFAULTS.steps;
}

export function setupOf(x: Prepared, dims: number): NonNullable<HeatProgress['setup']> {
  return { n: x.n, dims, input: x.input, color: x.color, labels: x.labels };
}

/**
 * The ground truth's ranked rows by data set and row count: every quality figure of one data set
 * (each streamed iterate, each method of the comparison) is measured against the same rows, so
 * they are sorted once. Keyed by the ground-truth object, which the data stage keeps while it is cached.
 */
const referenceCache = new WeakMap<GroundTruth, Map<number, ReferenceRows>>();

function referenceFor(gt: GroundTruth, n: number, rows: number): ReferenceRows {
  let byRows = referenceCache.get(gt);
  if (!byRows) referenceCache.set(gt, (byRows = new Map()));
  let reference = byRows.get(rows);
  if (!reference || reference.n !== n) byRows.set(rows, (reference = groundTruthRows(gt, n, rows)));
  return reference;
}

/** Row-averaged Spearman and Pearson against the ground truth (null without one); equal to `embeddingQuality`. */
export function qualityOf(embedding: Float64Array, x: Prepared, dims: number, rows = QUALITY_ROWS): Quality | null {
  return x.groundTruth && !x.skipQuality ? embeddingQualityAgainst(embedding, dims, referenceFor(x.groundTruth, x.n, rows)) : null;
}
