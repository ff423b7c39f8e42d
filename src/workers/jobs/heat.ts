/**
 * Jobs of the "Heat-geodesic embeddings" chapter.
 *  - `heat/embed`: one method's embedding of a dataset (or loaded data), streaming the
 *    MDS iterates as progress; CPU (f64) and GPU (Chebyshev by spmm, Varadhan transform
 *    and SMACOF on WebGPU, f32) paths.
 *  - `heat/compare`: every method on the same graph with its quality figures.
 * The math lives in src/geometry/heat; heatPipeline.ts memoises its stages per cell
 * (ctx.stages), heatMds.ts warm-starts SMACOF, heatPreview.ts makes the cheap first pass.
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
  type HeatCompareParams,
  type HeatParams,
  type HeatProgress,
  type HeatResult,
} from './heatStages';
export { HEAT_EIGEN_ROUTE_MAX_ROWS } from '../../geometry/heat';
export { SMACOF_TOLERANCE } from './heatMds';
export { heatPreview, PREVIEW_ROWS, PREVIEW_MDS_ITERATIONS } from './heatPreview';
export { embedJob } from './heatEmbed';
export { compareJob, type CompareResult } from './heatCompare';

