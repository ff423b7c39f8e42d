export { type LinearOperator, denseOperator, operatorToDense, dot, normalizeInPlace, orthogonalizeAgainst } from './operator';
export { type LanczosRun, type Eigenpairs, lanczos, lanczosTopEigenpairs } from './lanczos';
export { type PowerOptions, powerIterationTop } from './power';
export { type TraceEstimate, hutchinsonTrace } from './hutchinson';
export {
  type QuadratureNodes,
  type DensityGrid,
  type DensityOptions,
  stochasticLanczosQuadrature,
  quadratureMoment,
  slqDensity,
} from './slq';
export { type ExactSpectrum, MAX_DENSE_SIZE, exactSpectrum } from './dense';
