/**
 * Exports: the JSON document every view writes, and SVG / PNG figures.
 * The JSON shape is documented in docs/formats.md ("Export JSON").
 */
import type { ParamValues } from '../params/spec';
import { DEFAULT_EXPORT_SETTINGS, exportGeometry, type ExportGeometry, type ExportSettings } from './exportSize';
import { withPhysicalDpi } from './png';
import { flushPendingRender } from '../three/pendingRender';

export interface ExportDocument {
  format: string;
  view: string;
  cell: string;
  params: ParamValues;
  result: unknown;
  link?: string;
}

export function exportDocument(chapterId: string, viewId: string, params: ParamValues, result: unknown, link?: string): ExportDocument {
  return { format: `curvature/${chapterId}@1`, view: chapterId, cell: viewId, params, result, ...(link ? { link } : {}) };
}

/** JSON text with typed arrays written as plain arrays and non-finite numbers as null (JSON has no NaN). */
export function toJsonText(doc: unknown): string {
  return JSON.stringify(
    doc,
    (_key, value) => {
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
      if (typeof value === 'number' && !Number.isFinite(value)) return null;
      return value;
    },
    1,
  );
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportJson(chapterId: string, viewId: string, params: ParamValues, result: unknown, link?: string): void {
  const text = toJsonText(exportDocument(chapterId, viewId, params, result, link));
  download(new Blob([text], { type: 'application/json' }), `${chapterId}.json`);
}

const STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'shape-rendering', 'visibility',
  // Halos behind reference labels (app/styles.css): without these the stroke covers the text.
  'paint-order', 'stroke-linejoin', 'stroke-linecap',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The app ships no font file: app/styles.css names 'Source Sans 3' (used only where it is
 * installed) and then the system's sans serif (system-ui), so there is nothing to embed.
 * An exported SVG instead names this explicit stack of widely installed fonts ending in the
 * generic family, without system-ui / -apple-system, which non-browser SVG renderers do not
 * know. Glyph shapes can differ from the screen; the layout does not depend on them.
 */
export const EXPORT_FONT_STACK = "'Source Sans 3', 'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
export const EXPORT_MONO_FONT_STACK = "Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/** The export's font stack for a computed font-family: monospace text keeps a monospace stack. */
export function exportFontFamily(computed: string): string {
  return /monospace/.test(computed) ? EXPORT_MONO_FONT_STACK : EXPORT_FONT_STACK;
}

/** The <style> an exported SVG carries: the font stack for any text without its own. */
function fontStyle(): SVGStyleElement {
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = `svg { font-family: ${EXPORT_FONT_STACK}; }`;
  return style;
}

/** A copy of the SVG with its computed styles inlined, so it renders the same outside the page. */
function inlinedClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((el, i) => {
    const computed = getComputedStyle(el);
    // Through the CSSOM, not setAttribute('style'): the Content-Security-Policy (no 'unsafe-inline'
    // styles) refuses style attributes written as text, but allows CSSOM writes.
    const style = (target[i] as SVGElement).style;
    for (const p of STYLE_PROPERTIES) {
      const value = computed.getPropertyValue(p);
      if (value) style.setProperty(p, p === 'font-family' ? exportFontFamily(value) : value);
    }
  });
  return clone;
}

function backgroundRect(): SVGRectElement {
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  return rect;
}

