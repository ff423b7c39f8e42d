/**
 * PNG chunk surgery for exports: the physical pixel size (pHYs) a browser's PNG encoder
 * leaves out, so a 300-dpi figure opens at its intended size in a word processor.
 * PNG (ISO/IEC 15948, W3C PNG 2nd ed. §5.3): an 8-byte signature, then chunks of
 * length (4 bytes, big-endian, data only), type (4 ASCII bytes), data, and a CRC-32 of
 * type + data. pHYs (§11.3.5.3) holds pixels per unit along x and y (uint32 each) and a
 * unit byte (1 = metre); it must come before the first IDAT.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Uint32Array | null = null;

/** CRC-32 as PNG and zlib use it (ISO 3309, reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field in the file. */
  offset: number;
  data: Uint8Array;
  crc: number;
}

/** The chunks of a PNG file in order; throws when the bytes are not a PNG or a chunk runs past the end. */
export function pngChunks(png: Uint8Array): PngChunk[] {
  if (png.length < 8 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file: the 8-byte signature is missing');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new Error(`PNG chunk at byte ${offset} is cut short`);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (offset + 12 + length > png.length) throw new Error(`PNG chunk ${type} at byte ${offset} declares ${length} bytes but the file ends first`);
    chunks.push({ type, offset, data: png.subarray(offset + 8, offset + 8 + length), crc: view.getUint32(offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

/** Pixels per metre for a resolution in dots per inch (1 in = 0.0254 m), rounded as pHYs stores integers: 300 dpi → 11811. */
export function pixelsPerMetre(dpi: number): number {
  return Math.round(dpi / 0.0254);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * The same PNG with one pHYs chunk right after IHDR saying `dpi` dots per inch in both
 * directions (unit: metre); any pHYs already present is dropped. Other chunks are copied byte for byte.
 */
export function withPhysicalDpi(png: Uint8Array, dpi: number): Uint8Array<ArrayBuffer> {
  if (!(dpi > 0) || !Number.isFinite(dpi)) throw new Error(`invalid dpi: ${dpi} (expected a positive number)`);
  const chunks = pngChunks(png);
  if (chunks[0]?.type !== 'IHDR') throw new Error(`PNG starts with ${chunks[0]?.type ?? 'nothing'} instead of IHDR`);
  const ppm = pixelsPerMetre(dpi);
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, ppm);
  view.setUint32(4, ppm);
  data[8] = 1;
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const c of chunks) {
    if (c.type === 'pHYs') continue;
    parts.push(png.subarray(c.offset, c.offset + 12 + c.data.length));
    if (c.type === 'IHDR') parts.push(chunk('pHYs', data));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
