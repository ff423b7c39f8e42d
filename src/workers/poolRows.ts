/**
 * What a pool helper does (pool.worker.ts runs it; tests run it in process): it holds rows
 * [r₀, r₁) of the Gibbs kernel K = exp(−C/ε) in its own WebAssembly memory and, per scaling
 * Sinkhorn iteration, takes v (m values) and returns for its rows
 *   u_i = a_i / (K v)_i,   its share Σ_{i∈block} K_ij u_i of Kᵀu,   Σ_{i∈block} |u_i (K v)_i − a_i|
 * (the row error of the iterate it started from), with the same fused kernel as the
 * single-threaded solver (`sinkhornScalingPass` on the block; its v update is left unused).
 * The block is built here from the points (costMatrix of the block's rows, divided by the
 * problem's cost scale, then exp) so that only small vectors travel; a loaded cost matrix comes
 * as its block of rows. The block is kept between solves with the same key (a preview and the
 * full solve that follows it share K).
 */
import { costMatrix, type CostKind } from '../geometry/ot/costs';
import type { WasmKernelModule, WasmKernels } from '../kernels/wasm/wasm';

/** How a helper builds its rows of C: from points (n_block×dim and m×dim) or as given. */
export type RowSource =
  | { kind: 'points'; x: Float64Array; y: Float64Array; dim: number; cost: CostKind; costScale: number }
  | { kind: 'matrix'; cost: Float64Array };

export type PoolRequest =
  | { type: 'init'; module: WebAssembly.Module }
  | { type: 'setup'; key: string; rows: number; m: number; epsilon: number; a: Float64Array; b: Float64Array; source: RowSource }
  /** One pass from v; `swap` first makes the last pass's u the current iterate (false on the first pass). */
  | { type: 'pass'; v: Float64Array; swap: boolean }
  /** The block's rows of P = diag(u) K diag(v) for the current u and the given v. */
  | { type: 'plan'; v: Float64Array };

export type PoolReply =
  | { type: 'ready' }
  | { type: 'setup'; reused: boolean }
  | { type: 'pass'; err: number; u: Float64Array; ktu: Float64Array }
  | { type: 'plan'; plan: Float64Array }
  | { type: 'error'; message: string };

interface Block {
  key: string;
  kernels: WasmKernels;
  rows: number;
  m: number;
  k: number;
  a: number;
  b: number;
  uCur: number;
  uNext: number;
  v: number;
  vScratch: number;
  ktu: number;
  plan: number;
}

/** The rows of C for a block: the cost of each source point of the block against every target, scaled as the job's problem is. */
export function blockCost(source: RowSource, rows: number, m: number): Float64Array {
  if (source.kind === 'matrix') return source.cost;
  const c = costMatrix(source.x, source.y, rows, m, source.dim, source.cost);
  // the same division as normalizeByMax (no division when the max was 0, i.e. costScale 1)
  if (source.costScale !== 1) for (let k = 0; k < c.length; k++) c[k] /= source.costScale;
  return c;
}

/** A helper's state machine: `handle(request)` → reply and the buffers to transfer with it. */
export function createRowBlockWorker(module: WasmKernelModule): (request: PoolRequest) => { reply: PoolReply; transfer: Transferable[] } {
  let block: Block | null = null;
  return (request) => {
    try {
      switch (request.type) {
        case 'init':
          return { reply: { type: 'ready' }, transfer: [] };
        case 'setup': {
          const { key, rows, m, epsilon } = request;
          const reused = block !== null && block.key === key && block.rows === rows && block.m === m;
          if (!reused) {
            block = null; // the old instance and its memory go with it
            const kernels = module.instantiate();
            const k = kernels.put(blockCost(request.source, rows, m));
            kernels.exports.gibbsKernel(k, k, rows * m, epsilon);
            block = {
              key, kernels, rows, m, k,
              a: kernels.allocF64(rows), b: kernels.allocF64(m),
              uCur: kernels.allocF64(rows), uNext: kernels.allocF64(rows),
              v: kernels.allocF64(m), vScratch: kernels.allocF64(m), ktu: kernels.allocF64(m), plan: 0,
            };
          }
          const s = block!;
          s.kernels.f64(s.a, rows).set(request.a);
          s.kernels.f64(s.b, m).set(request.b);
          s.kernels.f64(s.uCur, rows).fill(0);
          return { reply: { type: 'setup', reused }, transfer: [] };
        }
        case 'pass': {
          const s = need(block);
          if (request.swap) [s.uCur, s.uNext] = [s.uNext, s.uCur];
          s.kernels.f64(s.v, s.m).set(request.v);
          const err = s.kernels.exports.sinkhornScalingPass(s.k, s.a, s.b, s.uCur, s.v, s.uNext, s.vScratch, s.ktu, s.rows, s.m);
          const u = s.kernels.f64(s.uNext, s.rows).slice();
          const ktu = s.kernels.f64(s.ktu, s.m).slice();
          return { reply: { type: 'pass', err, u, ktu }, transfer: [u.buffer, ktu.buffer] };
        }
        case 'plan': {
          const s = need(block);
          if (s.plan === 0) s.plan = s.kernels.allocF64(s.rows * s.m);
          s.kernels.f64(s.v, s.m).set(request.v);
          s.kernels.exports.scalingPlan(s.k, s.uCur, s.v, s.plan, s.rows, s.m);
          const plan = s.kernels.f64(s.plan, s.rows * s.m).slice();
          return { reply: { type: 'plan', plan }, transfer: [plan.buffer] };
        }
      }
    } catch (error) {
      block = null;
      return { reply: { type: 'error', message: (error as Error)?.message ?? String(error) }, transfer: [] };
    }
  };
}

function need(block: Block | null): Block {
  if (!block) throw new Error('no row block: send "setup" first');
  return block;
}
