export { type Activation, ACTIVATIONS, activate, activationValue, erf, normalCdf } from './activations';
export { type ClassificationData, validateData, selectRows } from './data';
export {
  type Mlp,
  type Inputs,
  createMlp,
  layoutMlp,
  parameterCount,
  MlpWorkspace,
  mlpLogits,
  mlpLoss,
  mlpLossGradient,
  mlpLogitsJvp,
  mlpHessianVector,
  mlpGaussNewtonVector,
  mlpAccuracy,
} from './mlp';
export { initMlp } from './init';
export { type DenseProducts, JS_DENSE_PRODUCTS } from './denseProducts';
export { type WorkspaceOptions, workspaceLength } from './workspace';
export { type OptimizerKind, OPTIMIZERS, type Optimizer, type OptimizerOptions, createOptimizer, applyUpdate, vectorNorm } from './optimizers';
export { type Trainer, type TrainerOptions, createTrainer } from './train';
export { gaussianMixture, twoSpirals, digitsData, type DigitsJson, type GaussianMixtureOptions, type TwoSpiralsOptions } from './datasets';
export { type CurvatureKind, CURVATURE_KINDS, type CurvatureOperator, type CurvatureOptions, curvatureOperator } from './curvature';
export { type TrainingTrajectory, trajectoryStride, recordTrajectory, trajectoryWeights, snapshotSteps } from './trajectory';
export {
  type RegressionData,
  createRegressionMlp,
  regressionWorkspace,
  regressionResidualJacobian,
  regressionLoss,
  regressionLossGradient,
} from './regression';
