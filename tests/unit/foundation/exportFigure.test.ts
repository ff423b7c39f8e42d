/**
 * Figure export sizes and the PNG pHYs writer (app/io/exportSize.ts, app/io/png.ts).
 * PNG files come from Pillow (tests/fixtures/foundation/make_png_phys.py): our pHYs
 * insertion must give Pillow's own 300-dpi file byte for byte, and every CRC is checked
 * against Node's zlib.crc32, an implementation independent of ours.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportGeometry } from '../../../app/io/exportSize';
import { crc32, pixelsPerMetre, pngChunks, withPhysicalDpi } from '../../../app/io/png';
import fixture from '../../fixtures/foundation/png_phys.json';

const bytes = (name: keyof typeof fixture) => new Uint8Array(Buffer.from(fixture[name].base64, 'base64'));

describe('exportGeometry: the chosen physical width, PNG pixels = CSS px × dpi / 96', () => {
  it('writes a single column at 3.5 in = 336 CSS px, 1050 px wide at 300 dpi, height in proportion', () => {
    const g = exportGeometry(1000, 400, { width: 'single', resolution: '300dpi' });
    expect(g.width).toBe(336);
    expect(g.height).toBeCloseTo(134.4, 12);
    expect(g.svgWidth).toBe('3.5in');
    expect(g.svgHeight).toBe('1.4in');
    expect([g.pixelWidth, g.pixelHeight, g.dpi]).toEqual([1050, 420, 300]);
  });
  it('writes a double column at 7 in, a slide at 1280 px, and as shown at 1× and 2× CSS px', () => {
    expect(exportGeometry(500, 250, { width: 'double', resolution: '300dpi' }).pixelWidth).toBe(2100);
    const slide = exportGeometry(640, 360, { width: 'slide', resolution: '1x' });
    expect([slide.svgWidth, slide.svgHeight, slide.pixelWidth, slide.pixelHeight, slide.dpi]).toEqual(['1280', '720', 1280, 720, 96]);
    const shown = exportGeometry(388, 211, { width: 'shown', resolution: '2x' });
    expect([shown.svgWidth, shown.pixelWidth, shown.pixelHeight, shown.dpi]).toEqual(['388', 776, 422, 192]);
  });
  it('refuses an empty figure and unknown settings, naming the value', () => {
    expect(() => exportGeometry(0, 10, { width: 'shown', resolution: '1x' })).toThrow(/figure is 0×10 px/);
    expect(() => exportGeometry(10, 10, { width: 'poster' as never, resolution: '1x' })).toThrow(/unknown export width: poster/);
  });
});

describe('PNG pHYs', () => {
  it('computes CRC-32 as zlib does (the check value of "123456789" is 0xCBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const png = bytes('plain');
    expect(crc32(png)).toBe(zlibCrc32(png));
  });
  it('states 300 dpi as 11811 px/m and 72 dpi as 2835 px/m, as Pillow writes them', () => {
    expect(pixelsPerMetre(300)).toBe(fixture.dpi300.chunks[1].x);
    expect(pixelsPerMetre(72)).toBe(fixture.dpi72.chunks[1].x);
  });
  it("inserts pHYs after IHDR and gives Pillow's 300-dpi file byte for byte", () => {
    const out = withPhysicalDpi(bytes('plain'), 300);
    expect(Buffer.from(out).equals(Buffer.from(bytes('dpi300')))).toBe(true);
    const chunks = pngChunks(out);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    for (const c of chunks) expect(c.crc).toBe(zlibCrc32(out.subarray(c.offset + 4, c.offset + 8 + c.data.length)));
    const view = new DataView(chunks[1].data.buffer, chunks[1].data.byteOffset, 9);
    expect([view.getUint32(0), view.getUint32(4), view.getUint8(8)]).toEqual([11811, 11811, 1]);
  });
  it('replaces a pHYs that is already there instead of adding a second', () => {
    const out = withPhysicalDpi(bytes('dpi72'), 300);
    expect(pngChunks(out).filter((c) => c.type === 'pHYs')).toHaveLength(1);
    expect(Buffer.from(out).equals(Buffer.from(bytes('dpi300')))).toBe(true);
  });
  it('refuses bytes that are not a PNG, a cut file, and a bad dpi', () => {
    expect(() => withPhysicalDpi(new Uint8Array([1, 2, 3]), 300)).toThrow(/not a PNG file/);
    expect(() => withPhysicalDpi(bytes('plain').subarray(0, 30), 300)).toThrow(/PNG chunk IHDR at byte 8 declares 13 bytes/);
    expect(() => withPhysicalDpi(bytes('plain'), -1)).toThrow(/invalid dpi: -1/);
  });
});
