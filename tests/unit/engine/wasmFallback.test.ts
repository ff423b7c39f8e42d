/**
 * A job whose buffers do not fit in WebAssembly memory reruns on the JavaScript path, and the
 * run says so (`cpuPath`), instead of failing: a 32-bit wasm memory holds at most 4 GiB.
 * The sizes are asked of the allocator, never allocated: the guard refuses them first.
 */
import { describe, expect, it } from 'vitest';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { MAX_WASM_BYTES, WasmMemoryError } from '../../../src/kernels/wasm/wasm';
import { Engine } from '../../../src/workers/engine';
import { defineJob, type AnyJob } from '../../../src/workers/job';

const module = await loadKernelsNode();

/** Sums 1..n: with WASM it first asks for `want` f64 of wasm memory (which may not fit). */
const summing = defineJob<{ n: number; want: number }, null, { sum: number; path: 'wasm' | 'js' }>({
  name: 'test/sum',
  async cpu(ctx, params) {
    if (ctx.wasm) {
      const kernels = ctx.wasm.instantiate();
      const ptr = kernels.allocF64(params.want);
      const values = kernels.f64(ptr, params.n);
      for (let i = 0; i < params.n; i++) values[i] = i + 1;
      return { sum: values.reduce((s, v) => s + v, 0), path: 'wasm' };
    }
    let sum = 0;
    for (let i = 1; i <= params.n; i++) sum += i;
    return { sum, path: 'js' };
  },
});

async function engine(): Promise<Engine> {
  const e = new Engine(new Map<string, AnyJob>([[summing.name, summing]]), async () => module);
  await e.init('cpu');
  return e;
}

describe.skipIf(!module)('WebAssembly memory exhausted', () => {
  it('the allocator refuses a request past the 32-bit memory with WasmMemoryError, and the instance still allocates', () => {
    const kernels = module!.instantiate();
    // 2^29 f64 = 4 GiB: more than any 32-bit memory holds
    expect(() => kernels.allocF64(2 ** 29)).toThrow(WasmMemoryError);
    expect(() => kernels.allocF64(MAX_WASM_BYTES / 8 + 1)).toThrow(/cannot grow to hold/);
    const ptr = kernels.allocF64(4);
    expect(ptr).toBeGreaterThan(0);
    kernels.f64(ptr, 4).set([1, 2, 3, 4]);
    expect([...kernels.f64(ptr, 4)]).toEqual([1, 2, 3, 4]);
  });

  it('allocate itself refuses a request that would wrap the 32-bit address space (returns 0)', () => {
    const kernels = module!.instantiate();
    kernels.allocF64(16);
    // 2^32 − 16 bytes: its end would wrap below the heap top
    expect(kernels.exports.allocate(2 ** 32 - 16)).toBe(0);
    expect(kernels.exports.allocate(2 ** 32 - 1)).toBe(0);
    expect(kernels.allocF64(4)).toBeGreaterThan(0);
  });

  it('a job that fits runs on the WASM path', async () => {
    const e = await engine();
    const run = await e.run<{ sum: number; path: string }>('v', 'test/sum', { n: 100, want: 100 }, null);
    expect(run.result).toEqual({ sum: 5050, path: 'wasm' });
    expect(run.cpuPath).toBe('WASM SIMD');
  });

  it('a job that does not fit reruns in JavaScript and the run says why', async () => {
    const e = await engine();
    const run = await e.run<{ sum: number; path: string }>('v', 'test/sum', { n: 100, want: 2 ** 29 }, null);
    expect(run.result).toEqual({ sum: 5050, path: 'js' });
    expect(run.cpuPath).toBe('JavaScript: out of WebAssembly memory');
    // the next run tries WASM again (memory is per run: the next one may fit)
    const next = await e.run<{ sum: number; path: string }>('v', 'test/sum', { n: 10, want: 10 }, null);
    expect(next.result).toEqual({ sum: 55, path: 'wasm' });
  });
});
