/**
 * The kernel harness page. It collects every `src/kernels/<name>/<name>.cases.ts`,
 * runs a kernel's cases on WebGPU (f32) and on the CPU path (f64), and reports
 * per-case results to Playwright through `window.harness`. Benchmarks register
 * themselves the same way from `bench/gpu/*.bench-gpu.ts`.
 */
import type { KernelSuite } from '../../src/kernels/cases';
import { KernelContext } from '../../src/kernels/context';
import { compareClose } from '../../src/geometry/tolerance';

export interface CaseResult {
  kernel: string;
  name: string;
  backend: 'webgpu' | 'cpu';
  ok: boolean;
  message: string;
  ms: number;
}

export interface BenchCase {
  name: string;
  /** Runs once and resolves when the GPU has finished (a readback), returning any number to keep it live. */
  run(ctx: KernelContext, size: number): Promise<unknown>;
}

const suites = new Map<string, KernelSuite>();
for (const mod of Object.values(import.meta.glob<{ suite: KernelSuite }>('../../src/kernels/*/*.cases.ts', { eager: true }))) {
  suites.set(mod.suite.kernel, mod.suite);
}
const benches = new Map<string, BenchCase>();
for (const mod of Object.values(import.meta.glob<{ benches: BenchCase[] }>('../../bench/gpu/*.bench-gpu.ts', { eager: true }))) {
  for (const b of mod.benches) benches.set(b.name, b);
}

let contextPromise: Promise<{ ctx: KernelContext | null; info: string }> | null = null;

async function gpu(): Promise<{ ctx: KernelContext | null; info: string }> {
  contextPromise ??= (async () => {
    if (!('gpu' in navigator)) return { ctx: null, info: 'no WebGPU' };
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return { ctx: null, info: 'no adapter' };
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
    device.addEventListener('uncapturederror', (e) => {
      console.error(`WebGPU uncaptured error: ${(e as GPUUncapturedErrorEvent).error.message}`);
    });
    const info = adapter.info;
    return {
      ctx: new KernelContext(device),
      info: `${[info.vendor, info.architecture, info.description].filter(Boolean).join(' ')}${info.isFallbackAdapter ? ' (fallback adapter)' : ''}`.trim(),
    };
  })();
  return contextPromise;
}

async function runCase(kernel: string, index: number, backend: 'webgpu' | 'cpu'): Promise<CaseResult> {
  const suite = suites.get(kernel);
  if (!suite) throw new Error(`no kernel suite named ${kernel}`);
  const c = suite.cases[index];
  const start = performance.now();
  const base = { kernel, name: c.name, backend };
  try {
    const cpuOut = c.cpu();
    if (backend === 'cpu') {
      const problem = c.check(cpuOut, 'cpu');
      return { ...base, ok: problem === null, message: problem ?? 'ok', ms: performance.now() - start };
    }
    const { ctx, info } = await gpu();
    if (!ctx) return { ...base, ok: false, message: `WebGPU unavailable: ${info}`, ms: 0 };
    const gpuOut = await c.gpu(ctx);
    const agreement = compareClose(gpuOut, cpuOut, c.tolerance, 'GPU vs CPU reference');
    const problem = agreement.ok ? c.check(gpuOut, 'webgpu') : agreement.message;
    return { ...base, ok: problem === null, message: problem ?? 'ok', ms: performance.now() - start };
  } catch (error) {
    return { ...base, ok: false, message: `threw: ${(error as Error).message}`, ms: performance.now() - start };
  }
}

async function runKernel(kernel: string, backend: 'webgpu' | 'cpu'): Promise<CaseResult[]> {
  const suite = suites.get(kernel);
  if (!suite) throw new Error(`no kernel suite named ${kernel}; have ${[...suites.keys()].join(', ')}`);
  const results: CaseResult[] = [];
  for (let i = 0; i < suite.cases.length; i++) results.push(await runCase(kernel, i, backend));
  return results;
}

/** Median wall time (ms) of `repeats` runs after one warm-up, for the GPU benchmark table. */
async function bench(name: string, size: number, repeats: number): Promise<{ ms: number; info: string }> {
  const b = benches.get(name);
  if (!b) throw new Error(`no GPU benchmark named ${name}; have ${[...benches.keys()].join(', ')}`);
  const { ctx, info } = await gpu();
  if (!ctx) throw new Error(`WebGPU unavailable: ${info}`);
  await b.run(ctx, size);
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await b.run(ctx, size);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(times.length / 2)], info };
}

declare global {
  interface Window {
    harness: {
      kernels(): string[];
      adapter(): Promise<string>;
      runKernel: typeof runKernel;
      bench: typeof bench;
    };
  }
}

window.harness = {
  kernels: () => [...suites.keys()].sort(),
  adapter: async () => (await gpu()).info,
  runKernel,
  bench,
};
document.getElementById('harness-status')!.textContent = `ready: ${suites.size} kernel suites`;
