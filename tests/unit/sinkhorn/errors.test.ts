/** Error paths at the public boundary: each message names the bad value. */
import { describe, expect, it } from 'vitest';
import {
  costFromRows,
  costMatrix,
  createSinkhorn,
  createSinkhornLog,
  createSns,
  makeDataset,
  makeProblem,
  solveEntropic,
  type DatasetName,
  type OtMethod,
} from '../../../src/geometry/ot';
import { mulberry32 } from '../../../src/geometry/random';

const cost = [0, 1, 1, 0];

describe('makeProblem', () => {
  it('rejects a negative mass', () => {
    expect(() => makeProblem([0.5, -0.5], [0.5, 0.5], cost)).toThrow(/a\[1\] = -0.5 is negative/);
  });
  it('rejects a NaN mass', () => {
    expect(() => makeProblem([0.5, 0.5], [NaN, 0.5], cost)).toThrow(/b\[0\] = NaN is not a number/);
  });
  it('rejects an infinite mass', () => {
    expect(() => makeProblem([Infinity, 0.5], [0.5, 0.5], cost)).toThrow(/a\[0\] = Infinity is not finite/);
  });
  it('rejects zero total mass', () => {
    expect(() => makeProblem([0, 0], [0.5, 0.5], cost)).toThrow(/a has total mass 0/);
  });
  it('rejects mass sums that differ and offers normalizing', () => {
    expect(() => makeProblem([0.5, 0.5], [1, 1], cost)).toThrow(/masses differ: Σa = 1 but Σb = 2; normalize/);
  });
  it('normalizes when asked', () => {
    const p = makeProblem([1, 3], [2, 2], cost, { normalize: true });
    expect(Array.from(p.a)).toEqual([0.25, 0.75]);
    expect(Array.from(p.b)).toEqual([0.5, 0.5]);
  });
  it('rejects a cost of the wrong size', () => {
    expect(() => makeProblem([0.5, 0.5], [0.2, 0.3, 0.5], cost)).toThrow(/cost matrix has 4 entries but a has 2 and b has 3 entries \(need 2×3 = 6\)/);
  });
  it('rejects a NaN cost', () => {
    expect(() => makeProblem([0.5, 0.5], [0.5, 0.5], [0, NaN, 1, 0])).toThrow(/cost\[0\]\[1\] = NaN is not a finite number/);
  });
  it('rejects a non-finite entry of a typed cost, naming the first one, adopted or copied', () => {
    for (const adoptCost of [false, true]) {
      expect(() => makeProblem([0.5, 0.5], [0.5, 0.5], Float64Array.of(0, 1, Infinity, NaN), { adoptCost })).toThrow(/cost\[1\]\[0\] = Infinity is not a finite number/);
      expect(() => makeProblem([0.5, 0.5], [0.5, 0.5], Float64Array.of(0, 1, 2, -Infinity), { adoptCost })).toThrow(/cost\[1\]\[1\] = -Infinity is not a finite number/);
    }
  });
  it('copies a typed cost unless the caller hands it over', () => {
    const c = Float64Array.of(0, 1, 1, 0);
    expect(makeProblem([0.5, 0.5], [0.5, 0.5], c).cost).not.toBe(c);
    expect(Array.from(makeProblem([0.5, 0.5], [0.5, 0.5], c).cost)).toEqual([0, 1, 1, 0]);
    expect(makeProblem([0.5, 0.5], [0.5, 0.5], c, { adoptCost: true }).cost).toBe(c);
  });
});

describe('costFromRows', () => {
  it('rejects a ragged cost matrix', () => {
    expect(() => costFromRows([[0, 1, 2], [1, 0]])).toThrow(/cost row 1 has 2 entries but row 0 has 3 \(ragged/);
  });
  it('rejects a non-numeric entry', () => {
    expect(() => costFromRows([[0, 1], [1, 'x']])).toThrow(/cost\[1\]\[1\] = "x" is not a finite number/);
  });
  it('rejects something that is not rows', () => {
    expect(() => costFromRows({ a: 1 })).toThrow(/non-empty array of rows/);
    expect(() => costFromRows([[0, 1], 3])).toThrow(/cost\[1\] is not an array/);
  });
  it('reads a rectangular matrix row-major', () => {
    const { cost: c, n, m } = costFromRows([[1, 2, 3], [4, 5, 6]]);
    expect([n, m, ...c]).toEqual([2, 3, 1, 2, 3, 4, 5, 6]);
  });
});

describe('solvers and generators', () => {
  const p = makeProblem([0.5, 0.5], [0.5, 0.5], cost);
  for (const create of [createSinkhorn, createSinkhornLog, createSns]) {
    it(`${create.name} rejects epsilon ≤ 0 and NaN`, () => {
      expect(() => create(p, -1)).toThrow(/invalid epsilon: -1/);
      expect(() => create(p, 0)).toThrow(/invalid epsilon: 0/);
      expect(() => create(p, NaN)).toThrow(/invalid epsilon: NaN/);
    });
  }
  it('rejects an unknown method', () => {
    expect(() => solveEntropic(p, 0.1, 'greedy' as OtMethod)).toThrow(/unknown method "greedy"/);
  });
  it('rejects a bad tolerance or iteration budget', () => {
    expect(() => solveEntropic(p, 0.1, 'log', { tolerance: -1 })).toThrow(/invalid tolerance: -1/);
    expect(() => solveEntropic(p, 0.1, 'log', { maxIterations: 2.5 })).toThrow(/invalid maxIterations: 2.5/);
  });
  it('rejects bad SNS options', () => {
    expect(() => createSns(p, 0.1, { threshold: 2 })).toThrow(/invalid threshold: 2/);
    expect(() => createSns(p, 0.1, { newtonAfter: -3 })).toThrow(/invalid newtonAfter: -3/);
  });
  it('rejects an unknown dataset, a bad n and an unknown cost', () => {
    expect(() => makeDataset('spirals' as DatasetName, 10, mulberry32(1))).toThrow(/unknown dataset "spirals"/);
    expect(() => makeDataset('moons', 1, mulberry32(1))).toThrow(/invalid n: 1/);
    expect(() => costMatrix([0], [1], 1, 1, 1, 'cosine' as never)).toThrow(/unknown cost "cosine"/);
    expect(() => costMatrix([0, 1], [1], 1, 1, 1, 'l1')).toThrow(/source points have 2 coordinates/);
  });
});
