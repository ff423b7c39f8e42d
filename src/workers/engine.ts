/**
 * The compute engine: runs named jobs (src/workers/jobs) on WebGPU or on the CPU
 * path, one live job per view. A new job for a view supersedes the running one
 * (generation counter); jobs notice at their next `checkpoint()`. GPU failures
 * (device lost, uncaptured/validation errors, limits) rerun the job on the CPU
 * path and switch the engine to CPU, reported through `onStatus`. A cell's job can be
 * paused, stepped and resumed (pauseGate.ts): it waits at its next checkpoint.
 *
 * This class has no comlink or DOM dependency so it can be tested in Node;
 * engine.worker.ts exposes it.
 */
import { DeviceLimitError } from '../kernels/context';
import { WasmMemoryError, type WasmKernelModule } from '../kernels/wasm/wasm';
import { selectBackend, type BackendPreference, type BackendStatus, type CpuPath } from './backend';
import { cpuPathText } from '../catalogue/backendStatus';
import type { PoolLease, WorkerPool } from './pool';
import { JobCancelled, type AnyJob, type BackendKind, type JobContext } from './job';
import { PauseGate } from './pauseGate';
import { StageCache } from './stageCache';
import { registry as defaultRegistry, type DataOf, type JobName, type ParamsOf, type ResultOf } from './jobs';

export interface RunOutcome<Result> {
  result: Result;
  backend: BackendKind;
  /** Set when the job was meant for the GPU and reran on the CPU. */
  fallback?: string;
  seconds: number;
  /**
   * On the CPU path, what the job ran on: `WASM SIMD ×2 workers` (the worker pool), `WASM SIMD`,
   * `JavaScript` (a job without WASM kernels) or `JavaScript: no WebAssembly SIMD`.
   */
  cpuPath?: string;
  /** True when this is a preview (the run was asked for `mode: 'preview'`). */
  preview?: boolean;
}

/** `full`: the preview first (where the job declares one), then the full result. `preview`: the preview alone (while dragging). */
export type RunMode = 'full' | 'preview';

/**
 * A job's progress reports. `parked` is set on the one notice a paused job sends when it comes to
 * rest at a checkpoint: its `report` is the report the throttle held back (so the figure shows
 * where the job stopped), or undefined when the listener already has the newest. Reports and the
 * notice travel on one port, in order: once the notice arrives, no report of the parked job is
 * still on its way, and none follows until a step or play.
 */
export type ProgressCallback = (report: unknown, parked?: boolean) => void;
/** Receives result-shaped previews: the engine's first pass and a job's own `ctx.partial`. */
export type PreviewCallback = (result: unknown) => void;
/** Told, as a run starts, how many seconds it is expected to take (only when over a second). */
export type EstimateCallback = (seconds: number) => void;

/** Runs expected to take longer than this are announced to the figure. */
const ANNOUNCE_SECONDS = 1;
export type StatusCallback = (status: BackendStatus) => void;

/** How long a job may compute before `checkpoint()` yields to the event loop. */
const SLICE_MS = 12;
/** Progress reports are forwarded at most this often (ms) unless forced. */
const PROGRESS_INTERVAL_MS = 50;

/** A macrotask yield (setTimeout(0) is clamped to 4 ms after nesting; a MessageChannel is not). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Errors that mean "the GPU path cannot do this", as opposed to bad input. */
function isGpuFailure(error: unknown): boolean {
  if (error instanceof DeviceLimitError) return true;
  const name = (error as { name?: string } | null)?.name ?? '';
  return ['GPUValidationError', 'GPUOutOfMemoryError', 'GPUInternalError', 'OperationError', 'AbortError', 'GPUPipelineError'].includes(name);
}

export class Engine {
  private status: BackendStatus = { kind: 'cpu', reason: 'no WebGPU' };
  private gpu: Awaited<ReturnType<typeof selectBackend>>['context'] = null;
  private readonly generations = new Map<string, number>();
  /** Play / pause / step per view; a run or a cancel starts the view playing again. */
  private readonly gates = new Map<string, PauseGate>();
  private statusListener: StatusCallback | null = null;
  private gpuBroken: string | null = null;
  private markReady!: () => void;
  /** Jobs wait for `init` so none runs on the CPU just because it arrived before the adapter did. */
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  private wasm: WasmKernelModule | null = null;
  /** Pipeline stages per cell, bounded (see stageCache.ts for the bound and the eviction). */
  readonly stages = new StageCache();
  /** Seconds per unit of `job.cost`, per job and backend, learned from finished full runs. */
  private readonly rates = new Map<string, number>();
  private cpuPath: CpuPath = 'JavaScript';