function toDocument(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** A standalone copy of one panel: computed styles inlined, a viewBox in its on-screen CSS px. */
function panelFigure(svg: SVGSVGElement): { root: SVGSVGElement; width: number; height: number } {
  const root = inlinedClone(svg);
  const box = svg.getBoundingClientRect();
  root.setAttribute('xmlns', SVG_NS);
  if (!root.getAttribute('viewBox')) root.setAttribute('viewBox', `0 0 ${Math.round(box.width)} ${Math.round(box.height)}`);
  root.insertBefore(backgroundRect(), root.firstChild);
  return { root, width: box.width, height: box.height };
}

/**
 * Every panel of the figure that `svg` belongs to: the visible 2-D plots (svg.plot) in the
 * same cell's figure area, in document order; the element alone when it stands by itself.
 */
export function figurePanels(svg: SVGSVGElement): SVGSVGElement[] {
  const area = svg.closest('.view-figure');
  if (!area) return [svg];
  const panels = (Array.from(area.querySelectorAll('svg.plot')) as SVGSVGElement[]).filter((p) => p === svg || (p.getBoundingClientRect().width > 0 && !p.parentElement?.closest('svg')));
  return panels.length ? panels : [svg];
}

/**
 * One SVG holding every panel of a multi-panel figure where it sits on screen (each panel
 * a nested <svg>, data-panel="i"), with each panel's caption as text, on the page
 * background; its viewBox is the figure's on-screen box in CSS px.
 */
function multiPanelFigure(panels: readonly SVGSVGElement[]): { root: SVGSVGElement; width: number; height: number } {
  const captions = panels.map((p) => p.closest('figure')?.querySelector('figcaption') ?? null);
  const boxes = [...panels, ...captions.filter((c): c is HTMLElement => c !== null)].map((el) => el.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const width = Math.ceil(Math.max(...boxes.map((b) => b.right)) - left);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) - top);
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.appendChild(backgroundRect());
  panels.forEach((panel, i) => {
    const box = panel.getBoundingClientRect();
    const clone = inlinedClone(panel);
    clone.setAttribute('x', String(Math.round(box.left - left)));
    clone.setAttribute('y', String(Math.round(box.top - top)));
    clone.setAttribute('width', String(Math.round(box.width)));
    clone.setAttribute('height', String(Math.round(box.height)));
    clone.setAttribute('data-panel', String(i));
    root.appendChild(clone);
    const caption = captions[i];
    if (caption?.textContent) {
      const c = caption.getBoundingClientRect();
      const style = getComputedStyle(caption);
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String(Math.round(c.left - left)));
      text.setAttribute('y', String(Math.round(c.top - top + parseFloat(style.fontSize))));
      text.style.setProperty('font-family', exportFontFamily(style.fontFamily));
      text.style.setProperty('font-size', style.fontSize);
      text.style.setProperty('fill', style.color);
      text.textContent = caption.textContent;
      root.appendChild(text);
    }
  });
  return { root, width, height };
}

/**
 * The whole figure as a standalone SVG document at the size `settings` ask for: the
 * on-screen layout scaled to the chosen width (width/height attributes in inches for a
 * journal column, in px otherwise; `pixels: true` writes the PNG's pixel size instead).
 */
