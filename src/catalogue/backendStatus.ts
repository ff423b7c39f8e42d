/** Where jobs run, as the engine reports it to the UI (pure: the status line reads it without loading worker code). */

export type BackendStatus =
  | { kind: 'webgpu'; adapter: string; fallbackAdapter: boolean }
  | { kind: 'cpu'; reason: CpuReason; detail?: string; cpuPath?: CpuPath };

/** Which CPU path runs: the WebAssembly SIMD kernels, or the JavaScript reference where SIMD is unavailable. */
export type CpuPath = 'WASM SIMD' | 'JavaScript';

export type CpuReason = 'no WebGPU' | 'no adapter' | 'software adapter only' | 'device lost' | 'forced' | 'device request failed';

/**
 * The status line's text: `Compute: WebGPU (<architecture>)`, or `Compute: CPU (<path>, <why>)`
 * with the CPU path that runs, e.g. `Compute: CPU (WASM SIMD, no WebGPU)` or `Compute: CPU (JavaScript, forced)`.
 */
export function statusText(status: BackendStatus): string {
  if (status.kind === 'webgpu') return `Compute: WebGPU (${status.adapter})`;
  return status.cpuPath ? `Compute: CPU (${status.cpuPath}, ${status.reason})` : `Compute: CPU (${status.reason})`;
}
