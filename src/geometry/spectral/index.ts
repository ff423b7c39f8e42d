export { type LinearOperator, denseOperator, operatorToDense, operatorToDenseAsync, dot, normalizeInPlace, orthogonalizeAgainst } from './operator';
export { type ProductRequest, type Process, type AsyncLinearOperator, runProcess, runProcessAsync } from './process';
export {
  type LanczosRun,
  type Eigenpairs,
  lanczos,
  lanczosProcess,
  lanczosTopEigenpairs,
  lanczosTopEigenpairsAsync,
  lanczosTopProcess,
  lanczosTop,
  tridiagonalTop,
  type LanczosObserver,
  type TopEigen,
} from './lanczos';
export { type PowerOptions, powerIterationTop, powerIterationTopAsync, powerIterationProcess } from './power';
export { type TraceEstimate, hutchinsonTrace, hutchinsonTraceAsync, hutchinsonProcess } from './hutchinson';
export {
  type HutchPlusPlusEstimate,
  hutchPlusPlusSplit,
  hutchPlusPlusTrace,
  hutchPlusPlusTraceAsync,
  hutchPlusPlusProcess,
} from './hutchPlusPlus';
export {
  type QuadratureNodes,
  type DensityGrid,
  type DensityOptions,
  stochasticLanczosQuadrature,
  stochasticLanczosQuadratureAsync,
  slqProcess,
  quadratureMoment,
  slqDensity,
} from './slq';
export { type ExactSpectrum, MAX_DENSE_SIZE, exactSpectrum } from './dense';
export {
  type TraceMethod,
  type TraceEstimator,
  TRACE_ESTIMATORS,
  type SpectrumOptions,
  type SpectrumSummary, bulkRootMeanSquare, countOutliers, spectrumSummary, validateSpectrumOptions } from './summary';
