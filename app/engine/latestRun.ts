/**
 * At most one run in flight per cell, the newest request wins. A drag changes a slider's value
 * on every input event; starting an engine run for each one queues them in the worker behind a
 * run that is busy between two checkpoints (each superseded run still has to reach its next
 * checkpoint before it settles). Here a request made while a run is in flight cancels that run
 * and waits for it to settle; requests made meanwhile replace the waiting one, so when the old
 * run settles exactly one run, the newest, starts.
 *
 * Pure bookkeeping (no React, no worker): `useJob` makes one per cell, the tests count runs.
 */
export interface LatestRun {
  /**
   * Starts `start` now if nothing runs, else cancels the running one (`cancel`) and starts
   * `start` when it settles, unless another request replaced this one first.
   * Resolves true when `start` was called, false when it was replaced before it started.
   */
  request(start: () => Promise<unknown>): Promise<boolean>;
  /** A run is in flight (started and not settled). */
  readonly busy: boolean;
}

export function createLatestRun(cancel: () => void): LatestRun {
  let running: Promise<unknown> | null = null;
  let waiting: { start: () => Promise<unknown>; done: (started: boolean) => void } | null = null;

  const launch = (start: () => Promise<unknown>): void => {
    let settled: Promise<unknown>;
    try {
      settled = Promise.resolve(start()).then(
        () => undefined,
        () => undefined,
      );
    } catch {
      settled = Promise.resolve();
    }
    running = settled;
    void settled.then(() => {
      if (running !== settled) return;
      running = null;
      const next = waiting;
      waiting = null;
      if (next) {
        launch(next.start);
        next.done(true);
      }
    });
  };

  return {
    get busy() {
      return running !== null;
    },
    request(start) {
      if (running === null) {
        launch(start);
        return Promise.resolve(true);
      }
      waiting?.done(false);
      const promise = new Promise<boolean>((resolve) => {
        waiting = { start, done: resolve };
      });
      cancel();
      return promise;
    },
  };
}
