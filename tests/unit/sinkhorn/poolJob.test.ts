/**
 * The worker pool (src/workers/pool.ts) and the scaling Sinkhorn split into row blocks across it
 * (src/workers/sinkhornScalingPool.ts), with the helpers run in process (poolRows.ts behind a
 * transport that copies each message, as postMessage does, and answers on a later task): the
 * pooled job against the single-threaded WASM job, the lease rules, cancellation, and the
 * engine's report of the path.
 */
import { describe, expect, it } from 'vitest';
import { F64_EXACT, expectClose } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import type { WasmKernelModule } from '../../../src/kernels/wasm/wasm';
import { statusText } from '../../../src/workers/backend';
import { Engine } from '../../../src/workers/engine';
import { JobCancelled, standaloneContext, type AnyJob } from '../../../src/workers/job';
import { solve, type SinkhornData, type SinkhornParams, type SinkhornSolveResult } from '../../../src/workers/jobs/sinkhorn';
import { poolSize, WorkerPool } from '../../../src/workers/pool';
import { inProcessSpawn } from '../poolInProcess';
import { rowBlocks } from '../../../src/workers/sinkhornScalingPool';
import { mulberry32 } from '../../../src/geometry/random';

const module = (await loadKernelsNode())!;

const inProcess = (kernels: WasmKernelModule, log?: string[]) => inProcessSpawn(kernels, { log });

function pool(size: number, log?: string[]): WorkerPool {
  return new WorkerPool({ size, spawn: inProcess(module, log), minEntries: 0 });
}

const params: SinkhornParams = { n: 81, epsilon: 0.05, cost: 'sqeuclidean', method: 'sinkhorn', dataset: 'moons', seed: 3, tolerance: 1e-9, maxIterations: 5000 };

function expectSameSolve(pooled: SinkhornSolveResult, single: SinkhornSolveResult): void {
  expect(pooled.iterations).toBe(single.iterations);
  expect(pooled.converged).toBe(true);
  expectClose(pooled.plan, single.plan, F64_EXACT, 'plan');
  expectClose(pooled.history.marginalError, single.history.marginalError, F64_EXACT, 'error history');
  expectClose(pooled.history.dual, single.history.dual, F64_EXACT, 'dual history');
  expectClose(pooled.cost, single.cost, F64_EXACT, 'cost');
}

describe('row blocks', () => {
  it('cover 0…n once, in order, each starting on an even row', () => {
    for (const [n, workers] of [[81, 2], [81, 3], [4096, 4], [7, 4], [1, 2], [2, 3]]) {
      const blocks = rowBlocks(n, workers);
      expect(blocks.length).toBeLessThanOrEqual(workers);
      expect(blocks[0][0]).toBe(0);
      expect(blocks[blocks.length - 1][1]).toBe(n);
      blocks.forEach(([start, end], k) => {
        expect(start % 2).toBe(0);
        expect(end).toBeGreaterThan(start);
        if (k > 0) expect(start).toBe(blocks[k - 1][1]);
      });
    }
  });

  it('the pool size is min(cores, 4), and one where there is one core or none is known', () => {
    expect([poolSize(1), poolSize(2), poolSize(16), poolSize(undefined), poolSize(0)]).toEqual([1, 2, 4, 1, 1]);
  });
});

