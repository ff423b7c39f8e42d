/**
 * Previews of the heat chapter's jobs (JobDefinition.preview): the same pipeline on
 * PREVIEW_ROWS evenly spaced rows of the same data, with t scaled to their density
 * (the `subsample` field) and at most PREVIEW_MDS_ITERATIONS SMACOF iterations. Measured at the
 * defaults (Node, a loaded 2-core machine): 40–90 ms end to end, so the figure shows the shape
 * of the embedding within the 150 ms budget while the full run computes. 200 rows, not fewer: on
 * the default Swiss roll (k = 10, noise 0.1) 150 evenly spaced rows already short-circuit the roll's
 * layers (row-averaged Spearman 0.53 against 0.99 at 200 and at the full 400).
 */
import type { HeatCompareParams } from './heatStages';

export const PREVIEW_ROWS = 200;
export const PREVIEW_MDS_ITERATIONS = 15;

export function heatPreview<P extends HeatCompareParams>(p: P): P | null {
  // loaded data: n is the row count the view asked for (its first n rows), an upper bound on the rows
  if (p.subsample || p.n <= 1.5 * PREVIEW_ROWS) return null;
  return { ...p, subsample: PREVIEW_ROWS, mdsIterations: Math.min(p.mdsIterations, PREVIEW_MDS_ITERATIONS) };
}
