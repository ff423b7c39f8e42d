/**
 * The dense row-block operator on the worker pool (src/workers/densePool.ts) with the helpers
 * run in process (poolRows.ts behind a transport that clones each message, as postMessage
 * does): A x, Aᵀ u and the row and column log-sum-exp against the JavaScript references of
 * src/geometry, for 2, 3 and 4 row blocks and shapes whose blocks are uneven; a closed form;
 * the block kept between operators of the same key; bad shapes refused.
 */
import { describe, expect, it } from 'vitest';
import { matVec, transpose } from '../../../src/geometry/linalg/dense';
import { reduce } from '../../../src/geometry/linalg/reductions';
import { mulberry32 } from '../../../src/geometry/random';
import { F64_EXACT, expectClose } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { createDensePool } from '../../../src/workers/densePool';
import { createRowBlockWorker } from '../../../src/workers/poolRows';
import { inProcessPool } from '../poolInProcess';

const module = (await loadKernelsNode())!;

const pool = (size: number, log?: string[]) => inProcessPool(module, size, { log });

function randomMatrix(n: number, m: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: n * m }, () => 6 * random() - 3);
}

describe('dense operator on the pool', () => {
  for (const [n, m, size] of [[81, 37, 2], [81, 37, 3], [50, 64, 4], [7, 5, 4], [3, 9, 2]]) {
    it(`A x, Aᵀu, row and column LSE equal the JS references (${n}×${m}, ${size} blocks)`, async () => {
      const a = randomMatrix(n, m, n + m + size);
      const random = mulberry32(5);
      const x = Float64Array.from({ length: m }, () => random() - 0.5);
      const u = Float64Array.from({ length: n }, () => random() - 0.5);
      const lease = pool(size).acquire(n * m)!;
      const dense = await createDensePool(module.instantiate(), lease, a, n, m, `test ${n} ${m}`);
      expect(dense.workers).toBeGreaterThan(1);
      expectClose(await dense.matVec(x), matVec(a, x, n, m), F64_EXACT, 'A x');
      expectClose(await dense.matVecTransposed(u), matVec(transpose(a, n, m), u, m, n), F64_EXACT, 'Aᵀ u');
      expectClose(await dense.rowLogSumExp(), reduce(a, n, m, 'logsumexp', 'rows'), F64_EXACT, 'row LSE');
      expectClose(await dense.columnLogSumExp(), reduce(a, n, m, 'logsumexp', 'cols'), F64_EXACT, 'column LSE');
      lease.release();
    });
  }

  it('matches closed forms on A_ij = i + 2j', async () => {
    const n = 40;
    const m = 30;
    const a = Float64Array.from({ length: n * m }, (_, k) => Math.floor(k / m) + 2 * (k % m));
    const lease = pool(3).acquire(n * m)!;
    const dense = await createDensePool(module.instantiate(), lease, a, n, m, 'closed');
    // A 1 = m i + m(m − 1); Aᵀ 1 = n(n − 1)/2 + 2 n j
    const ax = await dense.matVec(new Float64Array(m).fill(1));
    ax.forEach((v, i) => expect(v).toBeCloseTo(m * i + m * (m - 1), 9));
    const atu = await dense.matVecTransposed(new Float64Array(n).fill(1));
    atu.forEach((v, j) => expect(v).toBeCloseTo((n * (n - 1)) / 2 + 2 * n * j, 9));
    // row i: LSE_j(i + 2j) = i + log Σ_j e^{2j} = i + log((e^{2m} − 1)/(e² − 1))
    const rowConst = Math.log(Math.expm1(2 * m) / Math.expm1(2));
    (await dense.rowLogSumExp()).forEach((v, i) => expect(v).toBeCloseTo(i + rowConst, 9));
    // column j: 2j + log((eⁿ − 1)/(e − 1))
    const colConst = Math.log(Math.expm1(n) / Math.expm1(1));
    (await dense.columnLogSumExp()).forEach((v, j) => expect(v).toBeCloseTo(2 * j + colConst, 9));
    lease.release();
  });

  it('keeps a helper block between operators of the same key, and replaces it for another', async () => {
    const log: string[] = [];
    const p = pool(2, log);
    const a = randomMatrix(20, 10, 1);
    const b = randomMatrix(20, 10, 2);
    const replies: boolean[] = [];
    for (const [matrix, key] of [[a, 'a'], [a, 'a'], [b, 'b']] as const) {
      const lease = p.acquire(200)!;
      const dense = await createDensePool(module.instantiate(), lease, matrix, 20, 10, key);
      expectClose(await dense.matVec(new Float64Array(10).fill(1)), matVec(matrix, new Float64Array(10).fill(1), 20, 10), F64_EXACT, `A 1 (${key})`);
      const reply = await lease.helpers[0].request({ type: 'denseSetup', key, rows: 10, m: 10, matrix: matrix.slice(100) });
      replies.push(reply.type === 'denseSetup' && reply.reused);
      lease.release();
    }
    expect(replies).toEqual([true, true, true]);
    expect(log.filter((t) => t === 'denseSetup')).toHaveLength(6);
  });

  it('refuses wrong shapes, and a product before the block is set up', async () => {
    const lease = pool(2).acquire(100)!;
    await expect(createDensePool(module.instantiate(), lease, new Float64Array(99), 10, 10, 'bad')).rejects.toThrow(/99 entries, expected 10×10/);
    const dense = await createDensePool(module.instantiate(), lease, randomMatrix(10, 10, 3), 10, 10, 'ok');
    await expect(dense.matVec(new Float64Array(9))).rejects.toThrow(/x has 9 entries, expected 10/);
    await expect(dense.matVecTransposed(new Float64Array(11))).rejects.toThrow(/u has 11 entries, expected 10/);
    lease.release();
    const fresh = createRowBlockWorker(module);
    const reply = fresh({ type: 'denseMatVec', x: new Float64Array(3) }).reply;
    expect(reply).toEqual({ type: 'error', message: 'no dense block: send "denseSetup" first' });
  });
});
