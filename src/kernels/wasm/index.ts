export { WasmKernels, WasmKernelModule, compileKernels, wasmSimdSupported, type KernelExports } from './wasm';
export { createSinkhornWasm } from './sinkhornScaling';
export { createSinkhornLogWasm } from './sinkhornLogWasm';
