/** M-FAC against torch.linalg.solve on the formed Fisher: tests/fixtures/optimizer2/mfac.json, written by make_mfac.py. */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { mfacApply, mfacFactor } from '../../../src/geometry/optim';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

interface Case {
  m: number;
  P: number;
  lambda: number;
  G: number[][];
  x: number[];
  solution: number[];
}
const fx = JSON.parse(readFileSync(new URL('../../fixtures/optimizer2/mfac.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('M-FAC recursion against torch.linalg.solve (make_mfac.py)', () => {
  for (const c of fx.cases) {
    it(`m = ${c.m}, P = ${c.P}, λ = ${c.lambda}`, () => {
      const G = Float64Array.from(c.G.flat());
      expectClose(mfacApply(mfacFactor(G, c.m, c.P, c.lambda), c.x), c.solution, F64_PEER, 'F̂⁻¹x');
    });
  }
});
