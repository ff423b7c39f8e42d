/**
 * A frame of the spike race's figure: the learning rate per step and every variant's records
 * so far (src/geometry/ghosts/spikeRace.ts), either the race's own arrays (the final result)
 * or copies (a streamed frame, whose buffers leave while the race goes on).
 */
import { RACE_VARIANTS, type RaceVariant, type SpikeRace, type VariantRecord } from './spikeRace';

export interface SpikeRaceSnapshot {
  steps: number;
  done: number;
  /** Learning rate per step (with the spike). */
  learningRate: Float64Array;
  variants: Record<RaceVariant, VariantRecord>;
  /** Accuracy of a constant prediction, 1/K. */
  chance: number;
}

function copyRecord(v: VariantRecord): VariantRecord {
  return {
    loss: v.loss.slice(),
    accuracy: v.accuracy.slice(),
    r: v.r.slice(),
    rRaw: v.rRaw.slice(),
    rhoA: v.rhoA.slice(),
    tau: v.tau.slice(),
    twoOverLambda: v.twoOverLambda.slice(),
    diverged: v.diverged,
  };
}

/** The race as it stands; `copy` gives arrays of its own (for a progress report), else the race's. */
export function snapshotSpikeRace(race: SpikeRace, copy: boolean): SpikeRaceSnapshot {
  const variants = Object.fromEntries(RACE_VARIANTS.map((name) => [name, copy ? copyRecord(race.variants[name]) : race.variants[name]])) as Record<RaceVariant, VariantRecord>;
  const classes = race.mlp.layers[race.mlp.layers.length - 1];
  return {
    steps: race.steps,
    done: race.done,
    learningRate: Float64Array.from({ length: race.steps }, (_, t) => race.learningRate(t)),
    variants,
    chance: 1 / classes,
  };
}
