/**
 * The MLP layer products (src/geometry/nn/denseProducts.ts) on the WebAssembly SIMD GEMM
 * (assembly/gemm.ts), with the JS reference's signatures and math (only the summation order differs):
 *   affineRows       Z (+)= c + A Mᵀ   — Mᵀ is formed once per call (no × ni, small next to count × ni × no)
 *   rowsTimesMatrix  B (+)= D M
 *   accumulateOuter  G  += Dᵀ A, b += Σᵢ D[i, ·]
 *
 * `createWasmMlpWorkspace` gives a workspace whose buffers (activations, deltas, R-terms) live in
 * the instance's memory for the whole job, so the products read and write them in place; an
 * operand outside that memory (θ, v, x, the gradient) is copied into a preallocated slot per
 * product: a weight matrix, a chunk of x, or one layer's gradient, i.e. about 1/width of the work.
 * The instance is the workspace's own: nothing else may allocate in it (a memory.grow would
 * detach the workspace's views), which is why this module instantiates it.
 */
import type { DenseProducts } from '../../geometry/nn/denseProducts';
import type { Mlp } from '../../geometry/nn/mlpShape';
import { MlpWorkspace, workspaceLength } from '../../geometry/nn/workspace';
import type { WasmKernelModule, WasmKernels } from './wasm';

interface GemmExports {
  memory: WebAssembly.Memory;
  gemmStrided(c: number, cs: number, x: number, xr: number, xk: number, y: number, ys: number, rows: number, inner: number, cols: number, accumulate: boolean): void;
  transposeInto(dst: number, src: number, srcStride: number, rows: number, cols: number): void;
}

/** Operand slots: three inputs/outputs of up to `rows` × widest, one weight matrix and its transpose. */
class Slots {
  readonly ptr: number[];
  constructor(kernels: WasmKernels, readonly sizes: number[]) {
    this.ptr = sizes.map((n) => kernels.allocF64(n));
  }
}

export function createWasmDenseProducts(kernels: WasmKernels, mlp: Mlp, capacity: number): DenseProducts {
  const x = kernels.exports as unknown as GemmExports;
  const widest = Math.max(...mlp.layers);
  let weights = 0;
  for (let l = 0; l + 1 < mlp.layers.length; l++) weights = Math.max(weights, mlp.layers[l] * mlp.layers[l + 1]);
  const rows = capacity * widest;
  // 0: A or D input, 1: second input, 2: output, 3: weight matrix, 4: its transpose
  const slots = new Slots(kernels, [rows, rows, Math.max(rows, weights), weights, weights]);
  const memory = x.memory;

  /** Byte pointer of arr[base ..] in wasm memory; copies `length` entries into slot `slot` unless resident. */
  function input(arr: Float64Array, base: number, length: number, slot: number): number {
    if (arr.buffer === memory.buffer) return arr.byteOffset + 8 * base;
    const ptr = slots.ptr[slot];
    new Float64Array(memory.buffer, ptr, length).set(arr.subarray(base, base + length));
    return ptr;
  }

  /** Output pointer: in place when resident; else slot 2, copied in first when accumulating. `finish` copies it back. */
  function output(arr: Float64Array, base: number, length: number, accumulate: boolean): number {
    if (arr.buffer === memory.buffer) return arr.byteOffset + 8 * base;
    const ptr = slots.ptr[2];
    if (accumulate) new Float64Array(memory.buffer, ptr, length).set(arr.subarray(base, base + length));
    return ptr;
  }

  function finish(arr: Float64Array, base: number, length: number): void {
    if (arr.buffer !== memory.buffer) arr.set(new Float64Array(memory.buffer, slots.ptr[2], length), base);
  }

  return {
    name: 'wasm',
    affineRows(z, a, aBase, m, mBase, bias, biasBase, count, ni, no, accumulate) {
      const pa = input(a, aBase, count * ni, 0);
      const pm = input(m, mBase, no * ni, 3);
      const mt = slots.ptr[4];
      x.transposeInto(mt, pm, ni, no, ni);
      const pz = output(z, 0, count * no, accumulate);
      if (bias && !accumulate) {
        const view = new Float64Array(memory.buffer, pz, count * no);
        for (let i = 0; i < count; i++) for (let o = 0; o < no; o++) view[i * no + o] = bias[biasBase + o];
      }
      x.gemmStrided(pz, no, pa, ni, 1, mt, no, count, ni, no, accumulate || bias !== null);
      if (bias && accumulate) {
        const view = new Float64Array(memory.buffer, pz, count * no);
        for (let i = 0; i < count; i++) for (let o = 0; o < no; o++) view[i * no + o] += bias[biasBase + o];
      }
      finish(z, 0, count * no);
    },
    rowsTimesMatrix(b, d, m, mBase, count, no, ni, accumulate) {
      const pd = input(d, 0, count * no, 0);
      const pm = input(m, mBase, no * ni, 3);
      const pb = output(b, 0, count * ni, accumulate);
      x.gemmStrided(pb, ni, pd, no, 1, pm, ni, count, no, ni, accumulate);
      finish(b, 0, count * ni);
    },
    accumulateOuter(g, gBase, biasBase, d, a, aBase, count, no, ni) {
      const pd = input(d, 0, count * no, 0);
      const pa = input(a, aBase, count * ni, 1);
      const pg = output(g, gBase, no * ni, true);
      x.gemmStrided(pg, ni, pd, 1, no, pa, ni, no, count, ni, true);
      finish(g, gBase, no * ni);
      if (biasBase >= 0) {
        const dv = new Float64Array(memory.buffer, pd, count * no);
        for (let i = 0; i < count; i++) for (let o = 0; o < no; o++) g[biasBase + o] += dv[i * no + o];
      }
    },
  };
}

/**
 * A workspace for `capacity` samples whose buffers and product slots live in a fresh instance of
 * `module`, with the WASM dense products: the workspace factory a worker job passes to
 * `curvatureOperator` (options.workspace) or to the mlp.ts functions.
 */
export function createWasmMlpWorkspace(module: WasmKernelModule, mlp: Mlp, capacity: number): MlpWorkspace {
  const kernels = module.instantiate();
  const length = workspaceLength(mlp, capacity);
  const arenaPtr = kernels.allocF64(length);
  const products = createWasmDenseProducts(kernels, mlp, capacity);
  // every allocation is done: views made now stay attached for the workspace's life
  return new MlpWorkspace(mlp, capacity, { products, arena: () => kernels.f64(arenaPtr, length) });
}

/** The `workspace` option of `curvatureOperator` for a job: WASM where the module compiled (SIMD available), else undefined (the JS reference). */
export function wasmWorkspaceFactory(module: WasmKernelModule | null | undefined): ((mlp: Mlp, capacity: number) => MlpWorkspace) | undefined {
  return module ? (mlp, capacity) => createWasmMlpWorkspace(module, mlp, capacity) : undefined;
}