  /**
   * `loadWasm` compiles the CPU path's WebAssembly SIMD kernels (null where SIMD is
   * unavailable); without it, or when it fails, CPU jobs run their JavaScript reference.
   * `pool` (pool.ts) is lent to one CPU job at a time that asks for it (`ctx.acquirePool`).
   */
  constructor(
    private readonly registry: ReadonlyMap<string, AnyJob> = defaultRegistry,
    private readonly loadWasm?: () => Promise<WasmKernelModule | null>,
    private readonly pool: WorkerPool | null = null,
  ) {}

  /** After a CPU run on the WASM kernels: the status line names the row blocks it ran on (×2 workers, or one). */
  private noteWorkers(workers: number): void {
    if (this.status.kind !== 'cpu' || (this.status.workers ?? 1) === workers) return;
    this.status = { ...this.status, workers };
    this.statusListener?.(this.status);
  }

  async init(preference: BackendPreference, onStatus?: StatusCallback): Promise<BackendStatus> {
    this.statusListener = onStatus ?? null;
    const wasm = this.loadWasm ? this.loadWasm().catch(() => null) : Promise.resolve(null);
    const selection = await selectBackend(preference, (detail) => this.loseGpu(detail));
    this.wasm = await wasm;
    this.cpuPath = this.wasm ? 'WASM SIMD' : 'JavaScript';
    this.status = selection.status.kind === 'cpu' ? { ...selection.status, cpuPath: this.cpuPath } : selection.status;
    this.gpu = selection.context;
    this.markReady();
    return this.status;
  }

  getStatus(): BackendStatus {
    return this.status;
  }

  jobNames(): string[] {
    return [...this.registry.keys()].sort();
  }

  private loseGpu(detail: string): void {
    this.gpuBroken = detail;
    this.gpu = null;
    this.status = { kind: 'cpu', reason: 'device lost', detail, cpuPath: this.cpuPath };
    this.statusListener?.(this.status);
  }

  /** Supersedes whatever runs for `view` (a paused job too: it wakes and ends with JobCancelled). */
  cancel(view: string): void {
    this.generations.set(view, (this.generations.get(view) ?? 0) + 1);
    this.gates.get(view)?.release();
    this.gates.delete(view);
  }

  private gate(view: string): PauseGate {
    let gate = this.gates.get(view);
    if (!gate) this.gates.set(view, (gate = new PauseGate()));
    return gate;
  }

  /** Holds the view's running job at its next checkpoint until `resume` or `step`. */
  pause(view: string): void {
    this.gate(view).pause();
  }

  resume(view: string): void {
    this.gates.get(view)?.resume();
  }

  /** A paused job runs until its next progress report reaches the listener (or one checkpoint without one), then pauses. */
  step(view: string): void {
    this.gates.get(view)?.step();
  }

  /** True while the view's job waits at a checkpoint because it is paused (tests, the UI's state). */
  isParked(view: string): boolean {
    return this.gates.get(view)?.isParked ?? false;
  }

