/**
 * Figures are drawn at the size they occupy on screen, so that one SVG unit is one
 * CSS pixel and the type sizes in app/plots/type.ts are what a reader sees
 * (a viewBox scaled to the panel would shrink 12 px ticks to 8 px in a narrow panel).
 * A plot declares a design size; its drawn width follows its container, its height
 * follows the design aspect within bounds, and square plots keep their aspect.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { FIT_FLOOR, useFigureFit } from './figureFit';

export interface DesignSize {
  width: number;
  height: number;
  /** Keep width:height (scatter plots with equal axes, heatmaps). */
  keepAspect?: boolean;
  /** Widest the figure may be drawn (square figures would otherwise fill a wide column). */
  maxWidth?: number;
}

/** Smallest height a line plot is drawn at, whatever its width (room for ticks, labels and a legend). */
export const MIN_PLOT_HEIGHT = 220;

/**
 * The drawn size for a container `available` CSS px wide (0 or unknown: the design size).
 * `maxHeight` (a slide's budget, app/plots/figureFit.ts) caps the height, but not below
 * FIT_FLOOR; a plot that keeps its aspect gets narrower instead.
 */
export function figureSize(available: number, design: DesignSize, maxHeight: number | null = null): { width: number; height: number } {
  const cap = maxHeight === null ? Infinity : Math.max(FIT_FLOOR, maxHeight);
  const aspect = design.height / design.width;
  const maxWidth = Math.min(design.maxWidth ?? (design.keepAspect ? Math.round(design.width * 1.25) : Infinity), design.keepAspect ? cap / aspect : Infinity);
  const width = Math.round(Math.min(available > 0 ? available : design.width, maxWidth));
  if (design.keepAspect) return { width, height: Math.round(width * aspect) };
  const height = Math.min(cap, design.height * 1.25, Math.max(design.height * 0.8, MIN_PLOT_HEIGHT, width * aspect));
  return { width, height: Math.round(height) };
}

/**
 * The content width of a block element that wraps the figure (`.plot-frame`, width 100% of
 * its cell), kept current with a ResizeObserver (0 before the first layout or where
 * ResizeObserver is missing, e.g. in Node tests). The wrapper, not the SVG's parent, is
 * measured: an SVG placed straight into a grid would report the whole grid's width.
 */
export function useContainerWidth(ref: RefObject<Element | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const parent = ref.current;
    if (!parent || typeof ResizeObserver === 'undefined') return;
    const read = () => {
      const style = getComputedStyle(parent);
      const inner = parent.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0');
      // Whole pixels, so sub-pixel jitter does not redraw the figure.
      setWidth((w) => (Math.abs(w - inner) >= 1 ? Math.floor(inner) : w));
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(parent);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** `figureSize` of the wrapper element's width, live, under the height budget of the figure's frame if any. */
export function useFigureSize(ref: RefObject<Element | null>, design: DesignSize): { width: number; height: number } {
  return figureSize(useContainerWidth(ref), design, useFigureFit());
}
