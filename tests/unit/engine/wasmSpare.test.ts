/**
 * The spare WebAssembly instance (WasmKernelModule.borrow / recycle): a recycled instance
 * comes back with its heap reset, one that grew past SPARE_MAX_BYTES is not kept, the engine
 * still reports the WASM path for a run that only borrowed, and a Sinkhorn solve on a reused
 * instance gives exactly the plan of a solve on a fresh one (nothing of the last solve leaks).
 */
import { describe, expect, it } from 'vitest';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { SPARE_MAX_BYTES, WasmKernelModule } from '../../../src/kernels/wasm/wasm';
import { Engine } from '../../../src/workers/engine';
import { defineJob, standaloneContext, type AnyJob } from '../../../src/workers/job';
import { solve, type SinkhornParams } from '../../../src/workers/jobs/sinkhorn';

const module = (await loadKernelsNode())!;

describe('spare wasm instance', () => {
  it('comes back from recycle with its heap reset; only one is kept', () => {
    const own = new WasmKernelModule(module.module);
    const first = own.borrow();
    const p0 = first.allocF64(1000);
    first.allocF64(1000);
    own.recycle(first);
    const again = own.borrow();
    expect(again).toBe(first);
    expect(again.allocF64(1000)).toBe(p0);
    // the spare was taken: the next borrow is a fresh instance
    expect(own.borrow()).not.toBe(first);
  });

  it('is not kept once its memory grew past SPARE_MAX_BYTES', () => {
    const own = new WasmKernelModule(module.module);
    const big = own.borrow();
    big.allocF64(SPARE_MAX_BYTES / 8 + 1);
    own.recycle(big);
    expect(own.borrow()).not.toBe(big);
  });

  it('is shared by views made with Object.create (as the engine tracks the module per run)', () => {
    const own = new WasmKernelModule(module.module);
    const view = Object.create(own) as WasmKernelModule;
    const kernels = view.borrow();
    view.recycle(kernels);
    expect(own.borrow()).toBe(kernels);
  });

  it('a run that only borrows is reported as the WASM path', async () => {
    const borrowing = defineJob<Record<string, never>, null, number>({
      name: 'test/borrow',
      async cpu(ctx) {
        const kernels = ctx.wasm!.borrow();
        ctx.wasm!.recycle(kernels);
        return 1;
      },
    });
    const engine = new Engine(new Map<string, AnyJob>([[borrowing.name, borrowing]]), async () => module);
    await engine.init('cpu');
    const first = await engine.run('v', borrowing.name, {}, null);
    const second = await engine.run('v', borrowing.name, {}, null);
    for (const run of [first, second]) expect(run.cpuPath).toMatch(/WASM SIMD/);
  });

  it('a Sinkhorn solve on the reused instance gives the plan of a solve on a fresh one', async () => {
    const params: SinkhornParams = { n: 60, epsilon: 0.05, cost: 'sqeuclidean', method: 'sinkhorn', dataset: 'moons', seed: 4, tolerance: 1e-9, maxIterations: 5000 };
    const fresh = async (p: SinkhornParams) => solve.cpu(standaloneContext({ wasm: new WasmKernelModule(module.module) }), p, null);
    const shared = new WasmKernelModule(module.module);
    const reused = async (p: SinkhornParams) => solve.cpu(standaloneContext({ wasm: shared }), p, null);
    // a bigger solve first, so the spare holds a grown heap full of another K
    await reused({ ...params, n: 90, seed: 9, method: 'log' });
    const spare = shared.borrow();
    shared.recycle(spare);
    for (const method of ['sinkhorn', 'log'] as const) {
      const p = { ...params, method };
      const a = await reused(p);
      const b = await fresh(p);
      expect(a.iterations).toBe(b.iterations);
      expect(Array.from(a.plan)).toEqual(Array.from(b.plan));
    }
    // the solves did borrow that spare
    expect(shared.borrow()).toBe(spare);
  });
});
