/** Where jobs run, as the engine reports it to the UI (pure: the status line reads it without loading worker code). */

export type BackendStatus =
  | { kind: 'webgpu'; adapter: string; fallbackAdapter: boolean }
  | { kind: 'cpu'; reason: CpuReason; detail?: string };

export type CpuReason = 'no WebGPU' | 'no adapter' | 'software adapter only' | 'device lost' | 'forced' | 'device request failed';

/** The status line's text: `Compute: WebGPU (<architecture>)` or `Compute: CPU (<why>)`. */
export function statusText(status: BackendStatus): string {
  return status.kind === 'webgpu' ? `Compute: WebGPU (${status.adapter})` : `Compute: CPU (${status.reason})`;
}
