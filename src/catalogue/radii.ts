/**
 * The radii jobs' parameters, declared once: the views' sliders spread these entries, the
 * jobs' parameter types are read from them, and the jobs validate against them
 * (src/catalogue/params.ts).
 */
import { defineParams, type ValuesOf } from './params';

/**
 * The sample set and the selected sample: what `radii/sample-radii` declares, and what both
 * the complex-plane view and the Taylor view show as sliders.
 */
export const SAMPLE_RADII_PARAMS = defineParams([
  {
    name: 'source',
    label: 'Samples from',
    type: 'enum',
    default: 'synthetic',
    options: [
      { value: 'synthetic', label: 'random logits and slopes' },
      { value: 'mlp', label: 'a trained MLP (JVP)' },
    ],
    description: 'Synthetic logits and slopes, or a small MLP trained on a Gaussian mixture with slopes from one JVP along its next step.',
  },
  { name: 'trainSteps', label: 'MLP training steps', type: 'integer', default: 50, min: 0, max: 500, step: 10, description: 'Full-batch Adam steps before measuring (source: MLP).' },
  {
    name: 'direction',
    label: 'Step direction',
    type: 'enum',
    default: 'adam',
    options: [
      { value: 'adam', label: "Adam's next step" },
      { value: 'gradient', label: 'negative gradient' },
      { value: 'random', label: 'random' },
    ],
    description: 'The unit direction v of the slopes a_k = ∇z_k·v (source: MLP).',
  },
  { name: 'classes', label: 'Classes K', type: 'integer', default: 5, min: 2, max: 20, step: 1, description: 'Logits per sample in the synthetic set.' },
  {
    name: 'logitScale',
    label: 'Logit scale',
    type: 'number',
    default: 2,
    min: 0,
    max: 10,
    step: 0.1,
    description: 'Synthetic logits z_k are this times N(0, 1): large means confident samples far from a decision flip.',
  },
  { name: 'slopeScale', label: 'Slope scale', type: 'number', default: 1, min: 0.05, max: 10, step: 0.05, description: 'Synthetic slopes a_k = ∇z_k·v are this times N(0, 1).' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
  { name: 'sample', label: 'Sample', type: 'integer', default: 0, min: 0, max: 1999, step: 1, description: 'The sample whose zeros and Taylor series are drawn.' },
]);

/**
 * The size of the built set: a slider of the complex-plane view; the Taylor view derives it
 * from the selected sample. `radii/sample-radii` refuses a value outside it.
 */
export const SAMPLE_RADII_SIZE_PARAMS = defineParams([
  { name: 'samples', label: 'Samples', type: 'integer', default: 200, min: 1, max: 2000, step: 1, description: 'Size of the synthetic set (ignored once a file is loaded).' },
]);

/**
 * The set's percentile bound: a slider of the complex-plane view; the Taylor view uses its
 * default. `radii/sample-radii` refuses a value outside it.
 */
export const SAMPLE_RADII_BOUND_PARAMS = defineParams([
  { name: 'percentile', label: 'Percentile q', type: 'number', default: 0.95, min: 0.5, max: 1, step: 0.01, description: 'The percentile bound π/quantile_q(Δ_a).' },
]);

/** Entries that only build the set: a loaded file ignores them. */
export const SAMPLE_RADII_BUILT_ONLY = ['source', 'trainSteps', 'direction', 'classes', 'logitScale', 'slopeScale', 'seed', 'samples'] as const;

/** The MLP's settings, which a caller may leave out: the job then takes their entries' defaults. */
export const SAMPLE_RADII_OPTIONAL = ['source', 'trainSteps', 'direction'] as const;

type SampleSetValues = ValuesOf<typeof SAMPLE_RADII_PARAMS>;
type Optional = (typeof SAMPLE_RADII_OPTIONAL)[number];

/** What `radii/sample-radii` reads: the declared entries, and two fields no slider sets. */
export type SampleRadiiParams = Omit<SampleSetValues, Optional> &
  Partial<Pick<SampleSetValues, Optional>> &
  ValuesOf<typeof SAMPLE_RADII_SIZE_PARAMS> &
  ValuesOf<typeof SAMPLE_RADII_BOUND_PARAMS> & {
    /** Highest Taylor order returned for the selected sample (rounded, clamped to 1…200). */
    order: number;
    /** Find every sample's nearest zero (false: only Δ_a and ρ_a; ρ* is NaN). Default true. */
    withZeros?: boolean;
  };

/** The learning-rate spike race: what `radii/spike-race` reads, all of it sliders of the race view. */
export const SPIKE_RACE_PARAMS = defineParams([
  { name: 'lr', label: 'Learning rate η', type: 'number', default: 0.01, min: 1e-4, max: 0.1, step: 1e-4, scale: 'log' },
  { name: 'spikeFactor', label: 'Spike factor', type: 'number', default: 1000, min: 1, max: 10000, step: 1, scale: 'log', description: 'The learning rate is multiplied by this during the spike.' },
  { name: 'spikeStep', label: 'Spike at step', type: 'integer', default: 40, min: 0, max: 500, step: 1 },
  // Up to 1000 as the job always accepted (tests/unit/radii/race.test.ts runs a spike of 1000 steps): any value ≥ steps − spikeStep lasts to the end.
  { name: 'spikeDuration', label: 'Spike duration (steps)', type: 'integer', default: 500, min: 1, max: 1000, step: 1, description: '500 or more keeps the spike to the end of the run.' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 120, min: 10, max: 500, step: 10 },
  { name: 'clipNorm', label: 'Clip norm', type: 'number', default: 1, min: 0.01, max: 100, step: 0.01, scale: 'log', description: 'Gradient norm limit of the clipping run.' },
  {
    name: 'hidden',
    label: 'Hidden layers',
    type: 'enum',
    default: '32,32',
    options: [
      { value: '32,32', label: '32 → 32' },
      { value: '16,16', label: '16 → 16' },
      { value: '64', label: '64' },
      { value: '64,64', label: '64 → 64' },
    ],
  },
  {
    name: 'activation',
    label: 'Activation',
    type: 'enum',
    default: 'relu',
    options: [
      { value: 'relu', label: 'ReLU' },
      { value: 'tanh', label: 'tanh' },
      { value: 'gelu', label: 'GELU' },
    ],
  },
  { name: 'classes', label: 'Classes', type: 'integer', default: 8, min: 2, max: 10, step: 1 },
  { name: 'separation', label: 'Class separation', type: 'number', default: 5, min: 0.5, max: 10, step: 0.1 },
  { name: 'dimension', label: 'Input dimension', type: 'integer', default: 16, min: 2, max: 64, step: 1 },
  { name: 'trainSize', label: 'Training samples', type: 'integer', default: 256, min: 32, max: 2048, step: 32 },
  { name: 'testSize', label: 'Test samples', type: 'integer', default: 256, min: 32, max: 2048, step: 32 },
  { name: 'batchSize', label: 'Batch size', type: 'integer', default: 64, min: 8, max: 512, step: 8 },
  { name: 'curvatureEvery', label: '2/λ_max every (steps)', type: 'integer', default: 10, min: 0, max: 100, step: 1, description: '0 turns the power iteration off.' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

/** The race's parameters; `hidden` is the widths as text ("32,32"). */
export type SpikeRaceParams = ValuesOf<typeof SPIKE_RACE_PARAMS>;
