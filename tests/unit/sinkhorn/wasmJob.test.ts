/** The sinkhorn/solve job on the WebAssembly SIMD kernels against the same job on the JavaScript reference. */
import { describe, expect, it } from 'vitest';
import { marginalError } from '../../../src/geometry/ot';
import { F64_EXACT, expectClose } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import type { WasmKernelModule } from '../../../src/kernels/wasm/wasm';
import { standaloneContext, type JobContext } from '../../../src/workers/job';
import { solve, type SinkhornParams } from '../../../src/workers/jobs/sinkhorn';

function context(wasm: WasmKernelModule | null): JobContext<unknown> {
  return standaloneContext({ wasm });
}

const params: SinkhornParams = { n: 80, epsilon: 0.05, cost: 'sqeuclidean', method: 'sinkhorn', dataset: 'moons', seed: 3, tolerance: 1e-9, maxIterations: 5000 };

describe('sinkhorn/solve, scaling method, with ctx.wasm', () => {
  it('takes the same iterations and returns the same plan as the JavaScript path', async () => {
    const wasm = await loadKernelsNode();
    const fast = await solve.cpu(context(wasm), params, null);
    const reference = await solve.cpu(context(null), params, null);
    expect(fast.iterations).toBe(reference.iterations);
    expect(fast.converged).toBe(true);
    expectClose(fast.plan, reference.plan, F64_EXACT, 'plan');
    expectClose(fast.history.marginalError, reference.history.marginalError, F64_EXACT, 'history');
    // the returned error is recomputed from the plan, independently of the kernel
    expect(marginalError(fast.plan, { n: fast.n, m: fast.m, a: fast.a, b: fast.b, cost: new Float64Array(0) })).toBeLessThanOrEqual(params.tolerance * 1.01);
  });
});

describe('sinkhorn/solve, log-domain method, with ctx.wasm', () => {
  for (const epsilon of [0.05, 0.005]) {
    it(`ε = ${epsilon}: the same iterations, error and cost histories, plan and cost as the JavaScript path`, async () => {
      const wasm = (await loadKernelsNode())!;
      // counts the instances the job borrows, so the comparison below is WASM against JS
      let instances = 0;
      const counted = { borrow: () => (instances++, wasm.instantiate()), recycle: () => {} } as unknown as WasmKernelModule;
      const logParams: SinkhornParams = { ...params, method: 'log', epsilon, dataset: 'gaussians' };
      const fast = await solve.cpu(context(counted), logParams, null);
      expect(instances).toBe(1);
      const reference = await solve.cpu(context(null), logParams, null);
      expect(fast.iterations).toBe(reference.iterations);
      expect(fast.converged).toBe(true);
      expectClose(fast.plan, reference.plan, F64_EXACT, 'plan');
      expectClose(fast.history.marginalError, reference.history.marginalError, F64_EXACT, 'error history');
      expectClose(fast.history.cost, reference.history.cost, F64_EXACT, 'cost history');
      expectClose(fast.history.dual, reference.history.dual, F64_EXACT, 'dual history');
      expectClose(fast.cost, reference.cost, F64_EXACT, 'cost');
      expect(fast.marginalError).toBeLessThanOrEqual(logParams.tolerance * 1.01);
    });
  }
});
