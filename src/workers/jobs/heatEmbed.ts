/**
 * `heat/embed`: one method's embedding of a dataset (or loaded data), streaming the MDS iterates as
 * progress. The CPU path runs the memoised stages of heatPipeline.ts; the GPU path (Chebyshev by
 * spmm, Varadhan and SMACOF on WebGPU, f32) shares the data and graph stages.
 */
import { capComponentDistances, classicalMds, LANDMARK_POINT_ITERATIONS, landmarkHeatDistances, landmarkMds, type EntropyCurve, type HeatRoute } from '../../geometry/heat';
import { mulberry32 } from '../../geometry/random';
import type { CsrMatrix } from '../../geometry/heat/sparse';
import { smacofGpu } from '../../kernels/smacof/smacof';
import { heatKernelColumnsWasm } from '../../kernels/wasm/heatKernels';
import { defineJob, type JobContext } from '../job';
import { HEAT_EMBED_PARAMS, HEAT_METHOD_LABELS } from '../../catalogue/heat';
import { HeatPipeline, type Keyed } from './heatPipeline';
import { embeddingStage } from './heatMds';
import { heatPreview } from './heatPreview';
import { type HeatCompareParams, type HeatData, type HeatParams, type HeatProgress, type HeatResult, type Prepared, heatDistancesGpu, landmarkCount, LIVE_QUALITY_ROWS, orderWarning, qualityOf, setupOf } from './heatStages';

interface HeatInfo {
  t: number;
  order: number;
  route: HeatRoute | null;
  eigenpairs: number;
  truncationBound: number;
  entropy: EntropyCurve | null;
}

interface Embedded {
  embedding: Float64Array;
  stress: number;
  iterations: number;
  warm: boolean;
  /** The embedding stage's key (its quality figures are memoised under it), or null when not cached. */
  key: Keyed | null;
}

async function runEmbed(ctx: JobContext<HeatProgress>, p: HeatParams, data: HeatData | null): Promise<HeatResult> {
  const start = performance.now();
  const pipe = new HeatPipeline(ctx, p, data, HEAT_EMBED_PARAMS);
  const x = await pipe.prepared();
  const warnings = [...x.warnings];
  ctx.progress({ stage: 'k nearest neighbours', fraction: 0.05 }, true);
  const g = await pipe.graph(x);
  if (g.components.count > 1) {
    warnings.push(
      `the kNN graph has ${g.components.count} connected components: distances between them are undefined, so they are set to 1.5× the largest within-component distance and the components are embedded side by side (raise k to connect them)`,
    );
  }
  await ctx.checkpoint();
  let info: HeatInfo = { t: p.t, order: p.order, route: null, eigenpairs: 0, truncationBound: 0, entropy: null };
  const landmarks = landmarkCount(p, x.n);
  let result: Embedded;
  if (landmarks > 0) {
    // landmark path: CPU only (no GPU twin yet)
    const { t, entropy } = await pipe.diffusionTime(g, x);
    const truncationBound = orderWarning(t, g.lambdaMax, p.order, warnings);
    info = { t, order: p.order, route: 'chebyshev', eigenpairs: 0, truncationBound, entropy };
    const lmKey = { graph: pipe.graphKey, t, order: p.order, sigma: p.sigma, landmarks, seed: p.seed };
    const r = await pipe.stage('distances/landmarks', lmKey, () => {
      ctx.progress({ stage: `Chebyshev heat kernel on ${landmarks} landmarks`, fraction: 0.3 }, true);
      const wasm = ctx.wasm;
      // the WASM heat columns equal heatKernelColumns entry for entry (tests/unit/heat/wasmKernels.test.ts)
      const columns = wasm ? (l: CsrMatrix, lambdaMax: number, tt: number, order: number, at: ArrayLike<number>) => heatKernelColumnsWasm(wasm, l, lambdaMax, tt, order, at) : undefined;
      return landmarkHeatDistances(g, x.points, x.n, x.d, { t, order: p.order, sigma: p.sigma, laplacian: p.laplacian, landmarks }, mulberry32(p.seed + 3), columns);
    });
    await ctx.checkpoint();
    const key = { distances: lmKey, dims: p.dims, mdsIterations: p.mdsIterations };
    const embedding = await pipe.stage('embedding/landmarks', key, () => {
      ctx.progress({ stage: 'landmark MDS', fraction: 0.7, setup: setupOf(x, p.dims) }, true);
      return landmarkMds(r.distances, x.n, r.landmarks, p.dims, mulberry32(p.seed + 1), { iterations: p.mdsIterations, pointIterations: LANDMARK_POINT_ITERATIONS });
    });
    result = { embedding, stress: NaN, iterations: p.mdsIterations, warm: false, key };
  } else if (p.method === 'diffusion') {
    const embedding = await pipe.diffusionMap(g);
    result = { embedding, stress: NaN, iterations: 0, warm: false, key: null };
  } else if (p.method === 'heatgeo') {
    const { t, entropy } = await pipe.diffusionTime(g, x);
    const route = pipe.route(x.n);
    if (ctx.gpu && route === 'chebyshev') {
      const r = await heatDistancesGpu(ctx, ctx.gpu, p, g, x.n, t, warnings);
      info = { t, order: p.order, route, eigenpairs: 0, truncationBound: r.truncationBound, entropy };
      if (g.components.count > 1) {
        // capped on the CPU: the GPU copy of Δ is stale
        capComponentDistances(r.distances, x.n, g.components.labels);
        r.buffer.destroy();
        result = await embedOnGpu(ctx, r.distances, null, x, p);
      } else {
        result = await embedOnGpu(ctx, r.distances, r.buffer, x, p);
        r.buffer.destroy();
      }
    } else {
      const { kernel, key: heatKey } = await pipe.heatKernel(g, route, t);
      if (route === 'chebyshev') orderWarning(t, g.lambdaMax, p.order, warnings);
      info = { t, order: p.order, route, eigenpairs: kernel.eigenpairs, truncationBound: kernel.truncationBound, entropy };
      await ctx.checkpoint();
      const { distances, key } = await pipe.heatDistances(g, x, heatKey, kernel, t);
      result = await embed(pipe, 'embedding/heatgeo', distances, key, x);
    }
  } else {
    ctx.progress({ stage: `${HEAT_METHOD_LABELS[p.method]} distances`, fraction: 0.3 }, true);
    const { distances, key } = await pipe.comparatorDistances(p.method, g, x);
    await ctx.checkpoint();
    result = await embed(pipe, `embedding/${p.method}`, distances, key, x);
  }
  // a preview's figures are a first look: its quality rows are the streamed iterates' (LIVE_QUALITY_ROWS)
  const qualityRows = ctx.preview ? LIVE_QUALITY_ROWS : undefined;
  const quality = result.key
    ? await pipe.stage('quality', { embedding: result.key, method: p.method, landmarks, rows: qualityRows ?? null }, () => qualityOf(result.embedding, x, p.dims, qualityRows))
    : qualityOf(result.embedding, x, p.dims, qualityRows);
  pipe.timings.total = performance.now() - start;
  // cached arrays are shared with later runs: the result (whose buffers are transferred) gets copies
  const out: HeatResult = {
    method: p.method,
    n: x.n,
    dims: p.dims,
    embedding: result.embedding.slice(),
    input: x.input.slice(),
    color: x.color.slice(),
    labels: x.labels ? x.labels.slice() : null,
    quality,
    stress: result.stress,
    iterations: result.iterations,
    ...info,
    components: g.components.count,
    landmarks,
    warmStart: result.warm,
    cached: pipe.cached,
    subsampledFrom: x.subsampledFrom,
    warnings,
    timings: pipe.timings,
  };
  ctx.progress({ stage: 'done', fraction: 1, iteration: result.iterations, embedding: out.embedding.slice(), stress: result.stress, quality }, true);
  return out;
}

