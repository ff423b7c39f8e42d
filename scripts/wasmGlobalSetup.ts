/** Vitest global setup: the unit tests load src/kernels/wasm/build/kernels.wasm, so build it first. */
import { buildWasm } from './build-wasm.mjs';

export default async function setup(): Promise<void> {
  await buildWasm();
}
