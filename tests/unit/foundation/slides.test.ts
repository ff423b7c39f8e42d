/**
 * Presentation mode's slides (app/shell/slides.ts) and the height budget plots take on a
 * slide (app/plots/figureSize.ts): invariants checked against hand-worked layouts.
 */
import { describe, expect, it } from 'vitest';
import { paginate, slideIndexOf, slideList, type BlockExtent } from '../../../app/shell/slides';
import { figureSize } from '../../../app/plots/figureSize';
import { FIT_FLOOR } from '../../../app/plots/figureFit';

/** Blocks of the given heights stacked with no gap; `h` marks headings. */
function stack(...heights: (number | 'h')[]): BlockExtent[] {
  let y = 0;
  return heights.map((v) => {
    const height = v === 'h' ? 40 : v;
    const block = { top: y, bottom: y + height, heading: v === 'h' };
    y += height;
    return block;
  });
}

describe('paginate: prose split into pages that fit a slide', () => {
  it('packs blocks greedily while the span fits (100+100+100 | 100 in 300 px)', () => {
    expect(paginate(stack(100, 100, 100, 100), 300)).toEqual([
      [0, 3],
      [3, 4],
    ]);
  });
  it('covers every block once, in order, and no page spans more than the height unless it holds one block', () => {
    const blocks = stack(120, 'h', 80, 300, 'h', 'h', 60, 700, 20, 20);
    const pages = paginate(blocks, 320);
    expect(pages.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k))).toEqual(blocks.map((_, i) => i));
    for (const [a, b] of pages) if (b - a > 1) expect(blocks[b - 1].bottom - blocks[a].top).toBeLessThanOrEqual(320);
  });
  it('never ends a page on a heading: it moves over with the text it introduces', () => {
    // 200 + heading 40 fit 250, the paragraph after it does not.
    expect(paginate(stack(200, 'h', 100), 250)).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });
  it('gives a block taller than the slide a page of its own', () => {
    expect(paginate(stack(50, 900, 50), 400)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
  it('rejects a slide with no height', () => {
    expect(() => paginate(stack(10), 0)).toThrow(/slide height must be positive, got 0/);
  });
});

describe('slideList: cells whole, split prose page by page', () => {
  const pages = new Map([[0, [[0, 2] as const, [2, 5] as const]]]);
  it('lists a page of each split segment, one slide for the others', () => {
    expect(slideList(3, pages)).toEqual([
      { segment: 0, page: [0, 2] },
      { segment: 0, page: [2, 5] },
      { segment: 1, page: null },
      { segment: 2, page: null },
    ]);
  });
  it('finds the slide that shows a given block after a re-layout', () => {
    const slides = slideList(3, pages);
    expect(slideIndexOf(slides, 0, 3)).toBe(1);
    expect(slideIndexOf(slides, 2)).toBe(3);
  });
});

describe('figureSize under a slide budget', () => {
  it('caps a line plot at the budget, never below FIT_FLOOR', () => {
    expect(figureSize(600, { width: 560, height: 300 }, 200)).toEqual({ width: 600, height: 200 });
    expect(figureSize(600, { width: 560, height: 300 }, 20).height).toBe(FIT_FLOOR);
  });
  it('narrows a plot that keeps its aspect, so it stays square', () => {
    expect(figureSize(600, { width: 420, height: 420, keepAspect: true }, 300)).toEqual({ width: 300, height: 300 });
  });
  it('changes nothing without a budget', () => {
    expect(figureSize(388, { width: 560, height: 300 }, null)).toEqual(figureSize(388, { width: 560, height: 300 }));
  });
});
