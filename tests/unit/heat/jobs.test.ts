import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { InputError, standaloneContext, type JobContext } from '../../../src/workers/job';
import { DEFAULT_LANDMARKS } from '../../../src/geometry/heat';
import { compareJob, embedJob, LANDMARK_AUTO_ROWS, landmarkCount, type HeatParams, type HeatProgress } from '../../../src/workers/jobs/heat';

function cpuContext(reports: HeatProgress[]): JobContext<HeatProgress> {
  return standaloneContext<HeatProgress>({ onProgress: (r) => void reports.push(r) });
}

const base: HeatParams = {
  dataset: 'swissroll',
  n: 300,
  noise: 0.05,
  k: 10,
  alpha: 40,
  laplacian: 'normalized',
  t: 50,
  autoT: false,
  order: 48,
  sigma: 1,
  heat: 'chebyshev',
  method: 'heatgeo',
  mdsIterations: 20,
  dims: 2,
  seed: 1,
};

describe('heat/embed on the CPU path', () => {
  it('streams SMACOF iterates and returns an n×2 embedding with quality against arc length', async () => {
    const reports: HeatProgress[] = [];
    const r = await embedJob.cpu(cpuContext(reports), base, null);
    expect(r.embedding.length).toBe(300 * 2);
    const iterates = reports.filter((p) => p.embedding && p.iteration !== undefined);
    expect(iterates.length).toBeGreaterThan(3);
    // stress reported along the way never increases (majorization)
    const stresses = reports.filter((p) => p.stress !== undefined && Number.isFinite(p.stress)).map((p) => p.stress!);
    for (let i = 1; i < stresses.length; i++) expect(stresses[i]).toBeLessThanOrEqual(stresses[i - 1] * (1 + 1e-9));
    expect(r.quality!.spearman).toBeGreaterThan(0.9);
  });

  it('picks t at the entropy knee when autoT is on', async () => {
    const r = await embedJob.cpu(cpuContext([]), { ...base, autoT: true, mdsIterations: 0 }, null);
    expect(r.entropy).not.toBeNull();
    expect(r.t).toBe(r.entropy!.times[r.entropy!.knee]);
  });

  it('warns when the Chebyshev order is too small for t·λ_max', async () => {
    const r = await embedJob.cpu(cpuContext([]), { ...base, order: 4, mdsIterations: 0 }, null);
    expect(r.warnings.join(' ')).toMatch(/Chebyshev order 4 is too small/);
  });

  it('loaded data: names NaN, k ≥ n and too many rows; says when the graph is disconnected', async () => {
    const ctx = cpuContext([]);
    const data = { points: Float64Array.from([0, 0, 1, NaN, 2, 2, 3, 3]), n: 4, d: 2 };
    await expect(embedJob.cpu(ctx, { ...base, dataset: 'data', k: 2 }, data)).rejects.toThrow(InputError);
    await expect(embedJob.cpu(ctx, { ...base, dataset: 'data', k: 2 }, data)).rejects.toThrow(/row 2, column 2 is NaN/);
    await expect(embedJob.cpu(ctx, { ...base, dataset: 'data', k: 4 }, { ...data, points: Float64Array.from([0, 0, 1, 1, 2, 2, 3, 4]) })).rejects.toThrow(/k = 4 but it must satisfy/);
    await expect(embedJob.cpu(ctx, { ...base, n: 9000 }, null)).rejects.toThrow(/n = 9000 is more than the limit of 5000/);
    const random = mulberry32(5);
    const twoBlobs = Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : 50) + random());
    const r = await embedJob.cpu(ctx, { ...base, dataset: 'data', k: 10, mdsIterations: 5 }, { points: twoBlobs, n: 40, d: 2 });
    expect(r.components).toBe(2);
    expect(r.warnings.join(' ')).toMatch(/2 connected components/);
    expect(Array.from(r.embedding).every(Number.isFinite)).toBe(true);
  });
});

describe('heat/embed: every method and the exact heat kernel', () => {
  it('exact and Chebyshev (order for a 1e-10 bound) give the same embedding on a small roll', async () => {
    const p = { ...base, n: 150, t: 20, order: 60, mdsIterations: 5 };
    const cheb = await embedJob.cpu(cpuContext([]), p, null);
    const exact = await embedJob.cpu(cpuContext([]), { ...p, heat: 'exact' }, null);
    expect(cheb.truncationBound).toBeLessThan(1e-10);
    expectClose(exact.embedding, cheb.embedding, F64_ITERATIVE, 'embedding');
  });
  for (const method of ['phate', 'diffusion', 'shortest'] as const) {
    it(`${method}: an n×2 embedding of finite numbers with quality`, async () => {
      const r = await embedJob.cpu(cpuContext([]), { ...base, n: 150, method, mdsIterations: 5 }, null);
      expect(r.method).toBe(method);
      expect(r.embedding.length).toBe(300);
      expect(Array.from(r.embedding).every(Number.isFinite)).toBe(true);
      expect(r.quality).not.toBeNull();
    });
  }
  it('refuses the exact path above its size limit', async () => {
    await expect(embedJob.cpu(cpuContext([]), { ...base, n: 900, heat: 'exact' }, null)).rejects.toThrow(/exact heat kernel is O\(n³\): n = 900/);
  });
});

describe('heat/compare', () => {
  it('returns every method with its quality; shortest paths and heat geodesics beat 0.9 on a Swiss roll', async () => {
    const r = await compareJob.cpu(cpuContext([]), { ...base, n: 250 }, null);
    expect(r.methods.map((m) => m.method)).toEqual(['heatgeo', 'phate', 'diffusion', 'shortest']);
    const q = Object.fromEntries(r.methods.map((m) => [m.method, m.quality!.spearman]));
    expect(q.heatgeo).toBeGreaterThan(0.9);
    expect(q.shortest).toBeGreaterThan(0.9);
  });
});

describe('heat/embed landmark path', () => {
  it('uses L landmarks when asked, the full path for 0, and keeps the quality', async () => {
    const full = await embedJob.cpu(cpuContext([]), { ...base, landmarks: 0 }, null);
    const lm = await embedJob.cpu(cpuContext([]), { ...base, landmarks: 60 }, null);
    expect(full.landmarks).toBe(0);
    expect(lm.landmarks).toBe(60);
    expect(lm.embedding.length).toBe(300 * 2);
    expect(lm.embedding.every(Number.isFinite)).toBe(true);
    // the acceptance margin for the landmark approximation
    expect(lm.quality!.spearman).toBeGreaterThan(full.quality!.spearman - 0.01);
  });

  it('chooses landmarks automatically only above LANDMARK_AUTO_ROWS, and only for Chebyshev heat geodesics', () => {
    expect(landmarkCount({ method: 'heatgeo', heat: 'chebyshev' }, LANDMARK_AUTO_ROWS)).toBe(0);
    expect(landmarkCount({ method: 'heatgeo', heat: 'chebyshev' }, LANDMARK_AUTO_ROWS + 1)).toBe(DEFAULT_LANDMARKS);
    expect(landmarkCount({ method: 'heatgeo', heat: 'exact', landmarks: 50 }, 500)).toBe(0);
    expect(landmarkCount({ method: 'phate', heat: 'chebyshev', landmarks: 50 }, 500)).toBe(0);
    expect(landmarkCount({ method: 'heatgeo', heat: 'chebyshev', landmarks: 500 }, 500)).toBe(0);
  });

  it('rejects a negative landmark count', async () => {
    await expect(embedJob.cpu(cpuContext([]), { ...base, landmarks: -1 }, null)).rejects.toThrow(/invalid landmarks: -1/);
  });
});
