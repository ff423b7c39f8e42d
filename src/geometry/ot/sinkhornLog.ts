/**
 * Log-domain Sinkhorn: the same iteration as the scaling form, carried out on the
 * dual potentials with stable log-sum-exp (Peyré & Cuturi 2019, Remark 4.23):
 *   f_i = ε log a_i − ε LSE_j((g_j − C_ij)/ε),
 *   g_j = ε log b_j − ε LSE_i((f_i − C_ij)/ε),
 * so nothing underflows however small ε is (P_ij = exp((f_i + g_j − C_ij)/ε), see solver.ts).
 *
 * How the log-sum-exps are evaluated (a deviation from the textbook two-pass form that
 * changes the cost, not the result): with reference potentials (f̂, ĝ) and the cached
 * kernel K̃_ij = exp((f̂_i + ĝ_j − C_ij)/ε), the plan at the references,
 *   LSE_j((g_j − C_ij)/ε) = −f̂_i/ε + log Σ_j K̃_ij e^{(g_j − ĝ_j)/ε},
 * and likewise for columns. So an iteration is two matrix–vector products with K̃ plus
 * O(n + m) exp/log, instead of n·m exps. The references are moved to the current
 * potentials ("absorption", Schmitzer 2019, Sec. 3.2; POT's sinkhorn_stabilized) whenever
 * |f − f̂|/ε or |g − ĝ|/ε exceeds 30, so the scalings e^{(g − ĝ)/ε} stay in [e^−30, e^30].
 * A row or column sum outside [1e-280, 1e280] (it would lose digits or overflow) is
 * recomputed from scratch with the exact two-pass LSE, so the result is as accurate as
 * the textbook form at every ε. Entries of K̃ below 1e-308 (subnormal) are stored as 0:
 * they are < 1e-308 of the plan's scale and subnormal arithmetic is ~100× slower.
 *
 * The row pass also yields, for free, the row marginal of the current plan
 * r_i = exp(f_i/ε + LSE_i) (the reported error) and, with `trackCost`, ⟨C, P⟩.
 */
import { checkEpsilon, type OtProblem } from './problem';
import { dualLinear, planFromPotentials } from './metrics';
import { multiplyColumns, multiplyRows, multiplyRowsWeighted } from './products';
import type { IterationRecord, OtSolver, SolverOptions } from './solver';

const SUM_LOW = 1e-280;
const SUM_HIGH = 1e280;
/** Largest |f − f̂|/ε, |g − ĝ|/ε before the references are moved. */
const ABSORB_AT = 30;
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** A copy of a warm start's g, checked for length (a start from another problem is a caller's bug). */
export function startingG(g: ArrayLike<number>, m: number): Float64Array {
  if (g.length !== m) throw new Error(`warm start has ${g.length} target potentials but the problem has m = ${m}`);
  return Float64Array.from(g);
}

export interface LogSinkhornState {
  f: Float64Array;
  g: Float64Array;
}

