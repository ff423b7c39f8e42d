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
 *
 * A helper can hold a dense block instead (`denseSetup`: rows [r₀, r₁) of a matrix A, given
 * once and kept in wasm memory): it answers A_block x, A_blockᵀ u_block (its share of Aᵀu),
 * and the row and column log-sum-exp of its block (src/workers/densePool.ts combines them).
 * One operator per helper: a setup of either kind drops the other. And a helper answers
 * `sampleRadii`: a chunk of samples' certified nearest zeros (rows of a sample set), and holds a
 * block of samples' curvature operator (`curvatureSetup`, `curvatureApply`: curvaturePool.ts),
 * and the graph Laplacian for column blocks of the Chebyshev heat kernel (`heatSetup`,
 * `heatBlock`: heatPool.ts).
 */
import { costMatrix, type CostKind } from '../geometry/ot/costs';
import type { WasmKernelModule, WasmKernels } from '../kernels/wasm/wasm';
import { emptySampleRadii, fillSampleRadius, type SampleRadii } from '../geometry/ghosts/sampleSet';
import type { ZeroSearchKernels } from '../geometry/ghosts/zeros';
import { zeroSearchWasm } from '../kernels/wasm/zeroSearch';
import { createMlp, curvatureOperator, type Activation, type CurvatureKind, type CurvatureOperator } from '../geometry/nn';
import { wasmWorkspaceFactory } from '../kernels/wasm/denseProducts';
import { chebyshevBlocks } from '../kernels/wasm/heatKernels';

/** Every sample's radii and certified nearest zero (fillSampleRadius) for a chunk of a set: what a helper computes for sampleRadiiPool.ts. */
export function sampleRadiiChunk(classes: number, logits: Float64Array, slopes: Float64Array, kernels?: ZeroSearchKernels): SampleRadii {
  const samples = logits.length / classes;
  if (!Number.isInteger(samples) || slopes.length !== logits.length) throw new Error(`a chunk of ${logits.length} logits and ${slopes.length} slopes is not whole samples of ${classes} classes`);
  const set = { samples, classes, logits, slopes, labels: null };
  const out = emptySampleRadii(samples);
  for (let i = 0; i < samples; i++) fillSampleRadius(set, i, out, kernels);
  return out;
}

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
  | { type: 'plan'; v: Float64Array }
  | DenseRequest;

/** Requests on a dense row block (densePool.ts). */
export type DenseRequest =
  | { type: 'denseSetup'; key: string; rows: number; m: number; matrix: Float64Array }
  /** y_block = A_block x (rows values). */
  | { type: 'denseMatVec'; x: Float64Array }
  /** The block's share A_blockᵀ u_block of Aᵀu (m values). */
  | { type: 'denseMatVecT'; u: Float64Array }
  /** LSE_j A_ij for the block's rows. */
  | { type: 'denseRowLse' }
  /** LSE_i A_ij over the block's rows, per column (m values). */
  | { type: 'denseColumnLse' }
  /** Per-sample radii with the certified nearest zero (sampleRadiiPool.ts) of `logits.length / classes` samples. */
  /** `wasm`: the search's loops on the WASM kernels (as the job's own worker runs them), else in JavaScript. */
  | { type: 'sampleRadii'; classes: number; logits: Float64Array; slopes: Float64Array; wasm: boolean }
  /** A block of samples' curvature operator (curvaturePool.ts): the MLP, θ and the block's data, no weight decay. */
  | { type: 'curvatureSetup'; key: string; layers: number[]; activation: Activation; kind: CurvatureKind; theta: Float64Array; x: Float64Array; y: Int32Array; dimension: number; classes: number }
  /** The block's (1/n_b) Σ_{i∈b} ∇²ℓ_i v (or its Gauss–Newton or residual part). */
  | { type: 'curvatureApply'; v: Float64Array }
  /** The Laplacian L (CSR) and the Chebyshev heat kernel's settings (heatPool.ts). */
  | { type: 'heatSetup'; key: string; rows: number; rowPtr: Int32Array; colIndex: Int32Array; values: Float64Array; lambdaMax: number; t: number; order: number; maxColumns: number }
  /** H_t[:, columns] (n×m row-major). */
  | { type: 'heatBlock'; columns: Int32Array };

export type PoolReply =
  | { type: 'ready' }
  | { type: 'denseSetup'; reused: boolean }
  | { type: 'vector'; values: Float64Array }
  | { type: 'sampleRadii'; radii: SampleRadii }
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

interface DenseBlock {
  key: string;
  kernels: WasmKernels;
  rows: number;
  m: number;
  a: number;
  /** rows f64 (x in, zeros for the column LSE's shift) */
  rowsIn: number;
  /** m f64 (x or u in) */
  colsIn: number;
  rowsOut: number;
  colsOut: number;
  work: number;
}

