/**
 * A dense n×m matrix A split into row blocks across the worker pool (pool.ts): block 0 in the
 * job's own wasm instance, blocks 1…W−1 in the helpers (poolRows.ts, `denseSetup`), each given
 * its rows once and keeping them in wasm memory, so a product moves only vectors:
 *   A x         each block returns its rows of y;
 *   Aᵀ u        each block returns A_blockᵀ u_block (m values), summed in block order;
 *   row LSE     each block returns its rows;
 *   column LSE  each block returns LSE over its rows per column, combined as
 *               LSE_b(ℓ_b) = M + log Σ_b exp(ℓ_b − M), M = max_b ℓ_b.
 * The kernels are those of the single-threaded path (src/kernels/wasm/assembly/kernels.ts);
 * only the order of the final sums differs (Aᵀu and the column LSE over W partial results).
 */
import type { WasmKernels } from '../kernels/wasm/wasm';
import type { PoolLease } from './pool';
import type { PoolReply } from './poolRows';
import { rowBlocks } from './sinkhornScalingPool';

export interface DensePool {
  readonly n: number;
  readonly m: number;
  /** Row blocks computed in parallel (the job's worker included). */
  readonly workers: number;
  matVec(x: Float64Array): Promise<Float64Array>;
  matVecTransposed(u: Float64Array): Promise<Float64Array>;
  rowLogSumExp(): Promise<Float64Array>;
  columnLogSumExp(): Promise<Float64Array>;
}

function vectorOf(reply: PoolReply, length: number): Float64Array {
  if (reply.type !== 'vector') throw new Error(`pool worker answered "${reply.type}" to a dense product`);
  if (reply.values.length !== length) throw new Error(`pool worker returned ${reply.values.length} values, expected ${length}`);
  return reply.values;
}

/** `key` names the matrix: a helper that already holds its block of that key keeps it (no copy). */
export async function createDensePool(kernels: WasmKernels, lease: PoolLease, a: Float64Array, n: number, m: number, key: string): Promise<DensePool> {
  if (a.length !== n * m) throw new Error(`matrix has ${a.length} entries, expected ${n}×${m}`);
  const blocks = rowBlocks(n, lease.helpers.length + 1);
  const helpers = lease.helpers.slice(0, blocks.length - 1);
  const [, own] = blocks[0];
  const setups = helpers.map((helper, h) => {
    const [start, end] = blocks[h + 1];
    const matrix = a.slice(start * m, end * m);
    return helper.request({ type: 'denseSetup', key, rows: end - start, m, matrix }, [matrix.buffer]);
  });
  const pa = kernels.put(a.subarray(0, own * m));
  const rowsIn = kernels.allocF64(own);
  const colsIn = kernels.allocF64(m);
  const rowsOut = kernels.allocF64(own);
  const colsOut = kernels.allocF64(m);
  const work = kernels.allocF64(m);
  const x = kernels.exports;
  for (const reply of await Promise.all(setups)) if (reply.type !== 'denseSetup') throw new Error(`pool worker answered "${reply.type}" to "denseSetup"`);

  /** Rows of a vector: block 0 here, the others from the helpers' replies. */
  const gatherRows = async (replies: Promise<PoolReply>[], ownRows: () => Float64Array): Promise<Float64Array> => {
    const out = new Float64Array(n);
    out.set(ownRows());
    (await Promise.all(replies)).forEach((reply, h) => {
      const [start, end] = blocks[h + 1];
      out.set(vectorOf(reply, end - start), start);
    });
    return out;
  };

  return {
    n,
    m,
    workers: blocks.length,
    async matVec(v) {
      if (v.length !== m) throw new Error(`x has ${v.length} entries, expected ${m}`);
      const replies = helpers.map((helper) => helper.request({ type: 'denseMatVec', x: v }));
      return gatherRows(replies, () => {
        kernels.f64(colsIn, m).set(v);
        x.matVec(pa, colsIn, rowsOut, own, m);
        return kernels.f64(rowsOut, own);
      });
    },
    async matVecTransposed(u) {
      if (u.length !== n) throw new Error(`u has ${u.length} entries, expected ${n}`);
      const replies = helpers.map((helper, h) => helper.request({ type: 'denseMatVecT', u: u.slice(blocks[h + 1][0], blocks[h + 1][1]) }));
      kernels.f64(rowsIn, own).set(u.subarray(0, own));
      x.matVecTransposed(pa, rowsIn, colsOut, own, m);
      const y = kernels.f64(colsOut, m).slice();
      for (const reply of await Promise.all(replies)) {
        const share = vectorOf(reply, m);
        for (let j = 0; j < m; j++) y[j] += share[j];
      }
      return y;
    },
    async rowLogSumExp() {
      const replies = helpers.map((helper) => helper.request({ type: 'denseRowLse' }));
      return gatherRows(replies, () => {
        x.rowLogSumExp(pa, rowsOut, own, m);
        return kernels.f64(rowsOut, own);
      });
    },
    async columnLogSumExp() {
      const replies = helpers.map((helper) => helper.request({ type: 'denseColumnLse' }));
      kernels.f64(rowsIn, own).fill(0);
      x.columnLogSumExpShifted(pa, rowsIn, colsOut, work, own, m, -1);
      const parts = [kernels.f64(colsOut, m).slice(), ...(await Promise.all(replies)).map((reply) => vectorOf(reply, m))];
      const out = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        let max = -Infinity;
        for (const part of parts) max = Math.max(max, part[j]);
        if (!Number.isFinite(max)) {
          out[j] = max;
          continue;
        }
        let s = 0;
        for (const part of parts) s += Math.exp(part[j] - max);
        out[j] = max + Math.log(s);
      }
      return out;
    },
  };
}
