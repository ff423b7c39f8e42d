/**
 * `radii/spike-race`: the learning-rate spike race (src/geometry/ghosts/spikeRace.ts): plain
 * Adam, gradient clipping and the τ ≤ ρ_a controller on the same seeded run, streaming loss,
 * accuracy and r per step as progress (`snapshotSpikeRace`). This file schedules it: one
 * progress report and checkpoint per step, and on the GPU path each step's ρ_a from the
 * logitJvp + slopeSpread kernels (f32) instead of the f64 JVP; the rest stays f64.
 * Parameters: src/catalogue/radii.ts.
 */
import { createSpikeRace, linearLayers, snapshotSpikeRace, spikeRaceOptions, type RaceVariant, type RadiusRequest, type SpikeRace, type SpikeRaceSettings, type SpikeRaceSnapshot } from '../../geometry/ghosts';
import { logitJvpGpu } from '../../kernels/logitJvp/logitJvp';
import type { KernelContext } from '../../kernels/context';
import { checkParams } from '../../catalogue/params';
import { SPIKE_RACE_PARAMS, type SpikeRaceParams } from '../../catalogue/radii';
import { defineJob, InputError, type JobContext } from '../job';

export type { SpikeRaceParams };
export type SpikeRaceResult = SpikeRaceSnapshot;
export type SpikeRaceProgress = SpikeRaceResult;

/** max_i Δ_a(i) per variant along each requested direction, by the logitJvp + slopeSpread kernels (f32). */
function gpuSpreads(gpu: KernelContext, race: SpikeRace) {
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
 * Takes any hidden widths ("16,8"); the job itself only those its table lists.
 */
export async function runSpikeRace(settings: SpikeRaceSettings, onStep?: (race: SpikeRace) => Promise<void> | void, gpu?: KernelContext | null): Promise<SpikeRaceResult> {
  let race: SpikeRace;
  try {
    race = createSpikeRace(spikeRaceOptions(settings));
  } catch (e) {
    throw e instanceof InputError ? e : new InputError((e as Error).message);
  }
  const measure = gpu ? gpuSpreads(gpu, race) : null;
  for (;;) {
    const more = measure ? race.applyStep(await measure(race.proposeStep())) : race.step();
    if (onStep) await onStep(race);
    if (!more) break;
  }
  return snapshotSpikeRace(race, false);
}

/** One streamed frame per step (copies: the race keeps writing its own arrays), then a chance to cancel. */
function streamTo(ctx: JobContext<SpikeRaceProgress>) {
  return async (race: SpikeRace) => {
    ctx.progress(snapshotSpikeRace(race, true));
    await ctx.checkpoint();
  };
}

export const spikeRaceJob = defineJob<SpikeRaceParams, unknown, SpikeRaceResult, SpikeRaceProgress>({
  name: 'radii/spike-race',
  params: SPIKE_RACE_PARAMS,
  cost: (p) => p.steps,
  cpu: async (ctx, params) => runSpikeRace(checkParams(SPIKE_RACE_PARAMS, params), streamTo(ctx)),
  gpu: async (ctx, params) => runSpikeRace(checkParams(SPIKE_RACE_PARAMS, params), streamTo(ctx), ctx.gpu),
});
