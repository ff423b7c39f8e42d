/**
 * Warm starts and stages of the Sinkhorn jobs: a solve started from the previous potentials
 * (through ε-scaling when ε shrinks) reaches the cold start's fixed point; the problem stage
 * is reused when only ε, the tolerance or the method changes; the preview's potentials start
 * the full solve; the race's progress reports carry its figure.
 */
import { describe, expect, it } from 'vitest';
import { createSolver, epsilonSchedule, makeDataset, costMatrix, normalizeByMax, makeProblem, runToConvergence, type OtMethod } from '../../../src/geometry/ot';
import { mulberry32 } from '../../../src/geometry/random';
import { F64_EXACT, F64_ITERATIVE, expectClose } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import type { WasmKernelModule } from '../../../src/kernels/wasm/wasm';
import { standaloneContext } from '../../../src/workers/job';
import { StageCache, type StageMemo } from '../../../src/workers/stageCache';
import { solve, type SinkhornParams } from '../../../src/workers/jobs/sinkhorn';
import { problemKey } from '../../../src/workers/jobs/sinkhornProblem';
import { race, type SinkhornRaceProgress } from '../../../src/workers/jobs/sinkhornRace';

const base: SinkhornParams = { n: 50, epsilon: 0.01, cost: 'sqeuclidean', method: 'log', dataset: 'moons', seed: 2, tolerance: 1e-9, maxIterations: 20_000 };

/** (f + t, g − t) with t = mean(g): the potentials modulo the dual's invariance. */
function centred(p: { f: ArrayLike<number>; g: ArrayLike<number> }): Float64Array {
  let t = 0;
  for (let j = 0; j < p.g.length; j++) t += p.g[j];
  t /= p.g.length;
  return Float64Array.from([...Array.from(p.f, (x) => x + t), ...Array.from(p.g, (x) => x - t)]);
}

describe('epsilonSchedule (ε-scaling levels)', () => {
  it('is geometric strictly between the two ε, one level per halving beyond the first, at most four', () => {
    const levels = epsilonSchedule(0.08, 0.01); // 8× smaller: ⌈log₂ 8⌉ − 1 = 2 levels
    expect(levels).toHaveLength(2);
    expectClose([levels[0] / 0.08, levels[1] / levels[0], 0.01 / levels[1]], [0.5, 0.5, 0.5], F64_EXACT, 'ratios');
    expect(epsilonSchedule(1, 1e-4)).toHaveLength(4);
    expect(epsilonSchedule(0.01, 0.006)).toEqual([]);
    expect(epsilonSchedule(0.01, 0.05)).toEqual([]);
  });

  it('rejects a bad ε with a message naming it', () => {
    expect(() => epsilonSchedule(-1, 0.01)).toThrow(/invalid previous epsilon: -1/);
    expect(() => epsilonSchedule(0.1, 0)).toThrow(/invalid epsilon: 0/);
  });
});

describe('solvers started from given potentials (geometry)', () => {
  const d = makeDataset('gaussians', 40, mulberry32(5));
  const cost = costMatrix(d.x, d.y, d.n, d.m, d.dim, 'sqeuclidean');
  normalizeByMax(cost);
  const problem = makeProblem(d.a, d.b, cost);
  for (const method of ['sinkhorn', 'log', 'sns'] as OtMethod[]) {
    it(`${method}: from the fixed point of another ε, the same fixed point as a cold start`, () => {
      const tolerance = 1e-10;
      const cold = runToConvergence(createSolver(problem, 0.02, method), { tolerance });
      for (const other of [0.05, 0.01]) {
        const before = runToConvergence(createSolver(problem, other, 'log'), { tolerance });
        const warm = runToConvergence(createSolver(problem, 0.02, method, { initial: before }), { tolerance });
        expect(warm.converged).toBe(true);
        expectClose(warm.plan, cold.plan, F64_ITERATIVE, `${method} plan from ε = ${other}`);
        expectClose(centred(warm), centred(cold), F64_ITERATIVE, `${method} potentials from ε = ${other}`);
      }
    });
  }

  it('a warm start of the wrong length is refused', () => {
    expect(() => createSolver(problem, 0.02, 'log', { initial: { f: new Float64Array(40), g: new Float64Array(3) } })).toThrow(/warm start has 3 target potentials but the problem has m = 40/);
  });
});

