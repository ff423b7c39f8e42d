/**
 * Type and mark sizes of every 2-D figure, in CSS px at 1× (figures are drawn one SVG
 * unit per CSS px, app/plots/figureSize.ts). matplotlib's defaults are about 13 px;
 * 12 px is the floor for tick labels. The stylesheet (app/styles.css, `.plot …`) uses
 * the same numbers; these are for layout (margins, legend boxes, label fitting).
 */
export const TYPE = {
  tick: 12,
  label: 13,
  legend: 13,
  title: 14,
  /** Line height of a legend row. */
  legendRow: 18,
} as const;

/**
 * Width of a text in px without a DOM (layout before drawing, Node tests): a mean
 * advance of 0.6 em fits Source Sans / system sans for digits and lowercase text.
 */
export function estimateTextWidth(text: string, px: number): number {
  return text.length * px * 0.6;
}

/**
 * Measured widths by size and text. Measuring an SVG node (getComputedTextLength, getBBox) forces a
 * layout of the page after every redraw, and a streaming figure redraws 20 times a second (a profile
 * of one slider step spent 0.3–0.8 s in them). A canvas measures the same font without any layout;
 * widths are kept per size and text.
 */
const measured = new Map<string, number>();
let canvas: CanvasRenderingContext2D | null | undefined;
let family: string | null = null;

function canvasWidth(text: string, px: number, node: Element | null): number | null {
  if (canvas === undefined) {
    canvas = typeof document === 'undefined' ? null : (document.createElement('canvas').getContext('2d') ?? null);
  }
  if (!canvas) return null;
  if (family === null && node && typeof getComputedStyle === 'function') family = getComputedStyle(node).fontFamily || 'sans-serif';
  canvas.font = `${px}px ${family ?? 'sans-serif'}`;
  const w = canvas.measureText(text).width;
  return w > 0 ? w : null;
}

/** Width in px of `text` at `px` in the figures' font (measured without layout), or the estimate where there is no canvas (Node, jsdom). */
export function measureTextWidth(text: string, px: number, node: Element | null = null): number {
  const key = `${px}|${text}`;
  const known = measured.get(key);
  if (known !== undefined) return known;
  const w = canvasWidth(text, px, node);
  if (w === null) return estimateTextWidth(text, px);
  if (measured.size > 5000) measured.clear();
  measured.set(key, w);
  return w;
}

/** Width of a drawn SVG text node (its text in the figures' font). */
export function textWidth(node: SVGTextElement | null, px: number): number {
  return measureTextWidth(node?.textContent ?? '', px, node);
}

/**
 * Breaks a label at spaces into at most `maxLines` lines that fit `maxPx` (greedy, word by
 * word); what still does not fit is cut with an ellipsis on the last line (the caller keeps
 * the full text in a <title>).
 */
export function fitLabel(text: string, maxPx: number, px: number, maxLines = 2): string[] {
  if (estimateTextWidth(text, px) <= maxPx) return [text];
  const lines: string[] = [];
  let line = '';
  const words = text.split(' ');
  for (let k = 0; k < words.length; k++) {
    const next = line ? `${line} ${words[k]}` : words[k];
    if (estimateTextWidth(next, px) <= maxPx || !line) {
      line = next;
      continue;
    }
    lines.push(line);
    line = words[k];
    if (lines.length === maxLines - 1) {
      line = words.slice(k).join(' ');
      break;
    }
  }
  lines.push(truncateLabel(line, maxPx, px));
  return lines.map((l) => truncateLabel(l, maxPx, px));
}

/** The text, cut with an ellipsis where it would be wider than `maxPx` on one line. */
export function truncateLabel(text: string, maxPx: number, px: number): string {
  if (estimateTextWidth(text, px) <= maxPx) return text;
  const chars = Math.max(1, Math.floor(maxPx / (px * 0.6)) - 1);
  return `${text.slice(0, chars)}…`;
}
