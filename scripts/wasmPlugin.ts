/** A Vite plugin that builds the WebAssembly SIMD kernels (scripts/build-wasm.mjs) before every build and dev start. */
import type { Plugin } from 'vite';
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildWasm } from './build-wasm.mjs';

export function wasmKernels(): Plugin {
  return {
    name: 'curvature-wasm-kernels',
    async buildStart() {
      await (buildWasm as () => Promise<boolean>)();
    },
  };
}