describe('sinkhorn/solve on the worker pool', () => {
  for (const size of [2, 3]) {
    it(`${size} row blocks: the iterations, histories, plan and cost of the single-threaded WASM job (built-in points)`, async () => {
      const log: string[] = [];
      const lent = pool(size, log);
      const pooled = await solve.cpu(standaloneContext({ wasm: module, pool: lent }), params, null);
      const single = await solve.cpu(standaloneContext({ wasm: module }), params, null);
      expectSameSolve(pooled, single);
      expect(lent.busy).toBe(false);
      // every helper built its block once and took one pass per iteration (plus the first)
      expect(log.filter((t) => t === 'setup')).toHaveLength(size - 1);
      expect(log.filter((t) => t === 'pass')).toHaveLength((size - 1) * (pooled.iterations + 1));
    });
  }

  it('a loaded cost matrix (its row blocks sent as they are) and loaded points give the single-threaded results', async () => {
    const random = mulberry32(5);
    const n = 40;
    const m = 33;
    const x = Float64Array.from({ length: 2 * n }, () => random());
    const y = Float64Array.from({ length: 2 * m }, () => random());
    const cost = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cost[i * m + j] = Math.abs(x[2 * i] - y[2 * j]) + Math.abs(x[2 * i + 1] - y[2 * j + 1]);
    const a = new Float64Array(n).fill(1 / n);
    const b = new Float64Array(m).fill(1 / m);
    const p: SinkhornParams = { ...params, epsilon: 0.1, cost: 'l1' };
    for (const data of [{ a, b, cost }, { a, b, x, y, dim: 2 }] as SinkhornData[]) {
      const pooled = await solve.cpu(standaloneContext({ wasm: module, pool: pool(3) }), p, data);
      const single = await solve.cpu(standaloneContext({ wasm: module }), p, data);
      expectSameSolve(pooled, single);
    }
  });

  it('a job that finds the pool held runs single-threaded at once; a small operator is not lent the pool', async () => {
    const lent = pool(2);
    const lease = lent.acquire(1)!;
    expect(lent.acquire(1)).toBeNull();
    const log: string[] = [];
    const held = new WorkerPool({ size: 2, spawn: inProcess(module, log), minEntries: 0 });
    held.acquire(1);
    const single = await solve.cpu(standaloneContext({ wasm: module, pool: held }), params, null);
    expect(single.converged).toBe(true);
    expect(log).toEqual([]);
    lease.release();
    expect(lent.acquire(1)).not.toBeNull();
    const big = new WorkerPool({ size: 2, spawn: inProcess(module), minEntries: 100 * 100 });
    expect(big.acquire(81 * 81)).toBeNull();
    expect(new WorkerPool({ size: 1, spawn: inProcess(module), minEntries: 0 }).acquire(1e9)).toBeNull();
  });

  it('a cancelled job stops at its checkpoint and gives the pool back', async () => {
    const lent = pool(2);
    await expect(solve.cpu(standaloneContext({ wasm: module, pool: lent, cancelAfter: 3 }), params, null)).rejects.toBeInstanceOf(JobCancelled);
    expect(lent.busy).toBe(false);
    const after = await solve.cpu(standaloneContext({ wasm: module, pool: lent }), params, null);
    expect(after.converged).toBe(true);
  });

  it('a helper that fails makes the solve rerun single-threaded and the pool stop lending', async () => {
    let requests = 0;
    const failing = new WorkerPool({
      size: 2,
      minEntries: 0,
      spawn: () => ({ request: () => (requests++, Promise.reject(new Error('pool worker failed: out of memory'))), terminate: () => {} }),
    });
    const rerun = await solve.cpu(standaloneContext({ wasm: module, pool: failing }), params, null);
    const single = await solve.cpu(standaloneContext({ wasm: module }), params, null);
    expect(requests).toBeGreaterThan(0);
    expect(rerun.iterations).toBe(single.iterations);
    expectClose(rerun.plan, single.plan, F64_EXACT, 'plan');
    expect(failing.acquire(1)).toBeNull();
  });
});

describe('the engine and its pool', () => {
  it('two cells at once: one gets the pool, the other runs single-threaded; both say which path ran', async () => {
    const registry = new Map<string, AnyJob>([[solve.name, solve]]);
    const statuses: string[] = [];
    const e = new Engine(registry, async () => module, pool(2));
    await e.init('cpu', (s) => statuses.push(statusText(s)));
    const p = { ...params, tolerance: 1e-6 };
    const [first, second] = await Promise.all([e.run<SinkhornSolveResult>('one', solve.name, p, null), e.run<SinkhornSolveResult>('two', solve.name, p, null)]);
    expect([first.cpuPath, second.cpuPath].sort()).toEqual(['WASM SIMD', 'WASM SIMD ×2 workers']);
    expectClose(first.result.plan, second.result.plan, F64_EXACT, 'plans of the two paths');
    const alone = await e.run<SinkhornSolveResult>('one', solve.name, p, null);
    expect(alone.cpuPath).toBe('WASM SIMD ×2 workers');
    expect(statusText(e.getStatus())).toBe('Compute: CPU (WASM SIMD ×2 workers, forced)');
    expect(statuses).toContain('Compute: CPU (WASM SIMD ×2 workers, forced)');
    const js = await e.run<SinkhornSolveResult>('one', solve.name, { ...p, method: 'sns' }, null);
    expect(js.cpuPath).toBe('JavaScript');
  });

  it('without the WASM kernels the run says JavaScript: no WebAssembly SIMD', async () => {
    const e = new Engine(new Map<string, AnyJob>([[solve.name, solve]]), async () => null, pool(2));
    await e.init('cpu');
    const run = await e.run<SinkhornSolveResult>('one', solve.name, { ...params, tolerance: 1e-6 }, null);
    expect(run.cpuPath).toBe('JavaScript: no WebAssembly SIMD');
  });
});
