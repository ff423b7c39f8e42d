/**
 * Scaling Sinkhorn (Cuturi 2013) on the WebAssembly SIMD kernels: the same iterates,
 * records and plan as `createSinkhorn` (src/geometry/ot/sinkhorn.ts, the f64 reference),
 * with one pass over K per iteration instead of two (`sinkhornScalingPass`: K v, the u
 * update and that row's share of Kᵀu while the row is in cache).
 *
 * Deviations from the reference, on purpose:
 * - K = exp(−C/ε) is built in wasm memory by the vector exp and entries below 1e-300 are
 *   flushed to 0 (the reference flushes below 2.2e-308); tests check the plan is unchanged.
 * - The fused pass measures the row error of the iterate it starts from, so the solver
 *   runs one pass ahead: after `step()` number t it holds iterate t (reported) and t + 1.
 *   The plan and potentials are those of iterate t, as in the reference.
 * - ⟨C, P⟩ is not tracked per iteration (record.cost is NaN; the job computes it for the
 *   final plan): tracking it reads C as well as K every iteration.
 */
import { checkEpsilon, type OtProblem } from '../../geometry/ot/problem';
import type { IterationRecord, OtSolver, WarmStart } from '../../geometry/ot/solver';
import { scalingStart, scalingUnderflowMessage } from '../../geometry/ot/sinkhorn';
import type { WasmKernels } from './wasm';

/** The solver, plus `finalPlan()`: the plan formed over K in place (no second n×m buffer), copied out once; the solver is spent after it. */
export interface SinkhornWasmSolver extends OtSolver {
  finalPlan(): Float64Array;
}

/** `initial`: a warm start, v = exp((g − max g)/ε) as in the reference (`scalingStart`). */
export function createSinkhornWasm(kernels: WasmKernels, problem: OtProblem, epsilon: number, initial?: WarmStart): SinkhornWasmSolver {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const k = kernels.put(cost);
  const pa = kernels.put(a);
  const pb = kernels.put(b);
  let uCur = kernels.allocF64(n);
  let vCur = kernels.allocF64(m);
  let uNext = kernels.allocF64(n);
  let vNext = kernels.allocF64(m);
  const ktu = kernels.allocF64(m);
  const x = kernels.exports;
  x.gibbsKernel(k, k, n * m, epsilon);
  kernels.f64(uCur, n).fill(0);
  if (initial) kernels.f64(vCur, m).set(scalingStart(initial.g, epsilon, m));
  else kernels.f64(vCur, m).fill(1);
  // pass 1: iterate 1 into (uNext, vNext); its error (of the undefined iterate 0) is dropped
  x.sinkhornScalingPass(k, pa, pb, uCur, vCur, uNext, vNext, ktu, n, m);
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let failure: string | null = null;
  let planPtr = 0;

  const step = (): IterationRecord => {
    [uCur, uNext] = [uNext, uCur];
    [vCur, vNext] = [vNext, vCur];
    const err = x.sinkhornScalingPass(k, pa, pb, uCur, vCur, uNext, vNext, ktu, n, m);
    iterations++;
    const { record, healthy } = scalingRecord(iterations, err, kernels.f64(uCur, n), kernels.f64(vCur, m), a, b, epsilon, massB);
    if (!healthy) failure = scalingUnderflowMessage(epsilon);
    return record;
  };

  return {
    method: 'sinkhorn',
    problem,
    epsilon,
    get iterations() {
      return iterations;
    },
    get failure() {
      return failure;
    },
    step,
    potentials: () => scalingPotentials(kernels.f64(uCur, n), kernels.f64(vCur, m), epsilon),
    plan(out = new Float64Array(n * m)) {
      // P = diag(u) K diag(v) in wasm memory (allocated on first use), then one copy out
      if (planPtr === 0) planPtr = kernels.allocF64(n * m);
      x.scalingPlan(k, uCur, vCur, planPtr, n, m);
      out.set(kernels.f64(planPtr, n * m));
      return out;
    },
    finalPlan() {
      x.scalingPlan(k, uCur, vCur, k, n, m);
      failure ??= 'the solver is spent: finalPlan() overwrote K';
      return kernels.f64(k, n * m).slice();
    },
  };
}

/**
 * One iteration's record from the scalings u, v after the pass that returned the row error
 * `err`: the dual ⟨a, ε log u⟩ + ⟨b, ε log v⟩ − ε Σb (zero-mass entries skipped), and whether
 * every scaling and the error are finite (else the caller reports underflow). Shared by the
 * single-threaded solver and the pooled one (src/workers/sinkhornScalingPool.ts), so their
 * records agree in summation order.
 */
export function scalingRecord(
  iteration: number,
  err: number,
  u: Float64Array,
  v: Float64Array,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  epsilon: number,
  massB: number,
): { record: IterationRecord; healthy: boolean } {
  let linear = 0;
  let healthy = Number.isFinite(err);
  for (let i = 0; i < u.length; i++) {
    if (!Number.isFinite(u[i])) healthy = false;
    if (a[i] > 0) linear += a[i] * epsilon * Math.log(u[i]);
  }
  for (let j = 0; j < v.length; j++) {
    if (!Number.isFinite(v[j])) healthy = false;
    if (b[j] > 0) linear += b[j] * epsilon * Math.log(v[j]);
  }
  return { record: { iteration, marginalError: err, cost: NaN, dual: linear - epsilon * massB, kind: 'sinkhorn' }, healthy };
}

/** The potentials f = ε log u, g = ε log v of scalings u, v. */
export function scalingPotentials(u: Float64Array, v: Float64Array, epsilon: number): { f: Float64Array; g: Float64Array } {
  const f = new Float64Array(u.length);
  const g = new Float64Array(v.length);
  for (let i = 0; i < u.length; i++) f[i] = epsilon * Math.log(u[i]);
  for (let j = 0; j < v.length; j++) g[j] = epsilon * Math.log(v[j]);
  return { f, g };
}
