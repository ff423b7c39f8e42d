/**
 * Sinkhorn-Newton-Sparse (Tang, Shavlovsky, Rahmanian, Tardini, Thekumparampil, Xiao,
 * Ying: "Accelerating Sinkhorn Algorithm with Sparse Newton Iterations", ICLR 2024,
 * Algorithm 1), written from the paper's math; there is no official code.
 *
 * Dual convention (solver.ts): maximise the concave
 *   L(f, g) = ⟨a, f⟩ + ⟨b, g⟩ − ε Σ_ij exp((f_i + g_j − C_ij)/ε),
 *   ∇L = (a − P1, b − Pᵀ1),  ∇²L = −(1/ε) H,  H = [[diag(P1), P], [Pᵀ, diag(Pᵀ1)]].
 *
 * Stage 1: log-domain Sinkhorn steps (sinkhornLog.ts). The switch to stage 2 happens
 * after `newtonAfter` (N₁) iterations when given; otherwise automatically, once
 * Sinkhorn has entered its slow linear phase (the marginal error shrank by less than
 * half over the last iteration, after at least 3 iterations) or after 20 iterations.
 *
 * Stage 2, one Newton step per iteration:
 *  1. Sparsify: of the off-diagonal block P, keep in each row the entries
 *     P_ij ≥ τ · max_j P_ij (τ = `threshold`, default 1e-4). The diagonal blocks of H̃
 *     are the row and column sums of the kept entries, so H̃ is the Hessian of the kept
 *     plan: like H it has the null direction (1, −1) and keeps H's near-null smooth
 *     modes, the slow modes of Sinkhorn. (Keeping the exact diag(P1), diag(Pᵀ1) with a
 *     truncated P lifts those modes and, in our tests on 2-D point clouds, made Newton
 *     no faster than Sinkhorn.) A row or column with nothing kept falls back to its
 *     exact sum. The entries are picked during the pass that evaluates P, so P is
 *     never stored; the kept density is reported (`density`).
 *  2. Solve H̃ Δ = ε ∇L by Jacobi-preconditioned conjugate gradient with Δg_m = 0,
 *     which removes the null direction (L is invariant under f + t, g − t). CG stops
 *     at relative residual 1e-10 or after n + m steps.
 *  3. Backtracking line search on L: α ∈ {1, ½, ¼, …} until the Armijo condition
 *     L(z + αΔ) ≥ L(z) + 1e-4 α ⟨∇L, Δ⟩ holds, or, within rounding of L, the marginal
 *     error fell. If no α is accepted after 40 halvings (or Δ is not an ascent
 *     direction), the iteration is a Sinkhorn step instead.
 * Deviations from the paper: a per-row relative threshold rather than a global
 * density target ρ (it adapts to ε: small ε keeps ~1 entry per row, large ε more),
 * and the Laplacian-consistent diagonal above.
 */
import { checkEpsilon, type OtProblem } from './problem';
import { dualLinear, planFromPotentials } from './metrics';
import type { IterationRecord, OtSolver, SolverOptions } from './solver';
import { createSinkhornLog } from './sinkhornLog';

/** A growable coordinate list (row, column, value). */
class SparseEntries {
  row: Int32Array;
  col: Int32Array;
  value: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.row = new Int32Array(capacity);
    this.col = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }
  clear(): void {
    this.length = 0;
  }
  push(i: number, j: number, v: number): void {
    if (this.length === this.row.length) {
      const grow = (x: Int32Array) => {
        const y = new Int32Array(2 * x.length);
        y.set(x);
        return y;
      };
      this.row = grow(this.row);
      this.col = grow(this.col);
      const value = new Float64Array(2 * this.value.length);
      value.set(this.value);
      this.value = value;
    }
    this.row[this.length] = i;
    this.col[this.length] = j;
    this.value[this.length] = v;
    this.length++;
  }
}

export interface SnsOptions extends SolverOptions {
  /** N₁: Sinkhorn iterations before Newton; undefined switches automatically. */
  newtonAfter?: number;
  /** τ: the sparsified Hessian keeps the entries P_ij ≥ τ · max_j P_ij of each row (default 1e-4). */
  threshold?: number;
}

export interface SnsSolver extends OtSolver {
  /** Iteration at which the Newton stage began (0 while still in Sinkhorn). */
  readonly switchedAt: number;
  /** Conjugate-gradient steps of the last Newton iteration. */
  readonly lastCgSteps: number;
  /** Fraction of the n·m entries of P kept in the last sparsified Hessian. */
  readonly density: number;
}

