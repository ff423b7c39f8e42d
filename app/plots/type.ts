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
