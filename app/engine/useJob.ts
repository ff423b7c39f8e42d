/**
 * Runs a job in the compute worker whenever its inputs change. The engine keeps
 * one live job per cell: a new run supersedes (cancels) the stale one rather
 * than queueing behind it. `result` keeps the last good result when a run fails
 * or is running, so the figure never goes blank.
 *
 * Progressive results: a job's preview (its cheaper first pass, or a partial result it
 * sends) replaces `result` at once with `preview: true`, until the final result arrives.
 * While the cell's slider is held by the pointer (store `draggingCells`) the engine runs
 * the preview alone; on release, the full job, unless the final result for these inputs
 * is already shown.
 *
 * Play / pause / step (training and race cells, `streams`): `pause()` holds the running job
 * at its next checkpoint in the worker, `step()` lets it run to its next progress report,
 * `resume()` plays on; `frames` counts the reports this run has sent. A new run plays.
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackendKind } from '../../src/workers/job';
import type { DataOf, JobName, ParamsOf, ProgressOf, ResultOf } from '../../src/workers/jobs';
import { engine } from './client';
import { nextRun, recordEvent, recordFrame } from './frameLog';
import { createLatestRun, type LatestRun } from './latestRun';
import { appStore, useAppStore } from '../store/store';

export type JobStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface JobState<Result, Progress> {
  status: JobStatus;
  result: Result | null;
  progress: Progress | null;
  error: string | null;
  backend: BackendKind | null;
  /** Set when the job was meant for the GPU and reran on the CPU. */
  fallback: string | null;
  /** On the CPU path, what ran: `WASM SIMD ×2 workers`, `WASM SIMD`, `JavaScript`, `JavaScript: no WebAssembly SIMD`. */
  cpuPath: string | null;
  seconds: number | null;
  /** True while `result` is a preview (a coarse first pass or a drag's cheap run), not the final figure. */
  preview: boolean;
  /** While running: the seconds the engine expects this run to take, when over a second (else null). */
  expectedSeconds: number | null;
  /** True while the user holds the running job (it waits in the worker for play or step). */
  paused: boolean;
  /** The progress reports (frames) this run has delivered so far. */
  frames: number;
}

export interface UseJob<Result, Progress> extends JobState<Result, Progress> {
  cancel(): void;
  rerun(): void;
  pause(): void;
  resume(): void;
  step(): void;
  /** The cell streams its figure (training and race cells): the frame offers play / pause / step. */
  streams: boolean;
}

/** Stable key for params so a re-render with equal values does not restart the job. */
/** At the next animation frame (a timer where there are no frames). */
function onNextFrame(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 0);
}

function keyOf(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? `typed:${(v as Float64Array).length}:${(v as Float64Array)[0]}` : v));
}

/**
 * The job is named by its catalogue key (src/workers/jobs/index.ts): params and data are checked
 * against that job's types, and the result and progress are typed from it.
 */
