/**
 * The Chebyshev heat kernel H_t = exp(−tL) (n×n) with its column blocks split across the worker
 * pool (pool.ts): each block H_t[:, block] is independent (the recurrence of
 * heatKernelChebyshevDenseWasm, src/kernels/wasm/heatKernels.ts, on its own columns), so the job's
 * worker and the helpers pull the next block of the same breadth-first column order as they
 * finish one (poolChunks.ts), and H equals the single-threaded WASM kernel's entry
 * for entry. Only L (once per helper) and the blocks travel. `checkpoint` is awaited after each
 * block computed here (the job's cancellation and yielding); no block is handed out after it throws.
 */
import { breadthFirstOrder, columnBlockSize } from '../geometry/heat/chebyshev';
import type { CsrMatrix } from '../geometry/heat/sparse';
import { chebyshevBlocks } from '../kernels/wasm/heatKernels';
import type { WasmKernelModule } from '../kernels/wasm/wasm';
import type { PoolLease } from './pool';
import { pullChunks } from './poolChunks';

export async function heatKernelChebyshevPooled(
  module: WasmKernelModule,
  lease: PoolLease,
  l: CsrMatrix,
  lambdaMax: number,
  t: number,
  order: number,
  blockSize: number,
  key: string,
  checkpoint: () => Promise<void>,
  onBlock?: (done: number, total: number) => void,
): Promise<Float64Array> {
  const n = l.rows;
  const b = columnBlockSize(blockSize, n);
  const columns = breadthFirstOrder(l);
  const setups = lease.helpers.map((helper) =>
    helper.request({ type: 'heatSetup', key, rows: n, rowPtr: l.rowPtr, colIndex: l.colIndex, values: l.values, lambdaMax, t, order, maxColumns: b }),
  );
  const run = chebyshevBlocks(module, l, lambdaMax, t, order, b);
  for (const reply of await Promise.all(setups)) if (reply.type !== 'setup') throw new Error(`pool worker answered "${reply.type}" to "heatSetup"`);
  const h = new Float64Array(n * n);
  let done = 0;
  const place = (block: Int32Array, y: Float64Array) => {
    const m = block.length;
    if (y.length !== n * m) throw new Error(`heat block of ${m} columns came back with ${y.length} values`);
    for (let i = 0; i < n; i++) for (let q = 0; q < m; q++) h[i * n + block[q]] = y[i * m + q];
    done += m;
    onBlock?.(done, n);
  };
  await pullChunks(
    n,
    b,
    lease.helpers,
    {
      own(start, end) {
        const block = columns.subarray(start, end);
        place(block, run(block));
      },
      async helper(helper, start, end) {
        const block = columns.slice(start, end);
        const reply = await helper.request({ type: 'heatBlock', columns: block });
        if (reply.type !== 'vector') throw new Error(`pool worker answered "${reply.type}" to "heatBlock"`);
        place(block, reply.values);
      },
    },
    checkpoint,
  );
  return h;
}
