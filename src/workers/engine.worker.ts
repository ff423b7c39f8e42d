/**
 * The compute worker: one Engine, exposed with comlink as `EngineApi`.
 * Large typed arrays in results are transferred, not copied.
 */
import * as Comlink from 'comlink';
import { Engine, type StatusCallback } from './engine';
import type { BackendPreference } from './backend';
import { registry } from './jobs';
import { compileKernels, type WasmKernelModule } from '../kernels/wasm/wasm';
import wasmUrl from '../kernels/wasm/build/kernels.wasm?url';
import { messageChannel, poolSize, WorkerPool, type PoolChannel } from './pool';

let kernels: WasmKernelModule | null = null;
const loadKernels = async () => (kernels = await compileKernels(new URL(wasmUrl, import.meta.url)));

/** A pool helper, started on the pool's first loan (only jobs on the WASM kernels ask, so `kernels` is set). */
function spawnHelper(): PoolChannel {
  if (!kernels) throw new Error('the pool needs the WebAssembly kernels');
  const worker = new Worker(new URL('./pool.worker.ts', import.meta.url), { type: 'module', name: 'curvature-pool' });
  const channel = messageChannel(
    worker,
    (onMessage, onError) => {
      worker.onmessage = (event) => onMessage(event.data);
      worker.onerror = (event) => onError(new Error(event.message || 'pool worker error'));
    },
    () => worker.terminate(),
  );
  void channel.request({ type: 'init', module: kernels.module }).catch(() => pool.markBroken());
  return channel;
}

const pool = new WorkerPool({ size: poolSize(navigator.hardwareConcurrency), spawn: spawnHelper });
const engine = new Engine(registry, loadKernels, pool);

function transferables(jobName: string, result: unknown): Transferable[] {
  const job = registry.get(jobName);
  return job?.transfer ? job.transfer(result) : [];
}

const api = {
  init: (preference: BackendPreference, onStatus?: StatusCallback) => engine.init(preference, onStatus),
  status: () => engine.getStatus(),
  jobNames: () => engine.jobNames(),
  cancel: (view: string) => engine.cancel(view),
  pause: (view: string) => engine.pause(view),
  resume: (view: string) => engine.resume(view),
  step: (view: string) => engine.step(view),
  simulateDeviceLoss: () => engine.simulateDeviceLoss(),
  /** The engine's `run` with the same arguments (its general form), the result's buffers transferred. */
  async run(...args: Parameters<Engine['run']>) {
    const outcome = await engine.run(...args);
    return Comlink.transfer(outcome, transferables(args[1], outcome.result));
  },
};

export type EngineApi = typeof api;

Comlink.expose(api);
