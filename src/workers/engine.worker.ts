/**
 * The compute worker: one Engine, exposed with comlink as `EngineApi`.
 * Large typed arrays in results are transferred, not copied.
 */
import * as Comlink from 'comlink';
import { Engine, type StatusCallback } from './engine';
import type { BackendPreference } from './backend';
import { registry } from './jobs';
import { compileKernels } from '../kernels/wasm/wasm';
import wasmUrl from '../kernels/wasm/build/kernels.wasm?url';

const engine = new Engine(registry, () => compileKernels(new URL(wasmUrl, import.meta.url)));

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
