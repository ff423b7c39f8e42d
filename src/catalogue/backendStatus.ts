/** Where jobs run, as the engine reports it to the UI (pure: the status line reads it without loading worker code). */

export type BackendStatus =
  | { kind: 'webgpu'; adapter: string; fallbackAdapter: boolean }
  | { kind: 'cpu'; reason: CpuReason; detail?: string; cpuPath?: CpuPath; workers?: number };

/** Which CPU path runs: the WebAssembly SIMD kernels, or the JavaScript reference where SIMD is unavailable. */
export type CpuPath = 'WASM SIMD' | 'JavaScript';

export type CpuReason = 'no WebGPU' | 'no adapter' | 'software adapter only' | 'device lost' | 'forced' | 'device request failed';

/** The CPU path with the row blocks that ran in parallel: `WASM SIMD ×2 workers` (the worker pool), `WASM SIMD` (one), `JavaScript ×2 workers` (the pool running JavaScript: the sample radii's zero search). */
export function cpuPathText(path: CpuPath, workers = 1): string {
  return workers > 1 ? `${path} ×${workers} workers` : path;
}

/**
 * The status line's text: `Compute: WebGPU (<architecture>)`, or `Compute: CPU (<path>, <why>)`
 * with the CPU path that ran last, e.g. `Compute: CPU (WASM SIMD, no WebGPU)`,
 * `Compute: CPU (WASM SIMD ×2 workers, forced)` after a job that used the worker pool, or
 * `Compute: CPU (JavaScript, forced)`.
 */
export function statusText(status: BackendStatus): string {
  if (status.kind === 'webgpu') return `Compute: WebGPU (${status.adapter})`;
  return status.cpuPath ? `Compute: CPU (${cpuPathText(status.cpuPath, status.workers)}, ${status.reason})` : `Compute: CPU (${status.reason})`;
}

/**
 * A figure's note on what computed it: `WebGPU`, or `CPU (<path>)` for the CPU path the job
 * took: `CPU (WASM SIMD ×2 workers)`, `CPU (WASM SIMD)`, `CPU (JavaScript)` (a job without
 * WASM kernels) or `CPU (JavaScript: no WebAssembly SIMD)` where the kernels are unavailable, and
 * `CPU (JavaScript: out of WebAssembly memory)` where the job's buffers did not fit (it reran in JS).
 */
export function runPathText(backend: 'webgpu' | 'cpu', cpuPath?: string): string {
  if (backend === 'webgpu') return 'WebGPU';
  return cpuPath ? `CPU (${cpuPath})` : 'CPU';
}
