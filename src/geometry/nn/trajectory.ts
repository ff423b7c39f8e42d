/**
 * A training run recorded as a trajectory: the minibatch loss before every step and θ at every
 * `stride`-th step (θ₀ included, and the last θ reached), so the spectra of any snapshot step can be
 * taken afterwards — or again, with other spectral settings — without retraining.
 *
 * The run stops at the first non-finite loss (divergence: η above the stability edge is a result,
 * not an error); `losses` then ends with that loss and the last recorded θ is the one it was
 * evaluated at.
 */
import type { Trainer } from './train';

export interface TrainingTrajectory {
  /** Steps requested. */
  requested: number;
  /** Steps applied: `requested`, or the index of the diverging step when the loss became non-finite. */
  taken: number;
  diverged: boolean;
  /** Minibatch loss before each step (length `taken`, or `taken + 1` ending with the non-finite loss). */
  losses: Float64Array;
  /** θ is recorded at the steps that are multiples of `stride`, and at the last step reached. */
  stride: number;
  /** The recorded steps, ascending. */
  recorded: Int32Array;
  /** recorded.length × P: row r is θ at step recorded[r]. */
  weights: Float64Array;
  paramCount: number;
}

/**
 * θ every step when (steps + 1)·P doubles fit in `maxBytes` (any "spectrum every N" can then be
 * served from the record), else every `every` steps (the record serves that N only).
 */
export function trajectoryStride(steps: number, paramCount: number, every: number, maxBytes = 32 * 1024 * 1024): number {
  return (steps + 1) * paramCount * 8 <= maxBytes ? 1 : every;
}

/**
 * Runs `trainer` for `steps` steps, recording as above. `onChunk(done, losses)` is called after
 * every step (the loss history so far is `losses.subarray(0, done)`); a worker job awaits its
 * checkpoint there and streams the loss curve.
 */
export async function recordTrajectory(
  trainer: Trainer,
  steps: number,
  stride: number,
  onStep?: (done: number, losses: Float64Array) => Promise<void> | void,
): Promise<TrainingTrajectory> {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`trajectory steps ${steps}; expected an integer ≥ 0`);
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`trajectory stride ${stride}; expected a positive integer`);
  const P = trainer.theta.length;
  const capacity = Math.floor(steps / stride) + 2;
  const weights = new Float64Array(capacity * P);
  const recorded = new Int32Array(capacity);
  let count = 0;
  const record = (step: number) => {
    if (count > 0 && recorded[count - 1] === step) return;
    weights.set(trainer.theta, count * P);
    recorded[count++] = step;
  };
  const losses = new Float64Array(steps);
  let taken = steps;
  let diverged = false;
  for (let s = 0; s < steps; s++) {
    if (s % stride === 0) record(s);
    losses[s] = trainer.step();
    if (!Number.isFinite(losses[s])) {
      // θ_s gave the non-finite loss (recorded above when s is on the stride); the step it took is dropped.
      taken = s;
      diverged = true;
      break;
    }
    if (onStep) await onStep(s + 1, losses);
  }
  if (!diverged) record(steps);
  return {
    requested: steps,
    taken,
    diverged,
    losses: diverged ? losses.slice(0, taken + 1) : losses,
    stride,
    recorded: recorded.slice(0, count),
    weights: weights.slice(0, count * P),
    paramCount: P,
  };
}

/** θ at `step` (a view into the record); throws when the step was not recorded. */
export function trajectoryWeights(trajectory: TrainingTrajectory, step: number): Float64Array {
  const r = trajectory.recorded.indexOf(step);
  if (r < 0) throw new Error(`θ at step ${step} was not recorded (stride ${trajectory.stride}, ${trajectory.recorded.length} states)`);
  const P = trajectory.paramCount;
  return trajectory.weights.subarray(r * P, (r + 1) * P);
}

/**
 * The steps whose spectrum is taken for "spectrum every `every`": the multiples of `every` up to the
 * last state reached, and the final step of a completed run. Only recorded steps are returned.
 */
export function snapshotSteps(trajectory: TrainingTrajectory, every: number): number[] {
  const out: number[] = [];
  const recorded = new Set(trajectory.recorded);
  const lastState = trajectory.diverged ? trajectory.taken : trajectory.requested;
  for (let s = 0; s <= lastState; s += every) if (recorded.has(s)) out.push(s);
  if (!trajectory.diverged && out[out.length - 1] !== trajectory.requested) out.push(trajectory.requested);
  return out;
}
