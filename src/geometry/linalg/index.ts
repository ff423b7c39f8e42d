export { dot, matVec, matMul, transpose } from './dense';
export { reduce, logSumExp, type Reduction, type Axis } from './reductions';
export { elementwise, elementwiseScalar, checkElementwiseArguments, ELEMENTWISE_OPS, type ElementwiseOp } from './elementwise';
export { pairwiseSquaredDistances, knnBruteForce, type NeighbourLists } from './distances';
export { eigenvectorMatrix, symmetricEigen, symmetricEigenvalues, symmetricTridiagonalEigen, type SymmetricEigen } from './symmetricEigen';
export { symmetricEigenJacobi } from './jacobiEigen';
