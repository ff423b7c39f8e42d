/**
 * The log-domain kernels (row and column log-sum-exp of (s − C)/ε, the plan from potentials,
 * the fused row pass of the cached-kernel form) and both log-domain Sinkhorn solvers on them (the cached-kernel one the
 * job uses, and the exact-LSE one) against the f64 JS references in src/geometry
 * (reduce(…, 'logsumexp'), planFromPotentials, multiplyRowsWeighted, multiplyColumns, createSinkhornLog), within F64_EXACT.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { reduce } from '../../geometry/linalg/reductions';
import { costMatrix, normalizeByMax } from '../../geometry/ot/costs';
import { makeDataset } from '../../geometry/ot/datasets';
import { marginalError, planFromPotentials } from '../../geometry/ot/metrics';
import { multiplyColumns, multiplyRowsWeighted } from '../../geometry/ot/products';
import { makeProblem } from '../../geometry/ot/problem';
import { createSinkhornLog } from '../../geometry/ot/sinkhornLog';
import { runToConvergence } from '../../geometry/ot/solver';
import { mulberry32 } from '../../geometry/random';
import { F64_EXACT, expectClose } from '../../geometry/tolerance';
import { loadKernelsNode } from './loadNode';
import { createSinkhornLogWasm } from './sinkhornLog';
import { createSinkhornLogExactWasm } from './sinkhornLogExact';
import type { WasmKernelModule } from './wasm';

let module: WasmKernelModule;
beforeAll(async () => {
  const loaded = await loadKernelsNode();
  if (!loaded) throw new Error('Node lacks WebAssembly SIMD');
  module = loaded;
});

const SHAPES = [
  [1, 1],
  [2, 3],
  [3, 5],
  [4, 4],
  [9, 7],
  [17, 13],
  [64, 33],
];

function randomArray(length: number, seed: number, lo: number, hi: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length }, () => lo + (hi - lo) * r());
}

/** T_ij = (s_i − A_ij)·κ (rows = false: s_j), the matrix whose LSE the kernels take, formed in JS. */
function shifted(a: Float64Array, s: Float64Array, m: number, scale: number, alongRows: boolean): Float64Array {
  return a.map((v, k) => (s[alongRows ? Math.floor(k / m) : k % m] - v) * scale);
}

describe('columnLogSumExpShifted against reduce(…, "logsumexp", "cols")', () => {
  for (const [n, m] of SHAPES) {
    it(`${n}×${m}, κ = 1/0.02, (s − C)/ε spanning about [−50, 10]`, () => {
      const w = module.instantiate();
      const c = randomArray(n * m, 3 * n + m, 0, 1);
      const s = randomArray(n, n + 11, -0.2, 0.2);
      const scale = 1 / 0.02;
      const pc = w.put(c);
      const ps = w.put(s);
      const out = w.allocF64(m);
      const work = w.allocF64(m);
      w.exports.columnLogSumExpShifted(pc, ps, out, work, n, m, scale);
      expectClose(w.f64(out, m), reduce(shifted(c, s, m, scale, true), n, m, 'logsumexp', 'cols'), F64_EXACT, 'column LSE');
    });
  }

  it('rows in increasing order (the running max moves at every row), a row of −∞ (zero mass), terms below e^−707', () => {
    const n = 41;
    const m = 9;
    const w = module.instantiate();
    // row i is larger than row i − 1 everywhere: every pair of rows rescales the running sums
    const c = Float64Array.from({ length: n * m }, (_, k) => 1 - Math.floor(k / m) / n + 0.01 * (k % m));
    const s = new Float64Array(n);
    s[5] = -Infinity;
    const scale = 1 / 0.001; // C/ε spans ~1000: most terms lie far below e^−707 of the column's max
    const ps = w.put(s);
    const pc = w.put(c);
    const out = w.allocF64(m);
    const work = w.allocF64(m);
    w.exports.columnLogSumExpShifted(pc, ps, out, work, n, m, scale);
    expectClose(w.f64(out, m), reduce(shifted(c, s, m, scale, true), n, m, 'logsumexp', 'cols'), F64_EXACT, 'column LSE');
    // the plain column LSE of A: s = 0, κ = −1
    const a = randomArray(n * m, 5, -50, 50);
    const pa = w.put(a);
    const zero = w.put(new Float64Array(n));
    const out2 = w.allocF64(m);
    const work2 = w.allocF64(m);
    w.exports.columnLogSumExpShifted(pa, zero, out2, work2, n, m, -1);
    expectClose(w.f64(out2, m), reduce(a, n, m, 'logsumexp', 'cols'), F64_EXACT, 'LSE of A');
  });
});

