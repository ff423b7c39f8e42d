export { besselIScaled } from './bessel';
export { csrFromTriplets, csrMatVec, csrMatMat, csrToDense, type CsrMatrix } from './sparse';
export { affinityGraph, degrees, connectedComponents, kernelNeighbourCount, type AffinityGraph, type AffinityOptions } from './graph';
export { laplacian, laplacianSpectralBound, type LaplacianKind } from './laplacian';
export {
  heatChebyshevCoefficients,
  chebyshevTruncationBound,
  chebyshevOrderFor,
  heatKernelChebyshev,
  heatKernelChebyshevDense,
  heatKernelColumns,
} from './chebyshev';
export { heatKernelExact, laplacianEigen } from './heatExact';
export { heatKernelTruncated, heatEigenCount, HEAT_EIGEN_CUTOFF, type TruncatedHeat } from './heatEigen';
export { varadhanDistances, HEAT_LOG_FLOOR } from './varadhan';
export { lanczosTop, type TopEigen } from '../spectral/lanczos';
export { classicalMds, smacof, stress, normalizedStress, guttmanTransform, CLASSICAL_MDS_DENSE_LIMIT } from './mds';
export { knnDistanceGraph, dijkstra, allPairsShortestPaths, BinaryHeap, type WeightedGraph } from './shortestPaths';
export { diffusionPowers, potentialDistances, potentialFromPowers, rowDistances, transitionMatrix, diffusionMap, POTENTIAL_EPSILON, type DiffusionMap } from './comparators';
export { kneedle, heatEntropyCurve, entropyTimes, diffusionTimeCurve, type EntropyCurve } from './entropy';
export {
  makeDataset,
  groundTruthRow,
  groundTruthSubset,
  evenRows,
  spiralArcLength,
  DATASET_NAMES,
  TREE_GROUND_TRUTH_LIMIT,
  type Dataset,
  type DatasetName,
  type GroundTruth,
} from './datasets';
export { pearson, spearman, ranks, rowAveragedCorrelations, referenceRows, correlationsAgainst, groundTruthRows, embeddingRow, embeddingQuality, embeddingQualityAgainst, distanceQuality, type Quality, type ReferenceRows } from './quality';
export { checkPointCloud, type PointCloudCheck } from './validate';
export { evenSubsample, loadedPointCloud, pickRows, subsampleDiffusionTime, viewCoordinates, type LoadedPoints, type PointCloud } from './pointCloud';
export {
  graphStage,
  heatKernelStage,
  heatDistanceStage,
  comparatorDistanceStage,
  heatRouteFor,
  HEAT_EIGEN_ROUTE_MAX_ROWS,
  heatGeodesicDistances,
  type HeatRoute,
  type HeatKernelStage,
  capComponentDistances,
  type GraphStage,
  type HeatGeodesicOptions,
  type HeatGeodesicResult,
} from './heatGeodesic';
export {
  farthestPointLandmarks,
  DEFAULT_LANDMARKS,
  LANDMARK_POINT_ITERATIONS,
  varadhanLandmarkDistances,
  heatDiagonalEstimate,
  landmarkMds,
  heatGeodesicLandmarkDistances,
  landmarkHeatDistances,
  capLandmarkDistances,
  type LandmarkMdsOptions,
  type LandmarkHeatResult,
} from './landmarks';
