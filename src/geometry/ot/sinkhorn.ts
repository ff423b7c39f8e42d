/**
 * Sinkhorn's matrix scaling (Cuturi 2013): P = diag(u) K diag(v), K = exp(−C/ε),
 *   u ← a ⊘ (K v),   v ← b ⊘ (Kᵀ u).
 * Fast at moderate ε; at small ε the entries of K underflow (exp(−C/ε) = 0 once
 * C/ε > 745 in f64) and a row of K v becomes 0: the solver then reports a failure
 * naming ε rather than returning NaNs. Use the log-domain solver there.
 *
 * Per iteration: one pass for Kᵀu and one for K v, both row-major over K. The K v of
 * the new v serves twice: the row marginal u ⊙ K v of the current plan (the reported
 * error) and the next u-update, so the error costs nothing extra.
 */
import { checkEpsilon, type OtProblem } from './problem';
import { multiplyColumns, multiplyRows, multiplyRowsWeighted } from './products';
import type { IterationRecord, OtSolver, SolverOptions } from './solver';
import { startingG } from './sinkhornLog';

/** The failure of the scaling form when exp(−C/ε) underflows; shared by the JS reference and the WASM solver. */
export function scalingUnderflowMessage(epsilon: number): string {
  return (
    `scaling Sinkhorn underflowed at epsilon = ${epsilon}: exp(−C/ε) is 0 for whole rows or columns of K; ` +
    `use the log-domain method (method "log") or a larger epsilon`
  );
}

/**
 * v = exp((g − max g)/ε) for a warm start: shifting g by a constant leaves the plan
 * unchanged (u absorbs it in the first update) and keeps v in (0, 1]. Entries far below
 * the largest may underflow to 0; if a row of K v then vanishes, the first step reports
 * the scaling failure and the caller may start cold instead.
 */
export function scalingStart(g: ArrayLike<number>, epsilon: number, m: number): Float64Array {
  const start = startingG(g, m);
  let top = -Infinity;
  for (let j = 0; j < m; j++) if (start[j] > top) top = start[j];
  if (!Number.isFinite(top)) return start.fill(1);
  for (let j = 0; j < m; j++) start[j] = Math.exp((start[j] - top) / epsilon);
  return start;
}

export function createSinkhorn(problem: OtProblem, epsilon: number, options: SolverOptions = {}): OtSolver {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const trackCost = options.trackCost ?? true;
  const kernel = new Float64Array(n * m);
  const inv = 1 / epsilon;
  for (let k = 0; k < n * m; k++) {
    const e = Math.exp(-cost[k] * inv);
    // Subnormal entries (< 2.2e-308) are flushed to 0: x86 handles subnormal arithmetic
    // ~100× slower, and an entry that small matters only when its whole row is that
    // small, where the scaling form has broken down anyway (see the failure above).
    kernel[k] = e < 2.2250738585072014e-308 ? 0 : e;
  }
  const u = new Float64Array(n);
  const v = options.initial ? scalingStart(options.initial.g, epsilon, m) : new Float64Array(m).fill(1);
  const kv = new Float64Array(n);
  const ktu = new Float64Array(m);
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let failure: string | null = null;
  let lastCost = NaN;

  const rowWeighted = new Float64Array(n);
  // K v (and optionally Σ_j C_ij K_ij v_j, giving ⟨C, P⟩ = Σ_i u_i · that).
  const multiplyKv = (): number => {
    if (!trackCost) {
      multiplyRows(kernel, v, n, m, kv);
      return NaN;
    }
    multiplyRowsWeighted(kernel, cost, v, n, m, kv, rowWeighted);
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += u[i] * rowWeighted[i];
    return weighted;
  };
  multiplyKv();

  const step = (): IterationRecord => {
    for (let i = 0; i < n; i++) u[i] = a[i] / kv[i];
    multiplyColumns(kernel, u, n, m, ktu);
    for (let j = 0; j < m; j++) v[j] = b[j] / ktu[j];
    const weighted = multiplyKv();
    let err = 0;
    let linear = 0;
    let healthy = true;
    for (let i = 0; i < n; i++) {
      const r = u[i] * kv[i];
      if (!Number.isFinite(r) || !Number.isFinite(u[i])) healthy = false;
      err += Math.abs(r - a[i]);
      if (a[i] > 0) linear += a[i] * epsilon * Math.log(u[i]);
    }
    for (let j = 0; j < m; j++) {
      if (!Number.isFinite(v[j])) healthy = false;
      if (b[j] > 0) linear += b[j] * epsilon * Math.log(v[j]);
    }
    iterations++;
    if (!healthy || !Number.isFinite(err)) {
      failure = scalingUnderflowMessage(epsilon);
    }
    lastCost = trackCost ? weighted : NaN;
    return { iteration: iterations, marginalError: err, cost: lastCost, dual: linear - epsilon * massB, kind: 'sinkhorn' };
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
    potentials() {
      const f = new Float64Array(n);
      const g = new Float64Array(m);
      for (let i = 0; i < n; i++) f[i] = epsilon * Math.log(u[i]);
      for (let j = 0; j < m; j++) g[j] = epsilon * Math.log(v[j]);
      return { f, g };
    },
    plan(out = new Float64Array(n * m)) {
      for (let i = 0; i < n; i++) {
        const o = i * m;
        const ui = u[i];
        for (let j = 0; j < m; j++) out[o + j] = ui * kernel[o + j] * v[j];
      }
      return out;
    },
  };
}