describe('rowLogSumExpShifted against reduce(…, "logsumexp", "rows")', () => {
  for (const [n, m] of SHAPES) {
    it(`${n}×${m}: the LSE and the weighted mean Σ C e / Σ e`, () => {
      const w = module.instantiate();
      const c = randomArray(n * m, 7 * n + m, 0, 1);
      const s = randomArray(m, m + 2, -0.2, 0.2);
      const scale = 1 / 0.02;
      const t = shifted(c, s, m, scale, false);
      const lse = reduce(t, n, m, 'logsumexp', 'rows');
      const mean = Float64Array.from({ length: n }, (_, i) => {
        let num = 0;
        let den = 0;
        for (let j = 0; j < m; j++) {
          const e = Math.exp(t[i * m + j] - lse[i]);
          num += c[i * m + j] * e;
          den += e;
        }
        return num / den;
      });
      const pc = w.put(c);
      const ps = w.put(s);
      const out = w.allocF64(n);
      const weighted = w.allocF64(n);
      const plain = w.allocF64(n);
      w.exports.rowLogSumExpShifted(pc, ps, out, weighted, n, m, scale);
      w.exports.rowLogSumExpShifted(pc, ps, plain, 0, n, m, scale);
      expectClose(w.f64(out, n), lse, F64_EXACT, 'row LSE');
      expectClose(w.f64(plain, n), lse, F64_EXACT, 'row LSE without the weighted sums');
      expectClose(w.f64(weighted, n), mean, F64_EXACT, 'weighted');
    });
  }
});

describe('logDomainPlan against planFromPotentials', () => {
  it('17×13, entries from 1 down past e^−707 (0 there, subnormal or 0 in the reference)', () => {
    const [n, m] = [17, 13];
    const w = module.instantiate();
    const c = randomArray(n * m, 21, 0, 1);
    const f = randomArray(n, 22, -0.1, 0.1);
    const g = randomArray(m, 23, -0.1, 0.1);
    f[3] = -Infinity;
    const epsilon = 0.0015;
    const out = w.allocF64(n * m);
    w.exports.logDomainPlan(w.put(c), w.put(f), w.put(g), out, n, m, 1 / epsilon);
    const problem = makeProblem(new Float64Array(n).fill(1 / n), new Float64Array(m).fill(1 / m), c);
    expectClose(w.f64(out, n * m), planFromPotentials(f, g, problem, epsilon), F64_EXACT, 'plan');
  });
});

describe('logSinkhornRowPass against multiplyRowsWeighted, multiplyColumns and the reference formulas', () => {
  for (const [n, m] of SHAPES) {
    it(`${n}×${m}, row 0 of K̃ zero (its sum underflows: the exact LSE over C)`, () => {
      const w = module.instantiate();
      const epsilon = 0.05;
      const k = randomArray(n * m, n + 3 * m, 0, 1).fill(0, 0, m);
      const c = randomArray(n * m, n + 4 * m, 0, 1);
      const v = randomArray(m, m, 0, 2);
      const g = randomArray(m, m + 1, -0.1, 0.1);
      const fRef = randomArray(n, n + 2, -0.1, 0.1);
      const logA = randomArray(n, n + 3, -5, -1);
      const ptrs = [k, c, v, g, fRef, logA].map((x) => w.put(x));
      const [fNext, u, rowSum, rowWeighted, exactRow, exactRowWeighted] = [n, n, n, n, n, n].map((len) => w.allocF64(len));
      const colSum = w.allocF64(m);
      w.exports.logSinkhornRowPass(...(ptrs as [number, number, number, number, number, number]), fNext, u, rowSum, rowWeighted, exactRow, exactRowWeighted, colSum, n, m, epsilon);
      const refSum = new Float64Array(n);
      const refWeighted = new Float64Array(n);
      multiplyRowsWeighted(k, c, v, n, m, refSum, refWeighted);
      expectClose(w.f64(rowSum, n), refSum, F64_EXACT, 'K̃ v');
      expectClose(w.f64(rowWeighted, n), refWeighted, F64_EXACT, '(C∘K̃) v');
      const exact = reduce(shifted(c, g, m, 1 / epsilon, false), n, m, 'logsumexp', 'rows');
      const lse = Float64Array.from(refSum, (sum, i) => (i === 0 ? exact[0] : Math.log(sum) - fRef[i] / epsilon));
      const refNext = Float64Array.from(lse, (l, i) => epsilon * (logA[i] - l));
      expectClose(w.f64(fNext, n), refNext, F64_EXACT, 'fNext');
      expectClose(w.f64(exactRow, 1), exact.subarray(0, 1), F64_EXACT, 'exact LSE of row 0');
      const refU = Float64Array.from(refNext, (f, i) => Math.exp((f - fRef[i]) / epsilon));
      expectClose(w.f64(u, n), refU, F64_EXACT, 'u');
      const refCol = new Float64Array(m);
      multiplyColumns(k, refU, n, m, refCol);
      expectClose(w.f64(colSum, m), refCol, F64_EXACT, 'K̃ᵀu');
    });
  }
});

