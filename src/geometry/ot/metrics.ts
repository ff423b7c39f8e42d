/** Diagnostics of a transport plan P (row-major n×m) against a problem. */
import type { OtProblem } from './problem';

/** ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁. */
export function marginalError(plan: ArrayLike<number>, problem: OtProblem): number {
  return planSummary(plan, problem).marginalError;
}

/** ⟨C, P⟩ = Σ_ij C_ij P_ij. */
export function transportCost(plan: ArrayLike<number>, cost: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < cost.length; k++) s += cost[k] * plan[k];
  return s;
}

/**
 * The marginal error Σ_i |P 1 − a|_i + Σ_j |Pᵀ 1 − b|_j and ⟨C, P⟩ in one pass over the plan
 * (a job's final figures: at n = m = 1000 each pass reads 8 MB). ⟨C, P⟩ is summed in the order
 * of `transportCost`, so the same bits.
 */
export function planSummary(plan: ArrayLike<number>, problem: OtProblem): { marginalError: number; cost: number } {
  const { n, m, a, b } = problem;
  const cost = problem.cost;
  const cols = new Float64Array(m);
  let err = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    const o = i * m;
    for (let j = 0; j < m; j++) {
      const p = plan[o + j];
      r += p;
      cols[j] += p;
      s += cost[o + j] * p;
    }
    err += Math.abs(r - a[i]);
  }
  for (let j = 0; j < m; j++) err += Math.abs(cols[j] - b[j]);
  return { marginalError: err, cost: s };
}

/** P_ij = exp((f_i + g_j − C_ij)/ε), written into `out` when given. */
export function planFromPotentials(
  f: ArrayLike<number>,
  g: ArrayLike<number>,
  problem: OtProblem,
  epsilon: number,
  out: Float64Array = new Float64Array(problem.n * problem.m),
): Float64Array {
  const { n, m, cost } = problem;
  const inv = 1 / epsilon;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    const fi = f[i];
    for (let j = 0; j < m; j++) out[o + j] = Math.exp((fi + g[j] - cost[o + j]) * inv);
  }
  return out;
}

/**
 * The linear part ⟨a, f⟩ + ⟨b, g⟩ of the dual, over the positive masses only (a potential may
 * be −∞ where its mass is 0). Every solver's per-iteration dual record sums it in this order.
 */
export function dualLinear(a: ArrayLike<number>, b: ArrayLike<number>, f: ArrayLike<number>, g: ArrayLike<number>): number {
  let linear = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > 0) linear += a[i] * f[i];
  for (let j = 0; j < b.length; j++) if (b[j] > 0) linear += b[j] * g[j];
  return linear;
}

/** The dual objective L(f, g) = ⟨a, f⟩ + ⟨b, g⟩ − ε Σ_ij exp((f_i + g_j − C_ij)/ε) (see solver.ts). */
export function dualObjective(f: ArrayLike<number>, g: ArrayLike<number>, problem: OtProblem, epsilon: number): number {
  const { n, m, a, b, cost } = problem;
  const inv = 1 / epsilon;
  const linear = dualLinear(a, b, f, g);
  let mass = 0;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    const fi = f[i];
    if (fi === -Infinity) continue;
    for (let j = 0; j < m; j++) mass += Math.exp((fi + g[j] - cost[o + j]) * inv);
  }
  return linear - epsilon * mass;
}

/** Entropy H(P) = −Σ P (log P − 1) (0 log 0 = 0), for the primal objective ⟨C, P⟩ − ε H(P). */
export function entropy(plan: ArrayLike<number>): number {
  let h = 0;
  for (let k = 0; k < plan.length; k++) {
    const p = plan[k];
    if (p > 0) h -= p * (Math.log(p) - 1);
  }
  return h;
}
