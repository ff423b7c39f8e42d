/**
 * Host side of the heat chapter's WebAssembly SIMD kernels (src/kernels/wasm/assembly/heat.ts):
 * pairwise squared distances and brute-force kNN, the CSR × dense block product, the Chebyshev
 * heat kernel H_t = exp(−tL) column block by column block, and SMACOF's Guttman transform and
 * stress. Each does the arithmetic of its f64 reference (distances.ts, sparse.ts, chebyshev.ts,
 * mds.ts) entry by entry, so results equal the reference's (tests/unit/heat/wasmKernels.test.ts).
 * The job-level functions take the compiled module and use a fresh instance (own memory) per call,
 * so memoised stages never share a heap.
 */
import { assembleColumnBlocks, columnBlockSize, heatChebyshevCoefficients, hopBall } from '../../geometry/heat/chebyshev';
import { transitionMatrix } from '../../geometry/heat/comparators';
import { smacofLoop } from '../../geometry/heat/mds';
import type { CsrMatrix } from '../../geometry/heat/sparse';
import type { NeighbourLists } from '../../geometry/linalg/distances';
import type { WasmKernelModule, WasmKernels } from './wasm';

/** The heat kernels' exports (assembly/heat.ts), beside the shared KernelExports. */
interface HeatExports {
  memory: WebAssembly.Memory;
  pairwiseSquaredDistancesHeat(x: number, y: number, out: number, n: number, m: number, d: number): void;
  knnBruteForceHeat(x: number, n: number, d: number, k: number, indices: number, dist: number, work: number): void;
  csrMatMatHeat(rowPtr: number, colIndex: number, values: number, rows: number, x: number, m: number, out: number): void;
  chebyshevStepHeat(rowPtr: number, colIndex: number, values: number, ball: number, size: number, prev: number, cur: number, y: number, m: number, phi: number, c0: number, ck: number, first: number): void;
  guttmanTransformHeat(x: number, delta: number, n: number, dims: number, out: number): void;
  stressHeat(x: number, delta: number, n: number, dims: number): number;
}

function heat(kernels: WasmKernels): HeatExports {
  return kernels.exports as unknown as HeatExports;
}

/** Room for `count` i32 (allocated as f64 words: 16-byte aligned). */
function allocI32(kernels: WasmKernels, count: number): number {
  return kernels.allocF64(Math.ceil(count / 2) || 1);
}

function i32(kernels: WasmKernels, ptr: number, count: number): Int32Array {
  return new Int32Array(kernels.exports.memory.buffer, ptr, count);
}

/** D_ij = ‖x_i − y_j‖² (n×m), as pairwiseSquaredDistances. */
export function pairwiseSquaredDistancesWasm(kernels: WasmKernels, x: ArrayLike<number>, y: ArrayLike<number>, n: number, m: number, d: number): Float64Array {
  if (x.length !== n * d) throw new Error(`first point set has ${x.length} entries but ${n} points × ${d} dims needs ${n * d}`);
  if (y.length !== m * d) throw new Error(`second point set has ${y.length} entries but ${m} points × ${d} dims needs ${m * d}`);
  const px = kernels.put(x);
  const py = kernels.put(y);
  const out = kernels.allocF64(n * m);
  heat(kernels).pairwiseSquaredDistancesHeat(px, py, out, n, m, d);
  return kernels.f64(out, n * m).slice();
}

/** The k nearest neighbours of every point among the others, as knnBruteForce (same order, same ties). */
export function knnBruteForceWasm(kernels: WasmKernels, x: ArrayLike<number>, n: number, d: number, k: number): NeighbourLists {
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new Error(`invalid k: ${k} (need 1 ≤ k < number of points = ${n})`);
  if (x.length !== n * d) throw new Error(`point set has ${x.length} entries but ${n} points × ${d} dims needs ${n * d}`);
  const px = kernels.put(x);
  const pi = allocI32(kernels, n * k);
  const pd = kernels.allocF64(n * k);
  const work = kernels.allocF64(k + Math.ceil(k / 2));
  heat(kernels).knnBruteForceHeat(px, n, d, k, pi, pd, work);
  return { indices: i32(kernels, pi, n * k).slice(), squaredDistances: kernels.f64(pd, n * k).slice(), k };
}

