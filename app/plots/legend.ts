/**
 * One placement rule for every legend of a 2-D plot: the legend box goes to the
 * candidate position (the four corners of the plot area, then the middles of its top
 * and bottom edges) that covers the smallest share of any one series' points; when
 * even the best candidate covers more than `maxCover` of a series, the legend goes
 * outside, below the plot area. Coordinates are plot-area px, y down; a line series is
 * counted by points spread along its drawn length (`resampleByLength`), a point series by its points.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type LegendPlacement = { kind: 'inside'; box: Box; cover: number } | { kind: 'below'; cover: number };

/** Share of the legend's worst-covered series tolerated inside the plot area. */
export const MAX_LEGEND_COVER = 0.02;
const PAD = 6;

/**
 * `count` points spread evenly by arc length along a polyline (interleaved x, y, plot px):
 * the curve as a reader sees it. Data points alone would misjudge a log-x curve, whose
 * first decade holds a handful of samples but a third of the drawn length.
 */
export function resampleByLength(xy: ArrayLike<number>, count = 200): Float64Array {
  const n = Math.floor(xy.length / 2);
  if (n < 2) return Float64Array.from(Array.prototype.slice.call(xy, 0, 2 * n));
  const cumulative = new Float64Array(n);
  for (let i = 1; i < n; i++) cumulative[i] = cumulative[i - 1] + Math.hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
  const total = cumulative[n - 1];
  const out = new Float64Array(2 * (count + 1));
  let seg = 1;
  for (let k = 0; k <= count; k++) {
    const at = (total * k) / count;
    while (seg < n - 1 && cumulative[seg] < at) seg++;
    const span = cumulative[seg] - cumulative[seg - 1];
    const f = span > 0 ? (at - cumulative[seg - 1]) / span : 0;
    out[2 * k] = xy[2 * seg - 2] + f * (xy[2 * seg] - xy[2 * seg - 2]);
    out[2 * k + 1] = xy[2 * seg - 1] + f * (xy[2 * seg + 1] - xy[2 * seg - 1]);
  }
  return out;
}

/** The largest share of one series' points (interleaved x, y) inside the box. */
export function worstCover(box: Box, series: readonly ArrayLike<number>[]): number {
  let worst = 0;
  for (const xy of series) {
    const n = Math.floor(xy.length / 2);
    if (n === 0) continue;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      if (x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height) inside++;
    }
    worst = Math.max(worst, inside / n);
  }
  return worst;
}

export function placeLegend(
  plot: { width: number; height: number },
  size: { width: number; height: number },
  series: readonly ArrayLike<number>[],
  maxCover = MAX_LEGEND_COVER,
): LegendPlacement {
  if (size.width > plot.width - 2 * PAD || size.height > plot.height * 0.6) return { kind: 'below', cover: 0 };
  const left = PAD;
  const right = plot.width - PAD - size.width;
  const top = PAD;
  const bottom = plot.height - PAD - size.height;
  const middle = (plot.width - size.width) / 2;
  const candidates: Box[] = [
    [left, top],
    [right, top],
    [right, bottom],
    [left, bottom],
    [middle, top],
    [middle, bottom],
  ].map(([x, y]) => ({ x, y, width: size.width, height: size.height }));
  let best = candidates[0];
  let bestCover = Infinity;
  for (const box of candidates) {
    const cover = worstCover(box, series);
    if (cover < bestCover) {
      best = box;
      bestCover = cover;
    }
  }
  return bestCover <= maxCover ? { kind: 'inside', box: best, cover: bestCover } : { kind: 'below', cover: bestCover };
}

/** Rows of a legend laid out left to right below the plot, wrapping at `width`; returns each item's (x, row). */
export function flowItems(itemWidths: readonly number[], width: number): { x: number; row: number }[] {
  let x = 0;
  let row = 0;
  return itemWidths.map((w) => {
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const at = { x, row };
    x += w;
    return at;
  });
}
