import { describe, expect, it } from 'vitest';
import { classicalMds, embeddingQuality, heatGeodesicDistances, makeDataset } from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';
import { standaloneContext } from '../../../src/workers/job';
import { StageCache } from '../../../src/workers/stageCache';
import { compareJob, embedJob, heatPreview, PREVIEW_ROWS, type CompareResult, type HeatParams } from '../../../src/workers/jobs/heat';
import { qualityOf } from '../../../src/workers/jobs/heatStages';

const base: HeatParams = {
  dataset: 'swissroll',
  n: 240,
  noise: 0.05,
  k: 10,
  alpha: 40,
  laplacian: 'normalized',
  t: 48,
  autoT: false,
  order: 48,
  sigma: 1,
  heat: 'auto',
  method: 'heatgeo',
  mdsIterations: 10,
  dims: 2,
  seed: 1,
};

const cold = (p: HeatParams) => embedJob.cpu(standaloneContext(), p, null);

describe('heat/embed stage memo', () => {
  it('a rerun with every stage cached returns the cold run’s result', async () => {
    const cache = new StageCache();
    const stages = cache.forCell('embed');
    const first = await embedJob.cpu(standaloneContext({ stages }), base, null);
    const again = await embedJob.cpu(standaloneContext({ stages }), base, null);
    const reference = await cold(base);
    expect(again.cached).toEqual(expect.arrayContaining(['data', 'knn', 'graph', 'eigen', 'heat', 'distances', 'embedding/heatgeo', 'quality']));
    expect(first.cached).toEqual([]);
    expectClose(again.embedding, reference.embedding, F64_EXACT, 'cached embedding');
    expectClose(again.quality!.spearman, reference.quality!.spearman, F64_EXACT, 'Spearman');
  });

  it('a change of t alone reuses data, kNN, graph and the eigendecomposition, and equals a cold run at the new t', async () => {
    const cache = new StageCache();
    const stages = cache.forCell('embed');
    // no SMACOF iterations: the embedding is classical MDS of the distances, so no warm start enters
    const p = { ...base, mdsIterations: 0 };
    await embedJob.cpu(standaloneContext({ stages }), p, null);
    const hits = cache.hits;
    const moved = await embedJob.cpu(standaloneContext({ stages }), { ...p, t: 60 }, null);
    expect(moved.route).toBe('eigen');
    expect(moved.cached).toEqual(['data', 'check', 'knn', 'graph', 'eigen']);
    expect(cache.hits - hits).toBe(5);
    expect(stages.has('graph', { data: { dataset: 'swissroll', n: 240, noise: 0.05, seed: 1, subsample: 0 }, k: 10, alpha: 40, laplacian: 'normalized', backend: 'cpu' })).toBe(true);
    const reference = await cold({ ...p, t: 60 });
    expectClose(moved.embedding, reference.embedding, F64_EXACT, 'embedding after a t change');
  });

  it('a change of MDS iterations alone reuses the heat kernel and the distances; σ alone reuses the heat kernel', async () => {
    const stages = new StageCache().forCell('embed');
    await embedJob.cpu(standaloneContext({ stages }), base, null);
    const more = await embedJob.cpu(standaloneContext({ stages }), { ...base, mdsIterations: 15 }, null);
    expect(more.cached).toEqual(expect.arrayContaining(['graph', 'eigen', 'heat', 'distances']));
    expect(more.cached).not.toContain('embedding/heatgeo');
    const sigma = await embedJob.cpu(standaloneContext({ stages }), { ...base, mdsIterations: 15, sigma: 0.8 }, null);
    expect(sigma.cached).toContain('heat');
    expect(sigma.cached).not.toContain('distances');
  });

  it('the Chebyshev route is kept where asked (and above the eigen route’s size), and says so', async () => {
    const r = await cold({ ...base, heat: 'chebyshev' });
    expect(r.route).toBe('chebyshev');
    expect(r.eigenpairs).toBe(0);
    const e = await cold(base);
    expect(e.route).toBe('eigen');
    expect(e.eigenpairs).toBeGreaterThan(0);
    expect(e.eigenpairs).toBeLessThan(base.n);
  });

  it('the job’s exact route is the geometry’s heatGeodesicDistances followed by classical MDS', async () => {
    const p = { ...base, heat: 'exact' as const, mdsIterations: 0 };
    const r = await cold(p);
    const data = makeDataset('swissroll', p.n, p.noise, mulberry32(p.seed));
    const h = heatGeodesicDistances(data.points, p.n, 3, { k: p.k, alpha: p.alpha, laplacian: p.laplacian, t: p.t, order: p.order, sigma: p.sigma, heat: 'exact' });
    expectClose(r.embedding, classicalMds(h.distances, p.n, 2, mulberry32(p.seed + 1)), F64_EXACT, 'embedding');
  });
});

describe('heat/embed stage memo on loaded data', () => {
  it('the same numbers hit the data and graph stages; one changed number misses them', async () => {
    const made = makeDataset('swissroll', 150, 0.05, mulberry32(4));
    const data = { points: made.points, n: 150, d: 3 };
    const p = { ...base, dataset: 'data' as const, mdsIterations: 0 };
    const stages = new StageCache().forCell('embed');
    await embedJob.cpu(standaloneContext({ stages }), p, data);
    const same = await embedJob.cpu(standaloneContext({ stages }), { ...p, t: 30 }, { ...data, points: made.points.slice() });
    expect(same.cached).toEqual(expect.arrayContaining(['data', 'graph', 'eigen']));
    const points = made.points.slice();
    points[10] += 1e-3;
    const changed = await embedJob.cpu(standaloneContext({ stages }), { ...p, t: 30 }, { ...data, points });
    expect(changed.cached).toEqual([]);
  });
});

