/**
 * The WebAssembly SIMD kernels against their f64 JS references in src/geometry, at sizes
 * that exercise every remainder loop, within the tolerance module's f64 constants.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { matVec } from '../../geometry/linalg/dense';
import { reduce } from '../../geometry/linalg/reductions';
import { multiplyColumns } from '../../geometry/ot/products';
import { makeProblem } from '../../geometry/ot/problem';
import { createSinkhorn } from '../../geometry/ot/sinkhorn';
import { costMatrix, normalizeByMax } from '../../geometry/ot/costs';
import { makeDataset } from '../../geometry/ot/datasets';
import { marginalError } from '../../geometry/ot/metrics';
import { mulberry32 } from '../../geometry/random';
import { F64_EXACT, F64_ITERATIVE, expectClose } from '../../geometry/tolerance';
import { loadKernelsNode } from './loadNode';
import { createSinkhornWasm } from './sinkhornScaling';
import { wasmSimdSupported, type WasmKernelModule } from './wasm';

let module: WasmKernelModule;
beforeAll(async () => {
  const loaded = await loadKernelsNode();
  if (!loaded) throw new Error('Node lacks WebAssembly SIMD');
  module = loaded;
});

const SHAPES = [
  [1, 1],
  [3, 5],
  [4, 4],
  [6, 3],
  [9, 7],
  [11, 6],
  [17, 13],
  [64, 33],
];

function randomArray(length: number, seed: number, lo = -1, hi = 1): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length }, () => lo + (hi - lo) * r());
}

describe('wasm SIMD feature detection', () => {
  it('Node 20+ has WebAssembly SIMD', () => expect(wasmSimdSupported()).toBe(true));
});

describe('matVec and matVecTransposed against the JS references', () => {
  for (const [n, m] of SHAPES) {
    it(`${n}×${m}`, () => {
      const w = module.instantiate();
      const a = randomArray(n * m, n * 31 + m);
      const x = randomArray(m, 7);
      const u = randomArray(n, 8);
      const pa = w.put(a);
      const px = w.put(x);
      const pu = w.put(u);
      const py = w.allocF64(n);
      const pt = w.allocF64(m);
      w.exports.matVec(pa, px, py, n, m);
      w.exports.matVecTransposed(pa, pu, pt, n, m);
      expectClose(w.f64(py, n), matVec(a, x, n, m), F64_EXACT, 'A x');
      const ref = new Float64Array(m);
      multiplyColumns(a, u, n, m, ref);
      expectClose(w.f64(pt, m), ref, F64_EXACT, 'Aᵀu');
    });
  }
});

describe('vector exp against Math.exp', () => {
  it('relative error ≤ F64_EXACT.relative over [−700, 700], 0 below −707, ∞ above 709.78', () => {
    const w = module.instantiate();
    const count = 20001;
    const x = Float64Array.from({ length: count }, (_, k) => -700 + (1400 * k) / (count - 1));
    const px = w.put(x);
    const po = w.allocF64(count);
    w.exports.expArray(px, po, count);
    expectClose(w.f64(po, count), x.map(Math.exp), { absolute: 0, relative: F64_EXACT.relative }, 'exp');
    const edge = w.put([-800, -Infinity, 710, Infinity, 0, NaN]);
    const pe = w.allocF64(6);
    w.exports.expArray(edge, pe, 6);
    const e = w.f64(pe, 6);
    expect([e[0], e[1], e[2], e[3], e[4]]).toEqual([0, 0, Infinity, Infinity, 1]);
    expect(e[5]).toBeNaN();
  });
});

describe('rowLogSumExp against reduce(…, "logsumexp", "rows")', () => {
  for (const [n, m] of SHAPES) {
    it(`${n}×${m}, entries in [−50, 50)`, () => {
      const w = module.instantiate();
      const a = randomArray(n * m, n + 5 * m, -50, 50);
      const pa = w.put(a);
      const po = w.allocF64(n);
      w.exports.rowLogSumExp(pa, po, n, m);
      expectClose(w.f64(po, n), reduce(a, n, m, 'logsumexp', 'rows'), F64_EXACT, 'LSE');
    });
  }
  it('rows of −∞, with +∞, and −1e4 entries match the reference', () => {
    const w = module.instantiate();
    const a = Float64Array.from([-Infinity, -Infinity, -Infinity, 1, Infinity, 2, -1e4, -1e4 - 1, -1e4 + 3]);
    const pa = w.put(a);
    const po = w.allocF64(3);
    w.exports.rowLogSumExp(pa, po, 3, 3);
    expectClose(w.f64(po, 3), reduce(a, 3, 3, 'logsumexp', 'rows'), F64_EXACT, 'LSE');
  });
});

function problemOf(n: number, seed: number) {
  const d = makeDataset('gaussians', n, mulberry32(seed));
  const cost = costMatrix(d.x, d.y, d.n, d.m, d.dim, 'sqeuclidean');
  normalizeByMax(cost);
  return makeProblem(d.a, d.b, cost);
}

describe('fused scaling Sinkhorn against createSinkhorn', () => {
  for (const [n, epsilon] of [
    [7, 0.1],
    [40, 0.05],
    [101, 0.02],
  ] as const) {
    it(`n = ${n}, ε = ${epsilon}: the same records, plan and potentials`, () => {
      const problem = problemOf(n, n);
      const ref = createSinkhorn(problem, epsilon, { trackCost: false });
      const fast = createSinkhornWasm(module.instantiate(), problem, epsilon);
      for (let t = 0; t < 30; t++) {
        const r = ref.step();
        const f = fast.step();
        expect(f.iteration).toBe(r.iteration);
        expectClose(f.marginalError, r.marginalError, F64_EXACT, `error at ${t + 1}`);
        expectClose(f.dual, r.dual, F64_EXACT, `dual at ${t + 1}`);
      }
      expectClose(fast.plan(), ref.plan(), F64_EXACT, 'plan');
      expectClose(fast.potentials().f, ref.potentials().f, F64_EXACT, 'f');
      expect(fast.failure).toBeNull();
    });
  }

  it('with entries of K in (2.2e-308, 1e-300) flushed to 0, the converged plan is unchanged beyond F64_ITERATIVE', () => {
    const base = problemOf(60, 3);
    // C/ε spans [0, 700]: entries with C/ε > 690.8 lie below 1e-300 (flushed here) yet above
    // the reference's subnormal threshold (kept there)
    const problem = makeProblem(base.a, base.b, base.cost.map((c) => 35 * c));
    const epsilon = 0.05;
    const flushed = problem.cost.filter((c) => Math.exp(-c / epsilon) < 1e-300 && Math.exp(-c / epsilon) > 2.2250738585072014e-308).length;
    expect(flushed).toBeGreaterThan(0);
    const ref = createSinkhorn(problem, epsilon, { trackCost: false });
    const fast = createSinkhornWasm(module.instantiate(), problem, epsilon);
    for (let t = 0; t < 300; t++) {
      ref.step();
      fast.step();
    }
    expect(ref.failure).toBeNull();
    expect(fast.failure).toBeNull();
    expectClose(fast.plan(), ref.plan(), F64_ITERATIVE, 'plan');
  });

  it('reports the error ‖P1 − a‖₁ of the plan it returns', () => {
    const problem = problemOf(33, 9);
    const fast = createSinkhornWasm(module.instantiate(), problem, 0.05);
    let last = NaN;
    for (let t = 0; t < 12; t++) last = fast.step().marginalError;
    expectClose(marginalError(fast.plan(), problem), last, F64_EXACT, 'error');
  });

  it('finalPlan() (formed over K in place) equals the reference plan', () => {
    const problem = problemOf(21, 4);
    const ref = createSinkhorn(problem, 0.05, { trackCost: false });
    const fast = createSinkhornWasm(module.instantiate(), problem, 0.05);
    for (let t = 0; t < 15; t++) {
      ref.step();
      fast.step();
    }
    expectClose(fast.finalPlan(), ref.plan(), F64_EXACT, 'plan');
  });
});
