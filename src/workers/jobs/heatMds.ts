/**
 * The embedding stage of the heat chapter's jobs: classical MDS, then SMACOF until the relative
 * stress decrease per iteration is ≤ `SMACOF_TOLERANCE` or `mdsIterations` are done, streaming
 * iterates. Warm start: when the previous embedding of this stage was of the same points (same
 * data stage key) and dimension, SMACOF starts from it instead of classical MDS — a new t or σ
 * moves the layout instead of redrawing it, and needs fewer iterations. Warm and cold runs reach
 * the same stress minimum within the tolerance on the Swiss roll (tests/unit/heat/stages.test.ts);
 * the layouts may differ by a rotation or reflection (stress is invariant to both). SMACOF is a
 * local method: where the stress has several minima a warm start may settle in another one (on a
 * 150-point circle it found a 2.6e-4 lower stress than the cold start), which the status says.
 */
import { classicalMds, smacof } from '../../geometry/heat';
import { mulberry32 } from '../../geometry/random';
import { createSmacofWasm } from '../../kernels/wasm/heatKernels';
import { stageKey } from '../stageCache';
import { HEAT_FIELD_DEFAULTS } from '../../catalogue/heat';
import type { HeatPipeline, Keyed } from './heatPipeline';
import { LIVE_QUALITY_ROWS, qualityOf, setupOf, type Prepared } from './heatStages';

/** SMACOF stops when (σ_k − σ_{k+1}) ≤ tolerance · σ_k (de Leeuw's relative criterion). */
export const SMACOF_TOLERANCE = HEAT_FIELD_DEFAULTS.mdsTolerance;
/** The live quality figures sent with streamed iterates are recomputed at most this often (ms). */
const STREAM_INTERVAL_MS = 80;

export interface EmbeddingStage {
  embedding: Float64Array;
  stress: number;
  iterations: number;
  /** Whether SMACOF started from the previous embedding. */
  warm: boolean;
  /** The data stage key of the points (a later warm start needs the same points). */
  points: string;
  dims: number;
}

export async function embeddingStage(pipe: HeatPipeline, name: string, distances: Float64Array, distancesKey: Keyed, x: Prepared, stream: boolean): Promise<{ stage: EmbeddingStage; key: Keyed }> {
  const { p, ctx } = pipe;
  const tolerance = p.mdsTolerance ?? SMACOF_TOLERANCE;
  const points = stageKey(pipe.dataKey);
  const key = { distances: distancesKey, dims: p.dims, mdsIterations: p.mdsIterations, tolerance, seed: p.seed };
  const stage = await pipe.stage(name, key, async () => {
    const previous = pipe.last<EmbeddingStage>(name);
    const warm = p.mdsIterations > 0 && previous !== undefined && previous.points === points && previous.dims === p.dims && previous.embedding.length === x.n * p.dims;
    const init = warm ? previous.embedding : classicalMds(distances, x.n, p.dims, mulberry32(p.seed + 1));
    let lastQuality = performance.now();
    let quality = stream ? qualityOf(init, x, p.dims, LIVE_QUALITY_ROWS) : null;
    if (stream) ctx.progress({ stage: warm ? 'warm start: the previous layout' : 'classical MDS', fraction: 0.7, iteration: 0, embedding: Float64Array.from(init), quality, setup: setupOf(x, p.dims) }, true);
    // smacof copies its start, so a cached previous embedding is not changed
    let current = init;
    let stress = NaN;
    let iterations = 0;
    const chunk = 5;
    // where WASM SIMD runs, δ is copied into one instance for all chunks; the iterates equal smacof's
    const wasm = ctx.wasm && p.mdsIterations > 0 ? createSmacofWasm(ctx.wasm, distances, x.n, p.dims) : null;
    while (iterations < p.mdsIterations) {
      const steps = Math.min(chunk, p.mdsIterations - iterations);
      const r = wasm ? wasm.run(current, steps, { tolerance }) : smacof(distances, x.n, p.dims, current, steps, { tolerance });
      current = r.embedding;
      stress = r.stress;
      iterations += r.iterations;
      if (stream) {
        // every chunk's iterate is streamed; its quality figures (the costly part) at most every STREAM_INTERVAL_MS
        const now = performance.now();
        if (now - lastQuality >= STREAM_INTERVAL_MS) {
          lastQuality = now;
          quality = qualityOf(current, x, p.dims, LIVE_QUALITY_ROWS);
        }
        ctx.progress({
          stage: `SMACOF ${iterations}/${p.mdsIterations}${warm ? ' (warm start)' : ''}`,
          fraction: 0.7 + (0.3 * iterations) / p.mdsIterations,
          iteration: iterations,
          embedding: Float64Array.from(current),
          stress,
          quality,
        });
      }
      await ctx.checkpoint();
      if (r.converged) break;
    }
    return { embedding: current, stress, iterations, warm, points, dims: p.dims };
  });
  return { stage, key };
}
