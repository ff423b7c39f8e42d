/**
 * `radii/sample-radii` (Sao 2026, "Ghosts of Softmax"): per-sample Δ_a, ρ_a = π/Δ_a, the
 * certified nearest zero of F (ρ*) for a loaded `{ logits, directions, labels? }` set, a
 * seeded synthetic one or a trained MLP's logits and JVP slopes along its next Adam step (or
 * gradient, or a random direction); the set's bounds; and for one chosen sample its zeros,
 * Taylor coefficients and root test. The math is src/geometry/ghosts/sampleAnalysis.ts
 * (`sampleRadiiProcess`, `summariseSampleRadii`); this file schedules it: stages, progress,
 * checkpoints and the GPU path, where the MLP's JVP runs in the logitJvp kernel and the
 * spreads/radii in the slopeSpread kernel (f32). The root finding stays on the CPU (f64
 * Newton with a certificate; its Newton and winding loops on the WASM kernels where the
 * engine has them, split across the worker pool when it is lent: sampleRadiiPool.ts).
 * Parameters: src/catalogue/radii.ts.
 */
import {
  cloneSampleRadii,
  linearLayers,
  mlpRadiiSet,
  parseRadiiDataSet,
  radiiMlpOptions,
  sampleRadiiProcess,
  summariseSampleRadii,
  syntheticRadiiSet,
  type RadiiDataSet,
  type SampleRadii,
  type SampleRadiiSummary,
  type SelectedSample,
} from '../../geometry/ghosts';
import { mulberry32 } from '../../geometry/random';
import { slopeSpreadGpu } from '../../kernels/slopeSpread/slopeSpread';
import { logitJvpGpu } from '../../kernels/logitJvp/logitJvp';
import type { KernelContext } from '../../kernels/context';
import { checkParams, type ValuesOf } from '../../catalogue/params';
import {
  SAMPLE_RADII_BOUND_PARAMS,
  SAMPLE_RADII_BUILT_ONLY,
  SAMPLE_RADII_OPTIONAL,
  SAMPLE_RADII_PARAMS,
  SAMPLE_RADII_SIZE_PARAMS,
  type SampleRadiiParams,
} from '../../catalogue/radii';
import { defineJob, InputError, JobCancelled, type JobContext } from '../job';
import { ENTRIES_PER_SAMPLE_CLASS, sampleRadiiOnPool } from '../sampleRadiiPool';
import { zeroSearchWasm } from '../../kernels/wasm/zeroSearch';

export type { SampleRadiiParams, SelectedSample };

export interface SampleRadiiResult extends SampleRadiiSummary {
  source: 'generated' | 'mlp' | 'loaded';
  /** Where the slopes came from, e.g. "JVP on WebGPU (f32)". */
  slopesFrom: string;
  samples: number;
  classes: number;
  perSample: SampleRadii;
}

export interface SampleRadiiProgress {
  done: number;
  total: number;
}

/** The params with every field set: the MLP's settings a caller left out take their entries' defaults. */
type Checked = ValuesOf<typeof SAMPLE_RADII_PARAMS> & ValuesOf<typeof SAMPLE_RADII_SIZE_PARAMS> & ValuesOf<typeof SAMPLE_RADII_BOUND_PARAMS> & { order: number; withZeros: boolean };

/** Refuses params outside the declared entries, naming the field; a loaded file skips those that only build the set. */
function checked(params: SampleRadiiParams, loaded: boolean): Checked {
  const full: Record<string, unknown> = { ...params, withZeros: params.withZeros ?? true };
  for (const spec of SAMPLE_RADII_PARAMS) if (full[spec.name] === undefined && (SAMPLE_RADII_OPTIONAL as readonly string[]).includes(spec.name)) full[spec.name] = spec.default;
  const skip = loaded ? SAMPLE_RADII_BUILT_ONLY : [];
  checkParams(SAMPLE_RADII_PARAMS, full, skip);
  checkParams(SAMPLE_RADII_SIZE_PARAMS, full, skip);
  checkParams(SAMPLE_RADII_BOUND_PARAMS, full);
  return full as Checked;
}

interface ResolvedSet {
  set: RadiiDataSet;
  source: SampleRadiiResult['source'];
  slopesFrom: string;
}

