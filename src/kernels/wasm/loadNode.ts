/** Loads the built kernel module from disk in Node (unit tests, benchmarks). */
import { readFileSync } from 'node:fs';
import { compileKernels, type WasmKernelModule } from './wasm';

export const WASM_PATH = new URL('./build/kernels.wasm', import.meta.url);

export function loadKernelsNode(): Promise<WasmKernelModule | null> {
  return compileKernels(readFileSync(WASM_PATH));
}