async function solveTwice(first: SinkhornParams, second: SinkhornParams, wasm: WasmKernelModule | null = null) {
  const cache = new StageCache();
  const memo = cache.forCell('test');
  await solve.cpu(standaloneContext({ stages: memo, wasm }), first, null);
  const hitsBefore = cache.hits;
  const warm = await solve.cpu(standaloneContext({ stages: memo, wasm }), second, null);
  const problemHit = cache.hits > hitsBefore;
  const coldMemo: StageMemo = new StageCache().forCell('cold');
  const cold = await solve.cpu(standaloneContext({ stages: coldMemo, wasm }), second, null);
  return { warm, cold, problemHit, warmPotentials: memo.last<{ f: Float64Array; g: Float64Array }>('potentials')!, coldPotentials: coldMemo.last<{ f: Float64Array; g: Float64Array }>('potentials')! };
}

describe('sinkhorn/solve warm starts (job, stage memo)', () => {
  const cases: [OtMethod, number, number][] = [
    ['log', 0.05, 0.01],
    ['log', 0.004, 0.01],
    ['sns', 0.05, 0.01],
    ['sns', 0.004, 0.01],
    ['sinkhorn', 0.05, 0.01],
    ['sinkhorn', 0.004, 0.01],
  ];
  for (const [method, from, to] of cases) {
    it(`${method}, ε ${from} → ${to}: the warm solve reaches the cold solve's fixed point`, async () => {
      const { warm, cold, problemHit, warmPotentials, coldPotentials } = await solveTwice({ ...base, method, epsilon: from }, { ...base, method, epsilon: to });
      expect(problemHit).toBe(true);
      expect(warm.warmStart?.fromEpsilon).toBe(from);
      // ε shrank 5×: ⌈log₂ 5⌉ − 1 = 2 intermediate levels; ε grew: none
      expect(warm.warmStart?.levels.length).toBe(from > to ? 2 : 0);
      expect(cold.warmStart).toBeNull();
      expect(warm.converged && cold.converged).toBe(true);
      expectClose(warm.plan, cold.plan, F64_ITERATIVE, 'plan');
      expectClose(centred(warmPotentials), centred(coldPotentials), F64_ITERATIVE, 'potentials');
      expect(warm.marginalError).toBeLessThanOrEqual(base.tolerance * 1.01);
    });
  }

  it('the scaling solver on the WebAssembly kernels: warm == cold as well, for ε down and up', async () => {
    const wasm = await loadKernelsNode();
    for (const from of [0.05, 0.004]) {
      const { warm, cold, warmPotentials, coldPotentials } = await solveTwice({ ...base, method: 'sinkhorn', epsilon: from }, { ...base, method: 'sinkhorn', epsilon: 0.01 }, wasm);
      expect(warm.warmStart?.fromEpsilon).toBe(from);
      expectClose(warm.plan, cold.plan, F64_ITERATIVE, `plan from ε = ${from}`);
      expectClose(centred(warmPotentials), centred(coldPotentials), F64_ITERATIVE, `potentials from ε = ${from}`);
    }
  });

  it('the log-domain solver on the WebAssembly kernels: warm == cold as well, for ε down and up', async () => {
    const wasm = await loadKernelsNode();
    for (const from of [0.05, 0.004]) {
      const { warm, cold, warmPotentials, coldPotentials } = await solveTwice({ ...base, method: 'log', epsilon: from }, { ...base, method: 'log', epsilon: 0.01 }, wasm);
      expect(warm.warmStart?.fromEpsilon).toBe(from);
      expect(warm.converged && cold.converged).toBe(true);
      expectClose(warm.plan, cold.plan, F64_ITERATIVE, `plan from ε = ${from}`);
      expectClose(centred(warmPotentials), centred(coldPotentials), F64_ITERATIVE, `potentials from ε = ${from}`);
    }
  });

  it('a change of method or of the problem starts cold; the problem stage is keyed by what builds it', async () => {
    const memo = new StageCache().forCell('test');
    await solve.cpu(standaloneContext({ stages: memo }), base, null);
    const sns = await solve.cpu(standaloneContext({ stages: memo }), { ...base, method: 'sns' }, null);
    expect(sns.warmStart).toBeNull();
    const solverOnly: SinkhornParams = { ...base, epsilon: 0.3, tolerance: 1e-4, maxIterations: 7, method: 'sinkhorn' };
    expect(memo.has('problem', problemKey(solverOnly, null))).toBe(true);
    expect(memo.has('problem', problemKey({ ...base, seed: 3 }, null))).toBe(false);
    const moved = await solve.cpu(standaloneContext({ stages: memo }), { ...base, method: 'sns', seed: 3 }, null);
    expect(moved.warmStart).toBeNull();
    // loaded data: a different number is a different problem
    const data = { a: [0.5, 0.5], b: [0.5, 0.5], cost: [0, 1, 1, 0] };
    expect(problemKey(base, data)).toBe(problemKey({ ...base, epsilon: 0.2 }, { ...data, cost: Float64Array.from(data.cost) }));
    expect(problemKey(base, data)).not.toBe(problemKey(base, { ...data, cost: [0, 1, 1, 0.5] }));
  });

  it('the cached problem is not changed by a solve, and the result does not share its buffers', async () => {
    const memo = new StageCache().forCell('test');
    const r = await solve.cpu(standaloneContext({ stages: memo }), base, null);
    const prepared = memo.last<{ problem: { a: Float64Array }; x: Float64Array }>('problem')!;
    expect(r.a.buffer).not.toBe(prepared.problem.a.buffer);
    expect(r.x.buffer).not.toBe(prepared.x.buffer);
  });

  it('the preview is a loose, short solve; the full solve then starts from its potentials and ends at the cold fixed point', async () => {
    const preview = solve.preview!(base)!;
    expect(preview.tolerance).toBeGreaterThan(base.tolerance);
    expect(preview.maxIterations).toBeLessThan(base.maxIterations);
    expect(solve.preview!(preview)).toBeNull();
    const memo = new StageCache().forCell('test');
    await solve.cpu(standaloneContext({ stages: memo, preview: true }), preview, null);
    const full = await solve.cpu(standaloneContext({ stages: memo }), base, null);
    const cold = await solve.cpu(standaloneContext(), base, null);
    expect(full.warmStart).toEqual({ fromEpsilon: base.epsilon, levels: [], levelIterations: 0 });
    expect(full.iterations).toBeLessThan(cold.iterations);
    expectClose(full.plan, cold.plan, F64_ITERATIVE, 'plan');
  });
});

describe('sinkhorn/race streams its figure', () => {
  it('every progress report carries the three histories so far, each a prefix of the final one', async () => {
    const reports: SinkhornRaceProgress[] = [];
    const params = { ...base, n: 40, epsilon: 0.005 };
    const result = await race.cpu(standaloneContext<SinkhornRaceProgress>({ onProgress: (r) => reports.push(r) }), params, null);
    // Reports are throttled by time (about 16 a second), so how many come depends on the machine;
    // the first always follows the first step, and every one is a prefix of the final histories.
    expect(reports.length).toBeGreaterThanOrEqual(1);
    for (const report of reports) {
      expect(report.entries.map((e) => e.method)).toEqual(['sinkhorn', 'log', 'sns']);
      report.entries.forEach((e, k) => {
        expect(e.history.marginalError.length).toBe(e.iterations);
        const final = result.entries[k].history.marginalError;
        expect(Array.from(e.history.marginalError)).toEqual(Array.from(final.subarray(0, e.iterations)));
      });
    }
    expect(reports[0].entries.reduce((s, e) => s + e.iterations, 0)).toBe(1);
  });
});
