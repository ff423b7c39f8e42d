/**
 * Play / pause / step for one cell's running job, as in TensorFlow Playground. The engine asks
 * the cell's gate at every `checkpoint()`: while paused, the job waits there (parked) until
 * `resume`, `step` or `release` (a cancel or a superseding run, after which the checkpoint
 * throws JobCancelled). `step` lets the job run until its next progress report reaches the
 * figure, or, for a run with no progress listener, past one checkpoint; then it parks again.
 *
 * No timers: a parked job costs nothing, and a test counts checkpoints, not time. The gate
 * keeps the time jobs spent parked, so a run's reported seconds are its compute alone.
 */
export class PauseGate {
  private paused = false;
  /** While stepping: 'report' runs until the next forwarded report, 'checkpoint' passes one checkpoint. */
  private stepping: 'report' | 'checkpoint' | null = null;
  private waiters: Array<() => void> = [];
  /** Milliseconds jobs have spent parked at this gate (the engine leaves them out of a run's time). */
  heldMs = 0;
  /** Whether the job's reports go anywhere: if not, a step passes one checkpoint instead. */
  listening = false;

  get isPaused(): boolean {
    return this.paused;
  }

  /** True while a job waits at a checkpoint of this gate. */
  get isParked(): boolean {
    return this.waiters.length > 0;
  }

  /** True while a step is under way: the engine forwards the next report at once (no throttle). */
  get isStepping(): boolean {
    return this.stepping !== null;
  }

  pause(): void {
    this.paused = true;
    this.stepping = null;
  }

  resume(): void {
    this.paused = false;
    this.stepping = null;
    this.release();
  }

  /** One step of a paused job; nothing when it plays. */
  step(): void {
    if (!this.paused) return;
    this.stepping = this.listening ? 'report' : 'checkpoint';
    this.release();
  }

  /** The engine forwarded a progress report: a step in progress ends (the next checkpoint parks). */
  reported(): void {
    if (this.stepping === 'report') this.stepping = null;
  }

  /** Wakes every parked job (they re-check whether they are still current). */
  release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Called at a checkpoint: returns at once while playing or stepping, else parks until woken.
   * `onPark` runs before each wait (the engine flushes a held-back report so the figure shows
   * where the job stopped); `isCurrent` false ends the wait (the caller then throws).
   */
  async hold(isCurrent: () => boolean, onPark?: () => void): Promise<void> {
    for (;;) {
      if (!this.paused || !isCurrent()) return;
      if (this.stepping === 'checkpoint') {
        this.stepping = null;
        return;
      }
      if (this.stepping === 'report') return;
      onPark?.();
      const parkedAt = performance.now();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      this.heldMs += performance.now() - parkedAt;
    }
  }
}
