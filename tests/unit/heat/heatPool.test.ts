/**
 * The Chebyshev heat kernel with its column blocks split across the worker pool
 * (src/workers/heatPool.ts), helpers in process (poolRows.ts behind a transport that clones each
 * message, as postMessage does): H_t equal to the single-threaded WASM kernel entry for entry
 * (itself equal to heatKernelChebyshevDense, tests/unit/heat/wasmKernels.test.ts) for 2 and 3
 * blocks and block sizes that leave a short last block; a cancelled run hands out no further block.
 */
import { describe, expect, it } from 'vitest';
import { affinityGraph, laplacian, makeDataset } from '../../../src/geometry/heat';
import { mulberry32 } from '../../../src/geometry/random';
import { heatKernelChebyshevDenseWasm } from '../../../src/kernels/wasm/heatKernels';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import { heatKernelChebyshevPooled } from '../../../src/workers/heatPool';
import { JobCancelled } from '../../../src/workers/job';
import { inProcessPool } from '../poolInProcess';

const module = (await loadKernelsNode())!;

const pool = (size: number, log: string[] = []) => inProcessPool(module, size, { log });

const n = 90;
const data = makeDataset('swissroll', n, 0.1, mulberry32(4));
const l = laplacian(affinityGraph(data.points, n, 3, { k: 10, alpha: 40 }).weights, 'normalized');
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('Chebyshev heat kernel on the worker pool', () => {
  for (const [size, block] of [[2, 16], [3, 7], [2, 64]]) {
    it(`${size} row blocks, column blocks of ${block}: the single-threaded H_t entry for entry`, async () => {
      const log: string[] = [];
      const lease = pool(size, log).acquire(Infinity)!;
      const done: number[] = [];
      const h = await heatKernelChebyshevPooled(module, lease, l, 2, 3, 30, block, 'k', tick, (d) => done.push(d));
      expect(Array.from(h)).toEqual(Array.from(heatKernelChebyshevDenseWasm(module, l, 2, 3, 30, block)));
      expect(log).toContain('heatBlock');
      expect(done[done.length - 1]).toBe(n);
      lease.release();
    });
  }

  it('a cancelled run hands out no further block', async () => {
    const log: string[] = [];
    const lease = pool(2, log).acquire(Infinity)!;
    let calls = 0;
    const checkpoint = async () => {
      await tick();
      if (++calls > 1) throw new JobCancelled();
    };
    await expect(heatKernelChebyshevPooled(module, lease, l, 2, 3, 30, 4, 'c', checkpoint)).rejects.toThrow(JobCancelled);
    const sent = log.filter((t) => t === 'heatBlock').length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.filter((t) => t === 'heatBlock').length).toBe(sent);
    expect(sent).toBeLessThan(n / 4);
  });
});
