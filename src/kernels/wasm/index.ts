export { WasmKernels, WasmKernelModule, compileKernels, wasmSimdSupported, type KernelExports } from './wasm';
export { createSinkhornWasm } from './sinkhornScaling';
export { createSinkhornLogWasm, type SinkhornLogWasmSolver } from './sinkhornLog';
export { createSinkhornLogExactWasm } from './sinkhornLogExact';
export { createSmacofWasm, csrMatMatWasm, diffusionPowersWasm, heatKernelChebyshevDenseWasm, heatKernelColumnsWasm, knnBruteForceWasm, pairwiseSquaredDistancesWasm, type SmacofWasm } from './heatKernels';