export function useJob<K extends JobName>(
  cellId: string,
  jobName: K,
  params: ParamsOf<K>,
  data: DataOf<K> | null = null,
  options: {
    enabled?: boolean;
    /** The job streams its figure in its progress reports (training and race cells): each report is a frame. */
    streams?: boolean;
  } = {},
): UseJob<ResultOf<K>, ProgressOf<K>> {
  type Result = ResultOf<K>;
  type Progress = ProgressOf<K>;
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<JobState<Result, Progress>>({
    status: 'idle',
    result: null,
    progress: null,
    error: null,
    backend: null,
    fallback: null,
    cpuPath: null,
    seconds: null,
    preview: false,
    expectedSeconds: null,
    paused: false,
    frames: 0,
  });
  const token = useRef(0);
  const [nonce, setNonce] = useState(0);
  const paramsKey = keyOf(params);
  const dragging = useAppStore((s) => s.draggingCells[cellId] ?? false);
  /** The inputs whose final (not preview) result is on the figure: a release without a move reruns nothing. */
  const finalFor = useRef<{ key: string; data: unknown } | null>(null);
  const streams = options.streams ?? false;
  /** At most one engine run of this cell in flight: a drag's new value cancels the running one and starts when it settled. */
  const latest = useRef<LatestRun | null>(null);
  latest.current ??= createLatestRun(() => void engine().cancel(cellId));
  /** The token of the newest run whose `engine.run` message has been sent. */
  const sent = useRef(0);
  /**
   * Pause or step pressed for a run that waits for the previous one to settle (the figure already
   * shows it running): sent right after its `run` message, so it lands on that run's gate (the
   * engine's `run` supersedes, and so resets, whatever the cell's gate held before).
   */
  const pending = useRef<'pause' | 'step' | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const runKey = `${paramsKey}|${nonce}`;
    if (finalFor.current && finalFor.current.key === runKey && finalFor.current.data === data) return;
    const mode = dragging ? 'preview' : 'full';
    const mine = ++token.current;
    pending.current = null;
    setState((s) => ({ ...s, status: 'running', progress: null, error: null, expectedSeconds: null, paused: false, frames: 0 }));
    appStore.getState().setJobRunning(cellId, true);
    const start = (): Promise<unknown> => {
      // Replaced or unmounted while the previous run was settling: start nothing.
      if (token.current !== mine) return Promise.resolve();
      const run = nextRun();
      recordEvent(cellId, jobName, run, 'start');
      // Progress and previews travel on their own message ports, so one may arrive after the final
      // result (ports keep no order between them): once the run has settled, late ones are dropped.
      let settled = false;
      // Reports that arrive within one animation frame are drawn once, with the newest: a frame
      // can only show one, and rendering each would queue work behind the figure (the count of
      // reports still advances by all of them, for the step counter).
      let newest: { report: unknown; count: number } | null = null;
      const onProgress = Comlink.proxy((report: unknown) => {
        if (token.current !== mine || settled) return;
        const waiting = newest !== null;
        newest = { report, count: (newest?.count ?? 0) + 1 };
        if (waiting) return;
        onNextFrame(() => {
          const shown = newest;
          newest = null;
          if (!shown || token.current !== mine || settled) return;
          setState((s) => ({ ...s, progress: shown.report as Progress, frames: s.frames + shown.count }));
          if (streams) recordFrame(cellId, jobName, run, 'progress');
        });
      });
      const onPreview = Comlink.proxy((result: unknown) => {
        if (token.current !== mine || settled) return;
        setState((s) => ({ ...s, result: result as Result, preview: true }));
        recordFrame(cellId, jobName, run, 'preview');
      });
      const onEstimate = Comlink.proxy((seconds: number) => {
        if (token.current === mine) setState((s) => ({ ...s, expectedSeconds: seconds }));
      });
      const running = engine().run(cellId, jobName, params, data, onProgress, mode, onPreview, onEstimate);
      sent.current = mine;
      if (pending.current) {
        void engine().pause(cellId);
        if (pending.current === 'step') void engine().step(cellId);
        pending.current = null;
      }
      return running
        .then((outcome) => {
          settled = true;
          if (token.current !== mine) return;
          const preview = outcome.preview ?? false;
          finalFor.current = preview ? null : { key: runKey, data };
          setState((s) => ({
            ...s,
            status: 'done',
            result: outcome.result as Result,
            backend: outcome.backend,
            fallback: outcome.fallback ?? null,
            cpuPath: outcome.cpuPath ?? null,
            seconds: outcome.seconds,
            error: null,
            preview,
            paused: false,
          }));
          recordFrame(cellId, jobName, run, preview ? 'preview' : 'final');
          appStore.getState().setJobRunning(cellId, false);
        })
        .catch((error: unknown) => {
          settled = true;
          if (token.current !== mine) return;
          const name = (error as { name?: string })?.name;
          const message = (error as { message?: string })?.message ?? String(error);
          appStore.getState().setJobRunning(cellId, false);
          if (name === 'JobCancelled') {
            setState((s) => ({ ...s, status: 'cancelled', paused: false }));
            return;
          }
          setState((s) => ({ ...s, status: 'error', error: message, paused: false }));
          recordFrame(cellId, jobName, run, 'error');
        })
        .finally(() => recordEvent(cellId, jobName, run, 'settled'));
    };
    void latest.current!.request(start);
    return () => {
      // Unmount or new inputs: a later run supersedes this one inside the engine. Reading the ref
      // at cleanup time is the point: only a still-current run needs invalidating.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      if (token.current === mine) token.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cellId, jobName, paramsKey, data, nonce, enabled, dragging]);

  useEffect(() => () => void engine().cancel(cellId), [cellId]);

  const cancel = useCallback(() => {
    token.current++;
    void engine().cancel(cellId);
    appStore.getState().setJobRunning(cellId, false);
    setState((s) => ({ ...s, status: 'cancelled', paused: false }));
  }, [cellId]);
  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  /** The current run's `run` message has not been sent yet (it waits for the previous run to settle). */
  const notSent = () => sent.current !== token.current;
  const pause = useCallback(() => {
    if (notSent()) pending.current = 'pause';
    else void engine().pause(cellId);
    setState((s) => (s.status === 'running' ? { ...s, paused: true } : s));
  }, [cellId]);
  const resume = useCallback(() => {
    pending.current = null;
    void engine().resume(cellId);
    setState((s) => ({ ...s, paused: false }));
  }, [cellId]);
  /** From playing, a step pauses first (as in Playground): the job runs to its next report and holds. */
  const step = useCallback(() => {
    if (notSent()) pending.current = 'step';
    else {
      void engine().pause(cellId);
      void engine().step(cellId);
    }
    setState((s) => (s.status === 'running' ? { ...s, paused: true } : s));
  }, [cellId]);

  return { ...state, cancel, rerun, pause, resume, step, streams };
}