function problemOf(n: number, seed: number, dataset: 'gaussians' | 'moons' = 'gaussians') {
  const d = makeDataset(dataset, n, mulberry32(seed));
  const cost = costMatrix(d.x, d.y, d.n, d.m, d.dim, 'sqeuclidean');
  normalizeByMax(cost);
  return makeProblem(d.a, d.b, cost);
}

const SOLVERS = [
  ['cached kernel (the job’s)', createSinkhornLogWasm],
  ['exact LSE', createSinkhornLogExactWasm],
] as const;

describe.each(SOLVERS)('log-domain Sinkhorn on the kernels, %s, against createSinkhornLog', (_name, createSinkhornLogWasm) => {
  it('one update: the same f, g and record after the first step', () => {
    const problem = problemOf(37, 1);
    const ref = createSinkhornLog(problem, 0.03);
    const fast = createSinkhornLogWasm(module.instantiate(), problem, 0.03);
    const r = ref.step();
    const q = fast.step();
    expectClose(fast.potentials().f, ref.potentials().f, F64_EXACT, 'f');
    expectClose(fast.potentials().g, ref.potentials().g, F64_EXACT, 'g');
    expectClose([q.marginalError, q.cost, q.dual], [r.marginalError, r.cost, r.dual], F64_EXACT, 'record');
  });

  for (const [n, epsilon, dataset] of [
    [7, 0.1, 'gaussians'],
    [40, 0.05, 'moons'],
    [101, 0.01, 'gaussians'],
    [64, 0.002, 'moons'],
  ] as const) {
    it(`n = ${n}, ε = ${epsilon}, ${dataset}, to 1e-9: the same iterations, records, plan and potentials`, () => {
      const problem = problemOf(n, n, dataset);
      const ref = runToConvergence(createSinkhornLog(problem, epsilon), { tolerance: 1e-9, maxIterations: 20_000 });
      const fast = runToConvergence(createSinkhornLogWasm(module.instantiate(), problem, epsilon), { tolerance: 1e-9, maxIterations: 20_000 });
      expect(ref.converged).toBe(true);
      expect(fast.iterations).toBe(ref.iterations);
      expectClose(fast.history.map((r) => r.marginalError), ref.history.map((r) => r.marginalError), F64_EXACT, 'errors');
      expectClose(fast.history.map((r) => r.cost), ref.history.map((r) => r.cost), F64_EXACT, 'costs');
      expectClose(fast.plan, ref.plan, F64_EXACT, 'plan');
      expectClose(fast.f, ref.f, F64_EXACT, 'f');
      expectClose(fast.g, ref.g, F64_EXACT, 'g');
    });
  }

  it('uniform points, ε = 0.001: over 5% of the terms of the row log-sum-exps are flushed (argument < −707), the iterates are unchanged', () => {
    // 50 uniform points per side in [0, 1]², squared Euclidean cost: C/ε spans [0, ~2000]
    // (the solve converges slowly here: 2000 iterations take the error to ~1e-4)
    const r = mulberry32(8);
    const points = () => Float64Array.from({ length: 100 }, () => r());
    const uniform = new Float64Array(50).fill(1 / 50);
    const problem = makeProblem(uniform, uniform, costMatrix(points(), points(), 50, 50, 2, 'sqeuclidean'));
    const epsilon = 0.001;
    const ref = createSinkhornLog(problem, epsilon);
    const fast = createSinkhornLogWasm(module.instantiate(), problem, epsilon);
    const errors: [number[], number[]] = [[], []];
    for (let t = 0; t < 2000; t++) {
      errors[0].push(ref.step().marginalError);
      errors[1].push(fast.step().marginalError);
    }
    expectClose(errors[1], errors[0], F64_EXACT, 'errors');
    const { f, g } = ref.potentials();
    expectClose(fast.potentials().f, f, F64_EXACT, 'f');
    expectClose(fast.potentials().g, g, F64_EXACT, 'g');
    expectClose(fast.plan(), ref.plan(), F64_EXACT, 'plan');
    // a term of the row LSE is flushed when (g_j − C_ij)/ε − max_j (g_j − C_ij)/ε < −707
    const { n, m, cost } = problem;
    let flushed = 0;
    for (let i = 0; i < n; i++) {
      let top = -Infinity;
      for (let j = 0; j < m; j++) top = Math.max(top, (g[j] - cost[i * m + j]) / epsilon);
      for (let j = 0; j < m; j++) if ((g[j] - cost[i * m + j]) / epsilon - top < -707) flushed++;
    }
    expect(flushed).toBeGreaterThan(n * m * 0.05);
  });

  it('a warm start (g of another ε) gives the iterates of the reference from the same start', () => {
    const problem = problemOf(30, 4);
    const start = runToConvergence(createSinkhornLog(problem, 0.05), { tolerance: 1e-6 });
    const ref = createSinkhornLog(problem, 0.02, { initial: start });
    const fast = createSinkhornLogWasm(module.instantiate(), problem, 0.02, start);
    for (let t = 0; t < 20; t++) expectClose(fast.step().marginalError, ref.step().marginalError, F64_EXACT, `error at ${t + 1}`);
    expectClose(fast.potentials().g, ref.potentials().g, F64_EXACT, 'g');
    expect(() => createSinkhornLogWasm(module.instantiate(), problem, 0.02, { f: start.f, g: new Float64Array(3) })).toThrow(/warm start has 3 target potentials but the problem has m = 30/);
  });

  it('a far-off start (g_0 = 10, the rest 0, ε = 0.01): column sums of K̃ underflow, the exact fallbacks give the reference iterates', () => {
    const problem = problemOf(30, 12);
    const g = new Float64Array(30);
    g[0] = 10;
    const start = { f: new Float64Array(30), g };
    const ref = createSinkhornLog(problem, 0.01, { initial: start });
    const fast = createSinkhornLogWasm(module.instantiate(), problem, 0.01, start);
    for (let t = 0; t < 60; t++) expectClose(fast.step().marginalError, ref.step().marginalError, F64_EXACT, `error at ${t + 1}`);
    expectClose(fast.potentials().f, ref.potentials().f, F64_EXACT, 'f');
    expectClose(fast.potentials().g, ref.potentials().g, F64_EXACT, 'g');
  });

  it('zero masses (f_i = −∞ rows), finalPlan() in place over C: the reference plan, and the error it reports is the plan’s', () => {
    const base = problemOf(24, 6);
    const a = base.a.slice();
    a[0] += a[3];
    a[3] = 0;
    const problem = makeProblem(a, base.b, base.cost);
    const ref = createSinkhornLog(problem, 0.05);
    const fast = createSinkhornLogWasm(module.instantiate(), problem, 0.05);
    let last = NaN;
    for (let t = 0; t < 25; t++) {
      ref.step();
      last = fast.step().marginalError;
    }
    const plan = fast.finalPlan();
    expectClose(plan, ref.plan(), F64_EXACT, 'plan');
    expect(plan.subarray(3 * 24, 4 * 24).every((p) => p === 0)).toBe(true);
    // the error is the row term of the plan (its column term is 0 after the column update)
    expectClose(last, marginalError(plan, problem), F64_EXACT, 'error');
  });
});

describe('the cached-kernel solver absorbs when the reference does', () => {
  it('ε = 0.002, moons, n = 64: the same number of absorptions after 300 iterations (more than one)', () => {
    const problem = problemOf(64, 64, 'moons');
    const ref = createSinkhornLog(problem, 0.002);
    const fast = createSinkhornLogWasm(module.instantiate(), problem, 0.002);
    for (let t = 0; t < 300; t++) {
      ref.step();
      fast.step();
    }
    expect(ref.absorptions).toBeGreaterThan(1);
    expect(fast.absorptions).toBe(ref.absorptions);
  });
});
