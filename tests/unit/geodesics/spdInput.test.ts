import { describe, expect, it } from 'vitest';
import { dataFromJson, leadingBlock, spdFromSliders } from '../../../app/views/geodesics/spdInput';
import { spdExportResult } from '../../../app/views/geodesics/spdExport';
import { spdPaths } from '../../../src/workers/jobs/geodesics';
import { standaloneContext } from '../../../src/workers/job';
import { symmetricEigen } from '../../../src/geometry/spd';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

describe('SPD view inputs', () => {
  it('slider matrices have the requested eigenvalues, up to condition number 1e8', () => {
    for (const n of [2, 3] as const) {
      const a = spdFromSliders(n, 5, 1e8, 37);
      const expected = n === 2 ? [5e-8, 5] : [5e-8, Math.sqrt(5 * 5e-8), 5];
      expectClose(symmetricEigen(a).values, expected, { absolute: 1e-15, relative: 1e-7 });
      expectClose(a, Array.from(a, (_, k) => a[(k % n) * n + Math.floor(k / n)]), F64_EXACT, 'symmetric');
    }
  });
  it('parses { matrices, M } and names what is wrong', () => {
    const d = dataFromJson({ matrices: [[[2, 0], [0, 1]], [[1, 0.5], [0.5, 1]]], M: [[1, 0], [0, 2]] });
    expect(d.n).toBe(2);
    expect(Array.from(d.matrices[1])).toEqual([1, 0.5, 0.5, 1]);
    expect(Array.from(d.m!)).toEqual([1, 0, 0, 2]);
    expect(() => dataFromJson({ matrices: [[[1]]] })).toThrow(/"matrices" has 1 entries but at least 2 are needed/);
    expect(() => dataFromJson({ matrices: [[[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]] })).toThrow(/matrices\[1\] is 2×3 but must be square/);
    expect(() => dataFromJson({ matrices: [[[1, 0], [0, 1]], [[1, 'x'], [0, 1]]] })).toThrow(/matrices\[1\]\[0\]\[1\] must be a finite number, got "x"/);
    expect(() => dataFromJson({ matrices: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]], M: [[1]] })).toThrow(/M is 1×1 but the matrices are 2×2/);
    expect(() => dataFromJson({ mats: [] })).toThrow(/"matrices" must be an array/);
    expect(Array.from(leadingBlock(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 3, 2))).toEqual([1, 2, 4, 5]);
  });
  it('the export keeps t = 0, 0.1, …, 1 with γ(0) = A, γ(1) = B and BW distance of commuting matrices', async () => {
    const data = dataFromJson({ matrices: [[[4, 0], [0, 1]], [[1, 0], [0, 9]]] });
    const ctx = standaloneContext();
    const result = await spdPaths.cpu(ctx, { samples: 101, theta: 1, means: true }, data);
    const doc = spdExportResult(result, data) as unknown as Record<string, { distance: number; geodesic: { t: number; matrix: number[][] }[] }>;
    const bw = doc.buresWasserstein;
    expect(bw.geodesic.map((g) => g.t)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expectClose(bw.distance, Math.sqrt(5), F64_EXACT);
    expectClose(bw.geodesic[10].matrix.flat(), [1, 0, 0, 9], F64_EXACT);
    // BW midpoint of commuting matrices: ((√a + √b)/2)² per eigenvalue.
    expectClose(bw.geodesic[5].matrix.flat(), [2.25, 0, 0, 4], F64_EXACT);
  });
});
