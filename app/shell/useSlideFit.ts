/**
 * Makes the current slide of presentation mode fit its box without scrolling. A cell's
 * plots get a height budget (app/plots/figureFit.ts), lowered until the slide fits or the
 * plots reach FIT_FLOOR: type keeps its size, only data areas shrink. A prose page that
 * is still too tall (one block taller than the slide) gets smaller type, down to
 * MIN_PROSE_SCALE of the presentation size (15 px). Each change shrinks, so the
 * loop ends; the slide, or the window size, changing starts it again at full size.
 */
import { useEffect, useState, type RefObject } from 'react';
import { FIT_FLOOR } from '../plots/figureFit';

/** Smallest prose scale (× the presentation font size). */
export const MIN_PROSE_SCALE = 0.7;

interface Fit {
  key: string;
  figureHeight: number | null;
  proseScale: number;
}

function visible(el: Element): boolean {
  return (el as HTMLElement).checkVisibility?.() ?? true;
}

export function useSlideFit(box: RefObject<HTMLElement | null>, slideKey: string | null): { figureHeight: number | null; proseScale: number } {
  const [fit, setFit] = useState<Fit>({ key: '', figureHeight: null, proseScale: 1 });
  const [size, setSize] = useState(0);
  useEffect(() => {
    const onResize = () => setSize((s) => s + 1);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const key = `${slideKey}@${size}`;
  const current = fit.key === key ? fit : { key, figureHeight: null, proseScale: 1 };

  useEffect(() => {
    const el = box.current;
    if (!el || slideKey === null || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const check = () => {
      frame = 0;
      const over = el.scrollHeight - el.clientHeight;
      // A display formula or table wider than the prose column would scroll sideways inside its box.
      const wide = el.matches('.prose')
        ? Array.from(el.querySelectorAll<HTMLElement>('math, .katex-display, table')).filter((f) => f.scrollWidth > f.clientWidth + 1 && visible(f))
        : [];
      if (over <= 0 && wide.length === 0) return;
      const plots = Array.from(el.querySelectorAll('.view-figure svg.plot, .view-figure .three-canvas')).filter(visible);
      if (plots.length > 0) {
        // Plots side by side share a row: the overflow is divided between the rows of plots.
        const boxes = plots.map((p) => p.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        let rows = 0;
        let rowTop = -Infinity;
        for (const b of boxes) {
          if (b.top < rowTop + b.height / 2) continue;
          rows++;
          rowTop = b.top;
        }
        const tallest = Math.max(...boxes.map((b) => b.height));
        setFit((f) => {
          const now = f.key === key ? f.figureHeight ?? Infinity : Infinity;
          const next = Math.max(FIT_FLOOR, Math.floor(Math.min(now, tallest) - over / rows) - 1);
          return next < now ? { key, figureHeight: next, proseScale: 1 } : f;
        });
      } else if (el.matches('.prose')) {
        setFit((f) => {
          const now = f.key === key ? f.proseScale : 1;
          const ratio = Math.min(el.clientHeight / el.scrollHeight, ...wide.map((f) => f.clientWidth / f.scrollWidth));
          const next = Math.max(MIN_PROSE_SCALE, Math.floor(now * ratio * 100) / 100);
          return next < now ? { key, figureHeight: null, proseScale: next } : f;
        });
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    // Content that appears later (a job's figure, a table) changes the size of the box's children, not the box's.
    const observer = new ResizeObserver(schedule);
    const watch = () => {
      observer.disconnect();
      observer.observe(el);
      for (const child of Array.from(el.children)) observer.observe(child);
      schedule();
    };
    const mutations = new MutationObserver(watch);
    mutations.observe(el, { childList: true });
    watch();
    return () => {
      observer.disconnect();
      mutations.disconnect();
      cancelAnimationFrame(frame);
    };
    // Rerun after each change too: a budget above a plot's own height changes nothing the observers would see.
  }, [box, slideKey, key, current.figureHeight, current.proseScale]);
  return { figureHeight: current.figureHeight, proseScale: current.proseScale };
}
