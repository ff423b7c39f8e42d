/**
 * Log-domain Sinkhorn: the same iteration as the scaling form, carried out on the
 * dual potentials with stable log-sum-exp (Peyré & Cuturi 2019, Remark 4.23):
 *   f_i = ε log a_i − ε LSE_j((g_j − C_ij)/ε),
 *   g_j = ε log b_j − ε LSE_i((f_i − C_ij)/ε),
 * so nothing underflows however small ε is (P_ij = exp((f_i + g_j − C_ij)/ε), see solver.ts).
 *
 * Deviation from the textbook two-pass LSE (max, then Σ exp): each row (column) is
 * shifted by its LSE from the previous iteration, which changes little between
 * iterations, so one pass with one exp per entry suffices. If the shifted sum leaves
 * [1e-280, 1e280] (it would lose digits or overflow) that row or column is redone
 * with its exact maximum, so the result is as accurate as the two-pass form.
 *
 * The row pass also yields, for free, the row marginal of the current plan,
 * r_i = exp(f_i/ε + LSE_i) (the reported error), and ⟨C, P⟩.
 */
import { checkEpsilon, type OtProblem } from './problem';
import type { IterationRecord, OtSolver, SolverOptions } from './solver';

const SUM_LOW = 1e-280;
const SUM_HIGH = 1e280;

export interface LogSinkhornState {
  f: Float64Array;
  g: Float64Array;
}

export function createSinkhornLog(
  problem: OtProblem,
  epsilon: number,
  options: SolverOptions & { initial?: LogSinkhornState } = {},
): OtSolver & { readonly state: LogSinkhornState; refresh(): void } {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const trackCost = options.trackCost ?? true;
  const inv = 1 / epsilon;
  const logA = a.map(Math.log);
  const logB = b.map(Math.log);
  const f = new Float64Array(n);
  const g = options.initial ? Float64Array.from(options.initial.g) : new Float64Array(m);
  const fNext = new Float64Array(n);
  const rowShift = new Float64Array(n);
  const colShift = new Float64Array(m);
  const colSum = new Float64Array(m);
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let rowsExact = true;
  let colsExact = true;
  let lastError = NaN;
  let lastCost = NaN;

  function rowExact(i: number): { sum: number; weighted: number; shift: number } {
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
    return { sum, weighted, shift: mx };
  }

  /** fNext from g; error and cost of the plan (f, g). */
  function rowPass(): void {
    let err = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const o = i * m;
      let shift = rowShift[i];
      let sum = 0;
      let weighted = 0;
      if (!rowsExact) {
        if (trackCost) {
          for (let j = 0; j < m; j++) {
            const c = cost[o + j];
            const e = Math.exp((g[j] - c) * inv - shift);
            sum += e;
            weighted += c * e;
          }
        } else {
          for (let j = 0; j < m; j++) sum += Math.exp((g[j] - cost[o + j]) * inv - shift);
        }
      }
      if (rowsExact || !(sum >= SUM_LOW && sum <= SUM_HIGH)) {
        const r = rowExact(i);
        sum = r.sum;
        weighted = r.weighted;
        shift = r.shift;
      }
      const lse = shift + Math.log(sum);
      rowShift[i] = lse;
      fNext[i] = epsilon * (logA[i] - lse);
      const scale = Math.exp(f[i] * inv + shift);
      err += Math.abs(scale * sum - a[i]);
      total += scale * weighted;
    }
    rowsExact = false;
    lastError = err;
    lastCost = trackCost ? total : NaN;
  }

  function columnExact(j: number): void {
    let mx = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = (f[i] - cost[i * m + j]) * inv;
      if (t > mx) mx = t;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.exp((f[i] - cost[i * m + j]) * inv - mx);
    colShift[j] = mx;
    colSum[j] = sum;
  }

  /** g from f. */
  function columnPass(): void {
    if (colsExact) {
      colShift.fill(-Infinity);
      for (let i = 0; i < n; i++) {
        const o = i * m;
        const fi = f[i];
        for (let j = 0; j < m; j++) {
          const t = (fi - cost[o + j]) * inv;
          if (t > colShift[j]) colShift[j] = t;
        }
      }
      colsExact = false;
    }
    colSum.fill(0);
    for (let i = 0; i < n; i++) {
      const fi = f[i];
      if (fi === -Infinity) continue;
      const o = i * m;
      for (let j = 0; j < m; j++) colSum[j] += Math.exp((fi - cost[o + j]) * inv - colShift[j]);
    }
    for (let j = 0; j < m; j++) {
      if (!(colSum[j] >= SUM_LOW && colSum[j] <= SUM_HIGH)) columnExact(j);
      const lse = colShift[j] + Math.log(colSum[j]);
      colShift[j] = lse;
      g[j] = epsilon * (logB[j] - lse);
    }
  }

  rowPass();

  const step = (): IterationRecord => {
    f.set(fNext);
    columnPass();
    rowPass();
    iterations++;
    let linear = 0;
    for (let i = 0; i < n; i++) if (a[i] > 0) linear += a[i] * f[i];
    for (let j = 0; j < m; j++) if (b[j] > 0) linear += b[j] * g[j];
    return { iteration: iterations, marginalError: lastError, cost: lastCost, dual: linear - epsilon * massB, kind: 'sinkhorn' };
  };

  return {
    method: 'log',
    problem,
    epsilon,
    get iterations() {
      return iterations;
    },
    failure: null,
    state: { f, g },
    /** Call after changing state.f / state.g from outside (SNS): recomputes fNext and the shifts exactly. */
    refresh() {
      rowsExact = true;
      colsExact = true;
      rowPass();
    },
    step,
    potentials() {
      return { f: Float64Array.from(f), g: Float64Array.from(g) };
    },
    plan(out = new Float64Array(n * m)) {
      for (let i = 0; i < n; i++) {
        const o = i * m;
        const fi = f[i];
        for (let j = 0; j < m; j++) out[o + j] = Math.exp((fi + g[j] - cost[o + j]) * inv);
      }
      return out;
    },
  };
}
