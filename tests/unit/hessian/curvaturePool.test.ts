/**
 * The curvature operator split by samples across the worker pool (src/workers/curvaturePool.ts),
 * helpers in process (poolRows.ts behind a transport that clones each message, as postMessage
 * does): H v, G v and (H − G) v with weight decay against the single-threaded JS operator of
 * src/geometry/nn (itself checked against exact Hessians), for 2 and 3 blocks and an odd
 * sample count; the helper's block kept for the same key.
 */
import { describe, expect, it } from 'vitest';
import { createMlp, curvatureOperator, type ClassificationData } from '../../../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../../../src/geometry/random';
import { F64_EXACT, expectClose } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { createCurvaturePool } from '../../../src/workers/curvaturePool';
import { createRowBlockWorker } from '../../../src/workers/poolRows';
import { inProcessPool } from '../poolInProcess';

const module = (await loadKernelsNode())!;

const pool = (size: number, log: string[] = []) => inProcessPool(module, size, { log });

const mlp = createMlp([3, 6, 5, 4], 'tanh');
const random = mulberry32(3);
const n = 37;
const data: ClassificationData = { x: gaussianVector(n * 3, random), y: Int32Array.from({ length: n }, (_, i) => (i * 7) % 4), n, dimension: 3, classes: 4 };
const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.5 * t);
const v = gaussianVector(mlp.paramCount, mulberry32(9));

describe('curvature operator on the worker pool', () => {
  for (const size of [2, 3]) {
    for (const kind of ['hessian', 'gaussNewton', 'residual'] as const) {
      it(`${kind}, ${size} blocks: the single-threaded operator's product`, async () => {
        const lease = pool(size).acquire(Infinity)!;
        const pooled = await createCurvaturePool(module, lease, mlp, theta, data, 0.01, kind, `${kind}`);
        expect(pooled.workers).toBe(size);
        const reference = new Float64Array(mlp.paramCount);
        curvatureOperator(mlp, theta, data, 0.01, kind).apply(v, reference);
        expectClose(await pooled.apply(v), reference, F64_EXACT, `${kind} v`);
        lease.release();
      });
    }
  }

  it('keeps a helper block for the same key and refuses a wrong-sized v', async () => {
    const log: string[] = [];
    const p = pool(2, log);
    for (let r = 0; r < 2; r++) {
      const lease = p.acquire(Infinity)!;
      const pooled = await createCurvaturePool(module, lease, mlp, theta, data, 0, 'hessian', 'same');
      const reply = await lease.helpers[0].request({ type: 'curvatureApply', v });
      expect(reply.type).toBe('vector');
      await expect(pooled.apply(new Float64Array(3))).rejects.toThrow(/got v of 3/);
      lease.release();
    }
    const fresh = createRowBlockWorker(module);
    expect(fresh({ type: 'curvatureApply', v }).reply).toEqual({ type: 'error', message: 'no curvature block: send "curvatureSetup" first' });
  });
});
