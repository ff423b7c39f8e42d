/**
 * Jobs of the "Geodesics" chapter.
 *  - `geodesics/spd-paths`: for the SPD matrices the view holds (sliders or a loaded
 *    file), the geodesic between the first two under each of the four metrics (sampled
 *    at t = 0, 1/(samples−1), …, 1) with its determinant and distance to A along the path,
 *    the distance d(A, B), and the Fréchet mean of all matrices with its convergence
 *    history. CPU only: n ≤ 8 and a handful of matrices take milliseconds.
 *  - `geodesics/fan`: a fan of geodesics on a test surface (GPU: one invocation per
 *    geodesic; CPU: the f64 RK4 reference), with the surface's height and Gaussian
 *    curvature on a grid for the mesh colouring.
 */
import {
  affineInvariant,
  buresWasserstein,
  determinant,
  generalizedBuresWasserstein,
  logEuclidean,
  SPD_METRICS,
  validateSpd,
  validateSpdList,
  type SpdMetric,
  type SpdMetricName,
} from '../../geometry/spd';
/** Re-exported for jobs and tests that name it beside the job; the app imports it from geometry. */
export { SPD_METRICS };
import {
  buildLossSlice,
  gaussianCurvature,
  geodesicFan,
  LOSS_SLICE_DEFAULTS,
  surfaceByName,
  validateFanOptions,
  type GraphSurface,
  type LossSlice,
} from '../../geometry/surfaces';
import { DeviceLimitError } from '../../kernels/context';
import { geodesicFanGpu } from '../../kernels/geodesicFan/geodesicFan';
import { defineJob, InputError, type JobContext } from '../job';
import { checkParams } from '../../catalogue/params';
import { FAN_JOB_PARAMS, FAN_PARAMS, LOSS_SLICE_PARAMS, SPD_PATHS_PARAMS, type FanSettings, type SpdPathsSettings } from '../../catalogue/geodesics';


/** θ and `means` are declared in src/catalogue/geodesics.ts; `samples` is the view's resolution, not a slider. */
export type SpdPathsParams = SpdPathsSettings & {
  /** Samples along each geodesic, t = k/(samples − 1). */
  samples: number;
};

export interface SpdPathsData {
  n: number;
  /** Row-major n×n SPD matrices; the geodesic joins the first two. */
  matrices: Float64Array[];
  /** The SPD parameter of the generalized BW metric; identity when absent. */
  m?: Float64Array | null;
}

export interface SpdMetricResult {
  distance: number;
  /** samples entries of t. */
  t: Float64Array;
  /** samples × n² row-major matrices γ(t). */
  path: Float64Array;
  /** det γ(t) (the swelling effect: AI and LE interpolate det geometrically). */
  determinants: Float64Array;
  /** d(A, γ(t)), which is t·d(A, B) for a constant-speed geodesic. */
  distanceFromStart: Float64Array;
  mean: Float64Array;
  meanGradientNorms: Float64Array;
  meanCosts: Float64Array;
  meanIterations: number;
  meanConverged: boolean;
}

export interface SpdPathsResult {
  n: number;
  count: number;
  metrics: Record<SpdMetricName, SpdMetricResult>;
}

export interface SpdPathsProgress {
  done: number;
  total: number;
  metric: SpdMetricName;
}

function toInputError(error: unknown): never {
  if (error instanceof InputError) throw error;
  throw new InputError((error as Error).message);
}

function validateSpdPaths(params: SpdPathsParams, data: SpdPathsData): void {
  checkParams(SPD_PATHS_PARAMS, params);
  if (!Number.isInteger(params.samples) || params.samples < 2 || params.samples > 401) {
    throw new InputError(`invalid samples: ${params.samples} (expected an integer from 2 to 401)`);
  }
  if (!data || !Array.isArray(data.matrices)) throw new InputError('no matrices: expected data.matrices, a list of n×n matrices');
  if (data.matrices.length < 2) throw new InputError(`matrices has ${data.matrices.length} entries but at least 2 are needed for a geodesic`);
  try {
    const n = validateSpdList(data.matrices, 'matrices', 2);
    if (n !== data.n) throw new InputError(`matrices are ${n}×${n} but n is ${data.n}`);
    if (data.m) {
      const k = validateSpd(data.m, 'M');
      if (k !== n) throw new InputError(`M is ${k}×${k} but the matrices are ${n}×${n}`);
    }
  } catch (error) {
    toInputError(error);
  }
}

