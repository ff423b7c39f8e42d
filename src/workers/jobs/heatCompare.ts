/**
 * `heat/compare`: every method on the same graph with its quality figures. The CPU path runs the
 * memoised stages of heatPipeline.ts, so a change of t recomputes only the heat-geodesic panel and
 * a change of the comparator steps only the PHATE-like and diffusion-map panels.
 */
import { capComponentDistances, type HeatRoute, type Quality } from '../../geometry/heat';
import { defineJob, type JobContext } from '../job';
import { HEAT_COMPARE_PARAMS, HEAT_METHOD_LABELS, HEAT_METHODS, type HeatMethod } from '../../catalogue/heat';
import { HeatPipeline, type Keyed } from './heatPipeline';
import { embeddingStage } from './heatMds';
import { heatPreview } from './heatPreview';
import { type HeatCompareParams, type HeatData, type HeatProgress, heatDistancesGpu, orderWarning, qualityOf } from './heatStages';

export interface CompareResult {
  n: number;
  dims: number;
  input: Float32Array;
  color: Float64Array;
  labels: Int32Array | null;
  methods: {
    method: HeatMethod;
    label: string;
    embedding: Float64Array;
    quality: Quality | null;
    /** Only in a partial result: this panel's quality figures are being computed (quality is null until then). */
    qualityPending?: boolean;
    seconds: number;
  }[];
  t: number;
  /** The heat-geodesic panel's heat kernel route, eigenpairs and error bound. */
  route: HeatRoute;
  eigenpairs: number;
  truncationBound: number;
  /** Stages reused from the memo in this run. */
  cached: string[];
  /** The row count before a preview's subsample (0: not subsampled). */
  subsampledFrom: number;
  warnings: string[];
}

/**
 * The methods in order of cost (diffusion map ≪ shortest paths < PHATE-like potential < heat
 * geodesic at the defaults), so the first panels reach the figure early; the result lists them in
 * HEAT_METHODS order.
 */
const COMPUTE_ORDER: readonly HeatMethod[] = ['diffusion', 'shortest', 'phate', 'heatgeo'];

/** Every method from the same graph (CPU, f64; the heat step uses the GPU when present). */
async function runCompare(ctx: JobContext<HeatProgress>, p: HeatCompareParams, data: HeatData | null): Promise<CompareResult> {
  const pipe = new HeatPipeline(ctx, p, data, HEAT_COMPARE_PARAMS);
  const x = await pipe.prepared();
  const warnings = [...x.warnings];
  const g = await pipe.graph(x);
  if (g.components.count > 1) warnings.push(`the kNN graph has ${g.components.count} connected components; cross-component distances are capped`);
  const methods: CompareResult['methods'] = [];
  const { t } = await pipe.diffusionTime(g, x);
  const route = pipe.route(x.n);
  let eigenpairs = 0;
  let truncationBound = 0;
  const partial = (): CompareResult => ({ ...frame(), methods: methods.map((m) => ({ ...m })).sort((a, b) => HEAT_METHODS.indexOf(a.method) - HEAT_METHODS.indexOf(b.method)) });
  const frame = () => ({
    n: x.n,
    dims: p.dims,
    input: x.input.slice(),
    color: x.color.slice(),
    labels: x.labels ? x.labels.slice() : null,
    methods,
    t,
    route,
    eigenpairs,
    truncationBound,
    cached: pipe.cached,
    subsampledFrom: x.subsampledFrom,
    warnings,
  });
  for (const [index, method] of COMPUTE_ORDER.entries()) {
    const t0 = performance.now();
    ctx.progress({ stage: HEAT_METHOD_LABELS[method], fraction: index / HEAT_METHODS.length }, true);
    let embedding: Float64Array;
    let embeddingKey: Keyed;
    if (method === 'diffusion') {
      embedding = await pipe.diffusionMap(g);
      embeddingKey = { graph: pipe.graphKey, method, dims: p.dims, seed: p.seed, steps: p.steps ?? null };
    } else {
      let distances: Float64Array;
      let key: Keyed;
      if (method === 'heatgeo') {
        if (ctx.gpu && route === 'chebyshev') {
          const r = await heatDistancesGpu(ctx, ctx.gpu, p, g, x.n, t, warnings);
          r.buffer.destroy();
          ({ distances, truncationBound } = r);
          key = { graph: pipe.graphKey, route: 'gpu', t, order: p.order, sigma: p.sigma };
          if (g.components.count > 1) {
            capComponentDistances(distances, x.n, g.components.labels);
          }
        } else {
          const { kernel, key: heatKey } = await pipe.heatKernel(g, route, t);
          if (route === 'chebyshev') orderWarning(t, g.lambdaMax, p.order, warnings);
          ({ eigenpairs, truncationBound } = kernel);
          ({ distances, key } = await pipe.heatDistances(g, x, heatKey, kernel, t));
        }
      } else {
        ({ distances, key } = await pipe.comparatorDistances(method, g, x));
      }
      await ctx.checkpoint();
      const r = await embeddingStage(pipe, `embedding/${method}`, distances, key, x, false);
      embedding = r.stage.embedding;
      embeddingKey = r.key;
    }
    await ctx.checkpoint();
    const entry: CompareResult['methods'][number] = { method, label: HEAT_METHOD_LABELS[method], embedding: embedding.slice(), quality: null, seconds: 0 };
    methods.push(entry);
    const last = methods.length === HEAT_METHODS.length;
    // each finished panel goes to the figure at once (labelled a preview until the last one), its
    // quality figures (row-averaged correlations over up to QUALITY_ROWS rows) right after
    const measured = x.groundTruth !== null && !x.skipQuality;
    if (!last && measured) {
      entry.qualityPending = true;
      entry.seconds = (performance.now() - t0) / 1000;
      ctx.partial(partial());
    }
    entry.quality = await pipe.stage(`quality/${method}`, { embedding: embeddingKey }, () => qualityOf(embedding, x, p.dims));
    delete entry.qualityPending;
    entry.seconds = (performance.now() - t0) / 1000;
    if (!last) ctx.partial(partial());
  }
  return partial();
}

export const compareJob = defineJob<HeatCompareParams, HeatData | null, CompareResult, HeatProgress>({
  name: 'heat/compare',
  params: HEAT_COMPARE_PARAMS,
  cpu: (ctx, params, data) => runCompare(ctx, params, data),
  gpu: (ctx, params, data) => runCompare(ctx, params, data),
  preview: (params) => heatPreview(params),
  cost: (p) => p.n * p.n * (p.order + p.mdsIterations),
});
