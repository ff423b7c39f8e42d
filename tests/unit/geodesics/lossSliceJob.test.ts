import { describe, expect, it } from 'vitest';
import { fan, type FanParams } from '../../../src/workers/jobs/geodesics';
import { standaloneContext, type JobContext } from '../../../src/workers/job';
import { DeviceLimitError } from '../../../src/kernels/context';
import { buildLossSlice, gaussianCurvature } from '../../../src/geometry/surfaces';
import { expectClose, F32_ELEMENTWISE } from '../../../src/geometry/tolerance';

function context(): JobContext<unknown> {
  return standaloneContext();
}

const params: FanParams = { surface: 'lossSlice', x0: 0.1, y0: -0.2, count: 12, length: 0.8, steps: 80, gridSize: 20, lossSteps: 50, lossSeed: 3 };

describe('geodesics/fan on the network loss slice', () => {
  it('CPU path: geodesics stay in the domain, heights and curvature come from the slice built with the same steps and seed', async () => {
    const result = await fan.cpu(context(), params, null);
    const slice = buildLossSlice({ steps: 50, seed: 3 });
    const [x0, x1, y0, y1] = slice.surface.domain;
    expect(Array.from(result.domain)).toEqual([x0, x1, y0, y1]);
    const stride = (params.steps + 1) * 3;
    for (let j = 0; j < result.count; j++)
      for (let k = 0; k < result.lengths[j]; k++) {
        const o = j * stride + k * 3;
        const [x, y, z] = [result.points[o], result.points[o + 1], result.points[o + 2]];
        expect(x >= x0 && x <= x1 && y >= y0 && y <= y1).toBe(true);
        expectClose([z], [slice.surface.f(x, y)], F32_ELEMENTWISE, `z of geodesic ${j} step ${k}`);
      }
    // Node (i, j) = (7, 11) of the 20×20 mesh: f32 copies of f and K.
    const x = x0 + ((x1 - x0) * 11) / 19;
    const y = y0 + ((y1 - y0) * 7) / 19;
    expectClose([result.heights[7 * 20 + 11], result.curvature[7 * 20 + 11]], [slice.surface.f(x, y), gaussianCurvature(slice.surface, x, y)], F32_ELEMENTWISE, 'mesh node');
    expect(result.lossSlice).toMatchObject({ steps: 50, seed: 3, sampleGrid: 48, radius: 1, paramCount: slice.mlp.paramCount });
    expectClose([result.lossSlice!.topEigenvalue], [slice.topEigenvalue], F32_ELEMENTWISE, 'λ₁');
  });

  it('GPU path refuses with DeviceLimitError so the engine reruns it on the CPU', async () => {
    await expect(fan.gpu!(context(), params, null)).rejects.toThrow(DeviceLimitError);
  });

  it('rejects invalid network parameters by name', async () => {
    await expect(fan.cpu(context(), { ...params, lossSteps: -1 }, null)).rejects.toThrow(/invalid lossSteps: -1/);
  });
});
