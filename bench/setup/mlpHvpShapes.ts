/** MLP shapes of the Hessian-vector-product benchmark, keyed by the approximate parameter count (shared by bench/hessian.bench.ts and the GPU case). */
export const HVP_BENCH_SAMPLES = 256;
export const HVP_BENCH_SHAPES: Record<number, number[]> = {
  1000: [32, 24, 10],
  10000: [32, 100, 64, 10],
  100000: [32, 256, 256, 128, 10],
};
