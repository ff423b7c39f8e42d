export {
  makeSensingProblem,
  withProblem,
  randomOrthonormal,
  groundTruthSpectrum,
  sensingWork,
  symmetricLoss,
  symmetricGradient,
  asymmetricLoss,
  asymmetricGradient,
  factorError,
  measurementResiduals,
  singularValues,
  rebalanceFactors,
  type SensingProblem,
  type SensingProblemOptions,
  type SensingWork,
} from './matrixSensing';
export { createSensingRace, runSensingRace, sensingInit, SENSING_METHODS, type SensingMethod, type SensingInit, type SensingRace, type SensingRaceOptions, type MethodTrace } from './sensingRace';
export { logLogSlope, linearRate, lastAbove, fitCurve, type FitWindow, type CurveFit } from './rates';
export { OPTIMIZERS, createOptimizer, projectRadial, scaleInvariantView, maxAbsCosine, type OptimizerName, type OptimizerConfig, type ParamBlock, type StepReport, type Optimizer } from './adamp';
export { toyLoss, gaussianMixture, classifierBlocks, classifierSize, classifierInit, classifierLoss, type MixtureData, type ClassifierShape } from './scaleInvariant';
export { createAdampRace, type AdampRace, type AdampRaceOptions, type ToyTrace, type ClassifierTrace } from './adampRace';
export { parseSensingRun, type SensingRun } from './parseSensingRun';
export { gramMatrix, mfacFactor, mfacApply, mfacScratch, mfacCoefficientRow, denseFisher, choleskySolve, type MfacFactor, type MfacScratch } from './mfac';
export { createMfacWindow, mfacWindowPush, mfacWindowApply, mfacWindowGradients, type MfacWindow } from './mfacWindow';
export { makeMfacProblem, perSampleGradients, mfacAccuracyGrid, createMfacRace, MFAC_RACE_METHODS, type MfacProblem, type MfacAccuracyGrid, type MfacRaceMethod, type MfacRaceOptions, type MfacTrace, type MfacRace } from './mfacRace';
export { randomizedSvd, pseudoinverseApply, denseSvd, type TruncatedSvd } from './sven';
export { makeRegressionProblem, createSvenRace, SVEN_METHODS, SVEN_SGD_BATCH, type SvenTask, type RegressionProblem, type SvenMethod, type SvenRaceOptions, type SvenTrace, type SvenRace } from './svenRace';
export { hermite, makeSingleIndex, unitVector, singleIndexGradient, populationOverlapStep, runSphericalLangevin, hemisphereStart, successRate, successTrial, createSuccessTrial, createLangevin, type LangevinStepper, type SingleIndexProblem, type LangevinOptions, type LangevinRun } from './langevin';
