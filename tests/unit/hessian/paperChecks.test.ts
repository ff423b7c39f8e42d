/** The paper-check verdicts: each claim's rule on constructed spectra. */
import { describe, expect, it } from 'vitest';
import { paperChecks } from '../../../app/views/hessian/paperChecks';

const run = { lr: 0.5, classes: 4, batchSize: 256, n: 256, optimizer: 'gd' as const };
const snapshot = {
  top: Float64Array.from([3.9, 1.8, 1.2, 0.3, 0.2]),
  gaussNewtonTop: Float64Array.from([3.8, 1.7, 1.1, 0.2, 0.1]),
  residualTop: Float64Array.from([0.3, 0.2, 0.1, 0.05, 0.01]),
  outliers: 3,
  bulkRms: 0.05,
  trace: 12,
  traceStandardError: 0.5,
};

const verdicts = (rows: ReturnType<typeof paperChecks>) => rows.map((r) => r.ok);

describe('paper check', () => {
  it('GD below 2/η with k − 1 outliers from G: consistent; the SGD row does not apply', () => {
    expect(verdicts(paperChecks(run, snapshot, []))).toEqual([true, true, null, true, null]);
  });
  it('sharpness well above 2/η, too few outliers, outliers not in G: not seen', () => {
    const bad = { ...snapshot, top: Float64Array.from([6, 1, 0.9]), outliers: 1, gaussNewtonTop: Float64Array.from([2, 1, 0.5]) };
    expect(verdicts(paperChecks(run, bad, []))).toEqual([false, false, null, false, null]);
  });
  it('SGD: tr(H) against 2/η; without the G/H − G split that row asks for it', () => {
    const sgd = { ...run, optimizer: 'sgd' as const, batchSize: 16 };
    const rows = paperChecks(sgd, { ...snapshot, trace: 3.5, gaussNewtonTop: null, residualTop: null }, []);
    expect(rows[4].ok).toBe(true);
    expect(rows[3].ok).toBeNull();
    expect(rows[1]).toMatchObject({ ok: null, evidence: 'enable "G and H − G"' });
    expect(paperChecks(sgd, { ...snapshot, trace: 30 }, [])[4].ok).toBe(false);
  });
  it('lists the bulk of each network width tried on the same data', () => {
    const rows = paperChecks(run, snapshot, [
      { paramCount: 200, bulkRms: 0.1, outliers: 3 },
      { paramCount: 900, bulkRms: 0.04, outliers: 3 },
    ]);
    expect(rows[2].evidence).toBe('P = 200: bulk RMS 0.1, 3 outliers; P = 900: bulk RMS 0.04, 3 outliers');
  });
});
