export * from './symmetric';
export { symmetricEigen, type SymmetricEigen } from './symmetricEigen';
export * from './matrixFunctions';
export * from './validate';
export * from './metric';
export { affineInvariant, aiDistance, aiGeodesic, aiExp, aiLog, aiNorm, aiMean } from './affineInvariant';
export { logEuclidean, leDistance, leGeodesic, leExp, leLog, leNorm } from './logEuclidean';
export { buresWasserstein, bwDistance, bwGeodesic, bwExp, bwLog, bwNorm, bwMean, bwTransportMap } from './buresWasserstein';
export { generalizedBuresWasserstein, type GeneralizedBWParameters } from './generalizedBuresWasserstein';
