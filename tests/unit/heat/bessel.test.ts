import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { besselIScaled } from '../../../src/geometry/heat/bessel';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/heat/bessel.json', import.meta.url), 'utf8')) as {
  maxOrder: number;
  rows: { x: number; ive: number[] }[];
};

describe('besselIScaled: e^{−x} I_k(x) against scipy.special.ive', () => {
  for (const row of fixture.rows) {
    it(`x = ${row.x}, k = 0..${fixture.maxOrder}`, () => {
      const ours = besselIScaled(row.x, fixture.maxOrder);
      expectClose(ours, row.ive, F64_PEER, `ive(k, ${row.x})`);
      // relative agreement also for the tiny high-order values the absolute tolerance would hide
      for (let k = 0; k <= fixture.maxOrder; k++) {
        if (row.ive[k] > 1e-290) expectClose(ours[k] / row.ive[k], 1, F64_PEER, `ive(${k}, ${row.x}) relative`);
      }
    });
  }

  it('I_0(0) = 1 and I_k(0) = 0 for k ≥ 1', () => {
    expectClose(besselIScaled(0, 3), [1, 0, 0, 0], F64_PEER);
  });

  it('rejects a negative argument or order', () => {
    expect(() => besselIScaled(-1, 3)).toThrow(/invalid Bessel argument: -1/);
    expect(() => besselIScaled(1, -2)).toThrow(/invalid Bessel order: -2/);
  });
});
