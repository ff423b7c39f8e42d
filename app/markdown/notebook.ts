/**
 * Notebook documents: markdown with KaTeX math and `curvature` cells.
 *
 *     ```curvature
 *     view: sinkhorn-plan      (required: a view id)
 *     id: small-eps            (optional: the cell's id in links; defaults to the view id)
 *     epsilon: 0.001           (any parameter of the view)
 *     hide: n, seed            (optional: controls hidden in presentation mode)
 *     lock: epsilon            (optional: controls shown but locked in presentation mode)
 *     preset: ε too small | epsilon=0.0005, method=plain    (optional, repeatable)
 *     ```
 *
 * The document is split into prose segments (rendered to sanitized HTML) and
 * cell segments (rendered as live React views). See docs/notebooks.md.
 *
 * Security: notebooks may come from anyone (a file, a link). Raw HTML in the
 * markdown is escaped by the renderer (shown as text, never parsed); links and
 * images keep only safe URL schemes; KaTeX runs without `trust`; and DOMPurify
 * sanitizes the result again as defence in depth.
 */
import { Marked, type Token, type Tokens } from 'marked';
import markedKatex from 'marked-katex-extension';
import DOMPurify from 'dompurify';

export interface Preset {
  name: string;
  /** Raw values by parameter name (coerced against the view's table when applied). */
  values: Record<string, string>;
}

export interface CellSpec {
  localId: string;
  viewId: string;
  values: Record<string, string>;
  /** Parameters whose controls presentation mode hides. */
  hide?: string[];
  /** Parameters whose controls presentation mode shows locked (disabled). */
  lock?: string[];
  /** Named configurations shown as buttons next to the figure. */
  presets?: Preset[];
  /** A problem with the fence itself (no view named); shown in place of the cell. */
  error?: string;
}

export type Segment = { kind: 'prose'; html: string } | { kind: 'cell'; cell: CellSpec };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const SAFE_LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * The scheme of a URL as a browser would read it (control characters and
 * whitespace inside the scheme are ignored by browsers, e.g. `java\tscript:`),
 * or null for a relative URL.
 */
