/**
 * The contract between the engine and a chapter's compute jobs.
 *
 * A job is a pure-ish function of (params, data) → result, with a CPU path (f64,
 * src/geometry) and optionally a GPU path (WGSL, src/kernels). It reports
 * progress through `ctx.progress` (throttled by the engine; send partial results
 * such as the current iterate and error history) and calls `await ctx.checkpoint()`
 * between iterations: that yields to the worker's event loop so a newer job for
 * the same view can cancel this one, and throws `JobCancelled` when it has.
 */
import type { KernelContext } from '../kernels/context';
import type { WasmKernelModule } from '../kernels/wasm/wasm';
import type { StageMemo } from './stageCache';
import type { ParamTable } from '../catalogue/params';
import type { PoolLease, WorkerPool } from './pool';

export type BackendKind = 'webgpu' | 'cpu';

export interface JobContext<Progress> {
  readonly backend: BackendKind;
  /** Present on the GPU path only. */
  readonly gpu: KernelContext | null;
  /**
   * The CPU path's WebAssembly SIMD kernels (instantiate one per job); null or absent where
   * WebAssembly SIMD is unavailable, and the job then runs its JavaScript reference.
   */
  readonly wasm?: WasmKernelModule | null;
  /** Sends a progress report; the engine forwards at most one per ~50 ms unless `force`. */
  progress(report: Progress, force?: boolean): void;
  /** Yields to the event loop when the job has run for a while; throws JobCancelled if superseded. */
  checkpoint(): Promise<void>;
  /** True once a newer job for the same view has started or the view cancelled this one. */
  readonly cancelled: boolean;
  /**
   * True when this run is a preview: the cheap first pass of a progressive job, or the only
   * pass while the user drags a slider. A job may cut its own work when it sees it.
   */
  readonly preview: boolean;
  /** This cell's memo of pipeline stages (src/workers/stageCache.ts): reuse and warm starts. */
  readonly stages: StageMemo;
  /**
   * Hands a complete, result-shaped preview to the figure now (labelled "preview" until the
   * final result replaces it). Sent at once, not throttled.
   */
  partial(result: unknown): void;
  /**
   * The engine's worker pool (pool.ts) for an operator of `entries` entries, or null at once
   * when it is held by another job, the operator is too small to pay for it, or there is one
   * core: the job then runs single-threaded (it never waits). Release the lease in a `finally`.
   */
  acquirePool?(entries: number): PoolLease | null;
}

export interface JobDefinition<Params, Data, Result, Progress = unknown> {
  /** Unique name, `<chapter>/<job>`, e.g. `sinkhorn/solve`. */
  readonly name: string;
  /**
   * The parameters the job reads, declared once in src/catalogue/<chapter>.ts: the views'
   * sliders spread these entries and the job validates against them (`checkParams`).
   * tests/unit/architecture/paramSpecs.test.ts holds every view and job to it.
   */
  readonly params?: ParamTable;
  cpu(ctx: JobContext<Progress>, params: Params, data: Data): Promise<Result>;
  gpu?(ctx: JobContext<Progress>, params: Params, data: Data): Promise<Result>;
  /** Buffers inside the result to transfer (not copy) back to the main thread. */
  transfer?(result: Result): Transferable[];
  /**
   * Progressive results: cheaper params whose result is a fair first look at the figure
   * (fewer points, a lower order, the first iterations), or null where the params are
   * already cheap. The engine runs this first and shows it as a preview, then the full
   * params; while a slider is dragged it runs the preview alone.
   */
  preview?(params: Params): Params | null;
  /**
   * The work of a run in arbitrary units that scale with its time (e.g. n² · iterations). The
   * engine learns seconds per unit from this session's finished runs and, when a run is
   * expected to take over a second, tells the figure how long ("about 4 s").
   */
  cost?(params: Params): number;
}

/**
 * The per-step callback of a race runner (`run…Job(params, onStep)`): sends the snapshot that
 * `partial()` builds as progress at most every 40 ms (a snapshot copies every curve, so it is
 * built only when the engine would forward it) and checkpoints after every step.
 */
export function streamSnapshots<Progress>(ctx: JobContext<Progress>): (partial: () => Progress) => Promise<void> {
  let last = -Infinity;
  return async (partial) => {
    const now = performance.now();
    if (now - last >= 40) {
      ctx.progress(partial());
      last = now;
    }
    await ctx.checkpoint();
  };
}

/** A job that the engine may call with any params/data (the registry's element type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any, any, any, any>;

/** Helper so a job's types are inferred from its definition. */
export function defineJob<Params, Data, Result, Progress = unknown>(
  job: JobDefinition<Params, Data, Result, Progress>,
): JobDefinition<Params, Data, Result, Progress> {
  return job;
}

/** Thrown inside a job when it has been superseded; the UI ignores it. */
export class JobCancelled extends Error {
  override name = 'JobCancelled';
  constructor() {
    super('cancelled: a newer computation replaced this one');
  }
}

/** Bad input (shared with the parameter specs, which throw it): src/catalogue/errors.ts. */
export { InputError } from '../catalogue/errors';

export interface StandaloneOptions<Progress> {
  backend?: BackendKind;
  gpu?: KernelContext | null;
  wasm?: WasmKernelModule | null;
  onProgress?: (report: Progress) => void;
  /** Throw JobCancelled at checkpoint number `cancelAfter + 1` (tests of cancellation). */
  cancelAfter?: number;
  preview?: boolean;
  /** A memo to share between runs (warm-start tests); a fresh, unbounded one otherwise. */
  stages?: StageMemo;
  onPartial?: (result: unknown) => void;
  /** A worker pool to lend (pool tests, the bench); none otherwise. */
  pool?: WorkerPool;
}

/** A stage memo that never hits: each standalone run computes every stage (a cold run). */
export const coldStages: StageMemo = {
  run: async (_name, _key, compute) => compute(),
  last: () => undefined,
  has: () => false,
};

/**
 * A context for running a job outside the engine (unit tests, benchmarks): no throttling,
 * no yielding, progress passed straight through.
 */
export function standaloneContext<Progress = unknown>(options: StandaloneOptions<Progress> = {}): JobContext<Progress> {
  let checkpoints = 0;
  const cancelAfter = options.cancelAfter ?? Infinity;
  return {
    backend: options.backend ?? 'cpu',
    gpu: options.gpu ?? null,
    wasm: options.wasm ?? null,
    preview: options.preview ?? false,
    stages: options.stages ?? coldStages,
    cancelled: false,
    progress: (report) => options.onProgress?.(report),
    partial: (result) => options.onPartial?.(result),
    acquirePool: (entries) => options.pool?.acquire(entries) ?? null,
    checkpoint: async () => {
      if (++checkpoints > cancelAfter) throw new JobCancelled();
    },
  };
}
