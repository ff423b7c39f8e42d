/** Vitest global setup: the unit tests load src/kernels/wasm/build/kernels.wasm, so build it first. */
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildWasm } from './build-wasm.mjs';

export default async function setup(): Promise<void> {
  await (buildWasm as () => Promise<boolean>)();
}