  /**
   * Runs a job by name. For a catalogue name (src/workers/jobs/index.ts) params, data and the
   * result are typed from the job; the second form serves injected registries (tests).
   */
  run<K extends JobName>(
    view: string,
    jobName: K,
    params: ParamsOf<K>,
    data: DataOf<K> | null,
    onProgress?: ProgressCallback,
    mode?: RunMode,
    onPreview?: PreviewCallback,
    onEstimate?: EstimateCallback,
  ): Promise<RunOutcome<ResultOf<K>>>;
  run<Result>(
    view: string,
    jobName: string,
    params: unknown,
    data: unknown,
    onProgress?: ProgressCallback,
    mode?: RunMode,
    onPreview?: PreviewCallback,
    onEstimate?: EstimateCallback,
  ): Promise<RunOutcome<Result>>;
  async run<Result>(
    view: string,
    jobName: string,
    params: unknown,
    data: unknown,
    onProgress?: ProgressCallback,
    mode: RunMode = 'full',
    onPreview?: PreviewCallback,
    onEstimate?: EstimateCallback,
  ): Promise<RunOutcome<Result>> {
    const job = this.registry.get(jobName);
    if (!job) throw new Error(`unknown job "${jobName}"; known jobs: ${this.jobNames().join(', ')}`);
    this.cancel(view);
    const generation = this.generations.get(view)!;
    await this.ready;
    const isCurrent = () => this.generations.get(view) === generation;
    // A drag sends a run per input event. Let the ones already queued behind this one supersede
    // it before it starts, so only the newest does any work (no queue of stale slices).
    await yieldToEventLoop();
    if (!isCurrent()) throw new JobCancelled();
    const start = performance.now();

    const stages = this.stages.forCell(view);
    // Taken once per run: a pause sent right after `run` (before the first checkpoint) already
    // lands on this gate, and a later run's gate (made after its cancel) is never this one.
    const gate = this.gate(view);
    gate.listening = onProgress !== undefined;
    // What the CPU jobs of this run used: the WASM kernels (an instance taken) and the pool (its leases).
    const usage = { wasm: false, workers: 1, leases: [] as PoolLease[] };
    const engineWasm = this.wasm;
    let trackedWasm: WasmKernelModule | null = null;
    if (engineWasm) {
      trackedWasm = Object.create(engineWasm) as WasmKernelModule;
      trackedWasm.instantiate = () => {
        usage.wasm = true;
        return engineWasm.instantiate();
      };
      trackedWasm.borrow = () => {
        usage.wasm = true;
        return engineWasm.borrow();
      };
    }
    /** Set when a WASM kernel ran out of memory in this run: the job reran, and later passes run, in JavaScript. */
    let wasmOff = false;
    const makeContext = (backend: BackendKind, preview: boolean): JobContext<unknown> => {
      let sliceStart = performance.now();
      let lastProgress = -Infinity;
      let pending: unknown = undefined;
      let hasPending = false;
      return {
        backend,
        gpu: backend === 'webgpu' ? this.gpu : null,
        wasm: wasmOff ? null : trackedWasm,
        preview,
        stages,
        acquirePool: (entries) => {
          if (backend !== 'cpu' || !this.pool || !isCurrent()) return null;
          const lease = this.pool.acquire(entries);
          if (lease) {
            usage.leases.push(lease);
            usage.workers = Math.max(usage.workers, lease.workers);
          }
          return lease;
        },
        get cancelled() {
          return !isCurrent();
        },
        partial(result) {
          if (isCurrent() && onPreview) onPreview(result);
        },
        progress(report, force = false) {
          if (!isCurrent() || !onProgress) return;
          const now = performance.now();
          if (force || gate.isStepping || now - lastProgress >= PROGRESS_INTERVAL_MS) {
            lastProgress = now;
            hasPending = false;
            onProgress(report);
            gate.reported();
          } else {
            pending = report;
            hasPending = true;
          }
        },
        async checkpoint() {
          const now = performance.now();
          if (now - sliceStart >= SLICE_MS) {
            if (hasPending && now - lastProgress >= PROGRESS_INTERVAL_MS && onProgress && isCurrent()) {
              lastProgress = now;
              hasPending = false;
              onProgress(pending);
            }
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
          if (!isCurrent()) throw new JobCancelled();
          if (gate.isPaused) {
            await gate.hold(isCurrent, () => {
              // The figure shows where the job stopped (the report the throttle held back) and
              // learns that the job has come to rest: the parked notice.
              if (!onProgress || !isCurrent()) return;
              lastProgress = performance.now();
              onProgress(hasPending ? pending : undefined, true);
              hasPending = false;
              pending = undefined;
            });
            sliceStart = performance.now();
            if (!isCurrent()) throw new JobCancelled();
          }
        },
      };
    };

    /**
     * The job's CPU path. Where its buffers outgrow WebAssembly memory (WasmMemoryError: 4 GiB
     * at most, often less) it reruns on the JavaScript reference, and the status line says so.
     */
    const runCpu = async (runParams: unknown, preview: boolean): Promise<unknown> => {
      try {
        return await job.cpu(makeContext('cpu', preview), runParams, data);
      } catch (error) {
        if (wasmOff || trackedWasm === null || !(error instanceof WasmMemoryError) || !isCurrent()) throw error;
        wasmOff = true;
        return await job.cpu(makeContext('cpu', preview), runParams, data);
      }
    };
    const execute = async (runParams: unknown, preview: boolean): Promise<Omit<RunOutcome<Result>, 'seconds'>> => {
      const useGpu = this.status.kind === 'webgpu' && this.gpu !== null && job.gpu !== undefined && this.gpuBroken === null;
      if (useGpu) {
        try {
          const result = (await job.gpu!(makeContext('webgpu', preview), runParams, data)) as Result;
          if (this.gpuBroken) throw new Error(this.gpuBroken);
          return { result, backend: 'webgpu' };
        } catch (error) {
          if (error instanceof JobCancelled || (error as Error)?.name === 'JobCancelled') throw error;
          if (!isGpuFailure(error) && !this.gpuBroken) throw error;
          const detail = this.gpuBroken ?? `${(error as Error).name}: ${(error as Error).message}`;
          if (!(error instanceof DeviceLimitError)) this.loseGpu(detail);
          const result = (await runCpu(runParams, preview)) as Result;
          return { result, backend: 'cpu', fallback: detail };
        }
      }
      const result = (await runCpu(runParams, preview)) as Result;
      return { result, backend: 'cpu' };
    };
    /** The CPU path the run took, and the status line told of it. */
    const cpuPath = (): string => {
      if (!engineWasm) return 'JavaScript: no WebAssembly SIMD';
      if (wasmOff) return 'JavaScript: out of WebAssembly memory';
      if (!usage.wasm) return cpuPathText('JavaScript', usage.workers);
      this.noteWorkers(usage.workers);
      return cpuPathText('WASM SIMD', usage.workers);
    };
    const withPath = (outcome: Omit<RunOutcome<Result>, 'seconds'>): Omit<RunOutcome<Result>, 'seconds'> =>
      outcome.backend === 'cpu' ? { ...outcome, cpuPath: cpuPath() } : outcome;

    const cost = mode === 'full' && job.cost ? job.cost(params) : null;
    const rateKey = `${jobName}|${this.status.kind}`;
    const rate = this.rates.get(rateKey);
    if (cost !== null && rate !== undefined && Number.isFinite(cost) && cost * rate > ANNOUNCE_SECONDS) onEstimate?.(cost * rate);

    try {
      const previewParams = job.preview ? job.preview(params) : null;
      if (previewParams !== null) {
        const first = withPath(await execute(previewParams, true));
        if (mode === 'preview') return { ...first, preview: true, seconds: (performance.now() - start - gate.heldMs) / 1000 };
        if (!isCurrent()) throw new JobCancelled();
        onPreview?.(first.result);
      }
      // Time held paused is the user's, not the job's: neither the run's seconds nor the learned rate count it.
      const fullStart = performance.now() - gate.heldMs;
      usage.workers = 1;
      const outcome = withPath(await execute(params, mode === 'preview'));
      if (cost !== null && cost > 0 && Number.isFinite(cost)) {
        // Exponential average, so the estimate follows the machine's load but one odd run does not rule it.
        const observed = (performance.now() - gate.heldMs - fullStart) / 1000 / cost;
        this.rates.set(rateKey, rate === undefined ? observed : 0.5 * rate + 0.5 * observed);
      }
      return { ...outcome, ...(mode === 'preview' ? { preview: true } : {}), seconds: (performance.now() - start - gate.heldMs) / 1000 };
    } finally {
      // a job releases its lease in its own finally; this covers one that did not
      for (const lease of usage.leases) lease.release();
    }
  }

  /** Test hook: behave as if the GPU device were lost. */
  simulateDeviceLoss(): void {
    if (this.gpu) {
      this.gpu.device.destroy();
    }
    this.loseGpu('device lost: simulated');
  }
}
