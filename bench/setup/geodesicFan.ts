/** The fan timed by bench/geodesics.bench.ts, shared by its CPU half (Node) and GPU half (geodesicFan.bench-gpu.ts). */
export const FAN_BENCH_STEPS = 200;
export const FAN_BENCH_START = { x0: -0.8, y0: 0.3, length: 2.5 };
