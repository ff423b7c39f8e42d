/**
 * The blocks a prose slide is split between: the top-level children of a prose segment,
 * except that a list of several items gives its items (a long numbered list then runs
 * over two slides, the second keeping the numbering). Shared by the measuring copy
 * (app/shell/useProsePages.ts) and the slide that shows one page of them.
 */
import type { BlockExtent, Page } from './slides';

function isSplitList(el: Element): boolean {
  return (el.tagName === 'OL' || el.tagName === 'UL') && el.children.length > 1;
}

export function slideBlocks(prose: Element): HTMLElement[] {
  return Array.from(prose.children).flatMap((child) => (isSplitList(child) ? Array.from(child.children) : [child])) as HTMLElement[];
}

/** Block extents in px, margins included (a list's own margins go with its first and last item). */
export function blockExtents(prose: Element): BlockExtent[] {
  return slideBlocks(prose).map((block) => {
    const box = block.getBoundingClientRect();
    const style = getComputedStyle(block);
    let top = box.top - parseFloat(style.marginTop || '0');
    let bottom = box.bottom + parseFloat(style.marginBottom || '0');
    const list = block.parentElement;
    if (list && list !== prose) {
      const listStyle = getComputedStyle(list);
      if (block === list.firstElementChild) top -= parseFloat(listStyle.marginTop || '0');
      if (block === list.lastElementChild) bottom += parseFloat(listStyle.marginBottom || '0');
    }
    return { top, bottom, heading: /^H[1-6]$/.test(block.tagName) };
  });
}

/** Shows the blocks of `page` only (all of them for null), keeping a split numbered list's numbers. */
export function showPage(prose: Element, page: Page | null): void {
  slideBlocks(prose).forEach((block, i) => {
    block.hidden = page !== null && (i < page[0] || i >= page[1]);
  });
  for (const list of Array.from(prose.children).filter(isSplitList) as HTMLElement[]) {
    const items = Array.from(list.children) as HTMLElement[];
    list.hidden = items.every((li) => li.hidden);
    if (list.tagName === 'OL') {
      const first = items.findIndex((li) => !li.hidden);
      list.dataset.start ??= list.getAttribute('start') ?? '1';
      (list as HTMLOListElement).start = Number(list.dataset.start) + Math.max(0, first);
    }
  }
}