async function embed(pipe: HeatPipeline, name: string, distances: Float64Array, key: Keyed, x: Prepared): Promise<Embedded> {
  if (pipe.ctx.gpu) return embedOnGpu(pipe.ctx, distances, null, x, pipe.p);
  // a preview is shown when it is done (the engine sends it as one frame): streaming its iterates would only delay it
  const r = await embeddingStage(pipe, name, distances, key, x, !pipe.ctx.preview);
  return { embedding: r.stage.embedding, stress: r.stage.stress, iterations: r.stage.iterations, warm: r.stage.warm, key: r.key };
}

/** Classical MDS on the CPU, then SMACOF on WebGPU (f32), streaming iterates; not memoised. */
async function embedOnGpu(ctx: JobContext<HeatProgress>, distances: Float64Array, delta: GPUBuffer | null, x: Prepared, p: HeatCompareParams): Promise<Embedded> {
  const gpu = ctx.gpu!;
  const init = classicalMds(distances, x.n, p.dims, mulberry32(p.seed + 1));
  ctx.progress({ stage: 'classical MDS', fraction: 0.7, iteration: 0, embedding: init, quality: qualityOf(init, x, p.dims), setup: setupOf(x, p.dims) }, true);
  if (p.mdsIterations === 0) return { embedding: init, stress: NaN, iterations: 0, warm: false, key: null };
  const every = Math.max(1, Math.min(10, Math.ceil(p.mdsIterations / 30)));
  const r = await smacofGpu(gpu, delta ?? distances, x.n, p.dims, init, p.mdsIterations, {
    every,
    onIterate: async (k, e, s) => {
      const embedding = Float64Array.from(e);
      ctx.progress({
        stage: `SMACOF ${k}/${p.mdsIterations} (GPU)`,
        fraction: 0.7 + (0.3 * k) / p.mdsIterations,
        iteration: k,
        embedding,
        stress: s,
        quality: qualityOf(embedding, x, p.dims, LIVE_QUALITY_ROWS),
      });
      await ctx.checkpoint();
    },
  });
  return { embedding: Float64Array.from(r.embedding), stress: r.stress, iterations: p.mdsIterations, warm: false, key: null };
}

export const embedJob = defineJob<HeatParams, HeatData | null, HeatResult, HeatProgress>({
  name: 'heat/embed',
  params: HEAT_EMBED_PARAMS,
  cpu: (ctx, params, data) => runEmbed(ctx, params, data),
  gpu: (ctx, params, data) => runEmbed(ctx, params, data),
  transfer: (r) => [r.embedding.buffer, r.input.buffer, r.color.buffer] as Transferable[],
  preview: (params) => heatPreview(params),
  // kNN, the heat kernel and MDS each pass over n² entries, the kernel `order` times and SMACOF up to `mdsIterations` times.
  cost: (p) => p.n * p.n * (p.order + p.mdsIterations),
});