interface CsrInMemory {
  rowPtr: number;
  colIndex: number;
  values: number;
}

function putCsr(kernels: WasmKernels, a: CsrMatrix): CsrInMemory {
  const rowPtr = allocI32(kernels, a.rows + 1);
  const colIndex = allocI32(kernels, a.colIndex.length);
  const values = kernels.put(a.values);
  i32(kernels, rowPtr, a.rows + 1).set(a.rowPtr);
  i32(kernels, colIndex, a.colIndex.length).set(a.colIndex);
  return { rowPtr, colIndex, values };
}

/** Y = A X for a dense row-major block X (cols×m), as csrMatMat. */
export function csrMatMatWasm(kernels: WasmKernels, a: CsrMatrix, x: ArrayLike<number>, m: number): Float64Array {
  if (x.length !== a.cols * m) throw new Error(`dense block has ${x.length} entries but ${a.cols}×${m} needs ${a.cols * m}`);
  const csr = putCsr(kernels, a);
  const px = kernels.put(x);
  const out = kernels.allocF64(a.rows * m);
  heat(kernels).csrMatMatHeat(csr.rowPtr, csr.colIndex, csr.values, a.rows, px, m, out);
  return kernels.f64(out, a.rows * m).slice();
}

/** Rows of P^t (n×n dense), P = D⁻¹W, by `steps` CSR × dense products in one instance, as diffusionPowers (comparators.ts). */
export function diffusionPowersWasm(module: WasmKernelModule, w: CsrMatrix, steps: number): Float64Array {
  const n = w.rows;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`invalid diffusion steps: ${steps} (need an integer ≥ 1)`);
  const kernels = module.instantiate();
  const csr = putCsr(kernels, transitionMatrix(w));
  let current = kernels.allocF64(n * n);
  let next = kernels.allocF64(n * n);
  const eye = kernels.f64(current, n * n);
  eye.fill(0);
  for (let i = 0; i < n; i++) eye[i * n + i] = 1;
  for (let s = 0; s < steps; s++) {
    heat(kernels).csrMatMatHeat(csr.rowPtr, csr.colIndex, csr.values, n, current, n, next);
    [current, next] = [next, current];
  }
  return kernels.f64(current, n * n).slice();
}

/**
 * H_t = exp(−tL) (n×n) by the order-K Chebyshev recurrence on column blocks of `blockSize`, as
 * heatKernelChebyshevDense: the same breadth-first column order, the same growing ball of rows
 * within k hops of the block, the three-term update and accumulation in chebyshevStepHeat.
 */
export function heatKernelChebyshevDenseWasm(
  module: WasmKernelModule,
  l: CsrMatrix,
  lambdaMax: number,
  t: number,
  order: number,
  blockSize = 64,
  onBlock?: (done: number, total: number) => void,
): Float64Array {
  const b = columnBlockSize(blockSize, l.rows);
  return assembleColumnBlocks(l, b, chebyshevBlocks(module, l, lambdaMax, t, order, b), onBlock);
}

/** C = exp(−tL) E (n×m), E the indicator columns `columns`, as heatKernelColumns (chebyshev.ts): the landmark path's heat columns. */
export function heatKernelColumnsWasm(module: WasmKernelModule, l: CsrMatrix, lambdaMax: number, t: number, order: number, columns: ArrayLike<number>): Float64Array {
  return chebyshevBlocks(module, l, lambdaMax, t, order, columns.length)(columns).slice();
}

/**
 * One instance holding L and three n×maxColumns blocks; the returned function runs one block
 * (its y is a view, valid until the next call). Also what a pool helper runs (src/workers/heatPool.ts).
 */
