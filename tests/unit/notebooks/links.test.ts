import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import {
  COMPRESS_ABOVE,
  compressQuery,
  decompressQuery,
  formatHash,
  formatShareHash,
  fromBase64Url,
  parseHash,
  toBase64Url,
} from '../../../app/store/url';
import fixture from './fixtures/z_links.json';

const manyCells = {
  'engine-sweep': { n: '128', repeats: '2', seed: '1' },
  'engine-sweep-2': { n: '64', repeats: '3', seed: '1' },
  'big-sweep': { n: '256', repeats: '4', seed: '11' },
};

describe('compressed share links (z=)', () => {
  it('reads blocks written by an independent raw-DEFLATE implementation (Python zlib)', () => {
    for (const { query, z } of fixture.cases) expect(decompressQuery(z)).toBe(query);
  });

  it('a long link compresses into z= and parses back to the same chapter, cells, notebook and focus', () => {
    const extra = { notebook: 'notebooks/example.md', cell: 'big-sweep' };
    const hash = formatShareHash('notebook', manyCells, extra);
    expect(hash).toMatch(/^#\/notebook\?v=1&z=[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(formatHash('notebook', manyCells, extra).length);
    const parsed = parseHash(hash);
    expect(parsed).toMatchObject({ chapterId: 'notebook', cells: manyCells, notebook: 'notebooks/example.md', focusCell: 'big-sweep', compressed: true, version: 1 });
    expect(parsed.notices).toEqual([]);
  });

  it('a short link stays plain and readable', () => {
    const hash = formatShareHash('engine', { 'engine-sweep': { n: '64' } });
    expect(hash).toBe('#/engine?v=1&engine-sweep.n=64');
    expect(hash.length).toBeLessThan(COMPRESS_ABOVE);
  });

  it('keeps awkward characters through compression', () => {
    const cells = { a: { label: 'x&y=z #1 ε→∞ ' + 'long '.repeat(40) } };
    expect(parseHash(formatShareHash('heat', cells)).cells).toEqual(cells);
  });

  it('base64url uses the URL-safe alphabet without padding and round-trips every byte', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text.endsWith('_w')).toBe(true); // …0xfe 0xff → "_w" in RFC 4648 §5 (would be "/w==" in plain base64)
    expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes));
  });

  it('a damaged or oversized z= block is reported, never thrown, and the rest of the link still applies', () => {
    const damaged = parseHash('#/engine?v=1&z=!!notbase64&engine-sweep.n=64');
    expect(damaged.cells).toEqual({ 'engine-sweep': { n: '64' } });
    expect(damaged.notices).toEqual(['the compressed part of this link (z=…) is damaged; its settings were ignored']);
    const bomb = toBase64Url(deflateSync(new Uint8Array(300 * 1024).fill(97)));
    const parsed = parseHash(`#/engine?v=1&z=${bomb}`);
    expect(parsed.cells).toEqual({});
    expect(parsed.notices[0]).toMatch(/unpacks to 307200 bytes \(at most 262144\)/);
  });

  it('compressQuery and decompressQuery are inverse on text with a wide character range', () => {
    const q = 'plan.note=' + encodeURIComponent('Σ λ_max ≤ 2/η — 😀');
    expect(decompressQuery(compressQuery(q))).toBe(q);
  });
});
