/**
 * Notebook documents: markdown with KaTeX math and `curvature` cells.
 *
 *     ```curvature
 *     view: sinkhorn-plan      (required: a view id)
 *     id: small-eps            (optional: the cell's id in links; defaults to the view id)
 *     epsilon: 0.001           (any parameter of the view)
 *     ```
 *
 * The document is split into prose segments (rendered to sanitized HTML) and
 * cell segments (rendered as live React views).
 */
import { Marked, type Token } from 'marked';
import markedKatex from 'marked-katex-extension';
import DOMPurify from 'dompurify';

export interface CellSpec {
  localId: string;
  viewId: string;
  values: Record<string, string>;
  /** A problem with the fence itself (no view named); shown in place of the cell. */
  error?: string;
}

export type Segment = { kind: 'prose'; html: string } | { kind: 'cell'; cell: CellSpec };

// KaTeX runs without `trust` (\href, \url, \htmlClass… stay inert) and writes MathML only: the HTML
// output needs inline style attributes, which the sanitizer and the Content-Security-Policy refuse.
const marked = new Marked({ gfm: true, breaks: false }).use(
  markedKatex({ throwOnError: false, output: 'mathml', trust: false, nonStandard: true }),
);

/** Parses a `curvature` fence body of `key: value` lines. */
export function parseCellFence(body: string): Omit<CellSpec, 'localId'> & { id?: string } {
  const values: Record<string, string> = {};
  let viewId = '';
  let id: string | undefined;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { viewId, values, error: `cell line "${line}" is not of the form key: value` };
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'view') viewId = value;
    else if (key === 'id') id = value;
    else values[key] = value;
  }
  if (!viewId) return { viewId, values, id, error: 'cell names no view (add a line "view: <view id>")' };
  if (id !== undefined && !/^[A-Za-z][\w-]*$/.test(id)) return { viewId, values, id, error: `cell id "${id}" must be a letter followed by letters, digits, - or _` };
  return { viewId, values, id };
}

/** Sanitizes rendered HTML: no scripts, event handlers, javascript: URLs or foreign objects. */
export function sanitize(html: string): string {
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'foreignObject'],
    FORBID_ATTR: ['style'],
    ALLOW_DATA_ATTR: false,
  });
}

export function renderNotebook(markdown: string): Segment[] {
  const tokens = marked.lexer(markdown);
  const segments: Segment[] = [];
  let prose: Token[] = [];
  const usedIds = new Map<string, number>();
  const flush = () => {
    if (prose.length === 0) return;
    const list = Object.assign(prose, { links: tokens.links });
    segments.push({ kind: 'prose', html: sanitize(marked.parser(list)) });
    prose = [];
  };
  for (const token of tokens) {
    if (token.type === 'code' && (token as { lang?: string }).lang?.trim() === 'curvature') {
      flush();
      const parsed = parseCellFence((token as { text: string }).text);
      let localId = parsed.id ?? (parsed.viewId || 'cell');
      const seen = usedIds.get(localId) ?? 0;
      usedIds.set(localId, seen + 1);
      if (seen > 0) localId = `${localId}-${seen + 1}`;
      segments.push({ kind: 'cell', cell: { localId, viewId: parsed.viewId, values: parsed.values, error: parsed.error } });
    } else {
      prose.push(token);
    }
  }
  flush();
  return segments;
}
