/**
 * Log-domain Sinkhorn with exact log-sum-exps on the WebAssembly SIMD kernels (not the job's:
 * sinkhorn/solve uses the cached-kernel form of sinkhornLog.ts, several times cheaper per iteration;
 * this one needs no kernel cache and no absorption, and bench/wasm.bench.ts times both): the iteration of `createSinkhornLog`
 * (src/geometry/ot/sinkhornLog.ts, the f64 reference), carried out on C in wasm memory:
 *   f_i = ε log a_i − ε LSE_j((g_j − C_ij)/ε)   (`rowLogSumExpShifted`),
 *   g_j = ε log b_j − ε LSE_i((f_i − C_ij)/ε)   (`columnLogSumExpShifted`, C streamed row by row),
 * with the same records: the error Σ_i |exp(f_i/ε + LSE_i) − a_i| of the plan (f, g) after the
 * column update, ⟨C, P⟩ of that plan (the row pass's weighted sums), and the dual.
 *
 * Deviations from the reference, on purpose:
 * - Every log-sum-exp is exact (n·m vector exps per half-iteration); the reference instead
 *   caches K̃ = exp((f̂ + ĝ − C)/ε) and does two mat-vecs per iteration, absorbing when the
 *   potentials drift. The iterates are the same up to rounding; the costs differ (see
 *   bench/wasm.bench.ts).
 * - exp arguments below −707 give 0 (the vector exp's flush): inside a log-sum-exp they are
 *   < 1e-307 of its largest term; in the plan, entries below ~1e-307 are 0 instead of subnormal.
 */
import { checkEpsilon, type OtProblem } from '../../geometry/ot/problem';
import type { IterationRecord, WarmStart } from '../../geometry/ot/solver';
import { startingG } from '../../geometry/ot/sinkhornLog';
import { dualLinear } from '../../geometry/ot/metrics';
import type { SinkhornWasmSolver } from './sinkhornScaling';
import type { WasmKernels } from './wasm';

/** `initial`: a warm start; its g starts the iteration, as in the reference. */
export function createSinkhornLogExactWasm(kernels: WasmKernels, problem: OtProblem, epsilon: number, initial?: WarmStart): SinkhornWasmSolver {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const inv = 1 / epsilon;
  const g0 = initial ? startingG(initial.g, m) : new Float64Array(m);
  const c = kernels.put(cost);
  const pf = kernels.allocF64(n);
  const pg = kernels.put(g0);
  const rowLse = kernels.allocF64(n);
  const rowCost = kernels.allocF64(n);
  const columnLse = kernels.allocF64(m);
  const work = kernels.allocF64(m);
  const x = kernels.exports;
  const logA = a.map(Math.log);
  const logB = b.map(Math.log);
  const fNext = new Float64Array(n);
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let failure: string | null = null;
  let planPtr = 0;

  /** fNext from the current g; the error and ⟨C, P⟩ of the plan (f, g) when `f` is given. */
  const rowPass = (f: Float64Array | null): { error: number; cost: number } => {
    x.rowLogSumExpShifted(c, pg, rowLse, rowCost, n, m, inv);
    const lse = kernels.f64(rowLse, n);
    const mean = kernels.f64(rowCost, n);
    let error = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      fNext[i] = epsilon * (logA[i] - lse[i]);
      if (!f) continue;
      const row = f[i] === -Infinity ? 0 : Math.exp(f[i] * inv + lse[i]);
      error += Math.abs(row - a[i]);
      total += row * mean[i];
    }
    return { error, cost: total };
  };
  rowPass(null);

  const step = (): IterationRecord => {
    const f = kernels.f64(pf, n);
    f.set(fNext);
    x.columnLogSumExpShifted(c, pf, columnLse, work, n, m, inv);
    const lse = kernels.f64(columnLse, m);
    const g = kernels.f64(pg, m);
    for (let j = 0; j < m; j++) g[j] = epsilon * (logB[j] - lse[j]);
    const { error, cost: planCost } = rowPass(f);
    iterations++;
    return { iteration: iterations, marginalError: error, cost: planCost, dual: dualLinear(a, b, f, g) - epsilon * massB, kind: 'sinkhorn' };
  };

  return {
    method: 'log',
    problem,
    epsilon,
    get iterations() {
      return iterations;
    },
    get failure() {
      return failure;
    },
    step,
    potentials() {
      return { f: kernels.f64(pf, n).slice(), g: kernels.f64(pg, m).slice() };
    },
    plan(out = new Float64Array(n * m)) {
      if (planPtr === 0) planPtr = kernels.allocF64(n * m);
      x.logDomainPlan(c, pf, pg, planPtr, n, m, inv);
      out.set(kernels.f64(planPtr, n * m));
      return out;
    },
    finalPlan() {
      x.logDomainPlan(c, pf, pg, c, n, m, inv);
      failure ??= 'the solver is spent: finalPlan() overwrote C';
      return kernels.f64(c, n * m).slice();
    },
  };
}
