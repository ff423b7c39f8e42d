/**
 * The worker pool's helpers in process, for the unit tests: poolRows.ts behind a transport that
 * clones each message (as postMessage does) and answers on a later task, optionally logging each
 * request's type, or failing every request (a crashed helper).
 */
import type { WasmKernelModule } from '../../src/kernels/wasm/wasm';
import { WorkerPool, type PoolChannel } from '../../src/workers/pool';
import { createRowBlockWorker } from '../../src/workers/poolRows';

export interface InProcessOptions {
  /** Receives the type of every request sent. */
  log?: string[];
  /** Every request fails as a crashed helper's would. */
  failing?: boolean;
}

/** A `spawn` for WorkerPool: one in-process helper per call. */
export function inProcessSpawn(module: WasmKernelModule, options: InProcessOptions = {}): () => PoolChannel {
  return () => {
    const handle = createRowBlockWorker(module);
    return {
      request: (message) => {
        options.log?.push(message.type);
        const copy = structuredClone(message);
        if (options.failing) return new Promise((_, reject) => setTimeout(() => reject(new Error('pool worker failed: test')), 0));
        return new Promise((resolve) => setTimeout(() => resolve(handle(copy).reply), 0));
      },
      terminate: () => {},
    };
  };
}

/** A pool of `size` row blocks that lends for any operator size. */
export function inProcessPool(module: WasmKernelModule, size: number, options: InProcessOptions = {}): WorkerPool {
  return new WorkerPool({ size, spawn: inProcessSpawn(module, options), minEntries: 0 });
}
