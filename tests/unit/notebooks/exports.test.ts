import { describe, expect, it } from 'vitest';
import { csvField, csvFromResult, toCsv } from '../../../app/io/exporters';
import { fingerprint } from '../../../app/store/fingerprint';
import { classifyNotebookUrl } from '../../../app/store/notebookUrl';

describe('CSV export (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, and writes CRLF lines', () => {
    expect(toCsv({ columns: ['name', 'value'], rows: [['a,b', 1.5], ['say "hi"', -2], ['two\nlines', 1e-7]] })).toBe(
      'name,value\r\n"a,b",1.5\r\n"say ""hi""",-2\r\n"two\nlines",1e-7\r\n',
    );
  });
  it('writes non-finite numbers empty and defuses spreadsheet formulas in text', () => {
    expect([NaN, Infinity, -0.5].map(csvField)).toEqual(['', '', '-0.5']);
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
  it('derives columns from the numeric arrays of a result, padding shorter ones', () => {
    const table = csvFromResult({ n: 3, times: new Float64Array([1, 2]), rowLse: [0.5, 0.25, 0.125], label: 'x', grid: [[1]] });
    expect(table).toEqual({ columns: ['index', 'times', 'rowLse'], rows: [[0, 1, 0.5], [1, 2, 0.25], [2, '', 0.125]] });
    expect(csvFromResult({ n: 3 })).toBeNull();
    expect(csvFromResult(null)).toBeNull();
  });
});

describe('notebook links and documents', () => {
  it('fingerprints with FNV-1a 32 (published test vectors)', () => {
    expect(fingerprint('')).toBe('811c9dc5');
    expect(fingerprint('a')).toBe('e40c292c');
    expect(fingerprint('foobar')).toBe('bf9cf968');
  });
  it('fetches same-origin notebooks, asks before https ones, refuses the rest', () => {
    const base = 'https://site.org/app/';
    const origin = 'https://site.org';
    expect(classifyNotebookUrl('notebooks/example.md', base, origin)).toMatchObject({ kind: 'same-origin' });
    const same = classifyNotebookUrl('notebooks/example.md', base, origin);
    expect(same.kind !== 'refused' && same.url.href).toBe('https://site.org/app/notebooks/example.md');
    expect(classifyNotebookUrl('https://other.org/n.md', base, origin)).toMatchObject({ kind: 'remote' });
    expect(classifyNotebookUrl('http://other.org/n.md', base, origin)).toEqual({ kind: 'refused', reason: 'notebook address "http://other.org/n.md" must be on this site or use https' });
    expect(classifyNotebookUrl('javascript:alert(1)', base, origin).kind).toBe('refused');
    expect(classifyNotebookUrl('data:text/markdown,# hi', base, origin).kind).toBe('refused');
  });
});
