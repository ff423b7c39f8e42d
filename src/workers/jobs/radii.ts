/**
 * Jobs of the "radii" chapter (Sao 2026, "Ghosts of Softmax").
 *
 * - `radii/sample-radii`: per-sample Δ_a, ρ_a = π/Δ_a, the certified nearest zero of F
 *   (ρ*) for a loaded `{ logits, directions, labels? }` set or a seeded synthetic one, the
 *   set's bounds, and for one chosen sample its zeros, Taylor coefficients and root test.
 *   The set is loaded, synthetic, or a trained MLP's logits and JVP slopes along its next
 *   Adam step (or gradient, or a random direction). GPU path: the MLP's JVP runs in the
 *   logitJvp kernel and the spreads/radii in the slopeSpread kernel (f32); the root finding
 *   stays on the CPU (f64 Newton with a certificate).
 * - `radii/spike-race`: the learning-rate spike race (src/geometry/ghosts/spikeRace.ts):
 *   plain Adam, gradient clipping and the τ ≤ ρ_a controller on the same seeded run,
 *   streaming loss, accuracy and r per step as progress. GPU path: each step's ρ_a comes from
 *   the logitJvp + slopeSpread kernels (f32) instead of the f64 JVP; the rest stays f64.
 */
import {
  createSpikeRace,
  emptySampleRadii,
  mlpRadiiSet,
  RACE_VARIANTS,
  analyseSampleRadius,
  analyseSelectedSample,
  linearLayers,
  parseRadiiDataSet,
  sampleRadiiNotes,
  setBounds,
  syntheticRadiiSet,
  type RadiiDataSet,
  type RaceVariant,
  type MlpRadiiOptions,
  type RadiusRequest,
  type SampleRadii,
  type SelectedSample,
  type StepDirection,
  type SpikeRaceOptions,
  type VariantRecord,
} from '../../geometry/ghosts';

export type { SelectedSample };
import { mulberry32 } from '../../geometry/random';
import { slopeSpreadGpu } from '../../kernels/slopeSpread/slopeSpread';
import { logitJvpGpu } from '../../kernels/logitJvp/logitJvp';
import type { KernelContext } from '../../kernels/context';
import { defineJob, InputError, type JobContext } from '../job';

export interface SampleRadiiParams {
  samples: number;
  classes: number;
  logitScale: number;
  slopeScale: number;
  seed: number;
  /** The sample whose zeros and Taylor series are returned in `selected`. */
  sample: number;
  /** Highest Taylor order returned for the selected sample. */
  order: number;
  /** Quantile q of Δ_a for the percentile bound π/quantile_q(Δ_a), e.g. 0.95. */
  percentile: number;
  /** Find every sample's nearest zero (false: only Δ_a and ρ_a; ρ* is NaN). Default true. */
  withZeros?: boolean;
  /** 'synthetic' (random logits and slopes, default) or 'mlp' (a trained network's logits and JVP slopes). */
  source?: 'synthetic' | 'mlp';
  /** For source 'mlp': full-batch Adam steps before measuring, and the step direction. */
  trainSteps?: number;
  direction?: StepDirection;
}

export interface SampleRadiiResult {
  source: 'generated' | 'mlp' | 'loaded';
  /** Where the slopes came from, e.g. "JVP on WebGPU (f32)". */
  slopesFrom: string;
  samples: number;
  classes: number;
  rhoA: number;
  rhoAPercentile: number;
  percentile: number;
  maxSpread: number;
  flatSamples: number;
  perSample: SampleRadii;
  selected: SelectedSample;
  notes: string[];
}

export interface SampleRadiiProgress {
  done: number;
  total: number;
}

/** The MLP behind source 'mlp': a d = 8 Gaussian mixture with K classes, one hidden tanh layer of 32, Adam at η = 0.01. */
export function mlpOptions(params: SampleRadiiParams): MlpRadiiOptions {
  return {
    seed: params.seed,
    samples: params.samples,
    classes: params.classes,
    dimension: 8,
    separation: 3,
    hidden: [32],
    activation: 'tanh',
    trainSteps: params.trainSteps ?? 50,
    lr: 0.01,
    direction: params.direction ?? 'adam',
  };
}

