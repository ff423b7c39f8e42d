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
  singularValues,
  rebalanceFactors,
  type SensingProblem,
  type SensingProblemOptions,
  type SensingWork,
} from './matrixSensing';
export { createSensingRace, runSensingRace, sensingInit, SENSING_METHODS, type SensingMethod, type SensingInit, type SensingRace, type SensingRaceOptions, type MethodTrace } from './sensingRace';
export { logLogSlope, linearRate, lastAbove, fitCurve, type FitWindow, type CurveFit } from './rates';
