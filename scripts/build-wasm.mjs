#!/usr/bin/env node
// Compiles the CPU path's WebAssembly SIMD kernels (AssemblyScript, src/kernels/wasm/assembly)
// into src/kernels/wasm/build/kernels.wasm. Run by the Vite plugin in vite.config.ts and
// vite.harness.config.ts (npm run build, build:harness, dev), by vitest's global setup and
// before `npm run bench`; skipped when the .wasm is newer than every source file.
// Usage: node scripts/build-wasm.mjs [--force]
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = `${root}src/kernels/wasm/assembly`;
export const WASM_SOURCE = `${sourceDir}/kernels.ts`;
export const WASM_OUTPUT = `${root}src/kernels/wasm/build/kernels.wasm`;

function upToDate() {
  let built;
  try {
    built = statSync(WASM_OUTPUT).mtimeMs;
  } catch {
    return false;
  }
  return readdirSync(sourceDir).every((f) => statSync(`${sourceDir}/${f}`).mtimeMs <= built);
}

/** Builds the .wasm unless it is up to date; throws with the compiler's output on failure. */
export async function buildWasm({ force = false } = {}) {
  if (!force && upToDate()) return false;
  mkdirSync(fileURLToPath(new URL('.', `file://${WASM_OUTPUT}`)), { recursive: true });
  const asc = await import('assemblyscript/asc');
  let log = '';
  const stream = { write: (s) => ((log += String(s)), true) };
  const { error } = await asc.main(
    [WASM_SOURCE, '--enable', 'simd', '-O3', '--runtime', 'stub', '--noAssert', '--outFile', WASM_OUTPUT],
    { stdout: stream, stderr: stream },
  );
  if (error) throw new Error(`asc failed to build ${WASM_OUTPUT}: ${error.message}\n${log}`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildWasm({ force: process.argv.includes('--force') });
  console.log(built ? `built ${WASM_OUTPUT}` : `${WASM_OUTPUT} is up to date`);
}

/** The Vite plugin (vite.config.ts, vite.harness.config.ts): builds the .wasm before every build and dev start. */
export function wasmKernelsPlugin() {
  return {
    name: 'curvature-wasm-kernels',
    async buildStart() {
      await buildWasm();
    },
  };
}
