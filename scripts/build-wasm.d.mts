import type { Plugin } from 'vite';

export const WASM_SOURCE: string;
export const WASM_OUTPUT: string;
/** Builds the .wasm unless it is up to date; resolves to whether it built. */
export function buildWasm(options?: { force?: boolean }): Promise<boolean>;
export function wasmKernelsPlugin(): Plugin;
