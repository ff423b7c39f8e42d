/**
 * The `result` objects of this chapter's Export JSON and its CSV tables (documented in
 * docs/formats.md, "Optimizer geometry").
 */
import type { SensingRaceResult } from '../../../src/workers/jobs/optimizer';
import { SENSING_METHODS } from '../../../src/geometry/optim';
import type { CsvTable } from '../../io/exporters';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Row-major rows × cols → array of rows. */
export function rowsOf(a: ArrayLike<number>, rows: number, cols: number, offset = 0): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => a[offset + i * cols + j]));
}

/** Measurement matrices are written only for n ≤ 30 (m·n² numbers). */
export const MEASUREMENTS_MAX_N = 30;

export function sensingExport(r: SensingRaceResult) {
  const { n, m } = r;
  const p = r.problem;
  return {
    n,
    r: r.r,
    m,
    eta: r.eta,
    iterations: r.iterations,
    Mstar: rowsOf(p.Mstar, n, n),
    measurements: n <= MEASUREMENTS_MAX_N ? Array.from({ length: m }, (_, i) => rowsOf(p.measurements, n, n, i * n * n)) : null,
    y: Array.from(p.y),
    methods: SENSING_METHODS.map((name) => {
      const t = r.traces[name];
      const init =
        name === 'symmetric-exact'
          ? { X: rowsOf(r.init.Xexact, n, t.k) }
          : name === 'symmetric-over'
            ? { X: rowsOf(r.init.Xover, n, t.k) }
            : { F: rowsOf(r.init.F, n, t.k), G: rowsOf(r.init.G, n, t.k) };
      return { name, k: t.k, init, errors: Array.from(t.errors, num) };
    }),
  };
}

/** CSV: one row per iteration (0…T) with the four error curves. */
export function sensingCsv(r: SensingRaceResult): CsvTable {
  return {
    columns: ['iteration', ...SENSING_METHODS.map((n) => `error_${n}`)],
    rows: Array.from({ length: r.iterations + 1 }, (_, t) => [t, ...SENSING_METHODS.map((n) => r.traces[n].errors[t])]),
  };
}
