/**
 * Exports: the JSON document every view writes, and SVG / PNG figures.
 * The JSON shape is documented in docs/formats.md ("Export JSON").
 */
import type { ParamValues } from '../params/spec';

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
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'shape-rendering', 'visibility',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

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
      if (value) style.setProperty(p, value);
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

/** A standalone SVG document: computed styles inlined so it renders the same outside the page. */
export function serializeSvg(svg: SVGSVGElement): string {
  const clone = inlinedClone(svg);
  const box = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  clone.insertBefore(backgroundRect(), clone.firstChild);
  return toDocument(clone);
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
 * One SVG document holding every panel of a multi-panel figure where it sits on screen
 * (each panel a nested <svg>, data-panel="i"), with each panel's caption as text, on the
 * page background. Returns the document and its size in CSS px.
 */
export function composeFigure(panels: readonly SVGSVGElement[]): { text: string; width: number; height: number } {
  if (panels.length === 1) {
    const box = panels[0].getBoundingClientRect();
    return { text: serializeSvg(panels[0]), width: box.width, height: box.height };
  }
  const captions = panels.map((p) => p.closest('figure')?.querySelector('figcaption') ?? null);
  const boxes = [...panels, ...captions.filter((c): c is HTMLElement => c !== null)].map((el) => el.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const width = Math.ceil(Math.max(...boxes.map((b) => b.right)) - left);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.bottom)) - top);
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
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
      text.style.setProperty('font-family', style.fontFamily);
      text.style.setProperty('font-size', style.fontSize);
      text.style.setProperty('fill', style.color);
      text.textContent = caption.textContent;
      root.appendChild(text);
    }
  });
  return { text: toDocument(root), width, height };
}

/** Export SVG: the whole figure of the cell (every panel), not only the element handed over. */
export function exportSvg(svg: SVGSVGElement, name: string): void {
  download(new Blob([composeFigure(figurePanels(svg)).text], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** PNG at twice the on-screen size, from an SVG figure (all its panels) or a canvas (three.js, rendered with preserveDrawingBuffer). */
export async function exportPng(element: SVGSVGElement | HTMLCanvasElement, name: string): Promise<void> {
  const scale = 2;
  let canvas: HTMLCanvasElement;
  if (element instanceof HTMLCanvasElement) {
    canvas = document.createElement('canvas');
    canvas.width = element.width;
    canvas.height = element.height;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(element, 0, 0);
  } else {
    const figure = composeFigure(figurePanels(element));
    const box = { width: figure.width, height: figure.height };
    const url = URL.createObjectURL(new Blob([figure.text], { type: 'image/svg+xml' }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      canvas = document.createElement('canvas');
      canvas.width = Math.round(box.width * scale);
      canvas.height = Math.round(box.height * scale);
      canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  download(blob, `${name}.png`);
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
