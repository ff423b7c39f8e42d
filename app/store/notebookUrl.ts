/** Where a `notebook=` link points, and whether Curvature may fetch it. */
export type NotebookUrlVerdict = { kind: 'same-origin'; url: URL } | { kind: 'remote'; url: URL } | { kind: 'refused'; reason: string };

/** Where a `notebook=` value points, and whether it may be fetched (same origin: yes; https: after consent). */
export function classifyNotebookUrl(raw: string, base: string, origin: string): NotebookUrlVerdict {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { kind: 'refused', reason: `notebook address "${raw}" is not a URL` };
  }
  if (url.origin === origin && (url.protocol === 'http:' || url.protocol === 'https:')) return { kind: 'same-origin', url };
  if (url.protocol === 'https:') return { kind: 'remote', url };
  return { kind: 'refused', reason: `notebook address "${raw}" must be on this site or use https` };
}
