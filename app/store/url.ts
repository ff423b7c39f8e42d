/**
 * The URL holds the chapter and every parameter of every cell:
 *
 *   #/<chapter>?v=1&<cell>.<param>=<value>&…
 *
 * `v` is the link format's version: links stay readable after parameters are
 * added (missing ones take their defaults; unknown ones are reported and dropped).
 * `backend=gpu|cpu` may appear in the search part or the hash query.
 */
export const LINK_VERSION = 1;

export interface ParsedHash {
  chapterId: string | null;
  /** Raw values by cell id, then parameter name. */
  cells: Record<string, Record<string, string>>;
  version: number;
  notices: string[];
}

export function parseHash(hash: string): ParsedHash {
  const notices: string[] = [];
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q >= 0 ? body.slice(0, q) : body;
  const query = new URLSearchParams(q >= 0 ? body.slice(q + 1) : '');
  const chapterId = path ? decodeURIComponent(path) : null;
  const cells: Record<string, Record<string, string>> = {};
  let version = LINK_VERSION;
  for (const [key, value] of query) {
    if (key === 'v') {
      const v = Number(value);
      if (!Number.isInteger(v) || v < 1) notices.push(`link version "${value}" is not understood; reading it as version ${LINK_VERSION}`);
      else if (v > LINK_VERSION) notices.push(`this link was made by a newer Curvature (link version ${v}); some settings may be ignored`);
      else version = v;
      continue;
    }
    if (key === 'backend' || key === 'notebook') continue;
    const dot = key.indexOf('.');
    if (dot <= 0) {
      notices.push(`link parameter "${key}" is not of the form cell.param; ignored`);
      continue;
    }
    const cell = key.slice(0, dot);
    (cells[cell] ??= {})[key.slice(dot + 1)] = value;
  }
  return { chapterId, cells, version, notices };
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