async function resolveSet(params: Checked, data: unknown, gpu: KernelContext | null): Promise<ResolvedSet> {
  if (data !== null && data !== undefined) {
    try {
      return { set: parseRadiiDataSet(data), source: 'loaded', slopesFrom: 'the loaded file' };
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  }
  if (params.source === 'mlp') {
    let made;
    try {
      made = mlpRadiiSet(radiiMlpOptions(params));
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    if (!gpu) return { set: made.set, source: 'mlp', slopesFrom: 'JVP of the MLP on the CPU (f64)' };
    const { mlp } = made;
    const out = await logitJvpGpu(gpu, made.theta, made.direction, made.data.x, params.samples, linearLayers(mlp), mlp.activation);
    const set = { ...made.set, logits: Float64Array.from(out.logits), slopes: Float64Array.from(out.slopes) };
    return { set, source: 'mlp', slopesFrom: 'JVP of the MLP on WebGPU (f32)' };
  }
  const { samples, classes, logitScale, slopeScale, seed } = params;
  return { set: syntheticRadiiSet(samples, classes, logitScale, slopeScale, mulberry32(seed)), source: 'generated', slopesFrom: 'random (seeded)' };
}

/**
 * What the sample set is built from (stage "set"): the loaded file, or the synthetic or MLP
 * parameters, and whether the GPU made the slopes. The selected sample, the Taylor order and
 * the percentile are not in it: they only read the analysed set.
 */
function setKey(params: Checked, data: unknown, gpu: boolean): unknown {
  if (data !== null && data !== undefined) return { loaded: data };
  const { samples, classes, seed } = params;
  if (params.source === 'mlp') return { mlp: radiiMlpOptions(params), gpu };
  return { synthetic: { samples, classes, seed, logitScale: params.logitScale, slopeScale: params.slopeScale } };
}

/**
 * Runs `sampleRadiiProcess`, reporting progress and yielding to the worker between its chunks;
 * with zeros, on the worker pool when the engine lends it (sampleRadiiPool.ts: the same arrays).
 */
async function analyseSet(ctx: JobContext<SampleRadiiProgress>, set: RadiiDataSet, withZeros: boolean): Promise<SampleRadii> {
  // the zero search's Newton and winding loops on the WASM kernels where the engine has them
  const kernels = withZeros && ctx.wasm ? zeroSearchWasm(ctx.wasm.instantiate()) : undefined;
  const lease = withZeros ? (ctx.acquirePool?.(set.samples * set.classes * ENTRIES_PER_SAMPLE_CLASS) ?? null) : null;
  if (lease) {
    try {
      return await sampleRadiiOnPool(ctx, lease, set, kernels);
    } catch (error) {
      if (error instanceof JobCancelled) throw error;
      // a helper failed: the pool is done for this session, and the set is analysed here
      lease.fail();
    } finally {
      lease.release();
    }
  }
  const process = sampleRadiiProcess(set, withZeros, 25, kernels);
  for (let step = process.next(); ; step = process.next()) {
    if (step.done) return step.value;
    ctx.progress({ done: step.value, total: set.samples });
    await ctx.checkpoint();
  }
}

/**
 * Stages: "set" (build or load the samples) → "per-sample" (Δ_a, ρ_a and, with `withZeros`,
 * every sample's nearest zero: the costly part; "per-sample-spreads" without zeros, the preview)
 * → `summariseSampleRadii` (the bounds at the percentile and the selected sample's zeros and
 * Taylor series: cheap, recomputed each run). So choosing another sample or percentile reruns
 * only the last.
 */
async function run(ctx: JobContext<SampleRadiiProgress>, raw: SampleRadiiParams, data: unknown, spreadsFromGpu: boolean): Promise<SampleRadiiResult> {
  const params = checked(raw, data !== null && data !== undefined);
  const gpu = spreadsFromGpu && ctx.gpu !== null;
  const key = setKey(params, data, gpu);
  const { set, source, slopesFrom } = await ctx.stages.run<ResolvedSet>('set', key, () => resolveSet(params, data, gpu ? ctx.gpu : null));
  // one stage per withZeros, so the preview (without zeros) does not evict the full analysis
  const perSample = await ctx.stages.run(params.withZeros ? 'per-sample' : 'per-sample-spreads', { set: key }, async () => {
    const out = await analyseSet(ctx, set, params.withZeros);
    if (gpu) {
      const spreads = await slopeSpreadGpu(ctx.gpu!, set.slopes, set.samples, set.classes);
      out.deltaA.set(spreads.spreads);
      out.rhoA.set(spreads.radii);
    }
    return out;
  });
  const summary = summariseSampleRadii(set, perSample, params);
  // the cached arrays stay in the stage cache; the result's copies are transferred
  return { source, slopesFrom, samples: set.samples, classes: set.classes, ...summary, perSample: cloneSampleRadii(perSample) };
}

export const sampleRadiiJob = defineJob<SampleRadiiParams, unknown, SampleRadiiResult, SampleRadiiProgress>({
  name: 'radii/sample-radii',
  params: SAMPLE_RADII_PARAMS,
  cpu: (ctx, params, data) => run(ctx, params, data, false),
  gpu: (ctx, params, data) => run(ctx, params, data, true),
  transfer: (r) => [r.perSample.deltaA.buffer, r.perSample.rhoA.buffer, r.perSample.rhoExact.buffer, r.perSample.zeroRe.buffer, r.perSample.zeroIm.buffer],
  // First look: Δ_a and ρ_a of every sample and the selected sample's zeros, without every sample's nearest zero.
  preview: (p) => ((p.withZeros ?? true) ? { ...p, withZeros: false } : null),
});