/** A helper's state machine: `handle(request)` → reply and the buffers to transfer with it. */
export function createRowBlockWorker(module: WasmKernelModule): (request: PoolRequest) => { reply: PoolReply; transfer: Transferable[] } {
  let block: Block | null = null;
  let dense: DenseBlock | null = null;
  // the zero search's WASM loops, in an instance of their own (made on the first chunk)
  let zeros: ZeroSearchKernels | null = null;
  let curvature: { key: string; op: CurvatureOperator; out: Float64Array } | null = null;
  let heat: { key: string; run: (block: ArrayLike<number>) => Float64Array } | null = null;
  const vector = (kernels: WasmKernels, ptr: number, count: number) => {
    const values = kernels.f64(ptr, count).slice();
    return { reply: { type: 'vector' as const, values }, transfer: [values.buffer] };
  };
  return (request) => {
    try {
      switch (request.type) {
        case 'sampleRadii': {
          if (request.wasm) zeros ??= zeroSearchWasm(module.instantiate());
          const radii = sampleRadiiChunk(request.classes, request.logits, request.slopes, request.wasm ? zeros! : undefined);
          const transfer = [radii.deltaA, radii.rhoA, radii.rhoExact, radii.zeroRe, radii.zeroIm, radii.certified].map((x) => x.buffer);
          return { reply: { type: 'sampleRadii', radii }, transfer };
        }
        case 'curvatureSetup': {
          if (curvature?.key === request.key) return { reply: { type: 'setup', reused: true }, transfer: [] };
          curvature = null;
      heat = null;
          const mlp = createMlp(request.layers, request.activation);
          const data = { x: request.x, y: request.y, n: request.y.length, dimension: request.dimension, classes: request.classes };
          const op = curvatureOperator(mlp, request.theta, data, 0, request.kind, { workspace: wasmWorkspaceFactory(module) });
          curvature = { key: request.key, op, out: new Float64Array(op.size) };
          return { reply: { type: 'setup', reused: false }, transfer: [] };
        }
        case 'curvatureApply': {
          if (!curvature) throw new Error('no curvature block: send "curvatureSetup" first');
          curvature.op.apply(request.v, curvature.out);
          const values = curvature.out.slice();
          return { reply: { type: 'vector', values }, transfer: [values.buffer] };
        }
        case 'heatSetup': {
          if (heat?.key === request.key) return { reply: { type: 'setup', reused: true }, transfer: [] };
          heat = null;
          const l = { rows: request.rows, cols: request.rows, rowPtr: request.rowPtr, colIndex: request.colIndex, values: request.values };
          heat = { key: request.key, run: chebyshevBlocks(module, l, request.lambdaMax, request.t, request.order, request.maxColumns) };
          return { reply: { type: 'setup', reused: false }, transfer: [] };
        }
        case 'heatBlock': {
          if (!heat) throw new Error('no heat operator: send "heatSetup" first');
          const values = heat.run(request.columns).slice();
          return { reply: { type: 'vector', values }, transfer: [values.buffer] };
        }
        case 'denseSetup': {
          const { key, rows, m, matrix } = request;
          if (matrix.length !== rows * m) throw new Error(`dense block of ${rows}×${m} got ${matrix.length} entries`);
          const reused = dense !== null && dense.key === key && dense.rows === rows && dense.m === m;
          if (!reused) {
            block = null;
            dense = null;
            const kernels = module.instantiate();
            const a = kernels.put(matrix);
            dense = { key, kernels, rows, m, a, rowsIn: kernels.allocF64(rows), colsIn: kernels.allocF64(m), rowsOut: kernels.allocF64(rows), colsOut: kernels.allocF64(m), work: kernels.allocF64(m) };
          }
          return { reply: { type: 'denseSetup', reused }, transfer: [] };
        }
        case 'denseMatVec': {
          const d = needDense(dense);
          d.kernels.f64(d.colsIn, d.m).set(request.x);
          d.kernels.exports.matVec(d.a, d.colsIn, d.rowsOut, d.rows, d.m);
          return vector(d.kernels, d.rowsOut, d.rows);
        }
        case 'denseMatVecT': {
          const d = needDense(dense);
          d.kernels.f64(d.rowsIn, d.rows).set(request.u);
          d.kernels.exports.matVecTransposed(d.a, d.rowsIn, d.colsOut, d.rows, d.m);
          return vector(d.kernels, d.colsOut, d.m);
        }
        case 'denseRowLse': {
          const d = needDense(dense);
          d.kernels.exports.rowLogSumExp(d.a, d.rowsOut, d.rows, d.m);
          return vector(d.kernels, d.rowsOut, d.rows);
        }
        case 'denseColumnLse': {
          const d = needDense(dense);
          // LSE_i((0 − A_ij)·(−1)) = LSE_i A_ij
          d.kernels.f64(d.rowsIn, d.rows).fill(0);
          d.kernels.exports.columnLogSumExpShifted(d.a, d.rowsIn, d.colsOut, d.work, d.rows, d.m, -1);
          return vector(d.kernels, d.colsOut, d.m);
        }
        case 'init':
          return { reply: { type: 'ready' }, transfer: [] };
        case 'setup': {
          const { key, rows, m, epsilon } = request;
          const reused = block !== null && block.key === key && block.rows === rows && block.m === m;
          if (!reused) {
            block = null; // the old instance and its memory go with it
            dense = null;
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
      dense = null;
      curvature = null;
      heat = null;
      return { reply: { type: 'error', message: (error as Error)?.message ?? String(error) }, transfer: [] };
    }
  };
}

function needDense(dense: DenseBlock | null): DenseBlock {
  if (!dense) throw new Error('no dense block: send "denseSetup" first');
  return dense;
}

function need(block: Block | null): Block {
  if (!block) throw new Error('no row block: send "setup" first');
  return block;
}
