/** The parameter table of the Hessian training view (sliders, URL, export `params`). */
import type { ParamTable, ParamValues } from '../../params/spec';
import type { HessianTrainParams } from '../../../src/workers/jobs/hessian';
import { refineTable } from '../../params/refine';

const baseTrainingParams: ParamTable = [
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
  },
  { name: 'classes', label: 'Classes k', type: 'integer', default: 4, min: 2, max: 10, step: 1, description: 'Mixture components (one class each).' },
  { name: 'dimension', label: 'Dimension', type: 'integer', default: 8, min: 2, max: 64, step: 1 },
  { name: 'separation', label: 'Separation', type: 'number', default: 3, min: 0, max: 10, step: 0.1, description: 'Distance of each class mean from the origin, in noise standard deviations.' },
  { name: 'n', label: 'Samples n', type: 'integer', default: 256, min: 16, max: 2000, step: 16 },
  { name: 'noise', label: 'Spiral noise', type: 'number', default: 0.05, min: 0, max: 0.5, step: 0.01 },
  { name: 'hidden', label: 'Width', type: 'integer', default: 24, min: 2, max: 256, step: 1, description: 'Units per hidden layer.' },
  { name: 'depth', label: 'Hidden layers', type: 'integer', default: 2, min: 0, max: 4, step: 1 },
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
  },
  { name: 'weightDecay', label: 'Weight decay', type: 'number', default: 0, min: 0, max: 0.1, step: 0.0001 },
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
  },
  { name: 'lr', label: 'Learning rate η', type: 'number', default: 0.5, min: 0.0001, max: 10, step: 0.0001, scale: 'log' },
  { name: 'batchSize', label: 'Batch size', type: 'integer', default: 32, min: 1, max: 2000, step: 1, description: 'Used by SGD, momentum and Adam; GD always uses all samples.' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 300, min: 0, max: 5000, step: 10 },
  { name: 'spectrumEvery', label: 'Spectrum every', type: 'integer', default: 30, min: 1, max: 1000, step: 1, unit: 'steps' },
  { name: 'topK', label: 'Top-k', type: 'integer', default: 10, min: 1, max: 20, step: 1 },
  { name: 'slqProbes', label: 'SLQ probes', type: 'integer', default: 3, min: 1, max: 16, step: 1 },
  { name: 'slqSteps', label: 'SLQ steps', type: 'integer', default: 40, min: 4, max: 150, step: 1 },
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
  { name: 'exactMaxP', label: 'Exact up to P', type: 'integer', default: 500, min: 0, max: 3000, step: 100, description: 'Full f64 eigendecomposition of the final Hessian when the parameter count is at most this (the dense build and Householder reduction grow as P³: about a second near P = 900, so the default stops at 500).' },
  { name: 'initScale', label: 'Init scale', type: 'number', default: 1, min: 0.1, max: 4, step: 0.05 },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
];

export const trainingParams: ParamTable = refineTable(baseTrainingParams, {
  essential: ['dataset', 'hidden', 'depth', 'optimizer', 'lr', 'batchSize', 'steps', 'topK'],
  applies: {
    batchSize: { when: (v) => v.optimizer !== 'gd', reason: 'GD (full batch) uses every sample.' },
    noise: { when: (v) => v.dataset === 'spirals', reason: 'Only the two spirals have noise.' },
    classes: { when: (v) => v.dataset === 'mixture', reason: 'Set by the data set (mixture only).' },
    separation: { when: (v) => v.dataset === 'mixture', reason: 'Only the Gaussian mixture has class means.' },
  },
  descriptions: {
    dataset: 'The training data: a Gaussian mixture, two spirals or 8×8 digits.',
    dimension: 'Input dimension of the Gaussian mixture.',
    n: 'Training samples drawn from the data set.',
    noise: 'Standard deviation of the Gaussian noise added to the spiral points.',
    depth: 'Hidden layers of the MLP (0: a linear model).',
    activation: 'Nonlinearity of the hidden layers.',
    weightDecay: 'L2 penalty on the weights, added to the loss.',
    optimizer: 'The training algorithm; GD uses the full batch.',
    lr: 'Step size η; full-batch GD is stable while λ_max < 2/η (the reference line).',
    steps: 'Training steps.',
    spectrumEvery: 'Training steps between two Hessian spectra (Lanczos and SLQ).',
    topK: 'Leading Hessian eigenvalues tracked by Lanczos.',
    slqProbes: 'Random probe vectors of stochastic Lanczos quadrature (the density panel).',
    slqSteps: 'Lanczos steps per SLQ probe: the resolution of the density.',
    initScale: 'Multiplier of the initial weights.',
    seed: 'Seed of the data, the initial weights and the random probes: the same seed gives the same figure.',
  },
});

/** The job's parameters from the view's values (GD ignores the batch size: full batch). */
export function toJobParams(v: ParamValues): HessianTrainParams {
  const optimizer = String(v.optimizer) as HessianTrainParams['optimizer'];
  return {
    dataset: String(v.dataset) as HessianTrainParams['dataset'],
    classes: Number(v.classes),
    dimension: Number(v.dimension),
    separation: Number(v.separation),
    n: Number(v.n),
    noise: Number(v.noise),
    hidden: Number(v.hidden),
    depth: Number(v.depth),
    activation: String(v.activation) as HessianTrainParams['activation'],
    weightDecay: Number(v.weightDecay),
    optimizer,
    lr: Number(v.lr),
    batchSize: optimizer === 'gd' ? 0 : Number(v.batchSize),
    steps: Number(v.steps),
    spectrumEvery: Number(v.spectrumEvery),
    topK: Number(v.topK),
    slqProbes: Number(v.slqProbes),
    slqSteps: Number(v.slqSteps),
    hutchinsonProbes: Number(v.hutchinsonProbes),
    traceMethod: String(v.traceMethod) as HessianTrainParams['traceMethod'],
    continueTraining: Boolean(v.continueTraining),
    split: Boolean(v.split),
    exactMaxP: Number(v.exactMaxP),
    initScale: Number(v.initScale),
    seed: Number(v.seed),
  };
}
