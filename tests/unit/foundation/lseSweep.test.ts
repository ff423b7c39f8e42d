import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';
import { standaloneContext } from '../../../src/workers/job';
import { lseSweep } from '../../../src/workers/jobs/foundation';

describe('foundation/lse-sweep', () => {
  it('builds its matrix in checkpointed row blocks and reduces every row: log Σ exp of the seeded draws, row by row', async () => {
    const n = 150; // three 64-row blocks, the last one partial
    let checkpoints = 0;
    const ctx = standaloneContext();
    const counted = { ...ctx, checkpoint: async () => void checkpoints++ };
    const r = await lseSweep.cpu(counted, { n, repeats: 1, seed: 7 }, null);
    // the same draws in one pass, each row's log-sum-exp by its maximum
    const random = mulberry32(7);
    const a = Float64Array.from({ length: n * n }, () => random() * 20 - 10);
    const expected = Float64Array.from({ length: n }, (_, i) => {
      const row = a.subarray(i * n, (i + 1) * n);
      const max = Math.max(...row);
      return max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    });
    expectClose(r.rowLse, expected, F64_EXACT);
    // 3 while the matrix is filled and 3 while it is reduced
    expect(checkpoints).toBe(6);
  });
});
