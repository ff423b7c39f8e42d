/**
 * Browser cases for the log-domain Sinkhorn kernels: the f32 GPU run against the f64
 * CPU reference (createSinkhornLog, same iteration count), and both against independent
 * expectations: POT's sinkhorn_log plans (tests/fixtures/sinkhorn/pot_plans.json) and the
 * monotone coupling of 1-D OT at ε = 1e-4 · max C, where the scaling form would underflow.
 * Sizes stay tiny: CI's WebGPU is SwiftShader on 2 cores.
 */
import fixtures from '../../../tests/fixtures/sinkhorn/pot_plans.json';
import { costMatrix } from '../../geometry/ot/costs';
import { planFromPotentials } from '../../geometry/ot/metrics';
import { makeProblem, maxCost, type OtProblem } from '../../geometry/ot/problem';
import { createSinkhornLog } from '../../geometry/ot/sinkhornLog';
import { mulberry32 } from '../../geometry/random';
import { compareClose, F32_ITERATIVE, F64_PEER, type Tolerance } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import type { KernelContext } from '../context';
import { sinkhornLogGpu } from './sinkhorn';

interface Fixture {
  name: string;
  reg: number;
  a: number[];
  b: number[];
  cost: number[][];
  plan: number[][];
}

function fixture(name: string): { problem: OtProblem; epsilon: number; plan: number[] } {
  const fx = (fixtures.problems as Fixture[]).find((p) => p.name === name);
  if (!fx) throw new Error(`no fixture named ${name}`);
  return { problem: makeProblem(fx.a, fx.b, fx.cost.flat()), epsilon: fx.reg, plan: fx.plan.flat() };
}

/** The CPU reference after `iterations` steps: the plan of its potentials. */
function cpuPlan(problem: OtProblem, epsilon: number, iterations: number): Float64Array {
  const solver = createSinkhornLog(problem, epsilon);
  for (let k = 0; k < iterations; k++) solver.step();
  return solver.plan();
}

async function gpuPlan(ctx: KernelContext, problem: OtProblem, epsilon: number, iterations: number): Promise<Float64Array> {
  const { f, g } = await sinkhornLogGpu(ctx, problem, epsilon, iterations);
  return planFromPotentials(f, g, problem, epsilon);
}

function against(expected: ArrayLike<number>, cpuTolerance: Tolerance, gpuTolerance: Tolerance, label: string) {
  return (out: ArrayLike<number>, backend: 'webgpu' | 'cpu') => {
    const r = compareClose(out, expected, backend === 'cpu' ? cpuTolerance : gpuTolerance, label);
    return r.ok ? null : r.message;
  };
}

function potCase(name: string, iterations: number): KernelCase {
  const { problem, epsilon, plan } = fixture(name);
  return {
    name: `${name}: plan after ${iterations} log-domain iterations matches POT sinkhorn_log`,
    tolerance: F32_ITERATIVE,
    cpu: () => cpuPlan(problem, epsilon, iterations),
    gpu: (ctx) => gpuPlan(ctx, problem, epsilon, iterations),
    check: against(plan, F64_PEER, F32_ITERATIVE, 'POT plan'),
  };
}

// 1-D: 7 sources, 5 targets, sorted; the ε → 0 plan is the north-west corner coupling.
function monotoneCase(): KernelCase {
  const random = mulberry32(11);
  const n = 7;
  const m = 5;
  const x = Array.from({ length: n }, () => random() * 4).sort((p, q) => p - q);
  const y = Array.from({ length: m }, () => 1 + random() * 4).sort((p, q) => p - q);
  const wa = x.map(() => 0.5 + random());
  const wb = y.map(() => 0.5 + random());
  const sa = wa.reduce((s, v) => s + v, 0);
  const sb = wb.reduce((s, v) => s + v, 0);
  const a = wa.map((v) => v / sa);
  const b = wb.map((v) => v / sb);
  const cost = costMatrix(x, y, n, m, 1, 'sqeuclidean');
  const problem = makeProblem(a, b, cost);
  const epsilon = 1e-4 * maxCost(cost);
  const expected = new Float64Array(n * m);
  const ra = a.slice();
  const rb = b.slice();
  for (let i = 0, j = 0; i < n && j < m; ) {
    const t = Math.min(ra[i], rb[j]);
    expected[i * m + j] += t;
    ra[i] -= t;
    rb[j] -= t;
    if (ra[i] <= 1e-15 && i < n - 1) i++;
    else if (rb[j] <= 1e-15) j++;
    else i++;
  }
  const iterations = 3000;
  return {
    name: `1-D, ε = 1e-4 · max C (exp(−C/ε) underflows f32): ${iterations} iterations give the monotone coupling`,
    tolerance: F32_ITERATIVE,
    cpu: () => cpuPlan(problem, epsilon, iterations),
    gpu: (ctx) => gpuPlan(ctx, problem, epsilon, iterations),
    check: against(expected, { absolute: 5e-5, relative: 0 }, F32_ITERATIVE, 'north-west corner plan'),
  };
}

function historyCase(): KernelCase {
  const { problem, epsilon } = fixture('gaussians-12x9-reg0.5');
  const iterations = 30;
  return {
    name: 'marginal error per iteration (error kernel) matches the CPU history and shrinks tenfold in 30 iterations',
    tolerance: F32_ITERATIVE,
    cpu: () => {
      const solver = createSinkhornLog(problem, epsilon);
      return Float64Array.from({ length: iterations }, () => solver.step().marginalError);
    },
    gpu: async (ctx) => (await sinkhornLogGpu(ctx, problem, epsilon, iterations)).history,
    check: (out) => {
      for (let k = 0; k < out.length; k++) if (!(out[k] >= 0 && Number.isFinite(out[k]))) return `error[${k}] = ${out[k]} is not a finite nonnegative number`;
      return out[iterations - 1] < out[0] / 10 ? null : `error went from ${out[0]} to only ${out[iterations - 1]}`;
    },
  };
}

export const suite: KernelSuite = {
  kernel: 'sinkhorn',
  cases: [
    potCase('uniform-20x16-normalized-reg0.01-log', 400),
    potCase('uniform-20x16-normalized-reg0.002-log', 1500),
    potCase('histograms-15-reg0.01-log', 200),
    monotoneCase(),
    historyCase(),
  ],
};
