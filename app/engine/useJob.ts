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
import { createRunControls, type RunControls } from './runControls';
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
  /** On the CPU path, what ran: `WASM SIMD ×2 workers`, `WASM SIMD`, `JavaScript`, `JavaScript: no WebAssembly SIMD`, `JavaScript: out of WebAssembly memory` (the WASM path could not hold the job's buffers). */
  cpuPath: string | null;
  seconds: number | null;
  /** True while `result` is a preview (a coarse first pass or a drag's cheap run), not the final figure. */
  preview: boolean;
  /** While running: the seconds the engine expects this run to take, when over a second (else null). */
  expectedSeconds: number | null;
  /** True while the user holds the running job (it waits in the worker for play or step). */
  paused: boolean;
  /**
   * True once the worker says the held job has come to rest (its parked notice): the figure then
   * shows the step it stopped at, and nothing moves until Step or Play. Between Pause and that
   * notice the job is still running to its next checkpoint ("Pausing…").
   */
  parked: boolean;
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
    parked: false,
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
  const cellRef = useRef(cellId);
  cellRef.current = cellId;
  const latest = useRef<LatestRun | null>(null);
  latest.current ??= createLatestRun(() => void engine().cancel(cellRef.current));
  /** Pause / step / play, held while a run waits to be sent (runControls.ts). */
  const controls = useRef<RunControls | null>(null);
  controls.current ??= createRunControls({
    pause: () => void engine().pause(cellRef.current),
    step: () => void engine().step(cellRef.current),
    resume: () => void engine().resume(cellRef.current),
  });

  useEffect(() => {
    if (!enabled) return;
    const runKey = `${paramsKey}|${nonce}`;
    if (finalFor.current && finalFor.current.key === runKey && finalFor.current.data === data) return;
    const mode = dragging ? 'preview' : 'full';
    const mine = ++token.current;
    controls.current!.requested();
    setState((s) => ({ ...s, status: 'running', progress: null, error: null, expectedSeconds: null, paused: false, parked: false, frames: 0 }));
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
      /** Draws the newest report (if one waits) and whether the job is parked (a parked notice while paused). */
      const show = (parked: boolean) => {
        const shown = newest;
        newest = null;
        setState((s) => ({ ...s, ...(shown ? { progress: shown.report as Progress, frames: s.frames + shown.count } : {}), parked: parked && s.paused }));
        if (shown && streams) recordFrame(cellId, jobName, run, 'progress');
      };
      const onProgress = Comlink.proxy((report: unknown, parked?: boolean) => {
        if (token.current !== mine || settled) return;
        const waiting = newest !== null;
        // a parked notice carries the report the throttle held back, or none when the newest was sent
        if (!parked || report !== undefined) newest = { report, count: (newest?.count ?? 0) + 1 };
        // the job has come to rest: show at once where it stopped, and that it is parked
        if (parked) return show(true);
        if (waiting) return;
        onNextFrame(() => {
          if (newest && token.current === mine && !settled) show(false);
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
      controls.current!.sent();
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
            parked: false,
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
            setState((s) => ({ ...s, status: 'cancelled', paused: false, parked: false }));
            return;
          }
          setState((s) => ({ ...s, status: 'error', error: message, paused: false, parked: false }));
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
    setState((s) => ({ ...s, status: 'cancelled', paused: false, parked: false }));
  }, [cellId]);
  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  const pause = useCallback(() => {
    controls.current!.pause();
    setState((s) => (s.status === 'running' ? { ...s, paused: true } : s));
  }, []);
  const resume = useCallback(() => {
    controls.current!.resume();
    setState((s) => ({ ...s, paused: false, parked: false }));
  }, []);
  const step = useCallback(() => {
    controls.current!.step();
    setState((s) => (s.status === 'running' ? { ...s, paused: true, parked: false } : s));
  }, []);

  return { ...state, cancel, rerun, pause, resume, step, streams };
}
