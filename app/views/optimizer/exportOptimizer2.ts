/**
 * The `result` objects of the part-2 cells' Export JSON and CSV (documented in docs/formats.md,
 * "Optimizer geometry, part 2").
 */
import type { LangevinResult, MfacResult, SvenResult } from '../../../src/workers/jobs/optimizer2';
import { MFAC_RACE_METHODS, SVEN_METHODS } from '../../../src/geometry/optim';
import type { CsvTable } from '../../io/exporters';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function mfacExport(r: MfacResult) {
  const L = r.grid.lambdas.length;
  return {
    P: r.P,
    n: r.n,
    layers: [4, r.hidden, 3],
    grid: { ms: r.grid.ms, lambdas: r.grid.lambdas, relError: r.grid.ms.map((_, i) => Array.from(r.grid.relError.subarray(i * L, (i + 1) * L), num)) },
    cost: r.cost,
    steps: r.done,
    methods: MFAC_RACE_METHODS.map((name) => ({ name, loss: r.traces ? Array.from(r.traces[name].loss.subarray(0, r.done + 1), num) : [], accuracy: r.traces ? Array.from(r.traces[name].accuracy.subarray(0, r.done + 1), num) : [] })),
  };
}

/** CSV: one row per step 0…T with the training loss and accuracy per method. */
export function mfacCsv(r: MfacResult): CsvTable {
  const columns = ['step', ...MFAC_RACE_METHODS.flatMap((n) => [`loss_${n}`, `accuracy_${n}`])];
  return { columns, rows: Array.from({ length: r.done + 1 }, (_, t) => [t, ...MFAC_RACE_METHODS.flatMap((n) => (r.traces ? [r.traces[n].loss[t], r.traces[n].accuracy[t]] : [NaN, NaN]))]) };
}

export function svenExport(r: SvenResult) {
  const list = (a: ArrayLike<number>) => Array.from(a, num);
  return {
    task: r.task,
    n: r.n,
    P: r.P,
    k: r.k,
    layers: [r.task === '1d' ? 1 : 2, r.hidden, 1],
    steps: r.done,
    init: r.init,
    singular: Array.from({ length: r.done + 1 }, (_, t) => list(r.singular.subarray(t * r.k, (t + 1) * r.k))),
    methods: SVEN_METHODS.map((name) => ({ name, loss: list(r.traces[name].loss.subarray(0, r.done + 1)), timeMs: list(r.traces[name].time.subarray(0, r.done + 1)) })),
  };
}

/** CSV: one row per step 0…T with the loss and cumulative ms per method. */
export function svenCsv(r: SvenResult): CsvTable {
  const columns = ['step', ...SVEN_METHODS.flatMap((n) => [`loss_${n}`, `time_ms_${n}`])];
  return { columns, rows: Array.from({ length: r.done + 1 }, (_, t) => [t, ...SVEN_METHODS.flatMap((n) => [r.traces[n].loss[t], r.traces[n].time[t]])]) };
}

export function langevinExport(r: LangevinResult) {
  const E = r.phase.exponents.length;
  const rows = (a: Float64Array) => r.phase.ds.map((_, i) => Array.from(a.subarray(i * E, (i + 1) * E), num));
  return {
    kStar: r.kStar,
    d: r.d,
    n: r.n,
    steps: r.steps,
    averageFrom: r.averageFrom,
    run: { last: Array.from(r.run.last, num), average: Array.from(r.run.average, num) },
    zeroNoise: { last: Array.from(r.zeroNoise.last, num), average: Array.from(r.zeroNoise.average, num) },
    phase: {
      ds: r.phase.ds,
      exponents: r.phase.exponents,
      ns: r.phase.ns,
      betas: r.phase.betas,
      seeds: r.seeds,
      successLast: rows(r.phase.last),
      successAverage: rows(r.phase.average),
      successZeroNoiseLast: rows(r.phase.zeroNoiseLast),
      successZeroNoiseAverage: rows(r.phase.zeroNoiseAverage),
    },
  };
}

/** CSV: one row per phase cell: d, exponent, n, β, success rates. */
export function langevinCsv(r: LangevinResult): CsvTable {
  const E = r.phase.exponents.length;
  const p = r.phase;
  return {
    columns: ['d', 'exponent', 'n', 'beta', 'success_last', 'success_average', 'success_zero_noise_last', 'success_zero_noise_average'],
    rows: p.ds.flatMap((d, i) => p.exponents.map((e, j) => [d, e, p.ns[i][j], p.betas[i], p.last[i * E + j], p.average[i * E + j], p.zeroNoiseLast[i * E + j], p.zeroNoiseAverage[i * E + j]])),
  };
}
