/**
 * Jobs of the "Heat-geodesic embeddings" chapter.
 *  - `heat/embed`: one method's embedding of a dataset (or loaded data), streaming the
 *    MDS iterates as progress; CPU (f64) and GPU (Chebyshev by spmm, Varadhan transform
 *    and SMACOF on WebGPU, f32) paths.
 *  - `heat/compare`: every method on the same graph with its quality figures.
 * The pipeline stages live in src/geometry/heat; this file wires them, validates input
 * and reports progress.
 */

export {
  HEAT_COMPARE_MAX_ROWS,
  HEAT_EXACT_MAX_ROWS,
  HEAT_MAX_ROWS,
  HEAT_METHOD_LABELS,
  HEAT_METHODS,
  LANDMARK_AUTO_ROWS,
  landmarkCount,
  type HeatData,
  type HeatMethod,
  type HeatParams,
  type HeatProgress,
  type HeatResult,
} from './heatStages';
export { embedJob } from './heatEmbed';
export { compareJob, type CompareResult } from './heatCompare';

