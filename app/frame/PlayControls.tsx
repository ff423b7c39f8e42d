/**
 * Play / pause / step for a training or race cell while it runs (as in TensorFlow Playground):
 * a Pause toggle (aria-pressed while the job is held; `data-parked` once the worker says the job
 * has come to rest, the counter then showing the step it stopped at), a Step button (one progress
 * report further; from playing, it pauses first) and the step counter.
 */
import { stepCount } from './stepCount';

export interface PlayState {
  paused?: boolean;
  parked?: boolean;
  frames?: number;
  progress?: unknown;
  pause?(): void;
  resume?(): void;
  step?(): void;
}

export function PlayControls({ job, title }: { job: PlayState; title: string }) {
  const paused = job.paused ?? false;
  return (
    <span className="play-controls" role="group" aria-label={`${title} playback`}>
      <button
        type="button"
        className="play-toggle"
        aria-pressed={paused}
        data-parked={job.parked ? 'true' : 'false'}
        title={paused ? 'Paused: press to play on' : 'Hold the run where it is'}
        onClick={() => (paused ? job.resume?.() : job.pause?.())}
      >
        <span aria-hidden="true">{paused ? '▶ ' : '⏸ '}</span>Pause
      </button>
      <button type="button" className="play-step" onClick={() => job.step?.()} title="Run to the next frame, then hold">
        Step
      </button>
      <span className="step-counter">
        step <span data-testid="step-counter">{stepCount(job.progress, job.frames ?? 0)}</span>
      </span>
    </span>
  );
}
