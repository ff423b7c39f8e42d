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

/** Measured width of a drawn SVG text node, falling back to the estimate where layout is missing (jsdom). */
export function textWidth(node: SVGTextElement | null, px: number): number {
  if (node && typeof node.getComputedTextLength === 'function') {
    const w = node.getComputedTextLength();
    if (w > 0) return w;
  }
  return estimateTextWidth(node?.textContent ?? '', px);
}

/**
 * Splits a label into at most two lines that fit `maxPx` (at a space nearest the
 * middle); a label that still does not fit is cut with an ellipsis (the caller keeps
 * the full text in a <title>).
 */
export function fitLabel(text: string, maxPx: number, px: number): string[] {
  if (estimateTextWidth(text, px) <= maxPx) return [text];
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index ?? 0);
  if (spaces.length) {
    const mid = text.length / 2;
    const at = spaces.reduce((best, s) => (Math.abs(s - mid) < Math.abs(best - mid) ? s : best), spaces[0]);
    const lines = [text.slice(0, at), text.slice(at + 1)];
    if (lines.every((l) => estimateTextWidth(l, px) <= maxPx)) return lines;
  }
  return [truncateLabel(text, maxPx, px)];
}

/** The text, cut with an ellipsis where it would be wider than `maxPx` on one line. */
export function truncateLabel(text: string, maxPx: number, px: number): string {
  if (estimateTextWidth(text, px) <= maxPx) return text;
  const chars = Math.max(1, Math.floor(maxPx / (px * 0.6)) - 1);
  return `${text.slice(0, chars)}…`;
}