export function urlScheme(href: string): string | null {
  const squeezed = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const m = /^([a-z][a-z0-9+.-]*):/.exec(squeezed);
  if (m) return m[1];
  // Entity-encoded or percent-encoded colons before the first slash are suspicious: treat as a scheme.
  if (/^[^/?#]*(&#|&colon;|%3a)/i.test(squeezed)) return 'encoded';
  return null;
}

/** Whether a link target may be kept: relative, fragment, http(s) or mailto. */
export function isSafeLinkHref(href: string): boolean {
  const scheme = urlScheme(href);
  return scheme === null || SAFE_LINK_SCHEMES.has(scheme);
}

/**
 * Whether an image may be shown in place: relative URLs and raster data: URLs.
 * Absolute URLs are turned into links instead, because the Content-Security-Policy
 * (img-src 'self' data: blob:) would block them, and loading them would tell a
 * third party who read the notebook.
 */
export function isInlineImageHref(href: string): boolean {
  const scheme = urlScheme(href);
  if (scheme === null) return !href.trim().startsWith('//');
  return scheme === 'data' && /^data:image\/(png|gif|jpeg|webp);/i.test(href.trim());
}

// KaTeX runs without `trust` (\href, \url, \htmlClass… stay inert) and writes MathML only: the HTML
// output needs inline style attributes, which the sanitizer and the Content-Security-Policy refuse.
const marked = new Marked({ gfm: true, breaks: false }).use(
  markedKatex({ throwOnError: false, output: 'mathml', trust: false, nonStandard: true }),
  {
    renderer: {
      // Raw HTML (blocks and inline tags) is shown as text: inert by construction.
      html(token: Tokens.HTML | Tokens.Tag) {
        const text = escapeHtml(token.text);
        return 'block' in token && token.block ? `<p class="raw-html">${text.trimEnd()}</p>\n` : text;
      },
      link(this: { parser: { parseInline(tokens: Token[]): string } }, { href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        if (!isSafeLinkHref(href)) return `<span class="link-removed" title="link removed: unsafe address">${inner}</span>`;
        const external = urlScheme(href) !== null;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
        const rel = external ? ' rel="noopener noreferrer" target="_blank"' : '';
        return `<a href="${escapeHtml(href)}"${titleAttr}${rel}>${inner}</a>`;
      },
      image({ href, title, text }: Tokens.Image) {
        const alt = escapeHtml(text);
        if (isInlineImageHref(href)) {
          const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
          return `<img src="${escapeHtml(href)}" alt="${alt}"${titleAttr}>`;
        }
        if (isSafeLinkHref(href)) return `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">[image: ${alt || 'untitled'}]</a>`;
        return `<span class="link-removed">[image: ${alt || 'untitled'}]</span>`;
      },
    },
  },
);

function splitList(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses `name | a=1, b=2` (assignments separated by commas, semicolons or `&`). */
export function parsePreset(text: string): Preset | { error: string } {
  const bar = text.indexOf('|');
  if (bar < 0) return { error: `preset "${text}" must be of the form "name | param=value, …"` };
  const name = text.slice(0, bar).trim();
  if (!name) return { error: `preset "${text}" has no name before "|"` };
  const values: Record<string, string> = {};
  for (const part of text.slice(bar + 1).split(/[,;&]/)) {
    const assignment = part.trim();
    if (!assignment) continue;
    const eq = assignment.indexOf('=');
    if (eq <= 0) return { error: `preset "${name}": "${assignment}" is not of the form param=value` };
    values[assignment.slice(0, eq).trim()] = assignment.slice(eq + 1).trim();
  }
  if (Object.keys(values).length === 0) return { error: `preset "${name}" sets no parameter` };
  return { name, values };
}

type ParsedFence = Omit<CellSpec, 'localId'> & { id?: string };

/** Parses a `curvature` fence body of `key: value` lines. */
export function parseCellFence(body: string): ParsedFence {
  const values: Record<string, string> = {};
  let viewId = '';
  let id: string | undefined;
  const extras: Pick<CellSpec, 'hide' | 'lock' | 'presets'> = {};
  const fail = (error: string): ParsedFence => ({ viewId, values, ...(id !== undefined ? { id } : {}), ...extras, error });
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return fail(`cell line "${line}" is not of the form key: value`);
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === 'view') viewId = value;
    else if (key === 'id') id = value;
    else if (key === 'hide') extras.hide = [...(extras.hide ?? []), ...splitList(value)];
    else if (key === 'lock') extras.lock = [...(extras.lock ?? []), ...splitList(value)];
    else if (key === 'preset') {
      const preset = parsePreset(value);
      if ('error' in preset) return fail(preset.error);
      extras.presets = [...(extras.presets ?? []), preset];
    } else values[key] = value;
  }
  if (!viewId) return fail('cell names no view (add a line "view: <view id>")');
  if (id !== undefined && !/^[A-Za-z][\w-]*$/.test(id)) return fail(`cell id "${id}" must be a letter followed by letters, digits, - or _`);
  return { viewId, values, ...(id !== undefined ? { id } : {}), ...extras };
}

const FORBID_TAGS = ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'foreignObject', 'animate', 'set', 'animateTransform', 'animateMotion', 'use', 'base', 'meta', 'link'];

let hooked = false;

/** Sanitizes rendered HTML: no scripts, event handlers, javascript: URLs or foreign objects. */
export function sanitize(html: string): string {
  if (typeof DOMPurify.sanitize !== 'function') {
    // No DOM (Node, for unit tests of the renderer): the renderer has already escaped raw HTML. In a
    // browser without DOMPurify support, show the markup as text rather than trust it.
    return typeof window === 'undefined' ? html : escapeHtml(html);
  }
  if (!hooked && DOMPurify.isSupported) {
    // Defence in depth for what the renderer already filters: any URL attribute left with an unsafe scheme goes.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      for (const attr of ['href', 'xlink:href', 'src', 'action', 'formaction']) {
        const value = node.getAttribute?.(attr);
        if (value == null) continue;
        const ok = attr === 'src' ? isInlineImageHref(value) : isSafeLinkHref(value);
        if (!ok) node.removeAttribute(attr);
      }
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS,
    // KaTeX's MathML keeps the TeX source in <annotation>: plain text, read by screen readers and copy.
    ADD_TAGS: ['annotation'],
    ADD_ATTR: ['encoding', 'target'],
    FORBID_ATTR: ['style', 'srcset', 'ping', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
}

/** Markdown prose to HTML, before DOMPurify (exported so Node tests can check the renderer's own rules). */
export function renderProse(tokens: Token[], links: Tokens.Link[] | Record<string, unknown> = {}): string {
  const list = Object.assign([...tokens], { links });
  return marked.parser(list as Parameters<typeof marked.parser>[0]);
}

/** Renders a markdown snippet (no cells) to HTML before sanitizing. */
export function renderMarkdownUnsanitized(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

export function renderNotebook(markdown: string): Segment[] {
  const tokens = marked.lexer(markdown);
  const segments: Segment[] = [];
  let prose: Token[] = [];
  const usedIds = new Map<string, number>();
  const flush = () => {
    if (prose.length === 0) return;
    segments.push({ kind: 'prose', html: sanitize(renderProse(prose, tokens.links)) });
    prose = [];
  };
  for (const token of tokens) {
    if (token.type === 'code' && (token as { lang?: string }).lang?.trim() === 'curvature') {
      flush();
      const { id, ...parsed } = parseCellFence((token as { text: string }).text);
      let localId = id ?? (parsed.viewId || 'cell');
      const seen = usedIds.get(localId) ?? 0;
      usedIds.set(localId, seen + 1);
      if (seen > 0) localId = `${localId}-${seen + 1}`;
      segments.push({ kind: 'cell', cell: { localId, ...parsed } });
    } else {
      prose.push(token);
    }
  }
  flush();
  return segments;
}
