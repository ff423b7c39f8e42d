/**
 * A pool helper (pool.ts): the engine's worker starts it, posts the compiled kernel module
 * (`init`), then row-block requests that poolRows.ts answers, one reply per request in order.
 */
import { WasmKernelModule } from '../kernels/wasm/wasm';
import { createRowBlockWorker } from './poolRows';
import type { PoolRequest } from './poolRows';

const scope = self as unknown as { onmessage: ((event: MessageEvent) => void) | null; postMessage(message: unknown, transfer: Transferable[]): void };
let handle: ReturnType<typeof createRowBlockWorker> | null = null;

scope.onmessage = (event: MessageEvent) => {
  const request = event.data as PoolRequest;
  if (request.type === 'init') handle = createRowBlockWorker(new WasmKernelModule(request.module));
  if (!handle) {
    scope.postMessage({ type: 'error', message: 'the pool worker got a request before "init"' }, []);
    return;
  }
  const { reply, transfer } = handle(request);
  scope.postMessage(reply, transfer);
};