function metricFor(name: SpdMetricName, params: SpdPathsParams, data: SpdPathsData): SpdMetric {
  switch (name) {
    case 'affineInvariant':
      return affineInvariant;
    case 'logEuclidean':
      return logEuclidean;
    case 'buresWasserstein':
      return buresWasserstein;
    case 'generalizedBW':
      return generalizedBuresWasserstein({ m: data.m ?? undefined, theta: params.theta });
  }
}

export const spdPaths = defineJob<SpdPathsParams, SpdPathsData, SpdPathsResult, SpdPathsProgress>({
  name: 'geodesics/spd-paths',
  params: SPD_PATHS_PARAMS,
  async cpu(ctx, params, data) {
    validateSpdPaths(params, data);
    const { n, matrices } = data;
    const [a, b] = matrices;
    const metrics = {} as Record<SpdMetricName, SpdMetricResult>;
    for (let index = 0; index < SPD_METRICS.length; index++) {
      const name = SPD_METRICS[index];
      await ctx.checkpoint();
      const metric = metricFor(name, params, data);
      const samples = params.samples;
      const t = Float64Array.from({ length: samples }, (_, k) => k / (samples - 1));
      const path = new Float64Array(samples * n * n);
      const determinants = new Float64Array(samples);
      const distanceFromStart = new Float64Array(samples);
      for (let k = 0; k < samples; k++) {
        const g = metric.geodesic(a, b, t[k]);
        path.set(g, k * n * n);
        determinants[k] = determinant(g, n);
        distanceFromStart[k] = k === 0 ? 0 : metric.distance(a, g);
      }
      const mean = params.means
        ? metric.mean(matrices)
        : { mean: new Float64Array(0), gradientNorms: new Float64Array(0), costs: new Float64Array(0), iterations: 0, converged: false };
      metrics[name] = {
        distance: metric.distance(a, b),
        t,
        path,
        determinants,
        distanceFromStart,
        mean: mean.mean,
        meanGradientNorms: mean.gradientNorms,
        meanCosts: mean.costs,
        meanIterations: mean.iterations,
        meanConverged: mean.converged,
      };
      ctx.progress({ done: index + 1, total: SPD_METRICS.length, metric: name });
    }
    return { n, count: matrices.length, metrics };
  },
  transfer: (r) =>
    Object.values(r.metrics).flatMap((m) => [m.t, m.path, m.determinants, m.distanceFromStart, m.mean, m.meanGradientNorms, m.meanCosts].map((x) => x.buffer)),
});

/** The sliders' part is declared in src/catalogue/geodesics.ts; `gridSize` is the view's mesh resolution. */
export type FanParams = FanSettings & {
  /** Grid points per side for the surface mesh (heights and Gaussian curvature). */
  gridSize: number;
};

/** What the loss slice was built from (FanResult.lossSlice). */
export interface LossSliceInfo {
  steps: number;
  seed: number;
  /** Samples per side of the loss grid the spline interpolates, and its half-width. */
  sampleGrid: number;
  radius: number;
  layers: number[];
  paramCount: number;
  /** L(θ*) and the Rayleigh quotient d₁ᵀHd₁ of the top-eigenvector direction. */
  centreLoss: number;
  topEigenvalue: number;
}

export interface FanResult {
  surface: string;
  count: number;
  steps: number;
  /** count × (steps + 1) × 3 (x, y, z). */
  points: Float32Array;
  lengths: Uint32Array;
  gridSize: number;
  domain: Float64Array;
  /** gridSize² heights, row-major over (y, x). */
  heights: Float32Array;
  /** gridSize² Gaussian curvature values. */
  curvature: Float32Array;
  /** Present when surface = 'lossSlice'. */
  lossSlice?: LossSliceInfo;
}

export interface FanProgress {
  stage: string;
}

function lossSliceSettings(params: FanParams): { steps: number; seed: number } {
  return { steps: params.lossSteps ?? LOSS_SLICE_DEFAULTS.steps, seed: params.lossSeed ?? LOSS_SLICE_DEFAULTS.seed };
}

/** The loss slice as a cached stage (building it trains the network: ~0.2–0.6 s), reused while only the fan's parameters change. */
async function lossSliceStage(ctx: JobContext<FanProgress>, params: FanParams): Promise<LossSlice | null> {
  if (params.surface !== 'lossSlice') return null;
  const settings = lossSliceSettings(params);
  return ctx.stages.run('loss-slice', settings, () => buildLossSlice(settings));
}

