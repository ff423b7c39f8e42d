/**
 * Play / pause / step presses for one cell, in step with its runs. A slider step whose previous
 * run is still settling waits (latestRun.ts) before its `run` message goes to the engine, yet the
 * figure already shows it running and offers Pause. A pause sent to the engine in that window
 * would land on the previous run's gate, which the new run's `run` then supersedes: the race would
 * play on under a "Paused" label. So a press made while the run waits is held and sent right
 * after the run's message; messages to the worker keep their order, so it lands on that run.
 *
 * Pure bookkeeping (no React, no worker): `useJob` makes one per cell, the tests count messages.
 */
export interface RunControlTarget {
  pause(): void;
  step(): void;
  resume(): void;
}

export interface RunControls {
  /** A new run was requested; its `run` message is not sent yet. Presses held for an older run are dropped: a new run plays. */
  requested(): void;
  /** The run's `run` message has just been sent: a press held for it follows now. */
  sent(): void;
  pause(): void;
  /** From playing, a step pauses first (as in Playground): the job runs to its next report and holds. */
  step(): void;
  resume(): void;
}

export function createRunControls(target: RunControlTarget): RunControls {
  let waiting = false;
  let held: 'pause' | 'step' | null = null;
  const pauseAndStep = () => {
    target.pause();
    target.step();
  };
  return {
    requested() {
      waiting = true;
      held = null;
    },
    sent() {
      waiting = false;
      const press = held;
      held = null;
      if (press === 'pause') target.pause();
      else if (press === 'step') pauseAndStep();
    },
    pause() {
      if (waiting) held = 'pause';
      else target.pause();
    },
    step() {
      if (waiting) held = 'step';
      else pauseAndStep();
    },
    resume() {
      held = null;
      target.resume();
    },
  };
}
