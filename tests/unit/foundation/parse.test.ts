import { describe, expect, it } from 'vitest';
import { expectMatrix, expectNumberArray, expectObject, numericColumns, parseCsv, parseJson } from '../../../app/io/parse';

describe('CSV loading: errors name the line and column', () => {
  it('reads a header and numeric columns', () => {
    const t = parseCsv('x,y,label\n1,2,a\n\n-3.5,1e-3,b\n');
    expect(t.columns).toEqual(['x', 'y', 'label']);
    const [x, y] = numericColumns(t, ['x', 'y']);
    expect(Array.from(x)).toEqual([1, -3.5]);
    expect(Array.from(y)).toEqual([2, 0.001]);
  });
  it('rejects an empty file and a header without rows', () => {
    expect(() => parseCsv('')).toThrow(/the file is empty/);
    expect(() => parseCsv('x,y\n')).toThrow(/header \(line 1\) but no data rows/);
  });
  it('names the line of a ragged row', () => {
    expect(() => parseCsv('x,y\n1,2\n3\n')).toThrow('line 3: 1 fields but the header has 2 (x, y)');
  });
  it('names line and column of a non-numeric or NaN entry', () => {
    const t = parseCsv('x,y\n1,2\n3,abc\n');
    expect(() => numericColumns(t, ['x', 'y'])).toThrow('line 3, column "y": "abc" is not a finite number');
    expect(() => numericColumns(parseCsv('x\nNaN\n'), ['x'])).toThrow(/"NaN" is not a finite number/);
    expect(() => numericColumns(t, ['z'])).toThrow('no column "z"; the columns are x, y');
  });
  it('refuses duplicate column names and too many rows', () => {
    expect(() => parseCsv('x,x\n1,2\n')).toThrow(/column "x" appears twice/);
    expect(() => parseCsv('x\n1\n2\n3\n', 2)).toThrow('the file has 3 rows; the limit is 2');
  });
});

describe('JSON loading: errors name the field', () => {
  it('turns a syntax error position into line and column', () => {
    expect(() => parseJson('{\n  "a": [1, 2,\n  ]\n}')).toThrow(/^invalid JSON at line 3, column 3|^invalid JSON: /);
    expect(() => parseJson('{"a": [1, 2,,]}')).toThrow(/^invalid JSON(:| at line 1)/);
    expect(() => parseJson('  ')).toThrow(/empty/);
  });
  it('validates arrays and matrices', () => {
    expect(Array.from(expectNumberArray([1, 2.5], 'a'))).toEqual([1, 2.5]);
    expect(() => expectNumberArray([1, 'x'], 'a')).toThrow('a[1] must be a finite number, got "x"');
    expect(() => expectNumberArray([1, 2], 'a', 3)).toThrow('a has 2 entries but 3 are expected');
    const m = expectMatrix([[1, 2], [3, 4], [5, 6]], 'cost');
    expect([m.rows, m.cols, Array.from(m.data)]).toEqual([3, 2, [1, 2, 3, 4, 5, 6]]);
    expect(() => expectMatrix([[1, 2], [3]], 'cost')).toThrow('cost is ragged: row 1 has 1 entries but row 0 has 2');
    expect(() => expectMatrix([[1, null]], 'cost')).toThrow('cost[0][1] must be a finite number, got null');
    expect(() => expectObject([1], 'the file')).toThrow('the file must be a JSON object, got an array of 1');
  });
});
