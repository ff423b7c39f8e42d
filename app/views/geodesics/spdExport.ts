/** The Export JSON `result` of the SPD view (docs/formats.md, "Geodesics"). */
import type { CsvTable } from '../../io/exporters';
import type { SpdPathsResult } from '../../../src/workers/jobs/geodesics';
import { SPD_METRICS } from '../../../src/geometry/spd/metric';

function rows(a: ArrayLike<number>, n: number, offset = 0): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a[offset + i * n + j]));
}

/** The geodesic is sampled at t = k/(samples − 1); the export keeps t = 0, 0.1, …, 1. */
export function spdExportResult(result: SpdPathsResult, data: { matrices: Float64Array[]; m?: Float64Array | null }) {
  const n = result.n;
  const metrics: Record<string, unknown> = {};
  for (const name of SPD_METRICS) {
    const r = result.metrics[name];
    const samples = r.t.length;
    const geodesic = [];
    for (let k = 0; k <= 10; k++) {
      const index = Math.round((k * (samples - 1)) / 10);
      geodesic.push({ t: k / 10, matrix: rows(r.path, n, index * n * n), determinant: r.determinants[index] });
    }
    metrics[name] = {
      distance: r.distance,
      geodesic,
      mean: r.mean.length ? rows(r.mean, n) : null,
      meanIterations: r.meanIterations,
      meanConverged: r.meanConverged,
      meanGradientNorms: Array.from(r.meanGradientNorms),
    };
  }
  return {
    n,
    matrices: data.matrices.map((m) => rows(m, n)),
    M: data.m ? rows(data.m, n) : null,
    ...metrics,
  };
}

/** Export CSV: one row per metric and sample t = k/(samples − 1): det γ(t), d(A, γ(t)) and the entries of γ(t). */
export function spdCsv(result: SpdPathsResult): CsvTable {
  const n = result.n;
  const entries: string[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) entries.push(`m${i}${j}`);
  const rows: (number | string)[][] = [];
  for (const name of SPD_METRICS) {
    const r = result.metrics[name];
    for (let k = 0; k < r.t.length; k++) {
      rows.push([name, r.t[k], r.determinants[k], r.distanceFromStart[k], ...Array.from(r.path.subarray(k * n * n, (k + 1) * n * n))]);
    }
  }
  return { columns: ['metric', 't', 'determinant', 'distance_from_A', ...entries], rows };
}
