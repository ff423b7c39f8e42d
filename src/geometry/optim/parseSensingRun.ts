/**
 * Reads a matrix-sensing run back from this chapter's Export JSON (docs/formats.md, "Optimizer
 * geometry"): the whole document or its `result`. Needs `n`, `r`, `Mstar` (n×n), `measurements`
 * (m×n×n; `y` is recomputed as ⟨B_i, M*⟩) and the four `methods` with their `init`. Errors name the field.
 */
import { withProblem, type SensingProblem } from './matrixSensing';
import type { SensingInit } from './sensingRace';

export interface SensingRun {
  problem: SensingProblem;
  init: SensingInit;
  k: number;
}

function matrix(value: unknown, rows: number, cols: number, field: string): Float64Array {
  if (!Array.isArray(value) || value.length !== rows) throw new Error(`"${field}" must be ${rows} rows, got ${Array.isArray(value) ? value.length : typeof value}`);
  const out = new Float64Array(rows * cols);
  value.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== cols) throw new Error(`"${field}" row ${i} must hold ${cols} numbers, got ${Array.isArray(row) ? row.length : typeof row}`);
    row.forEach((v: unknown, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`"${field}"[${i}][${j}] is ${JSON.stringify(v)}, not a finite number`);
      out[i * cols + j] = v;
    });
  });
  return out;
}

export function parseSensingRun(doc: unknown): SensingRun {
  const root = doc && typeof doc === 'object' && 'result' in doc ? (doc as { result: unknown }).result : doc;
  if (!root || typeof root !== 'object') throw new Error('expected the JSON object exported by the matrix-sensing cell');
  const r = root as Record<string, unknown>;
  const n = r.n;
  const rank = r.r;
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 2)) throw new Error(`"n" is ${JSON.stringify(n)}, expected an integer ≥ 2`);
  if (!(typeof rank === 'number' && Number.isInteger(rank) && rank >= 1 && rank < n)) throw new Error(`"r" is ${JSON.stringify(rank)}, expected an integer in [1, n)`);
  const Mstar = matrix(r.Mstar, n, n, 'Mstar');
  if (!Array.isArray(r.measurements) || r.measurements.length === 0) throw new Error('"measurements" must be a non-empty m×n×n array (exports with n > 30 leave it out and cannot be rerun)');
  const m = r.measurements.length;
  const measurements = new Float64Array(m * n * n);
  r.measurements.forEach((b: unknown, i) => measurements.set(matrix(b, n, n, `measurements[${i}]`), i * n * n));
  const methods = r.methods;
  if (!Array.isArray(methods)) throw new Error('"methods" must be the array of four methods');
  const find = (name: string) => {
    const found = methods.find((x: unknown) => (x as { name?: unknown })?.name === name) as { k?: unknown; init?: Record<string, unknown> } | undefined;
    if (!found || !found.init) throw new Error(`"methods" has no "${name}" entry with an "init"`);
    return found;
  };
  const over = find('symmetric-over');
  const k = over.k;
  if (!(typeof k === 'number' && Number.isInteger(k) && k > rank && k <= n)) throw new Error(`"symmetric-over".k is ${JSON.stringify(k)}, expected an integer in (r, n]`);
  const asym = find('asymmetric-over');
  const init: SensingInit = {
    Xexact: matrix(find('symmetric-exact').init!.X, n, rank, 'symmetric-exact.init.X'),
    Xover: matrix(over.init!.X, n, k, 'symmetric-over.init.X'),
    F: matrix(asym.init!.F, n, k, 'asymmetric-over.init.F'),
    G: matrix(asym.init!.G, n, k, 'asymmetric-over.init.G'),
  };
  return { problem: withProblem(n, rank, Mstar, measurements), init, k };
}
