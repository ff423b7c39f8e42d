/** The engine's worker pool with its helpers on Node's worker_threads (bench only), sized as in the worker. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WasmKernelModule } from '../src/kernels/wasm/wasm';
import { messageChannel, poolSize, WorkerPool, type PoolChannel } from '../src/workers/pool';

export function nodePool(kernels: WasmKernelModule, minEntries?: number): WorkerPool {
  const spawn = (): PoolChannel => {
    // tsx's loader in the thread too, so it can import the TypeScript sources
    const worker = new Worker(new URL('./poolHelper.node.mjs', import.meta.url));
    worker.unref();
    const channel = messageChannel(
      { postMessage: (message, transfer) => worker.postMessage(message, transfer as never) },
      (onMessage, onError) => {
        worker.on('message', onMessage);
        worker.on('error', onError);
      },
      () => void worker.terminate(),
    );
    void channel.request({ type: 'init', module: kernels.module }).catch(() => undefined);
    return channel;
  };
  return new WorkerPool({ size: poolSize(availableParallelism()), spawn, minEntries });
}
