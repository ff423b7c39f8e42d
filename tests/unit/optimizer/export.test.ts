import { describe, expect, it } from 'vitest';
import { runAdampRaceJob, runSensingRaceJob } from '../../../src/workers/jobs/optimizer';
import { adampCsv, adampExport, sensingCsv, sensingExport } from '../../../app/views/optimizer/exportOptimizer';

describe('Export JSON of the matrix-sensing cell (docs/formats.md)', () => {
  it('holds exactly the documented fields, with shapes from the parameters', async () => {
    const r = await runSensingRaceJob({ n: 5, r: 2, k: 3, m: 30, kappa: 2, alpha: 0.2, eta: 0.2, iterations: 40, modifyAt: 10, seed: 3 });
    const doc = JSON.parse(JSON.stringify(sensingExport(r))) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(['Mstar', 'eta', 'iterations', 'm', 'measurements', 'methods', 'n', 'r', 'y'].sort());
    expect(doc.Mstar as number[][]).toHaveLength(5);
    expect((doc.measurements as number[][][])[29][4]).toHaveLength(5);
    const methods = doc.methods as { name: string; k: number; init: Record<string, number[][]>; errors: number[] }[];
    expect(methods.map((m) => [m.name, m.k, Object.keys(m.init).join('')])).toEqual([
      ['symmetric-exact', 2, 'X'],
      ['symmetric-over', 3, 'X'],
      ['asymmetric-over', 3, 'FG'],
      ['modified', 3, 'FG'],
    ]);
    for (const m of methods) expect(m.errors).toHaveLength(41);
    // ‖M*‖_F² = σ₁² + σ₂² = 1 + 1/κ² for the geometric spectrum (1, 1/κ), recomputed from the exported matrix.
    expect((doc.Mstar as number[][]).flat().reduce((s, v) => s + v * v, 0)).toBeCloseTo(1.25, 12);
    const csv = sensingCsv(r);
    expect(csv.columns).toEqual(['iteration', 'error_symmetric-exact', 'error_symmetric-over', 'error_asymmetric-over', 'error_modified']);
    expect(csv.rows).toHaveLength(41);
  });
});

describe('Export JSON of the AdamP cell', () => {
  it('one object per optimizer with toy and classifier traces of T + 1 points', async () => {
    const r = await runAdampRaceJob({ steps: 15, lrSgd: 0.1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 1 });
    const doc = adampExport(r);
    expect(doc.optimizers.map((o) => o.name)).toEqual(['sgd', 'sgdm', 'adam', 'sgdp', 'adamp']);
    for (const o of doc.optimizers) {
      expect(o.toy.norm).toHaveLength(16);
      expect(o.toy.angle).toHaveLength(15);
      expect(o.toy.path).toHaveLength(16);
      expect(o.classifier.accuracy).toHaveLength(16);
    }
    expect(adampCsv(r).rows).toHaveLength(16);
  });
});

describe('Load a run: the exported JSON reruns the race', () => {
  it('a rerun from the export alone (at other seeded settings) gives the same error curves', async () => {
    const params = { n: 5, r: 2, k: 3, m: 30, kappa: 2, alpha: 0.2, eta: 0.2, iterations: 40, modifyAt: 10, seed: 3 };
    const original = await runSensingRaceJob(params);
    const file = JSON.parse(JSON.stringify({ format: 'curvature/optimizer@1', result: sensingExport(original) }));
    const rerun = await runSensingRaceJob({ ...params, n: 8, r: 1, k: 4, m: 50, seed: 99 }, undefined, 25, file);
    expect([rerun.n, rerun.r, rerun.k, rerun.m]).toEqual([5, 2, 3, 30]);
    for (const name of ['symmetric-exact', 'symmetric-over', 'asymmetric-over', 'modified'] as const) expect(Array.from(rerun.traces[name].errors)).toEqual(Array.from(original.traces[name].errors));
  });

  it('rejects a file that does not fit, naming the field', async () => {
    const params = { n: 5, r: 2, k: 3, m: 30, kappa: 2, alpha: 0.2, eta: 0.2, iterations: 40, modifyAt: 10, seed: 3 };
    const doc = sensingExport(await runSensingRaceJob(params));
    await expect(runSensingRaceJob(params, undefined, 25, { ...doc, Mstar: [[1, 2]] })).rejects.toThrow(/"Mstar" must be 5 rows, got 1/);
    await expect(runSensingRaceJob(params, undefined, 25, { ...doc, measurements: null })).rejects.toThrow(/"measurements" must be a non-empty m×n×n array/);
    await expect(runSensingRaceJob(params, undefined, 25, { ...doc, methods: doc.methods.slice(0, 2) })).rejects.toThrow(/no "asymmetric-over" entry/);
  });
});
