/** `heat/embed`: one method's embedding of a dataset (or loaded data), streaming the MDS iterates as progress. */
import { capComponentDistances, classicalMds, diffusionMap, graphStage, LANDMARK_POINT_ITERATIONS, landmarkHeatDistances, landmarkMds } from '../../geometry/heat';
import { mulberry32 } from '../../geometry/random';
import { smacofGpu } from '../../kernels/smacof/smacof';
import { defineJob, type JobContext } from '../job';
import { HEAT_MAX_ROWS, HEAT_METHOD_LABELS } from '../../catalogue/heat';
import { type HeatData, type HeatParams, type HeatProgress, type HeatResult, type HeatStage, LIVE_QUALITY_ROWS, comparatorDistances, embedCpu, diffusionTime, heatDistancesCpu, heatDistancesGpu, landmarkCount, neighboursFor, orderWarning, prepare, qualityOf, setupOf, stepsOf } from './heatStages';

async function runEmbed(ctx: JobContext<HeatProgress>, p: HeatParams, data: HeatData | null): Promise<HeatResult> {
  const timings: Record<string, number> = {};
  const start = performance.now();
  const x = prepare(p, data, HEAT_MAX_ROWS);
  const warnings = [...x.warnings];
  ctx.progress({ stage: 'k nearest neighbours', fraction: 0.05 }, true);
  const neighbours = await neighboursFor(ctx, x, p.k, timings);
  await ctx.checkpoint();
  let t0 = performance.now();
  const g = graphStage(x.points, x.n, x.d, { k: p.k, alpha: p.alpha, laplacian: p.laplacian, neighbours });
  timings.graph = performance.now() - t0;
  if (g.components.count > 1) {
    warnings.push(
      `the kNN graph has ${g.components.count} connected components: distances between them are undefined, so they are set to 1.5× the largest within-component distance and the components are embedded side by side (raise k to connect them)`,
    );
  }
  await ctx.checkpoint();
  t0 = performance.now();
  let heatInfo: Omit<HeatStage, 'distances'> = { t: p.t, order: p.order, truncationBound: 0, entropy: null };
  let result: { embedding: Float64Array; stress: number; iterations: number };
  const gpu = ctx.gpu;
  const landmarks = landmarkCount(p, x.n);
  if (landmarks > 0) {
    // landmark path: CPU only (no GPU twin yet)
    const { t, entropy } = await diffusionTime(ctx, p, g, true);
    const truncationBound = orderWarning(t, g.lambdaMax, p.order, warnings);
    ctx.progress({ stage: `Chebyshev heat kernel on ${landmarks} landmarks`, fraction: 0.3 }, true);
    const r = landmarkHeatDistances(g, x.points, x.n, x.d, { t, order: p.order, sigma: p.sigma, laplacian: p.laplacian, landmarks }, mulberry32(p.seed + 3));
    heatInfo = { t, order: p.order, truncationBound, entropy };
    timings.distances = performance.now() - t0;
    await ctx.checkpoint();
    t0 = performance.now();
    ctx.progress({ stage: 'landmark MDS', fraction: 0.7, setup: setupOf(x, p.dims) }, true);
    const embedding = landmarkMds(r.distances, x.n, r.landmarks, p.dims, mulberry32(p.seed + 1), {
      iterations: p.mdsIterations,
      pointIterations: LANDMARK_POINT_ITERATIONS,
    });
    result = { embedding, stress: NaN, iterations: p.mdsIterations };
    timings.mds = performance.now() - t0;
  } else if (p.method === 'diffusion') {
    const dm = diffusionMap(g.graph.weights, p.dims, stepsOf(p), mulberry32(p.seed + 2));
    result = { embedding: dm.embedding, stress: NaN, iterations: 0 };
    timings.distances = performance.now() - t0;
  } else {
    let distances: Float64Array;
    let deltaBuffer: GPUBuffer | null = null;
    if (p.method === 'heatgeo') {
      if (gpu && p.heat === 'chebyshev') {
        const r = await heatDistancesGpu(ctx, gpu, p, g, x.n, warnings);
        ({ distances, buffer: deltaBuffer } = r);
        heatInfo = { t: r.t, order: r.order, truncationBound: r.truncationBound, entropy: r.entropy };
      } else {
        const r = await heatDistancesCpu(ctx, p, g, x.n, warnings);
        distances = r.distances;
        heatInfo = { t: r.t, order: r.order, truncationBound: r.truncationBound, entropy: r.entropy };
      }
    } else {
      ctx.progress({ stage: `${HEAT_METHOD_LABELS[p.method]} distances`, fraction: 0.3 }, true);
      distances = comparatorDistances(p.method, p, g, x.n)!;
    }
    if (g.components.count > 1) {
      capComponentDistances(distances, x.n, g.components.labels);
      if (deltaBuffer) {
        deltaBuffer.destroy();
        deltaBuffer = null;
      }
    }
    timings.distances = performance.now() - t0;
    await ctx.checkpoint();
    t0 = performance.now();
    if (gpu) {
      const init = classicalMds(distances, x.n, p.dims, mulberry32(p.seed + 1));
      ctx.progress({ stage: 'classical MDS', fraction: 0.7, iteration: 0, embedding: init, quality: qualityOf(init, x, p.dims), setup: setupOf(x, p.dims) }, true);
      const every = Math.max(1, Math.min(10, Math.ceil(p.mdsIterations / 30)));
      const r =
        p.mdsIterations > 0
          ? await smacofGpu(gpu, deltaBuffer ?? distances, x.n, p.dims, init, p.mdsIterations, {
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
            })
          : { embedding: Float32Array.from(init), stress: NaN };
      result = { embedding: Float64Array.from(r.embedding), stress: r.stress, iterations: p.mdsIterations };
    } else {
      result = await embedCpu(ctx, distances, x, p, true);
    }
    deltaBuffer?.destroy();
    timings.mds = performance.now() - t0;
  }
  timings.total = performance.now() - start;
  const quality = qualityOf(result.embedding, x, p.dims);
  const out: HeatResult = {
    method: p.method,
    n: x.n,
    dims: p.dims,
    embedding: result.embedding,
    input: x.input,
    color: x.color,
    labels: x.labels,
    quality,
    stress: result.stress,
    iterations: result.iterations,
    ...heatInfo,
    components: g.components.count,
    landmarks,
    warnings,
    timings,
  };
  ctx.progress({ stage: 'done', fraction: 1, iteration: result.iterations, embedding: result.embedding, stress: result.stress, quality }, true);
  return out;
}

export const embedJob = defineJob<HeatParams, HeatData | null, HeatResult, HeatProgress>({
  name: 'heat/embed',
  cpu: (ctx, params, data) => runEmbed(ctx, params, data),
  gpu: (ctx, params, data) => runEmbed(ctx, params, data),
  transfer: (r) => [r.embedding.buffer, r.input.buffer, r.color.buffer] as Transferable[],
});