async function resolveSet(
  params: SampleRadiiParams,
  data: unknown,
  gpu: KernelContext | null,
): Promise<{ set: RadiiDataSet; source: 'generated' | 'mlp' | 'loaded'; slopesFrom: string }> {
  if (data !== null && data !== undefined) {
    try {
      return { set: parseRadiiDataSet(data), source: 'loaded', slopesFrom: 'the loaded file' };
    } catch (e) {
      throw new InputError((e as Error).message);
    }
  }
  const { samples, classes, logitScale, slopeScale, seed } = params;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new InputError(`invalid samples: ${samples} (expected an integer ≥ 1)`);
  if (!(Number.isInteger(classes) && classes >= 2)) throw new InputError(`invalid classes: ${classes} (expected an integer ≥ 2)`);
  if (params.source === 'mlp') {
    let made;
    try {
      made = mlpRadiiSet(mlpOptions(params));
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    if (!gpu) return { set: made.set, source: 'mlp', slopesFrom: 'JVP of the MLP on the CPU (f64)' };
    const { mlp } = made;
    const layers = linearLayers(mlp);
    const out = await logitJvpGpu(gpu, made.theta, made.direction, made.data.x, samples, layers, mlp.activation);
    const set = { ...made.set, logits: Float64Array.from(out.logits), slopes: Float64Array.from(out.slopes) };
    return { set, source: 'mlp', slopesFrom: 'JVP of the MLP on WebGPU (f32)' };
  }
  return { set: syntheticRadiiSet(samples, classes, logitScale, slopeScale, mulberry32(seed)), source: 'generated', slopesFrom: 'random (seeded)' };
}

/**
 * What the sample set is built from (stage "set"): the loaded file, or the synthetic or MLP
 * parameters, and whether the GPU made the slopes. The selected sample, the Taylor order and
 * the percentile are not in it: they only read the analysed set.
 */
function setKey(params: SampleRadiiParams, data: unknown, gpu: boolean): unknown {
  if (data !== null && data !== undefined) return { loaded: data };
  const { samples, classes, seed } = params;
  if (params.source === 'mlp') return { mlp: mlpOptions(params), gpu };
  return { synthetic: { samples, classes, seed, logitScale: params.logitScale, slopeScale: params.slopeScale } };
}

type ResolvedSet = Awaited<ReturnType<typeof resolveSet>>;

/** Copies of the per-sample arrays: the cached ones stay in the stage cache, the result's are transferred. */
function copySampleRadii(r: SampleRadii): SampleRadii {
  return { deltaA: r.deltaA.slice(), rhoA: r.rhoA.slice(), rhoExact: r.rhoExact.slice(), zeroRe: r.zeroRe.slice(), zeroIm: r.zeroIm.slice(), certified: r.certified.slice() };
}

/**
 * Stages: "set" (build or load the samples) → "per-sample" (Δ_a, ρ_a and, with `withZeros`,
 * every sample's nearest zero: the costly part; "per-sample-spreads" without zeros, the preview)
 * → the set's bounds at the percentile and the selected sample's zeros and Taylor series
 * (cheap, recomputed each run). So choosing another sample or percentile reruns only the last.
 */
async function run(
  ctx: JobContext<SampleRadiiProgress>,
  params: SampleRadiiParams,
  data: unknown,
  spreadsFromGpu: boolean,
): Promise<SampleRadiiResult> {
  if (!(params.percentile >= 0 && params.percentile <= 1)) throw new InputError(`invalid percentile: ${params.percentile} (expected 0 ≤ q ≤ 1)`);
  const gpu = spreadsFromGpu && ctx.gpu !== null;
  const key = setKey(params, data, gpu);
  const { set, source, slopesFrom } = await ctx.stages.run<ResolvedSet>('set', key, () => resolveSet(params, data, gpu ? ctx.gpu : null));
  const n = set.samples;
  const K = set.classes;
  const withZeros = params.withZeros ?? true;
  // one stage per withZeros, so the preview (without zeros) does not evict the full analysis
  const perSample = await ctx.stages.run(withZeros ? 'per-sample' : 'per-sample-spreads', { set: key }, async () => {
    const out = emptySampleRadii(n);
    for (let i = 0; i < n; i++) {
      analyseSampleRadius(set, i, out, withZeros);
      if (i % 25 === 24) {
        ctx.progress({ done: i + 1, total: n });
        await ctx.checkpoint();
      }
    }
    if (gpu) {
      const spreads = await slopeSpreadGpu(ctx.gpu!, set.slopes, n, K);
      out.deltaA.set(spreads.spreads);
      out.rhoA.set(spreads.radii);
    }
    return out;
  });
  const bounds = setBounds(perSample.deltaA, params.percentile);
  const notes = sampleRadiiNotes(bounds, perSample, withZeros);

  const selected = analyseSelectedSample(set, params.sample, params.order);
  return {
    source,
    slopesFrom,
    samples: n,
    classes: K,
    rhoA: bounds.rhoA,
    rhoAPercentile: bounds.rhoAPercentile,
    percentile: params.percentile,
    maxSpread: bounds.maxSpread,
    flatSamples: bounds.flatSamples,
    perSample: copySampleRadii(perSample),
    selected,
    notes,
  };
}

export const sampleRadiiJob = defineJob<SampleRadiiParams, unknown, SampleRadiiResult, SampleRadiiProgress>({
  name: 'radii/sample-radii',
  cpu: (ctx, params, data) => run(ctx, params, data, false),
  gpu: (ctx, params, data) => run(ctx, params, data, true),
  transfer: (r) => [r.perSample.deltaA.buffer, r.perSample.rhoA.buffer, r.perSample.rhoExact.buffer, r.perSample.zeroRe.buffer, r.perSample.zeroIm.buffer],
  // First look: Δ_a and ρ_a of every sample and the selected sample's zeros, without every sample's nearest zero.
  preview: (p) => ((p.withZeros ?? true) ? { ...p, withZeros: false } : null),
});

/**
 * The race's options as the view sets them: `SpikeRaceOptions` with the hidden widths as text
 * ("32,32"); the radius set is the whole training set and λ_max takes 20 power-iteration products.
 */
export type SpikeRaceParams = Omit<SpikeRaceOptions, 'hidden' | 'radiusSamples' | 'powerIterations' | 'curvatureProductsPerStep' | 'data'> & {
  /** Hidden widths, e.g. "32,32". */
  hidden: string;
};

export interface SpikeRaceResult {
  steps: number;
  done: number;
  /** Learning rate per step (with the spike). */
  learningRate: Float64Array;
  variants: Record<RaceVariant, VariantRecord>;
  chance: number;
}

export type SpikeRaceProgress = SpikeRaceResult;

export function parseHidden(hidden: string): number[] {
  const widths = hidden
    .split(/[,\s]+/)
    .filter((s) => s !== '')
    .map(Number);
  for (const w of widths) if (!(Number.isInteger(w) && w >= 1 && w <= 1024)) throw new InputError(`invalid hidden widths "${hidden}": expected integers 1…1024 separated by commas`);
  return widths;
}

export function raceOptions(params: SpikeRaceParams): SpikeRaceOptions {
  return { ...params, hidden: parseHidden(params.hidden), radiusSamples: 0, powerIterations: 20 };
}

function snapshot(race: ReturnType<typeof createSpikeRace>, classes: number, copy: boolean): SpikeRaceResult {
  const variants = Object.fromEntries(
    RACE_VARIANTS.map((name) => {
      const v = race.variants[name];
      const rec: VariantRecord = copy
        ? {
            loss: v.loss.slice(),
            accuracy: v.accuracy.slice(),
            r: v.r.slice(),
            rRaw: v.rRaw.slice(),
            rhoA: v.rhoA.slice(),
            tau: v.tau.slice(),
            twoOverLambda: v.twoOverLambda.slice(),
            diverged: v.diverged,
          }
        : v;
      return [name, rec];
    }),
  ) as Record<RaceVariant, VariantRecord>;
  return {
    steps: race.steps,
    done: race.done,
    learningRate: Float64Array.from({ length: race.steps }, (_, t) => race.learningRate(t)),
    variants,
    chance: 1 / classes,
  };
}

type Race = ReturnType<typeof createSpikeRace>;

/** max_i Δ_a(i) per variant along each requested direction, by the logitJvp + slopeSpread kernels (f32). */
function gpuSpreads(gpu: KernelContext, race: Race) {
  const mlp = race.mlp;
  const layers = linearLayers(mlp);
  const x = race.radiusSet.x;
  return async (requests: RadiusRequest[]) => {
    const out = new Map<RaceVariant, number>();
    for (const r of requests) {
      const res = await logitJvpGpu(gpu, r.theta, r.direction, x, race.radiusSet.n, layers, mlp.activation);
      let m = 0;
      for (const d of res.spreads) m = Math.max(m, d);
      out.set(r.variant, m);
    }
    return out;
  };
}

/**
 * Runs the race to the end: the job's CPU path without the worker (used by tests), or with
 * `gpu` the GPU path, where each step's ρ_a comes from the JVP kernel instead of the f64 JVP.
 */
export async function runSpikeRace(
  params: SpikeRaceParams,
  onStep?: (race: Race) => Promise<void> | void,
  gpu?: KernelContext | null,
): Promise<SpikeRaceResult> {
  let race: Race;
  try {
    race = createSpikeRace(raceOptions(params));
  } catch (e) {
    throw e instanceof InputError ? e : new InputError((e as Error).message);
  }
  const measure = gpu ? gpuSpreads(gpu, race) : null;
  for (;;) {
    const more = measure ? race.applyStep(await measure(race.proposeStep())) : race.step();
    if (onStep) await onStep(race);
    if (!more) break;
  }
  return snapshot(race, params.classes, false);
}

export const spikeRaceJob = defineJob<SpikeRaceParams, unknown, SpikeRaceResult, SpikeRaceProgress>({
  name: 'radii/spike-race',
  cost: (p) => p.steps,
  cpu: (ctx, params) =>
    runSpikeRace(params, async (race) => {
      ctx.progress(snapshot(race, params.classes, true));
      await ctx.checkpoint();
    }),
  gpu: (ctx, params) =>
    runSpikeRace(
      params,
      async (race) => {
        ctx.progress(snapshot(race, params.classes, true));
        await ctx.checkpoint();
      },
      ctx.gpu,
    ),
});

