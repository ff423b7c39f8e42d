/**
 * The figure system's layout rules (app/plots): drawn size follows the container, the
 * legend goes where the curves are not (or below), and labels fit their space.
 */
import { describe, expect, it } from 'vitest';
import { figureSize, MIN_PLOT_HEIGHT } from '../../../app/plots/figureSize';
import { flowItems, placeLegend, resampleByLength, worstCover } from '../../../app/plots/legend';
import { estimateTextWidth, fitLabel, truncateLabel } from '../../../app/plots/type';

describe('figureSize: one SVG unit per CSS px at the container width', () => {
  it('takes the container width and keeps the height within [0.8, 1.25] of the design', () => {
    expect(figureSize(388, { width: 560, height: 300 })).toEqual({ width: 388, height: 240 });
    expect(figureSize(1200, { width: 560, height: 300 })).toEqual({ width: 1200, height: 375 });
    expect(figureSize(0, { width: 560, height: 300 })).toEqual({ width: 560, height: 300 });
    expect(figureSize(300, { width: 560, height: 200 }).height).toBe(MIN_PLOT_HEIGHT);
  });
  it('keeps a square figure square and caps it at 1.25× its design width', () => {
    expect(figureSize(300, { width: 420, height: 420, keepAspect: true })).toEqual({ width: 300, height: 300 });
    expect(figureSize(900, { width: 420, height: 420, keepAspect: true })).toEqual({ width: 525, height: 525 });
  });
});

describe('resampleByLength', () => {
  it('spreads points evenly along the drawn length, however the vertices cluster', () => {
    // Vertices crowded near x = 10 (as a log-x curve's late samples are): the resampled
    // points are still 1 px apart along the segment from 0 to 10.
    const xy = [0, 0, 9, 0, 9.5, 0, 9.9, 0, 10, 0];
    const r = resampleByLength(xy, 10);
    expect(r.length).toBe(22);
    for (let k = 0; k <= 10; k++) {
      expect(r[2 * k]).toBeCloseTo(k, 12);
      expect(r[2 * k + 1]).toBe(0);
    }
  });
});

describe('placeLegend: the emptiest candidate box, or below the plot', () => {
  const plot = { width: 400, height: 200 };
  const size = { width: 120, height: 60 };
  /** A curve that starts high on the left and decays to the bottom right (a loss curve). */
  const decay = resampleByLength(Array.from({ length: 100 }, (_, i) => [4 * i, 200 - 200 * Math.exp(-i / 10)]).flat().map((v, k) => (k % 2 ? 200 - v : v)));

  it('avoids the top-left corner where a decaying curve starts', () => {
    const p = placeLegend(plot, size, [decay]);
    expect(p.kind).toBe('inside');
    if (p.kind !== 'inside') return;
    expect(p.box.x).toBeGreaterThan(200);
    expect(p.box.y).toBeLessThan(100);
    expect(worstCover(p.box, [decay])).toBeLessThanOrEqual(0.02);
    // The top-left corner it rejected covers a sizeable share of the curve.
    expect(worstCover({ x: 6, y: 6, ...size }, [decay])).toBeGreaterThan(0.05);
  });

  it('goes below when every candidate covers more than 2% of some series', () => {
    // A grid of points filling the whole plot area.
    const filled = Float64Array.from(Array.from({ length: 41 * 21 }, (_, k) => [10 * (k % 41), 10 * Math.floor(k / 41)]).flat());
    expect(placeLegend(plot, size, [filled]).kind).toBe('below');
  });

  it('goes below when the box does not fit the plot area', () => {
    expect(placeLegend({ width: 100, height: 200 }, size, []).kind).toBe('below');
  });

  it('flows items into rows that fit the width', () => {
    expect(flowItems([100, 100, 100, 50], 250)).toEqual([
      { x: 0, row: 0 },
      { x: 100, row: 0 },
      { x: 0, row: 1 },
      { x: 100, row: 1 },
    ]);
  });
});

describe('label fitting', () => {
  it('keeps a short label, breaks a long one at spaces, and cuts one that cannot fit', () => {
    expect(fitLabel('loss', 200, 13)).toEqual(['loss']);
    const two = fitLabel('gradient norm of the Fréchet functional', 180, 13);
    // 13 px at 0.6 em is 7.8 px a character: 23 fit in 180 px, so "gradient norm of the" (20) fills line one.
    expect(two).toEqual(['gradient norm of the', 'Fréchet functional']);
    for (const line of two) expect(estimateTextWidth(line, 13)).toBeLessThanOrEqual(180);
    // The SPD chapter's Fréchet y-label on a 163 px tall plot: three whole lines, nothing cut.
    const frechet = fitLabel('‖Riemannian gradient‖ of the Fréchet function', 163, 13, 3);
    expect(frechet.join(' ')).toBe('‖Riemannian gradient‖ of the Fréchet function');
    for (const line of frechet) expect(estimateTextWidth(line, 13)).toBeLessThanOrEqual(163);
    const three = fitLabel('a bb ccc dddd eeeee ffffff ggggggg', 40, 10, 2);
    expect(three).toHaveLength(2);
    expect(three[1].endsWith('…')).toBe(true);
    const cut = truncateLabel('a'.repeat(100), 100, 13);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, 13)).toBeLessThanOrEqual(100);
  });
});
