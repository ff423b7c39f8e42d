/**
 * Measures the prose segments of a notebook as presentation mode lays them out and
 * splits each into pages that fit the slide (app/shell/slides.ts). The segments are
 * laid out in a hidden copy (`measure`, same width and type as a slide); the slide's
 * height is that of the current slide box (`slideBox`). Re-measured when the window resizes.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { blockExtents } from './slideBlocks';
import { paginate, type Page } from './slides';

/** Px kept free under the last block of a page (rounding, a descender). */
const SLACK = 8;

export function useProsePages(
  presenting: boolean,
  measure: RefObject<HTMLElement | null>,
  slideBox: () => HTMLElement | null,
  deps: unknown,
): ReadonlyMap<number, readonly Page[]> {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly Page[]>>(new Map());
  useLayoutEffect(() => {
    if (!presenting) return;
    const run = () => {
      const root = measure.current;
      const box = slideBox();
      if (!root || !box) return;
      const boxStyle = getComputedStyle(box);
      const inner = box.clientHeight - parseFloat(boxStyle.paddingTop || '0') - parseFloat(boxStyle.paddingBottom || '0');
      const next = new Map<number, readonly Page[]>();
      for (const prose of Array.from(root.querySelectorAll<HTMLElement>('[data-measure]'))) {
        const style = getComputedStyle(prose);
        const available = inner - parseFloat(style.marginTop || '0') - parseFloat(style.paddingTop || '0') - parseFloat(style.paddingBottom || '0') - SLACK;
        if (available > 0) next.set(Number(prose.dataset.measure), paginate(blockExtents(prose), available));
      }
      setPages(next);
    };
    run();
    window.addEventListener('resize', run);
    return () => window.removeEventListener('resize', run);
  }, [presenting, measure, slideBox, deps]);
  return pages;
}
