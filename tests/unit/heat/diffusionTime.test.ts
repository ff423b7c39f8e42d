import { describe, expect, it } from 'vitest';
import { diffusionTimeCurve, entropyTimes, graphStage, makeDataset } from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';

describe('automatic diffusion time (one implementation for every heat path)', () => {
  it('the sweep grid runs evenly from 0.05 to 200 (normalized) or 20 (combinatorial) in 20 points', () => {
    for (const [kind, tMax] of [['normalized', 200], ['combinatorial', 20]] as const) {
      const times = entropyTimes(kind);
      expect(times.length).toBe(20);
      expect(times[0]).toBe(0.05);
      expect(times[19]).toBeCloseTo(tMax, 12);
      for (let i = 1; i < 19; i++) expect(times[i + 1] - times[i]).toBeCloseTo(times[1] - times[0], 12);
    }
  });

  it('the curve is sampled on that grid and its knee is one of its times', () => {
    const data = makeDataset('swissroll', 120, 0.1, mulberry32(4));
    const g = graphStage(data.points, data.n, 3, { k: 8, alpha: 1, laplacian: 'normalized' });
    const curve = diffusionTimeCurve(g.laplacian, g.lambdaMax, 'normalized');
    expect(Array.from(curve.times)).toEqual(entropyTimes('normalized'));
    expect(curve.knee).toBeGreaterThanOrEqual(0);
    expect(curve.knee).toBeLessThan(20);
  });
});
