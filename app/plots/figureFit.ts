/**
 * A height budget for the plots of one figure, set by whoever frames it (a slide of
 * presentation mode, which must fit one screen). Plots then trade height for nothing
 * else: their type stays at its CSS px size (app/plots/type.ts); only the data area
 * shrinks, never below FIT_FLOOR. Without a provider (the notebook page) there is no budget.
 */
import { createContext, useContext } from 'react';

/** The lowest a plot is drawn under a budget: ticks, both axis labels and a few data rows still fit. */
export const FIT_FLOOR = 140;

/** The tallest a plot may be drawn, in CSS px; null: no budget. */
export const FigureFitContext = createContext<number | null>(null);

export function useFigureFit(): number | null {
  return useContext(FigureFitContext);
}
