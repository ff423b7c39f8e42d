import { describe, expect, it } from 'vitest';
import { fan, spdPaths, SPD_METRICS, type FanParams, type SpdPathsData } from '../../../src/workers/jobs/geodesics';
import { InputError, JobCancelled, standaloneContext, type JobContext } from '../../../src/workers/job';
import { StageCache } from '../../../src/workers/stageCache';
import { geodesicFan, surfaceByName } from '../../../src/geometry/surfaces';
import { expectClose, F64_EXACT, F64_ITERATIVE } from '../../../src/geometry/tolerance';

function context(cancelAfter = Infinity): JobContext<unknown> & { reports: unknown[] } {
  const reports: unknown[] = [];
  return { ...standaloneContext({ cancelAfter, onProgress: (r) => void reports.push(r) }), reports };
}

const c = Math.cos(0.4);
const s = Math.sin(0.4);
// A = Q diag(4, 1) Qᵀ and B = Q diag(1, 9) Qᵀ commute.
const rot = (l1: number, l2: number) => Float64Array.of(c * c * l1 + s * s * l2, c * s * (l1 - l2), c * s * (l1 - l2), s * s * l1 + c * c * l2);
const data: SpdPathsData = { n: 2, matrices: [rot(4, 1), rot(1, 9), rot(2, 2)] };

describe('geodesics/spd-paths', () => {
  it('returns every metric with constant-speed samples and the closed-form determinants', async () => {
    const result = await spdPaths.cpu(context(), { samples: 11, theta: 1, means: true }, data);
    expect(Object.keys(result.metrics).sort()).toEqual([...SPD_METRICS].sort());
    for (const name of SPD_METRICS) {
      const m = result.metrics[name];
      expectClose(m.distanceFromStart, Array.from(m.t, (t) => t * m.distance), F64_ITERATIVE, `${name} d(A, γ(t)) = t d(A, B)`);
      expect(m.meanConverged).toBe(true);
    }
    // AI: det γ(t) = det(A)^{1−t} det(B)^t = 4^{1−t} 9^t
    expectClose(result.metrics.affineInvariant.determinants, Array.from(result.metrics.affineInvariant.t, (t) => 4 ** (1 - t) * 9 ** t), F64_EXACT);
    // BW on commuting matrices: eigenvalues ((1−t)√a + t√b)²
    const bwDet = (t: number) => ((1 - t) * 2 + t * 1) ** 2 * ((1 - t) * 1 + t * 3) ** 2;
    expectClose(result.metrics.buresWasserstein.determinants, Array.from(result.metrics.buresWasserstein.t, bwDet), F64_EXACT);
  });
  it('names the bad value', async () => {
    const nonSymmetric = { n: 2, matrices: [Float64Array.of(1, 0.5, 0, 1), rot(1, 2)] };
    await expect(spdPaths.cpu(context(), { samples: 11, theta: 1, means: false }, nonSymmetric)).rejects.toThrow(InputError);
    await expect(spdPaths.cpu(context(), { samples: 11, theta: 1, means: false }, nonSymmetric)).rejects.toThrow(/matrices\[0\] is not symmetric/);
    await expect(spdPaths.cpu(context(), { samples: 11, theta: 1, means: false }, { n: 2, matrices: [rot(1, 2), rot(1, -2)] })).rejects.toThrow(
      /matrices\[1\] is not positive definite: its smallest eigenvalue is -2\.00000/,
    );
    await expect(spdPaths.cpu(context(), { samples: 1, theta: 1, means: false }, data)).rejects.toThrow(/invalid samples: 1/);
    await expect(spdPaths.cpu(context(), { samples: 5, theta: 0, means: false }, data)).rejects.toThrow(/invalid theta: 0/);
    await expect(spdPaths.cpu(context(), { samples: 5, theta: 1, means: false }, { ...data, m: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) })).rejects.toThrow(
      /M is 3×3 but the matrices are 2×2/,
    );
  });
  it('is cancellable between metrics', async () => {
    await expect(spdPaths.cpu(context(1), { samples: 11, theta: 1, means: true }, data)).rejects.toThrow(JobCancelled);
  });
});

describe('geodesics/fan', () => {
  const params: FanParams = { surface: 'gaussianBump', x0: -0.5, y0: 0.3, count: 150, length: 1, steps: 40, gridSize: 9 };
  it('computes in chunks exactly what one pass computes, and the curvature grid', async () => {
    const ctx = context();
    const result = await fan.cpu(ctx, params, null);
    const whole = geodesicFan(surfaceByName('gaussianBump'), params);
    expectClose(result.points, Float32Array.from(whole.points), F64_EXACT);
    expect(Array.from(result.lengths)).toEqual(Array.from(whole.lengths));
    expect(ctx.reports.length).toBe(3);
    // At the bump's top (grid centre) K = f_xx f_yy = (1/s²)² = 16.
    expectClose(result.curvature[4 * 9 + 4], 16, { absolute: 0, relative: 1e-6 });
  });
  it('a moved start point reuses the cached mesh (stage hit) and equals a cold run', async () => {
    const cache = new StageCache();
    const memo = cache.forCell('fan');
    await fan.cpu(standaloneContext({ stages: memo }), params, null);
    const moved = { ...params, x0: 0.2, count: 20 };
    const warm = await fan.cpu(standaloneContext({ stages: memo }), moved, null);
    expect(cache.hits).toBe(1);
    const cold = await fan.cpu(context(), moved, null);
    expect(Array.from(warm.curvature)).toEqual(Array.from(cold.curvature));
    expect(Array.from(warm.points)).toEqual(Array.from(cold.points));
    expect(warm.heights.buffer).not.toBe(memo.last<{ heights: Float32Array }>('grid')!.heights.buffer);
    expect(memo.has('grid', { surface: 'saddle', gridSize: 9 })).toBe(false);
  });
  it('names the bad value and is cancellable', async () => {
    await expect(fan.cpu(context(), { ...params, surface: 'torus' as FanParams['surface'] }, null)).rejects.toThrow(/unknown surface: torus/);
    await expect(fan.cpu(context(), { ...params, count: -3 }, null)).rejects.toThrow(/invalid count: -3/);
    await expect(fan.cpu(context(), { ...params, gridSize: 1 }, null)).rejects.toThrow(/invalid gridSize: 1/);
    await expect(fan.cpu(context(2), params, null)).rejects.toThrow(JobCancelled);
  });
});
