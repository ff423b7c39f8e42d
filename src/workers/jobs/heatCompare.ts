/** `heat/compare`: every method on the same graph with its quality figures. */
import { capComponentDistances, diffusionMap, graphStage, type Quality } from '../../geometry/heat';
import { mulberry32 } from '../../geometry/random';
import { defineJob, type JobContext } from '../job';
import { HEAT_COMPARE_MAX_ROWS, HEAT_METHOD_LABELS, HEAT_METHODS, type HeatMethod } from '../../catalogue/heat';
import { type HeatData, type HeatParams, type HeatProgress, comparatorDistances, embedCpu, heatDistancesCpu, heatDistancesGpu, neighboursFor, prepare, qualityOf, stepsOf } from './heatStages';

export interface CompareResult {
  n: number;
  dims: number;
  input: Float32Array;
  color: Float64Array;
  labels: Int32Array | null;
  methods: { method: HeatMethod; label: string; embedding: Float64Array; quality: Quality | null; seconds: number }[];
  t: number;
  warnings: string[];
}

/** Every method from the same graph (CPU, f64; the heat step uses the GPU when present). */
async function runCompare(ctx: JobContext<HeatProgress>, p: HeatParams, data: HeatData | null): Promise<CompareResult> {
  const x = prepare(p, data, HEAT_COMPARE_MAX_ROWS);
  const warnings = [...x.warnings];
  const timings: Record<string, number> = {};
  const neighbours = await neighboursFor(ctx, x, p.k, timings);
  const g = graphStage(x.points, x.n, x.d, { k: p.k, alpha: p.alpha, laplacian: p.laplacian, neighbours });
  if (g.components.count > 1) warnings.push(`the kNN graph has ${g.components.count} connected components; cross-component distances are capped`);
  const methods: CompareResult['methods'] = [];
  let t = p.t;
  for (const [index, method] of HEAT_METHODS.entries()) {
    const t0 = performance.now();
    ctx.progress({ stage: HEAT_METHOD_LABELS[method], fraction: index / HEAT_METHODS.length }, true);
    let embedding: Float64Array;
    if (method === 'diffusion') {
      embedding = diffusionMap(g.graph.weights, p.dims, stepsOf(p), mulberry32(p.seed + 2)).embedding;
    } else {
      let distances: Float64Array;
      if (method === 'heatgeo') {
        if (ctx.gpu && p.heat === 'chebyshev') {
          const r = await heatDistancesGpu(ctx, ctx.gpu, p, g, x.n, warnings);
          r.buffer.destroy();
          distances = r.distances;
          t = r.t;
        } else {
          const r = await heatDistancesCpu(ctx, p, g, x.n, warnings);
          distances = r.distances;
          t = r.t;
        }
      } else {
        distances = comparatorDistances(method, p, g, x.n)!;
      }
      if (g.components.count > 1) capComponentDistances(distances, x.n, g.components.labels);
      await ctx.checkpoint();
      embedding = (await embedCpu(ctx, distances, x, p, false)).embedding;
    }
    await ctx.checkpoint();
    methods.push({ method, label: HEAT_METHOD_LABELS[method], embedding, quality: qualityOf(embedding, x, p.dims), seconds: (performance.now() - t0) / 1000 });
  }
  return { n: x.n, dims: p.dims, input: x.input, color: x.color, labels: x.labels, methods, t, warnings };
}

export const compareJob = defineJob<HeatParams, HeatData | null, CompareResult, HeatProgress>({
  name: 'heat/compare',
  cpu: (ctx, params, data) => runCompare(ctx, params, data),
  gpu: (ctx, params, data) => runCompare(ctx, params, data),
});
