/** Loading data into the Sinkhorn views, and the plan helpers the figures draw from. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../app/io/parse';
import { problemFromCsv, problemFromJson } from '../../../app/views/sinkhorn/loadProblem';
import { blockSums, floorRelative, heaviestEntries, marginals, orderPlan } from '../../../app/views/sinkhorn/planData';

describe('JSON {a, b, cost}', () => {
  it('reads a rectangular problem', () => {
    const p = problemFromJson({ a: [0.5, 0.5], b: [0.2, 0.3, 0.5], cost: [[0, 1, 2], [1, 0, 1]] });
    expect([p.n, p.m]).toEqual([2, 3]);
    expect(Array.from(p.data.cost!)).toEqual([0, 1, 2, 1, 0, 1]);
  });
  it('names a missing field', () => {
    expect(() => problemFromJson({ a: [1], cost: [[0]] }, 'x.json')).toThrow(/x.json has no "b" field/);
  });
  it('rejects a ragged cost', () => {
    expect(() => problemFromJson({ a: [0.5, 0.5], b: [1], cost: [[0], [1, 2]] })).toThrow(/ragged: row 1 has 2 entries but row 0 has 1/);
  });
  it('rejects a non-numeric cost entry', () => {
    expect(() => problemFromJson({ a: [1], b: [1], cost: [['a']] })).toThrow(/cost\[0\]\[0\] must be a finite number/);
  });
  it('rejects a cost whose shape does not match the masses', () => {
    expect(() => problemFromJson({ a: [0.5, 0.5], b: [1], cost: [[0, 1], [1, 0]] })).toThrow(/cost is 2×2 but a has 2 and b has 1 entries/);
  });
  it('rejects NaN masses (null in JSON)', () => {
    expect(() => problemFromJson({ a: [null, 1], b: [1], cost: [[0], [1]] })).toThrow(/a\[0\] must be a finite number/);
  });
});

describe('CSV points x,y[,z],set[,weight]', () => {
  it('splits sources and targets, with weights', () => {
    const p = problemFromCsv(parseCsv('x,y,set,weight\n0,0,source,1\n1,0,source,3\n0,1,target,4\n'));
    expect([p.n, p.m, p.data.dim]).toEqual([2, 1, 2]);
    expect(p.data.a).toEqual([1, 3]);
    expect(p.data.y).toEqual([0, 1]);
  });
  it('reads 3-D points and defaults the weight to 1', () => {
    const p = problemFromCsv(parseCsv('x,y,z,set\n0,0,1,source\n1,0,2,target\n'));
    expect(p.data.dim).toBe(3);
    expect(p.data.b).toEqual([1]);
  });
  it('names a bad set value by line', () => {
    expect(() => problemFromCsv(parseCsv('x,y,set\n0,0,source\n1,1,sink\n'))).toThrow(/line 3, column "set": "sink" must be source or target/);
  });
  it('rejects a negative weight and a missing column', () => {
    expect(() => problemFromCsv(parseCsv('x,y,set,weight\n0,0,source,-2\n1,1,target,1\n'))).toThrow(/line 2, column "weight": -2 is negative/);
    expect(() => problemFromCsv(parseCsv('x,set\n0,source\n'), 'p.csv')).toThrow(/p.csv has no "y" column/);
  });
  it('needs both sets', () => {
    expect(() => problemFromCsv(parseCsv('x,y,set\n0,0,source\n'))).toThrow(/no rows with set = target/);
  });
});

describe('plan helpers', () => {
  const plan = Float64Array.from({ length: 6 * 4 }, (_, k) => k);
  it('block sums keep the total and the marginals of whole blocks', () => {
    const b = blockSums(plan, 6, 4, 2);
    expect([b.rows, b.cols]).toEqual([2, 2]);
    expect(b.values.reduce((s, v) => s + v, 0)).toBe((23 * 24) / 2);
    // block (0,0) holds rows 0-2, cols 0-1: Σ (4i + j)
    expect(b.values[0]).toBe(0 + 1 + 4 + 5 + 8 + 9);
  });
  it('marginals are row and column sums', () => {
    const { row, col } = marginals(plan, 6, 4);
    expect(row[1]).toBe(4 + 5 + 6 + 7);
    expect(col[3]).toBe(3 + 7 + 11 + 15 + 19 + 23);
  });
  it('heaviest entries come with their row and column, heaviest first', () => {
    const top = heaviestEntries(plan, 4, 3);
    expect(Array.from(top.mass)).toEqual([23, 22, 21]);
    expect([top.i[0], top.j[0], top.i[2], top.j[2]]).toEqual([5, 3, 5, 1]);
  });
  it('ordering a scrambled permutation plan by the source key makes it diagonal', () => {
    // sources at x = [3, 0, 2, 1] sent to targets [1, 3, 0, 2]: sorted by x, target order follows
    const x = [3, 0, 2, 1];
    const to = [1, 3, 0, 2];
    const p = new Float64Array(16);
    to.forEach((j, i) => (p[i * 4 + j] = 0.25));
    const { values, rowOrder } = orderPlan(p, 4, 4, x);
    expect(Array.from(rowOrder)).toEqual([1, 3, 2, 0]);
    for (let k = 0; k < 4; k++) expect(values[k * 4 + k]).toBe(0.25);
  });
  it('floorRelative lifts tiny entries to floor × max', () => {
    expect(Array.from(floorRelative(Float64Array.from([1, 1e-12, 0.5]), 1e-8))).toEqual([1, 1e-8, 0.5]);
  });
});
