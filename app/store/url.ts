/**
 * The URL holds the chapter and every parameter of every cell:
 *
 *   #/<chapter>?v=1&<cell>.<param>=<value>&…
 *
 * `v` is the link format's version: links stay readable after parameters are
 * added (missing ones take their defaults; unknown ones are reported and dropped).
 * `backend=gpu|cpu` may appear in the search part or the hash query.
 *
 * Shared links may be compressed: `#/<chapter>?v=1&z=<base64url of raw DEFLATE>`,
 * where `z` unpacks to the rest of the query (`cell.param=value&…`). Besides cell
 * parameters a query may hold `notebook=<url>` (a user notebook reachable by URL)
 * and `cell=<local id>` (the cell a per-figure share link points at).
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export const LINK_VERSION = 1;

/** Queries longer than this (in characters) are compressed into `z` by {@link formatShareHash}. */
export const COMPRESS_ABOVE = 160;

/** Decompressed links larger than this are refused (a zip bomb in a link is still a bomb). */
const MAX_INFLATED = 256 * 1024;

export interface ParsedHash {
  chapterId: string | null;
  /** Raw values by cell id, then parameter name. */
  cells: Record<string, Record<string, string>>;
  version: number;
  notices: string[];
  /** `notebook=`: where the user notebook of a `#/notebook` link lives. */
  notebook?: string;
  /** `cell=`: the cell a per-figure link points at. */
  focusCell?: string;
  /** True when the values came from a compressed `z` block. */
  compressed?: boolean;
}

/** Base64url (RFC 4648 §5, no padding) of bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Raw DEFLATE of a query string, as base64url. */
export function compressQuery(query: string): string {
  return toBase64Url(deflateSync(strToU8(query), { level: 9 }));
}

/** The inverse of {@link compressQuery}; throws with a readable message on a damaged block. */
export function decompressQuery(z: string): string {
  let bytes: Uint8Array;
  try {
    bytes = inflateSync(fromBase64Url(z));
  } catch {
    throw new Error('the compressed part of this link (z=…) is damaged');
  }
  if (bytes.length > MAX_INFLATED) throw new Error(`the compressed part of this link unpacks to ${bytes.length} bytes (at most ${MAX_INFLATED})`);
  return strFromU8(bytes);
}

export function parseHash(hash: string): ParsedHash {
  const notices: string[] = [];
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q >= 0 ? body.slice(0, q) : body;
  let query = new URLSearchParams(q >= 0 ? body.slice(q + 1) : '');
  let chapterId: string | null = null;
  try {
    chapterId = path ? decodeURIComponent(path) : null;
  } catch {
    notices.push(`chapter "${path}" is not a valid address`);
  }
  const result: ParsedHash = { chapterId, cells: {}, version: LINK_VERSION, notices };
  const z = query.get('z');
  if (z !== null) {
    try {
      const inner = new URLSearchParams(decompressQuery(z));
      const merged = new URLSearchParams();
      for (const [k, v] of query) if (k !== 'z') merged.append(k, v);
      for (const [k, v] of inner) merged.append(k, v);
      query = merged;
      result.compressed = true;
    } catch (error) {
      notices.push(`${(error as Error).message}; its settings were ignored`);
      query.delete('z');
    }
  }
  for (const [key, value] of query) {
    if (key === 'v') {
      const v = Number(value);
      if (!Number.isInteger(v) || v < 1) notices.push(`link version "${value}" is not understood; reading it as version ${LINK_VERSION}`);
      else if (v > LINK_VERSION) notices.push(`this link was made by a newer Curvature (link version ${v}); some settings may be ignored`);
      else result.version = v;
      continue;
    }
    if (key === 'backend') continue;
    if (key === 'notebook') {
      result.notebook = value;
      continue;
    }
    if (key === 'cell') {
      result.focusCell = value;
      continue;
    }
    const dot = key.indexOf('.');
    if (dot <= 0) {
      notices.push(`link parameter "${key}" is not of the form cell.param; ignored`);
      continue;
    }
    const cell = key.slice(0, dot);
    (result.cells[cell] ??= {})[key.slice(dot + 1)] = value;
  }
  return result;
}

export function formatHash(
  chapterId: string,
  cells: Record<string, Record<string, string>>,
  extra: Record<string, string> = {},
): string {
  const query = new URLSearchParams();
  query.set('v', String(LINK_VERSION));
  for (const [k, v] of Object.entries(extra)) query.set(k, v);
  for (const [cell, params] of Object.entries(cells)) {
    for (const [name, value] of Object.entries(params)) query.set(`${cell}.${name}`, value);
  }
  return `#/${encodeURIComponent(chapterId)}?${query.toString()}`;
}

/**
 * A hash for sharing: like {@link formatHash}, but when the query is longer than
 * `compressAbove` characters and compression makes it shorter, everything after
 * `v=1` moves into `z=<base64url raw DEFLATE>`. {@link parseHash} reads both forms.
 */
export function formatShareHash(
  chapterId: string,
  cells: Record<string, Record<string, string>>,
  extra: Record<string, string> = {},
  compressAbove = COMPRESS_ABOVE,
): string {
  const plain = formatHash(chapterId, cells, extra);
  const prefix = `#/${encodeURIComponent(chapterId)}?v=${LINK_VERSION}`;
  const rest = plain.slice(prefix.length + 1);
  if (rest.length <= compressAbove) return plain;
  const compressed = `${prefix}&z=${compressQuery(rest)}`;
  return compressed.length < plain.length ? compressed : plain;
}