export function chebyshevBlocks(module: WasmKernelModule, l: CsrMatrix, lambdaMax: number, t: number, order: number, maxColumns: number): (block: ArrayLike<number>) => Float64Array {
  const n = l.rows;
  if (!Number.isInteger(order) || order < 1) throw new Error(`invalid Chebyshev order: ${order} (need an integer ≥ 1)`);
  const c = heatChebyshevCoefficients(t, lambdaMax, order);
  const phi = lambdaMax / 2;
  const kernels = module.instantiate();
  const x = heat(kernels);
  const b = Math.max(1, maxColumns);
  const csr = putCsr(kernels, l);
  const prevPtr = kernels.allocF64(n * b);
  const curPtr = kernels.allocF64(n * b);
  const yPtr = kernels.allocF64(n * b);
  const ballPtr = allocI32(kernels, n);
  // every allocation is done: the views below stay valid
  const prev = kernels.f64(prevPtr, n * b);
  const cur = kernels.f64(curPtr, n * b);
  const y = kernels.f64(yPtr, n * b);
  const ball = i32(kernels, ballPtr, n);
  const inBall = new Uint8Array(n);
  return (block) => {
    const m = block.length;
    prev.fill(0, 0, n * m);
    cur.fill(0, 0, n * m);
    y.fill(0, 0, n * m);
    for (let q = 0; q < m; q++) prev[block[q] * m + q] = 1;
    const hops = hopBall(l, block, ball, inBall);
    hops.grow();
    x.chebyshevStepHeat(csr.rowPtr, csr.colIndex, csr.values, ballPtr, hops.size, prevPtr, curPtr, yPtr, m, phi, c[0], c[1], 1);
    // each later step writes T_k over T_{k−2}; swapping the pointers makes it the current one, as the reference swaps its arrays
    let pPtr = prevPtr;
    let cPtr = curPtr;
    for (let k = 2; k <= order; k++) {
      hops.grow();
      x.chebyshevStepHeat(csr.rowPtr, csr.colIndex, csr.values, ballPtr, hops.size, pPtr, cPtr, yPtr, m, phi, 0, c[k], 0);
      [pPtr, cPtr] = [cPtr, pPtr];
    }
    return y.subarray(0, n * m);
  };
}

/** SMACOF on the WASM kernels, δ copied into the instance once; `run` is `smacof` (mds.ts) step for step. */
export interface SmacofWasm {
  run(init: Float64Array, iterations: number, options?: { tolerance?: number }): { embedding: Float64Array; stress: number; iterations: number; converged: boolean };
  guttman(x: ArrayLike<number>): Float64Array;
  stress(x: ArrayLike<number>): number;
}

export function createSmacofWasm(module: WasmKernelModule, delta: ArrayLike<number>, n: number, dims: number): SmacofWasm {
  if (delta.length !== n * n) throw new Error(`distance matrix has ${delta.length} entries but ${n}×${n} needs ${n * n}`);
  const kernels = module.instantiate();
  const x = heat(kernels);
  const pd = kernels.put(delta);
  const pa = kernels.allocF64(n * dims);
  const pb = kernels.allocF64(n * dims);
  const view = (ptr: number) => kernels.f64(ptr, n * dims);
  return {
    run(init, iterations, options = {}) {
      if (init.length !== n * dims) throw new Error(`initial embedding has ${init.length} entries but ${n}×${dims} needs ${n * dims}`);
      let cur = pa;
      let next = pb;
      view(cur).set(init);
      const result = smacofLoop(x.stressHeat(cur, pd, n, dims), iterations, options.tolerance ?? 0, () => {
        x.guttmanTransformHeat(cur, pd, n, dims, next);
        [cur, next] = [next, cur];
        return x.stressHeat(cur, pd, n, dims);
      });
      return { embedding: view(cur).slice(), ...result };
    },
    guttman(points) {
      view(pa).set(points);
      x.guttmanTransformHeat(pa, pd, n, dims, pb);
      return view(pb).slice();
    },
    stress(points) {
      view(pa).set(points);
      return x.stressHeat(pa, pd, n, dims);
    },
  };
}
