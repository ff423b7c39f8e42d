/**
 * Slides of presentation mode. A cell is one slide; a prose segment is split into
 * pages of its top-level blocks (paragraphs, headings, lists, display formulas) so
 * that each page fits the slide's height, as a lecturer would split a long text
 * over several slides rather than scroll. Pure layout arithmetic: the extents are
 * measured by the caller (app/shell/useProsePages.ts).
 */

/** One block's vertical extent in px, margins included, relative to any common origin. */
export interface BlockExtent {
  top: number;
  bottom: number;
  /** A heading: it never ends a page (it goes over with the text it introduces). */
  heading: boolean;
}

/** A page: blocks [start, end) of one segment. */
export type Page = readonly [start: number, end: number];

/**
 * Greedy pages of `blocks` (in document order) whose span bottom(last) − top(first)
 * is at most `available` px. A block taller than `available` gets a page of its own
 * (the slide then shrinks its type, app/shell/useSlideFit.ts).
 */
export function paginate(blocks: readonly BlockExtent[], available: number): Page[] {
  if (!(available > 0)) throw new Error(`slide height must be positive, got ${available}`);
  const pages: Page[] = [];
  let start = 0;
  while (start < blocks.length) {
    let end = start + 1;
    while (end < blocks.length && blocks[end].bottom - blocks[start].top <= available) end++;
    // Move trailing headings to the next page, unless the page would be left empty.
    let cut = end;
    while (cut < blocks.length && cut - 1 > start && blocks[cut - 1].heading) cut--;
    pages.push([start, cut]);
    start = cut;
  }
  return pages;
}

/** A slide: a whole segment (a cell, or prose that needs no split) or one page of a prose segment. */
export interface Slide {
  segment: number;
  page: Page | null;
}

/** Slides in order, given the pages found for each prose segment (absent: not split). */
export function slideList(count: number, pages: ReadonlyMap<number, readonly Page[]>): Slide[] {
  const out: Slide[] = [];
  for (let segment = 0; segment < count; segment++) {
    const p = pages.get(segment);
    if (p && p.length > 1) for (const page of p) out.push({ segment, page });
    else out.push({ segment, page: null });
  }
  return out;
}

/** The index in `slides` that shows `segment` and, for a split one, the block `block` (after a re-layout). */
export function slideIndexOf(slides: readonly Slide[], segment: number, block = 0): number {
  const i = slides.findIndex((s) => s.segment === segment && (s.page === null || (block >= s.page[0] && block < s.page[1])));
  return i >= 0 ? i : Math.max(0, slides.findIndex((s) => s.segment === segment));
}