function lossSliceInfo(params: FanParams, s: LossSlice | null): LossSliceInfo | undefined {
  if (!s) return undefined;
  return {
    ...lossSliceSettings(params),
    sampleGrid: s.interpolant.size,
    radius: s.surface.domain[1],
    layers: [...s.mlp.layers],
    paramCount: s.mlp.paramCount,
    centreLoss: s.surface.f(0, 0),
    topEigenvalue: s.topEigenvalue,
  };
}

/** The declared entries; the loss-slice ones only where given (the other surfaces do not read them). */
function checkFan(params: FanParams): void {
  checkParams(FAN_PARAMS, params);
  checkParams(LOSS_SLICE_PARAMS, params, LOSS_SLICE_PARAMS.filter((s) => params[s.name] === undefined).map((s) => s.name));
}

function validateFan(params: FanParams, slice: LossSlice | null): GraphSurface {
  let surface;
  try {
    surface = slice ? slice.surface : surfaceByName(params.surface);
    validateFanOptions(surface, params);
  } catch (error) {
    toInputError(error);
  }
  if (!Number.isInteger(params.gridSize) || params.gridSize < 2 || params.gridSize > 400) {
    throw new InputError(`invalid gridSize: ${params.gridSize} (expected an integer from 2 to 400)`);
  }
  return surface!;
}

function surfaceGrid(params: FanParams, surface: GraphSurface) {
  const [x0, x1, y0, y1] = surface.domain;
  const size = params.gridSize;
  const heights = new Float32Array(size * size);
  const curvature = new Float32Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const x = x0 + ((x1 - x0) * j) / (size - 1);
      const y = y0 + ((y1 - y0) * i) / (size - 1);
      heights[i * size + j] = surface.f(x, y);
      curvature[i * size + j] = gaussianCurvature(surface, x, y);
    }
  return { domain: Float64Array.from(surface.domain), heights, curvature };
}

export const fan = defineJob<FanParams, null, FanResult, FanProgress>({
  name: 'geodesics/fan',
  params: FAN_JOB_PARAMS,
  async cpu(ctx, params) {
    checkFan(params);
    const slice = await lossSliceStage(ctx, params);
    const surface = validateFan(params, slice);
    // the mesh (heights and curvature) does not depend on the fan: a moved start point reuses it
    const grid = await ctx.stages.run('grid', { surface: params.surface, gridSize: params.gridSize, ...(slice ? lossSliceSettings(params) : {}) }, () => surfaceGrid(params, surface));
    await ctx.checkpoint();
    // In chunks of geodesics so a slider move can cancel a large fan.
    const stride = (params.steps + 1) * 3;
    const points = new Float32Array(params.count * stride);
    const lengths = new Uint32Array(params.count);
    const chunk = 64;
    for (let start = 0; start < params.count; start += chunk) {
      const size = Math.min(chunk, params.count - start);
      const part = geodesicFan(surface, params, start, size);
      points.set(part.points, start * stride);
      lengths.set(part.lengths, start);
      ctx.progress({ stage: `${start + size} of ${params.count} geodesics` });
      await ctx.checkpoint();
    }
    // copies of the cached mesh: the result's buffers are transferred
    const mesh = { domain: grid.domain.slice(), heights: grid.heights.slice(), curvature: grid.curvature.slice() };
    return { surface: params.surface, count: params.count, steps: params.steps, points, lengths, gridSize: params.gridSize, ...mesh, lossSlice: lossSliceInfo(params, slice) };
  },
  async gpu(ctx, params) {
    checkFan(params);
    // The WGSL kernel mirrors the analytic test surfaces by id; the loss slice is data, so the engine reruns it on the CPU.
    if (params.surface === 'lossSlice') throw new DeviceLimitError('the GPU fan kernel has no case for the network loss slice (a sampled grid); computed on the CPU');
    const surface = validateFan(params, null);
    const out = await geodesicFanGpu(ctx.gpu!, surface, params);
    await ctx.checkpoint();
    return { surface: params.surface, count: params.count, steps: params.steps, points: out.points, lengths: out.lengths, gridSize: params.gridSize, ...surfaceGrid(params, surface) };
  },
  transfer: (r) => [r.points.buffer, r.lengths.buffer, r.heights.buffer, r.curvature.buffer, r.domain.buffer],
});