export function createSinkhornLog(
  problem: OtProblem,
  epsilon: number,
  options: SolverOptions = {},
): OtSolver & { readonly state: LogSinkhornState; refresh(): void; readonly absorptions: number } {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const trackCost = options.trackCost ?? true;
  const inv = 1 / epsilon;
  const logA = a.map(Math.log);
  const logB = b.map(Math.log);
  const f = new Float64Array(n);
  const g = options.initial ? startingG(options.initial.g, m) : new Float64Array(m);
  const fNext = new Float64Array(n);
  const fRef = new Float64Array(n);
  const gRef = new Float64Array(m);
  const kernel = new Float64Array(n * m);
  const u = new Float64Array(n);
  const v = new Float64Array(m);
  const colSum = new Float64Array(m);
  const rowSum = new Float64Array(n);
  const rowWeighted = new Float64Array(n);
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let absorptions = 0;
  let haveKernel = false;
  let lastError = NaN;
  let lastCost = NaN;

  /** Moves the references to the current potentials and rebuilds K̃ (n·m exps). */
  function absorb(): void {
    fRef.set(f);
    gRef.set(g);
    for (let i = 0; i < n; i++) {
      const o = i * m;
      const fi = f[i];
      if (fi === -Infinity) {
        kernel.fill(0, o, o + m);
        continue;
      }
      for (let j = 0; j < m; j++) {
        const e = Math.exp((fi + g[j] - cost[o + j]) * inv);
        kernel[o + j] = e < SMALLEST_NORMAL ? 0 : e;
      }
    }
    haveKernel = true;
    absorptions++;
  }

  function drift(x: Float64Array, ref: Float64Array): number {
    let worst = 0;
    for (let k = 0; k < x.length; k++) {
      const d = Math.abs(x[k] - ref[k]);
      if (d > worst) worst = d; // NaN-free: −∞ − (−∞) rows are skipped below (d is NaN, not > worst)
    }
    return worst * inv;
  }

  /** e^{(x − ref)/ε}, with 0 for −∞ potentials (zero masses). */
  function scalings(x: Float64Array, ref: Float64Array, out: Float64Array): void {
    for (let k = 0; k < x.length; k++) out[k] = x[k] === -Infinity ? 0 : Math.exp((x[k] - ref[k]) * inv);
  }

  /** Exact LSE_j((g_j − C_ij)/ε) of row i (two passes), and Σ_j C_ij e^{(g_j − C_ij)/ε − LSE_i}. */
  function rowExact(i: number): { lse: number; weighted: number } {
    const o = i * m;
    let mx = -Infinity;
    for (let j = 0; j < m; j++) {
      const t = (g[j] - cost[o + j]) * inv;
      if (t > mx) mx = t;
    }
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < m; j++) {
      const e = Math.exp((g[j] - cost[o + j]) * inv - mx);
      sum += e;
      weighted += cost[o + j] * e;
    }
    return { lse: mx + Math.log(sum), weighted: weighted / sum };
  }

  /** Exact LSE_i((f_i − C_ij)/ε) of column j (two strided passes). */
  function columnExact(j: number): number {
    let mx = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = (f[i] - cost[i * m + j]) * inv;
      if (t > mx) mx = t;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp((f[i] - cost[i * m + j]) * inv - mx);
    return mx + Math.log(sum);
  }

  /** fNext from g; the marginal error and cost of the plan (f, g). */
  function rowPass(): void {
    scalings(g, gRef, v);
    if (trackCost) multiplyRowsWeighted(kernel, cost, v, n, m, rowSum, rowWeighted);
    else multiplyRows(kernel, v, n, m, rowSum);
    let err = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const sum = rowSum[i];
      const weighted = trackCost ? rowWeighted[i] : 0;
      let lse: number;
      let meanCost: number;
      // the row mass of the plan (f, g): exp(f_i/ε + LSE_i)
      let row: number;
      if (sum >= SUM_LOW && sum <= SUM_HIGH) {
        lse = Math.log(sum) - fRef[i] * inv;
        meanCost = weighted / sum;
        row = f[i] === -Infinity ? 0 : Math.exp((f[i] - fRef[i]) * inv) * sum;
      } else {
        const r = rowExact(i);
        lse = r.lse;
        meanCost = r.weighted;
        row = f[i] === -Infinity ? 0 : Math.exp(f[i] * inv + lse);
      }
      fNext[i] = epsilon * (logA[i] - lse);
      err += Math.abs(row - a[i]);
      total += row * meanCost;
    }
    lastError = err;
    lastCost = trackCost ? total : NaN;
  }

  /** g from f. */
  function columnPass(): void {
    scalings(f, fRef, u);
    multiplyColumns(kernel, u, n, m, colSum);
    for (let j = 0; j < m; j++) {
      const s = colSum[j];
      const lse = s >= SUM_LOW && s <= SUM_HIGH ? Math.log(s) - gRef[j] * inv : columnExact(j);
      g[j] = epsilon * (logB[j] - lse);
    }
  }

  // First f from g (= 0 or the given start): exact, since no kernel exists yet.
  for (let i = 0; i < n; i++) fNext[i] = epsilon * (logA[i] - rowExact(i).lse);

  const step = (): IterationRecord => {
    f.set(fNext);
    if (!haveKernel || drift(f, fRef) > ABSORB_AT || drift(g, gRef) > ABSORB_AT) absorb();
    columnPass();
    if (drift(g, gRef) > ABSORB_AT) absorb();
    rowPass();
    iterations++;
    return { iteration: iterations, marginalError: lastError, cost: lastCost, dual: dualLinear(a, b, f, g) - epsilon * massB, kind: 'sinkhorn' };
  };

  return {
    method: 'log',
    problem,
    epsilon,
    get iterations() {
      return iterations;
    },
    get absorptions() {
      return absorptions;
    },
    failure: null,
    state: { f, g },
    /** Call after changing state.f / state.g from outside (SNS): re-absorbs and recomputes fNext. */
    refresh() {
      absorb();
      rowPass();
    },
    step,
    potentials() {
      return { f: Float64Array.from(f), g: Float64Array.from(g) };
    },
    plan(out = new Float64Array(n * m)) {
      return planFromPotentials(f, g, problem, epsilon, out);
    },
  };
}
