/**
 * A discrete optimal transport problem: source masses a (n), target masses b (m)
 * and a row-major n×m cost matrix C. Validation happens here, at the public
 * boundary; the solvers assume a valid problem and never throw inside their loops.
 */
export interface OtProblem {
  readonly n: number;
  readonly m: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Row-major n×m, C[i·m + j] = cost of moving a unit of mass from source i to target j. */
  readonly cost: Float64Array;
}

export interface ProblemOptions {
  /** Rescale a and b to total mass 1 each (instead of rejecting sums that differ). */
  normalize?: boolean;
  /** Largest accepted |Σa − Σb| relative to max(Σa, Σb) when not normalizing. */
  massTolerance?: number;
  /**
   * The caller hands `cost` over (a Float64Array it built and does not keep): it becomes the
   * problem's cost without a copy. Copying an n×m matrix (8 MB at n = 1000) was a tenth of a
   * whole Sinkhorn job.
   */
  adoptCost?: boolean;
}

function checkMasses(x: ArrayLike<number>, name: string): number {
  if (x.length === 0) throw new Error(`${name} is empty: need at least one mass`);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`${name}[${i}] = ${String(v)} is not a number`);
    if (!Number.isFinite(v)) throw new Error(`${name}[${i}] = ${v} is not finite`);
    if (v < 0) throw new Error(`${name}[${i}] = ${v} is negative; masses must be ≥ 0`);
    total += v;
  }
  if (!(total > 0)) throw new Error(`${name} has total mass 0; need a positive total`);
  return total;
}

/**
 * Validates and copies (a, b, cost) into an `OtProblem`. Throws an Error naming
 * the bad value: a negative, NaN or infinite mass, a zero total, mass sums that
 * differ (unless `normalize`), a cost of the wrong size, or a non-finite cost.
 */
export function makeProblem(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  cost: ArrayLike<number>,
  options: ProblemOptions = {},
): OtProblem {
  const sa = checkMasses(a, 'a');
  const sb = checkMasses(b, 'b');
  const n = a.length;
  const m = b.length;
  if (cost.length !== n * m) {
    throw new Error(`cost matrix has ${cost.length} entries but a has ${n} and b has ${m} entries (need ${n}×${m} = ${n * m})`);
  }
  const notFinite = (k: number, v: unknown) => new Error(`cost[${Math.floor(k / m)}][${k % m}] = ${String(v)} is not a finite number`);
  let c: Float64Array;
  if (cost instanceof Float64Array) {
    // Every entry is a number already: x·0 is 0 for a finite x and NaN for NaN or ±∞, so one
    // branch-free pass finds whether any entry is bad, and a second names the first.
    let probe = 0;
    for (let k = 0; k < n * m; k++) probe += cost[k] * 0;
    if (probe !== 0) {
      const k = cost.findIndex((v) => !Number.isFinite(v));
      throw notFinite(k, cost[k]);
    }
    c = options.adoptCost ? cost : cost.slice();
  } else {
    c = new Float64Array(n * m);
    for (let k = 0; k < n * m; k++) {
      const v = cost[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw notFinite(k, v);
      c[k] = v;
    }
  }
  const tolerance = options.massTolerance ?? 1e-6;
  const aa = Float64Array.from(a);
  const bb = Float64Array.from(b);
  if (options.normalize) {
    for (let i = 0; i < n; i++) aa[i] /= sa;
    for (let j = 0; j < m; j++) bb[j] /= sb;
  } else if (Math.abs(sa - sb) > tolerance * Math.max(sa, sb)) {
    throw new Error(`masses differ: Σa = ${sa} but Σb = ${sb}; normalize both to 1 to compare them`);
  }
  return { n, m, a: aa, b: bb, cost: c };
}

/**
 * Parses a cost matrix given as rows (e.g. from JSON): every row must be an array
 * of finite numbers of the same length. Returns the row-major matrix and its shape.
 */
export function costFromRows(rows: unknown): { cost: Float64Array; n: number; m: number } {
  if (!Array.isArray(rows) || rows.length === 0) throw new Error('cost must be a non-empty array of rows');
  const first = rows[0];
  if (!Array.isArray(first) || first.length === 0) throw new Error('cost[0] must be a non-empty array of numbers');
  const n = rows.length;
  const m = first.length;
  const cost = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) throw new Error(`cost[${i}] is not an array of numbers`);
    if (row.length !== m) throw new Error(`cost row ${i} has ${row.length} entries but row 0 has ${m} (ragged cost matrix)`);
    for (let j = 0; j < m; j++) {
      const v: unknown = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`cost[${i}][${j}] = ${JSON.stringify(v)} is not a finite number`);
      cost[i * m + j] = v;
    }
  }
  return { cost, n, m };
}

/** Throws unless ε is a positive finite number. */
export function checkEpsilon(epsilon: number): void {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
    throw new Error(`invalid epsilon: ${String(epsilon)} (need a positive finite number)`);
  }
}

/** Largest entry of a cost matrix (0 for an all-zero matrix). */
export function maxCost(cost: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < cost.length; k++) if (cost[k] > m) m = cost[k];
  return m;
}
