/**
 * A small in-page log of what each cell's figure received and when, read by the latency
 * benchmark (bench/latency.bench.ts) and the browser tests: a job started or settled, a
 * streamed progress frame, a preview, the final result. Times are `performance.now()` in
 * the animation frame after React committed the state (the frame that paints it).
 * Bounded: the oldest half is dropped past 4000 records.
 */
export type FrameKind = 'start' | 'settled' | 'progress' | 'preview' | 'final' | 'error';

export interface FrameRecord {
  cell: string;
  job: string;
  /** Which run of the page this belongs to (one per `engine.run` call), so stale runs can be told apart. */
  run: number;
  kind: FrameKind;
  t: number;
}

declare global {
  interface Window {
    __curvatureFrames?: FrameRecord[];
  }
}

const LIMIT = 4000;

function push(record: FrameRecord): void {
  if (typeof window === 'undefined') return;
  const log = (window.__curvatureFrames ??= []);
  if (log.length >= LIMIT) log.splice(0, LIMIT / 2);
  log.push(record);
}

/** Records now (job bookkeeping: start, settled). */
export function recordEvent(cell: string, job: string, run: number, kind: FrameKind): void {
  push({ cell, job, run, kind, t: performance.now() });
}

let runs = 0;
/** A new run number for `start`. */
export function nextRun(): number {
  return ++runs;
}

/** Records at the next animation frame, when what React just committed is painted. */
export function recordFrame(cell: string, job: string, run: number, kind: FrameKind): void {
  if (typeof requestAnimationFrame === 'undefined') return recordEvent(cell, job, run, kind);
  requestAnimationFrame(() => recordEvent(cell, job, run, kind));
}
