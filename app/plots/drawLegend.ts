/** Draws a legend (swatch + label per entry) at given item positions; shared by the 2-D plots. */
import type * as d3 from 'd3';
import { estimateTextWidth, measureTextWidth, TYPE } from './type';

export interface LegendEntry {
  label: string;
  color: string;
  dash?: string | null;
  points?: boolean;
  /** The whole label where `label` was shortened to fit (shown as a tooltip). */
  full?: string;
}

const SWATCH = 20;

/** Width of one legend item: swatch, gap, label and the gap to the next item in a row. */
export function legendItemWidth(label: string): number {
  return SWATCH + 6 + estimateTextWidth(label, TYPE.legend) + 14;
}

export function drawLegend(
  parent: d3.Selection<SVGGElement, unknown, null, undefined>,
  entries: readonly LegendEntry[],
  x: number,
  y: number,
  at: readonly { x: number; row: number }[],
  background: boolean,
): void {
  const legend = parent.append('g').attr('class', 'legend').attr('transform', `translate(${x},${y})`);
  const bg = background ? legend.append('rect').attr('class', 'legend-bg').attr('rx', 4) : null;
  entries.forEach((e, k) => {
    const item = legend.append('g').attr('transform', `translate(${at[k].x + 4},${at[k].row * TYPE.legendRow + 3})`);
    const mid = TYPE.legendRow / 2;
    if (e.points) item.append('circle').attr('cx', SWATCH / 2).attr('cy', mid).attr('r', 3.5).attr('fill', e.color);
    else item.append('line').attr('x1', 0).attr('x2', SWATCH).attr('y1', mid).attr('y2', mid).attr('stroke', e.color).attr('stroke-width', 2.5).attr('stroke-dasharray', e.dash ?? null);
    const text = item.append('text').attr('x', SWATCH + 6).attr('y', mid).attr('dy', '0.35em').text(e.label);
    if (e.full && e.full !== e.label) text.append('title').text(e.full);
  });
  if (bg) {
    // The texts' measured widths (no layout: app/plots/type.ts), the estimate in Node tests.
    const node = legend.node();
    const rows = Math.max(0, ...at.map((a) => a.row)) + 1;
    const width = Math.max(...entries.map((e, k) => at[k].x + 4 + SWATCH + 6 + measureTextWidth(e.label, TYPE.legend, node)));
    bg.attr('width', width + 4).attr('height', rows * TYPE.legendRow + 6);
  }
}
