/** A pool helper on Node's worker_threads for the benchmarks (the browser's is src/workers/pool.worker.ts). */
import { parentPort } from 'node:worker_threads';
import { WasmKernelModule } from '../src/kernels/wasm/wasm';
import { createRowBlockWorker } from '../src/workers/poolRows';
import type { PoolRequest } from '../src/workers/poolRows';

let handle: ReturnType<typeof createRowBlockWorker> | null = null;
parentPort!.on('message', (request: PoolRequest) => {
  if (request.type === 'init') handle = createRowBlockWorker(new WasmKernelModule(request.module));
  if (!handle) return parentPort!.postMessage({ type: 'error', message: 'request before "init"' });
  const { reply, transfer } = handle(request);
  parentPort!.postMessage(reply, transfer as never);
});
