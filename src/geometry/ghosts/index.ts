export * from './complex';
export { partitionAt, logPartitionReal, mergeEqualSlopes, type PartitionValue } from './partition';
export {
  slopeSpread,
  radiusFromSpread,
  perSampleSpreads,
  perSampleRadii,
  batchRadius,
  percentileRadius,
  binaryExactRadius,
  binaryZero,
  normalizedStep,
  controllerScale,
  standaloneLearningRate,
} from './radius';
export {
  nearestZero,
  newtonZero,
  windingNumber,
  zeroStrip,
  ZERO_RESIDUAL,
  CERTIFICATE_GAP,
  type NearestZero,
  type ZeroSearchOptions,
} from './zeros';
export { lossTaylorCoefficients, rootTest, rootTestRadius, evaluateTaylor, lossAlongStep } from './taylor';
export { parseRadiiDataSet, type RadiiDataSet } from './validate';
export { emptySampleRadii, cloneSampleRadii, fillSampleRadius, setBounds, syntheticRadiiSet, type SampleRadii, type SetBounds } from './sampleSet';
export { createSpikeRace, validateSpikeRace, RACE_VARIANTS, type SpikeRace, type SpikeRaceOptions, type RaceVariant, type VariantRecord, type RadiusRequest } from './spikeRace';
export { mlpRadiiSet, radiiMlpOptions, type MlpRadiiOptions, type MlpRadiiSet, type StepDirection } from './mlpSet';
export {
  analyseSampleRadius,
  analyseSampleSet,
  analyseSelectedSample,
  linearLayers,
  sampleRadiiNotes,
  sampleRadiiProcess,
  summariseSampleRadii,
  type SampleRadiiSummary,
  type SelectedSample,
} from './sampleAnalysis';
export { parseHiddenWidths, spikeRaceOptions, type SpikeRaceSettings } from './spikeRaceSettings';
export { snapshotSpikeRace, type SpikeRaceSnapshot } from './spikeRaceSnapshot';