export function composeFigure(
  panels: readonly SVGSVGElement[],
  settings: ExportSettings = DEFAULT_EXPORT_SETTINGS,
  pixels = false,
): { text: string; geometry: ExportGeometry } {
  const { root, width, height } = panels.length === 1 ? panelFigure(panels[0]) : multiPanelFigure(panels);
  const geometry = exportGeometry(width, height, settings);
  root.setAttribute('width', pixels ? String(geometry.pixelWidth) : geometry.svgWidth);
  root.setAttribute('height', pixels ? String(geometry.pixelHeight) : geometry.svgHeight);
  root.insertBefore(fontStyle(), root.firstChild);
  return { text: toDocument(root), geometry };
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Runs `compose` with the cell's figure area laid out `width` CSS px wide (null: as shown),
 * then puts the page back. The plots follow their container (app/plots/figureSize.ts) and
 * the panel grid reflows by width, so a 336 px column gets a one-column figure with type at
 * its on-screen size (12 px = 9 pt) instead of a wide figure shrunk. Waits until every
 * panel's box holds still for two frames (at most 60 frames).
 */
async function laidOutAt<T>(svg: SVGSVGElement, width: number | null, compose: () => T): Promise<T> {
  const area = svg.closest('.view-figure');
  if (!(area instanceof HTMLElement) || width === null || Math.abs(area.getBoundingClientRect().width - width) < 1) return compose();
  const previous = { width: area.style.width, maxWidth: area.style.maxWidth };
  area.style.width = `${width}px`;
  area.style.maxWidth = 'none';
  try {
    let last = '';
    for (let frame = 0, still = 0; frame < 60 && still < 2; frame++) {
      await nextFrame();
      const boxes = figurePanels(svg)
        .map((p) => {
          const b = p.getBoundingClientRect();
          return `${b.width}x${b.height}`;
        })
        .join();
      still = frame >= 2 && boxes === last ? still + 1 : 0;
      last = boxes;
    }
    return compose();
  } finally {
    area.style.width = previous.width;
    area.style.maxWidth = previous.maxWidth;
  }
}

/** The CSS px width the figure is laid out at before export: the preset's width, or null for "as shown". */
function layoutWidth(settings: ExportSettings): number | null {
  return settings.width === 'shown' ? null : exportGeometry(1, 1, settings).width;
}

/**
 * Export SVG: the whole figure of the cell (every panel), not only the element handed over,
 * laid out at the chosen width and scaled to it exactly.
 */
export async function exportSvg(svg: SVGSVGElement, name: string, settings: ExportSettings = DEFAULT_EXPORT_SETTINGS): Promise<void> {
  const text = await laidOutAt(svg, layoutWidth(settings), () => composeFigure(figurePanels(svg), settings).text);
  download(new Blob([text], { type: 'image/svg+xml' }), `${name}.svg`);
}

/**
 * Export PNG at the chosen width and resolution (pixels = CSS px × dpi / 96), with a pHYs
 * chunk stating the dpi: from an SVG figure (all its panels, laid out at that width as for
 * SVG), or a canvas (three.js, rendered with preserveDrawingBuffer) resampled from its
 * drawing buffer as it is on screen.
 */
export async function exportPng(element: SVGSVGElement | HTMLCanvasElement, name: string, settings: ExportSettings = DEFAULT_EXPORT_SETTINGS): Promise<void> {
  const canvas = document.createElement('canvas');
  let geometry: ExportGeometry;
  if (element instanceof HTMLCanvasElement) {
    const box = element.getBoundingClientRect();
    geometry = exportGeometry(box.width || element.width, box.height || element.height, settings);
    canvas.width = geometry.pixelWidth;
    canvas.height = geometry.pixelHeight;
    const ctx = canvas.getContext('2d')!;
    flushPendingRender(element);
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(element, 0, 0, canvas.width, canvas.height);
  } else {
    const figure = await laidOutAt(element, layoutWidth(settings), () => composeFigure(figurePanels(element), settings, true));
    geometry = figure.geometry;
    const url = URL.createObjectURL(new Blob([figure.text], { type: 'image/svg+xml' }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      canvas.width = geometry.pixelWidth;
      canvas.height = geometry.pixelHeight;
      canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  const png = withPhysicalDpi(new Uint8Array(await blob.arrayBuffer()), geometry.dpi);
  download(new Blob([png], { type: 'image/png' }), `${name}.png`);
}

/** A figure's data as a table: one header row, then rows of numbers or strings. */
export interface CsvTable {
  columns: string[];
  rows: (number | string)[][];
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
 * Non-finite numbers are written empty. Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
 */
export function csvField(value: number | string): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: CsvTable): string {
  const lines = [table.columns.map(csvField).join(',')];
  for (const row of table.rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A table derived from an export result, for views that do not provide their own:
 * every top-level one-dimensional numeric array (typed or plain) becomes a column,
 * next to a 0-based `index`; shorter columns are padded with empty fields. Null when
 * the result holds no such array.
 */
export function csvFromResult(result: unknown): CsvTable | null {
  if (!result || typeof result !== 'object') return null;
  const columns: [string, ArrayLike<number>][] = [];
  for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) columns.push([key, value as unknown as ArrayLike<number>]);
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) columns.push([key, value as number[]]);
  }
  if (columns.length === 0) return null;
  const length = Math.max(...columns.map(([, c]) => c.length));
  const rows: (number | string)[][] = [];
  for (let i = 0; i < length; i++) rows.push([i, ...columns.map(([, c]) => (i < c.length ? Number(c[i]) : ''))]);
  return { columns: ['index', ...columns.map(([k]) => k)], rows };
}

export function exportCsv(table: CsvTable, name: string): void {
  download(new Blob([toCsv(table)], { type: 'text/csv' }), `${name}.csv`);
}
