/**
 * Host side of the radii chapter's zero-search kernels (src/kernels/wasm/assembly/zeros.ts):
 * Newton's iteration and the argument-principle zero count, the two loops where
 * `nearestZero` (src/geometry/ghosts/zeros.ts) spends its time, as a drop-in `kernels`
 * option for it. One instance serves every call (its buffers grow with the class count); the
 * orchestration (starts, merging, certificate, the rare bracketing) stays in the reference.
 */
import { ZERO_RESIDUAL, type ZeroSearchKernels } from '../../geometry/ghosts/zeros';
import type { WasmKernels } from './wasm';

interface ZeroExports {
  memory: WebAssembly.Memory;
  zeroNewton(z: number, a: number, count: number, x: number, y: number, maxStep: number, iterations: number, residual: number, out: number): void;
  zeroWinding(z: number, a: number, count: number, r: number, work: number): number;
}

export function zeroSearchWasm(kernels: WasmKernels): ZeroSearchKernels {
  const x = kernels.exports as unknown as ZeroExports;
  let capacity = 0;
  let z = 0;
  let a = 0;
  let work = 0;
  const out = kernels.allocF64(4);
  let view = new Float64Array(x.memory.buffer);
  const load = (zs: ArrayLike<number>, as: ArrayLike<number>): number => {
    const count = zs.length;
    if (as.length !== count) throw new Error(`zero search: ${count} logits but ${as.length} slopes`);
    if (count > capacity) {
      capacity = Math.max(count, 2 * capacity, 16);
      z = kernels.allocF64(capacity);
      a = kernels.allocF64(capacity);
      work = kernels.allocF64(capacity);
    }
    if (view.buffer !== x.memory.buffer) view = new Float64Array(x.memory.buffer);
    const z8 = z / 8;
    const a8 = a / 8;
    for (let k = 0; k < count; k++) {
      view[z8 + k] = zs[k];
      view[a8 + k] = as[k];
    }
    return count;
  };
  return {
    newton(zs, as, x0, y0, maxStep, iterations = 80) {
      const count = load(zs, as);
      x.zeroNewton(z, a, count, x0, y0, maxStep, iterations, ZERO_RESIDUAL, out);
      const o = out / 8;
      return { re: view[o], im: view[o + 1], converged: view[o + 2] === 1 };
    },
    winding(zs, as, r) {
      const count = load(zs, as);
      return x.zeroWinding(z, a, count, r, work);
    },
  };
}
