/**
 * The `result` objects of this chapter's Export JSON and its CSV tables (documented in
 * docs/formats.md, "Optimizer geometry").
 */
import type { AdampRaceResult, SensingRaceResult } from '../../../src/workers/jobs/optimizer';
import { OPTIMIZERS, SENSING_METHODS } from '../../../src/geometry/optim';
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

export function adampExport(r: AdampRaceResult) {
  const list = (a: Float64Array) => Array.from(a, num);
  return {
    steps: r.steps,
    lrSgd: r.lrSgd,
    lrAdam: r.lrAdam,
    momentum: r.momentum,
    delta: r.delta,
    optimizers: OPTIMIZERS.map((name) => {
      const t = r.toy[name];
      const c = r.classifier[name];
      return {
        name,
        toy: { norm: list(t.norm), effectiveStep: list(t.effectiveStep), angle: list(t.angle), loss: list(t.loss), path: rowsOf(t.path, r.steps + 1, 3) },
        classifier: { norm: list(c.norm), effectiveStep: list(c.effectiveStep), angle: list(c.angle), loss: list(c.loss), accuracy: list(c.accuracy), projectedFraction: c.projectedFraction },
      };
    }),
  };
}

/** CSV: one row per step 0…T with ‖w‖ on the toy and the classifier's mean row norm, loss and accuracy per optimizer. */
export function adampCsv(r: AdampRaceResult): CsvTable {
  const columns = ['step'];
  for (const n of OPTIMIZERS) columns.push(`toy_norm_${n}`, `classifier_norm_${n}`, `classifier_loss_${n}`, `classifier_accuracy_${n}`);
  return {
    columns,
    rows: Array.from({ length: r.steps + 1 }, (_, t) => [t, ...OPTIMIZERS.flatMap((n) => [r.toy[n].norm[t], r.classifier[n].norm[t], r.classifier[n].loss[t], r.classifier[n].accuracy[t]])]),
  };
}