describe('heat/embed warm-started SMACOF', () => {
  it('from the previous layout of the same points it reaches the cold run’s stress minimum', async () => {
    const p: HeatParams = { ...base, n: 200, t: 40, mdsIterations: 5000, mdsTolerance: 1e-10 };
    const stages = new StageCache().forCell('embed');
    await embedJob.cpu(standaloneContext({ stages }), p, null);
    const warm = await embedJob.cpu(standaloneContext({ stages }), { ...p, t: 44 }, null);
    const reference = await cold({ ...p, t: 44 });
    expect(warm.warmStart).toBe(true);
    expect(reference.warmStart).toBe(false);
    // both stopped at the tolerance, not at the iteration cap
    expect(warm.iterations).toBeLessThan(p.mdsIterations);
    expect(reference.iterations).toBeLessThan(p.mdsIterations);
    expectClose(warm.stress, reference.stress, F64_ITERATIVE, 'stress at the fixed point');
  });

  it('does not warm-start across different points', async () => {
    const stages = new StageCache().forCell('embed');
    await embedJob.cpu(standaloneContext({ stages }), base, null);
    const other = await embedJob.cpu(standaloneContext({ stages }), { ...base, seed: 2 }, null);
    expect(other.warmStart).toBe(false);
    const reference = await cold({ ...base, seed: 2 });
    expectClose(other.embedding, reference.embedding, F64_EXACT, 'embedding of new points');
  });
});

describe('heat previews', () => {
  it('run on PREVIEW_ROWS evenly spaced rows with t scaled to their density, in their own stage slots', async () => {
    const p = { ...base, n: 400, t: 80 };
    const preview = heatPreview(p)!;
    expect(preview.subsample).toBe(PREVIEW_ROWS);
    expect(heatPreview(preview)).toBeNull();
    expect(heatPreview({ ...p, n: 250 })).toBeNull();
    const stages = new StageCache().forCell('embed');
    await embedJob.cpu(standaloneContext({ stages }), p, null);
    const first = await embedJob.cpu(standaloneContext({ stages, preview: true }), preview, null);
    expect(first.n).toBe(PREVIEW_ROWS);
    expect(first.subsampledFrom).toBe(400);
    expect(first.t).toBeCloseTo((80 * PREVIEW_ROWS) / 400, 12);
    // the preview did not evict the full run's stages
    const full = await embedJob.cpu(standaloneContext({ stages }), p, null);
    expect(full.cached).toContain('embedding/heatgeo');
  });

  it('heat/compare: a cached rerun equals a cold run, and t alone recomputes only the heat-geodesic panel', async () => {
    const p = { ...base, n: 150, mdsIterations: 5 };
    const stages = new StageCache().forCell('compare');
    await compareJob.cpu(standaloneContext({ stages }), p, null);
    const moved = await compareJob.cpu(standaloneContext({ stages }), { ...p, t: 40 }, null);
    expect(moved.cached).toEqual(expect.arrayContaining(['graph', 'eigen', 'distances/phate', 'embedding/phate', 'distances/shortest', 'embedding/diffusion']));
    expect(moved.cached).not.toContain('heat');
    const reference = await compareJob.cpu(standaloneContext(), { ...p, t: 40 }, null);
    for (const [i, m] of reference.methods.entries()) {
      if (m.method === 'heatgeo') continue; // warm-started from the t = 48 layout
      expectClose(moved.methods[i]!.embedding, m.embedding, F64_EXACT, m.method);
    }
  });

  it('heat/compare hands each finished panel to the figure (cheapest first), listed in the methods’ order, its quality figures right after', async () => {
    const partials: CompareResult[] = [];
    const r = await compareJob.cpu(standaloneContext({ onPartial: (x) => void partials.push(x as CompareResult) }), { ...base, n: 150, mdsIterations: 5 }, null);
    const listed = (x: CompareResult) => x.methods.map((m) => `${m.method}${m.qualityPending ? ' (measuring)' : ''}`);
    expect(partials.map(listed)).toEqual([
      ['diffusion (measuring)'],
      ['diffusion'],
      ['diffusion', 'shortest (measuring)'],
      ['diffusion', 'shortest'],
      ['phate (measuring)', 'diffusion', 'shortest'],
      ['phate', 'diffusion', 'shortest'],
    ]);
    expect(r.methods.map((m) => m.method)).toEqual(['heatgeo', 'phate', 'diffusion', 'shortest']);
    expect(r.methods.some((m) => m.qualityPending)).toBe(false);
    // a panel's figures while measuring: no quality yet; once measured: the final result's
    const final = new Map(r.methods.map((m) => [m.method, m]));
    for (const x of partials) {
      for (const m of x.methods) {
        if (m.qualityPending) expect(m.quality).toBeNull();
        else expect(m.quality).toEqual(final.get(m.method)!.quality);
      }
    }
  });

  it('quality figures measured against the cached ground-truth rows equal a fresh measurement, for each row count', async () => {
    const data = makeDataset('swissroll', 180, 0.05, mulberry32(4));
    const x = { ...data, d: data.dim, input: new Float32Array(0), warnings: [], skipQuality: false, subsampledFrom: 0 };
    const first = new Float64Array(180 * 2).map((_, k) => Math.sin(k));
    const second = new Float64Array(180 * 2).map((_, k) => Math.cos(3 * k));
    for (const rows of [60, 180, 60]) {
      for (const e of [first, second]) {
        const cached = qualityOf(e, x, 2, rows)!;
        const fresh = embeddingQuality(e, 180, 2, data.groundTruth!, rows);
        expect(cached).toEqual(fresh);
      }
    }
  });
});
