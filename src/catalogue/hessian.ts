/**
 * The `hessian/train` job's parameters, declared once: the training view's sliders spread these
 * entries, `HessianTrainParams` is their type, and the job validates against them
 * (src/catalogue/params.ts). Where the old slider table and the old job validator disagreed, the
 * slider's range is kept (classes 2–10, top-k 1–20, …), except the batch size, which starts at 0
 * (every sample, as the trainer reads it) because the job's callers pass 0 for full-batch GD.
 */
import { defineParams, type ValuesOf } from './params';

export const HESSIAN_TRAIN_PARAMS = defineParams([
  {
    name: 'dataset',
    label: 'Data',
    type: 'enum',
    default: 'mixture',
    options: [
      { value: 'mixture', label: 'Gaussian mixture' },
      { value: 'spirals', label: 'Two spirals' },
      { value: 'digits', label: 'Digits (8×8)' },
    ],
    description: 'The training data: a Gaussian mixture, two spirals or 8×8 digits.',
  },
  { name: 'classes', label: 'Classes k', type: 'integer', default: 4, min: 2, max: 10, step: 1, description: 'Mixture components (one class each).' },
  { name: 'dimension', label: 'Dimension', type: 'integer', default: 8, min: 2, max: 64, step: 1, description: 'Input dimension of the Gaussian mixture.' },
  { name: 'separation', label: 'Separation', type: 'number', default: 3, min: 0, max: 10, step: 0.1, description: 'Distance of each class mean from the origin, in noise standard deviations.' },
  { name: 'n', label: 'Samples n', type: 'integer', default: 256, min: 16, max: 2000, step: 16, description: 'Training samples drawn from the data set.' },
  { name: 'noise', label: 'Spiral noise', type: 'number', default: 0.05, min: 0, max: 0.5, step: 0.01, description: 'Standard deviation of the Gaussian noise added to the spiral points.' },
  { name: 'hidden', label: 'Width', type: 'integer', default: 24, min: 2, max: 256, step: 1, description: 'Units per hidden layer.' },
  { name: 'depth', label: 'Hidden layers', type: 'integer', default: 2, min: 0, max: 4, step: 1, description: 'Hidden layers of the MLP (0: a linear model).' },
  {
    name: 'activation',
    label: 'Activation',
    type: 'enum',
    default: 'tanh',
    options: [
      { value: 'tanh', label: 'tanh' },
      { value: 'relu', label: 'ReLU' },
      { value: 'gelu', label: 'GELU' },
      { value: 'softplus', label: 'softplus' },
    ],
    description: 'Nonlinearity of the hidden layers.',
  },
  { name: 'weightDecay', label: 'Weight decay', type: 'number', default: 0, min: 0, max: 0.1, step: 0.0001, description: 'L2 penalty on the weights, added to the loss.' },
  {
    name: 'optimizer',
    label: 'Optimizer',
    type: 'enum',
    default: 'gd',
    options: [
      { value: 'gd', label: 'GD (full batch)' },
      { value: 'sgd', label: 'SGD' },
      { value: 'momentum', label: 'Momentum 0.9' },
      { value: 'adam', label: 'Adam' },
    ],
    description: 'The training algorithm; GD uses the full batch.',
  },
  {
    name: 'lr',
    label: 'Learning rate η',
    type: 'number',
    default: 0.5,
    min: 0.0001,
    max: 10,
    step: 0.0001,
    scale: 'log',
    description: 'Step size η; full-batch GD is stable while λ_max < 2/η (the reference line).',
  },
  {
    name: 'batchSize',
    label: 'Batch size',
    type: 'integer',
    default: 32,
    min: 0,
    max: 2000,
    step: 1,
    description: 'Used by SGD, momentum and Adam (0: every sample); GD always uses all samples.',
  },
  { name: 'steps', label: 'Steps', type: 'integer', default: 300, min: 0, max: 5000, step: 10, description: 'Training steps.' },
  { name: 'spectrumEvery', label: 'Spectrum every', type: 'integer', default: 30, min: 1, max: 1000, step: 1, unit: 'steps', description: 'Training steps between two Hessian spectra (Lanczos and SLQ).' },
  { name: 'topK', label: 'Top-k', type: 'integer', default: 10, min: 1, max: 20, step: 1, description: 'Leading Hessian eigenvalues tracked by Lanczos.' },
  { name: 'slqProbes', label: 'SLQ probes', type: 'integer', default: 3, min: 1, max: 16, step: 1, description: 'Random probe vectors of stochastic Lanczos quadrature (the density panel).' },
  { name: 'slqSteps', label: 'SLQ steps', type: 'integer', default: 40, min: 4, max: 150, step: 1, description: 'Lanczos steps per SLQ probe: the resolution of the density.' },
  {
    name: 'hutchinsonProbes',
    label: 'Trace products',
    type: 'integer',
    default: 20,
    min: 3,
    max: 300,
    step: 1,
    description: 'Hessian-vector products per trace estimate (Hutchinson probes, or Hutch++ m: m/3 sketch, m/3 exact, m/3 probes).',
  },
  {
    name: 'traceMethod',
    label: 'Trace estimator',
    type: 'enum',
    default: 'hutch++',
    options: [
      { value: 'hutch++', label: 'Hutch++' },
      { value: 'hutchinson', label: 'Hutchinson' },
    ],
    description: 'How tr(H) is estimated when the exact Hessian is not built (P above "Exact up to P") and at the training snapshots.',
  },
  {
    name: 'continueTraining',
    label: 'Continue training from here',
    type: 'boolean',
    default: false,
    description: 'With a loaded model: train it further with the optimizer and steps above; off, it is analysed as it is.',
  },
  { name: 'split', label: 'G and H − G', type: 'boolean', default: true, description: 'Also compute the top eigenvalues of the Gauss-Newton part and of the remainder.' },
  {
    name: 'exactMaxP',
    label: 'Exact up to P',
    type: 'integer',
    default: 500,
    min: 0,
    max: 3000,
    step: 100,
    description:
      'Full f64 eigendecomposition of the final Hessian when the parameter count is at most this (the dense build and Householder reduction grow as P³: about a second near P = 900, so the default stops at 500).',
  },
  { name: 'initScale', label: 'Init scale', type: 'number', default: 1, min: 0.1, max: 4, step: 0.05, description: 'Multiplier of the initial weights.' },
  {
    name: 'seed',
    label: 'Seed',
    type: 'integer',
    default: 1,
    min: 0,
    max: 1_000_000,
    step: 1,
    description: 'Seed of the data, the initial weights and the random probes: the same seed gives the same figure.',
  },
]);

export type HessianTrainParams = ValuesOf<typeof HESSIAN_TRAIN_PARAMS>;