export function createSns(problem: OtProblem, epsilon: number, options: SnsOptions = {}): SnsSolver {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const threshold = options.threshold ?? 1e-4;
  if (!(threshold >= 0 && threshold <= 1)) throw new Error(`invalid threshold: ${threshold} (need a number in [0, 1])`);
  if (options.newtonAfter !== undefined && !(Number.isInteger(options.newtonAfter) && options.newtonAfter >= 0)) {
    throw new Error(`invalid newtonAfter: ${options.newtonAfter} (need a non-negative integer)`);
  }
  const inv = 1 / epsilon;
  const sinkhorn = createSinkhornLog(problem, epsilon, { trackCost: options.trackCost, initial: options.initial });
  const { f, g } = sinkhorn.state;
  let iterations = 0;
  let switchedAt = 0;
  let lastCgSteps = 0;
  let lastStepSize = 1;
  let previousError = Infinity;

  // Current point: row/column sums of P, its transport cost and total mass, and the
  // kept entries of P (coordinate list, row by row).
  let rows = new Float64Array(n);
  let cols = new Float64Array(m);
  let kept = new SparseEntries(4 * (n + m));
  // Trial point of the line search (swapped in on acceptance).
  let trialRows = new Float64Array(n);
  let trialCols = new Float64Array(m);
  let trialKept = new SparseEntries(4 * (n + m));
  const trialF = new Float64Array(n);
  const trialG = new Float64Array(m);
  const rowBuffer = new Float64Array(m);
  let currentMass = 0;
  let currentCost = 0;
  let haveCurrent = false;

  // CG work vectors over the reduced unknowns (n + m − 1).
  const size = n + m - 1;
  const rhs = new Float64Array(size);
  const x = new Float64Array(size);
  const res = new Float64Array(size);
  const z = new Float64Array(size);
  const p = new Float64Array(size);
  const hp = new Float64Array(size);
  const diag = new Float64Array(size);
  const keptRows = new Float64Array(n);
  const keptCols = new Float64Array(m);

  /** P at (ff, gg): row sums, column sums, the entries ≥ τ·(row max), ⟨C,P⟩ and Σ P. */
  function evaluate(ff: Float64Array, gg: Float64Array, outRows: Float64Array, outCols: Float64Array, out: SparseEntries): { mass: number; cost: number } {
    outCols.fill(0);
    out.clear();
    let mass = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const o = i * m;
      const fi = ff[i];
      let s = 0;
      let w = 0;
      let max = 0;
      if (fi === -Infinity) {
        outRows[i] = 0;
        continue;
      }
      for (let j = 0; j < m; j++) {
        const c = cost[o + j];
        const e = Math.exp((fi + gg[j] - c) * inv);
        rowBuffer[j] = e;
        s += e;
        w += c * e;
        outCols[j] += e;
        if (e > max) max = e;
      }
      const floor = threshold * max;
      for (let j = 0; j < m; j++) if (rowBuffer[j] >= floor && rowBuffer[j] > 0) out.push(i, j, rowBuffer[j]);
      outRows[i] = s;
      mass += s;
      total += w;
    }
    return { mass, cost: total };
  }

  /** The diagonal of H̃ (see the header) from the kept entries. */
  function sparsify(): void {
    keptRows.fill(0);
    keptCols.fill(0);
    const { row, col, value } = kept;
    for (let e = 0; e < kept.length; e++) {
      keptRows[row[e]] += value[e];
      keptCols[col[e]] += value[e];
    }
    const tiny = 1e-300;
    for (let i = 0; i < n; i++) diag[i] = Math.max(keptRows[i] > 0 ? keptRows[i] : rows[i], tiny);
    for (let j = 0; j < m - 1; j++) diag[n + j] = Math.max(keptCols[j] > 0 ? keptCols[j] : cols[j], tiny);
  }

  function dualAt(ff: Float64Array, gg: Float64Array, mass: number): number {
    return dualLinear(a, b, ff, gg) - epsilon * mass;
  }

  function errorOf(r: Float64Array, c: Float64Array): number {
    let e = 0;
    for (let i = 0; i < n; i++) e += Math.abs(a[i] - r[i]);
    for (let j = 0; j < m; j++) e += Math.abs(b[j] - c[j]);
    return e;
  }

  /** hp = H̃ p over the reduced unknowns (Δg_{m−1} = 0). */
  function multiply(): void {
    for (let q = 0; q < size; q++) hp[q] = diag[q] * p[q];
    const lastCol = m - 1;
    const { row, col, value } = kept;
    for (let e = 0; e < kept.length; e++) {
      const j = col[e];
      if (j === lastCol) continue;
      const i = row[e];
      const v = value[e];
      hp[i] += v * p[n + j];
      hp[n + j] += v * p[i];
    }
  }

  function conjugateGradient(): number {
    x.fill(0);
    res.set(rhs);
    let rz = 0;
    let rhsNorm = 0;
    for (let q = 0; q < size; q++) {
      z[q] = res[q] / diag[q];
      p[q] = z[q];
      rz += res[q] * z[q];
      rhsNorm += rhs[q] * rhs[q];
    }
    rhsNorm = Math.sqrt(rhsNorm);
    const limit = 1e-10 * rhsNorm;
    let steps = 0;
    while (steps < size) {
      multiply();
      let php = 0;
      for (let q = 0; q < size; q++) php += p[q] * hp[q];
      if (!(php > 0)) break;
      const alpha = rz / php;
      let rr = 0;
      for (let q = 0; q < size; q++) {
        x[q] += alpha * p[q];
        res[q] -= alpha * hp[q];
        rr += res[q] * res[q];
      }
      steps++;
      if (Math.sqrt(rr) <= limit) break;
      let rzNew = 0;
      for (let q = 0; q < size; q++) {
        z[q] = res[q] / diag[q];
        rzNew += res[q] * z[q];
      }
      const beta = rzNew / rz;
      rz = rzNew;
      for (let q = 0; q < size; q++) p[q] = z[q] + beta * p[q];
    }
    return steps;
  }

  /** One Newton step; returns its record, or null when it made no progress. */
  function newtonStep(): IterationRecord | null {
    if (!haveCurrent) {
      const ev = evaluate(f, g, rows, cols, kept);
      currentMass = ev.mass;
      currentCost = ev.cost;
      haveCurrent = true;
    }
    const current = dualAt(f, g, currentMass);
    const error = errorOf(rows, cols);
    for (let i = 0; i < n; i++) rhs[i] = epsilon * (a[i] - rows[i]);
    for (let j = 0; j < m - 1; j++) rhs[n + j] = epsilon * (b[j] - cols[j]);
    sparsify();
    lastCgSteps = conjugateGradient();
    let slope = 0;
    for (let q = 0; q < size; q++) slope += (rhs[q] / epsilon) * x[q];
    if (!(slope > 0)) return null;
    let alpha = 1;
    for (let attempt = 0; attempt < 40; attempt++, alpha *= 0.5) {
      for (let i = 0; i < n; i++) trialF[i] = f[i] + alpha * x[i];
      for (let j = 0; j < m - 1; j++) trialG[j] = g[j] + alpha * x[n + j];
      trialG[m - 1] = g[m - 1];
      const ev = evaluate(trialF, trialG, trialRows, trialCols, trialKept);
      const value = dualAt(trialF, trialG, ev.mass);
      if (!Number.isFinite(value)) continue;
      const armijo = value >= current + 1e-4 * alpha * slope;
      const roundingLevel = Math.abs(value - current) <= 1e-12 * (Math.abs(current) + epsilon * currentMass);
      const trialError = errorOf(trialRows, trialCols);
      if (armijo || (roundingLevel && trialError < error)) {
        f.set(trialF);
        g.set(trialG);
        [rows, trialRows] = [trialRows, rows];
        [cols, trialCols] = [trialCols, cols];
        [kept, trialKept] = [trialKept, kept];
        currentMass = ev.mass;
        currentCost = ev.cost;
        lastStepSize = alpha;
        iterations++;
        return { iteration: iterations, marginalError: trialError, cost: currentCost, dual: value, kind: 'newton' };
      }
    }
    return null;
  }

  function sinkhornStep(): IterationRecord {
    if (haveCurrent) sinkhorn.refresh(); // f, g changed under it
    haveCurrent = false;
    const record = sinkhorn.step();
    iterations++;
    return { ...record, iteration: iterations };
  }

  const step = (): IterationRecord => {
    let inNewton = switchedAt > 0;
    if (!inNewton) {
      const ready =
        options.newtonAfter !== undefined ? iterations >= options.newtonAfter : iterations >= 20 || (iterations >= 3 && sinkhorn.iterations > 0 && lastRatio > 0.5);
      if (ready) {
        switchedAt = iterations + 1;
        inNewton = true;
      }
    }
    if (inNewton && !sinkhornNext) {
      const record = newtonStep();
      if (record) {
        // A damped step means Newton's quadratic model is not trusted here yet (far from
        // the optimum, or small ε where L is nearly piecewise linear): interleave a
        // Sinkhorn step, which always makes progress, before the next Newton step.
        sinkhornNext = lastStepSize < 1;
        return record;
      }
    }
    sinkhornNext = false;
    const record = sinkhornStep();
    lastRatio = record.marginalError / previousError;
    previousError = record.marginalError;
    return record;
  };
  let lastRatio = 0;
  let sinkhornNext = false;

  return {
    method: 'sns',
    problem,
    epsilon,
    get iterations() {
      return iterations;
    },
    get switchedAt() {
      return switchedAt;
    },
    get lastCgSteps() {
      return lastCgSteps;
    },
    get density() {
      return kept.length / (n * m);
    },
    failure: null,
    step,
    potentials() {
      return { f: Float64Array.from(f), g: Float64Array.from(g) };
    },
    plan(out = new Float64Array(n * m)) {
      return planFromPotentials(f, g, problem, epsilon, out);
    },
  };
}
