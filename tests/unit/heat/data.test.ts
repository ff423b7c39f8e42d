import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../app/io/parse';
import { firstRows, heatDataFromFile, HEAT_LOAD_MAX_ROWS } from '../../../app/views/heat/data';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';

const csv = (text: string) => ({ name: 'data.csv', kind: 'csv' as const, table: parseCsv(text) });

describe('loaded data for the heat views', () => {
  it('coordinates are the other columns; label, color and gt_ columns are recognised by name', () => {
    const d = heatDataFromFile(csv('x,gt_s,y,label,gt_h\n1,10,2,0,5\n3,11,4,1,6\n5,12,6,1,7\n'));
    expect(d.columns).toEqual(['x', 'y']);
    expect([d.n, d.d, d.groundTruthDim]).toEqual([3, 2, 2]);
    expectClose(d.points, [1, 2, 3, 4, 5, 6], F64_EXACT, 'points');
    expectClose(d.groundTruth!, [10, 5, 11, 6, 12, 7], F64_EXACT, 'ground truth');
    expect(Array.from(d.labels!)).toEqual([0, 1, 1]);
    const head = firstRows(d, 2);
    expect([head.n, head.points.length, head.groundTruth!.length, head.labels!.length]).toEqual([2, 4, 4, 2]);
  });

  it('JSON in the digits format {x, y}', () => {
    const d = heatDataFromFile({ name: 'd.json', kind: 'json', json: { x: [[0, 16, 3], [1, 2, 3], [4, 5, 6]], y: [7, 1, 2] } });
    expect([d.n, d.d]).toEqual([3, 3]);
    expect(Array.from(d.labels!)).toEqual([7, 1, 2]);
  });

  it('names a non-numeric cell, refuses too many rows and a table without coordinates', () => {
    expect(() => heatDataFromFile(csv('x,y\n1,2\n3,abc\n5,6\n'))).toThrow(/abc/);
    const rows = Array.from({ length: HEAT_LOAD_MAX_ROWS + 1 }, (_, i) => `${i},${i}`).join('\n');
    expect(() => heatDataFromFile(csv(`x,y\n${rows}\n`))).toThrow(new RegExp(`${HEAT_LOAD_MAX_ROWS + 1} rows is more than the chapter's limit of ${HEAT_LOAD_MAX_ROWS}`));
    expect(() => heatDataFromFile(csv('label,gt_s\n1,2\n3,4\n5,6\n'))).toThrow(/no coordinate columns/);
  });
});
