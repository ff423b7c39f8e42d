/**
 * The Sinkhorn jobs' parameters, declared once: the views' sliders spread these entries,
 * `SinkhornParams` is their type, and the jobs validate against them (src/catalogue/params.ts).
 */
import { defineParams, type ValuesOf } from './params';

/** The OT problem and the solver budget: what `sinkhorn/race` reads. */
export const SINKHORN_PROBLEM_PARAMS = defineParams([
  {
    name: 'dataset',
    label: 'Data',
    type: 'enum',
    default: 'moons',
    options: [
      { value: 'gaussians', label: '2-D Gaussians' },
      { value: 'rings', label: 'Rings' },
      { value: 'moons', label: 'Two moons' },
      { value: 'grid', label: 'Grid vs cluster' },
      { value: 'histograms', label: '1-D histograms' },
      { value: 'images', label: 'Grayscale images' },
    ],
    description: 'Built-in pair of measures (ignored while loaded data is in use).',
  },
  { name: 'n', label: 'Points n', type: 'integer', default: 150, min: 8, max: 4096, step: 1, description: 'Points per measure (images: the nearest square).' },
  {
    name: 'epsilon',
    label: 'ε (entropic regularization)',
    type: 'number',
    default: 0.01,
    min: 1e-4,
    max: 1,
    step: 1e-4,
    scale: 'log',
    description: "POT's reg; built-in costs are divided by their maximum, loaded costs are used as given.",
  },
  {
    name: 'cost',
    label: 'Cost',
    type: 'enum',
    default: 'sqeuclidean',
    options: [
      { value: 'sqeuclidean', label: 'Squared Euclidean' },
      { value: 'euclidean', label: 'Euclidean' },
      { value: 'l1', label: 'L1' },
    ],
  },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
  {
    name: 'tolerance',
    label: 'Tolerance',
    type: 'number',
    default: 1e-9,
    min: 1e-12,
    max: 1e-2,
    step: 1e-12,
    scale: 'log',
    description: 'Stop once ‖P1 − a‖₁ + ‖Pᵀ1 − b‖₁ is at most this.',
  },
  { name: 'maxIterations', label: 'Max iterations', type: 'integer', default: 5000, min: 10, max: 100_000, step: 10 },
]);

/** The solver: what `sinkhorn/solve` reads besides the problem. */
export const SINKHORN_METHOD_PARAMS = defineParams([
  {
    name: 'method',
    label: 'Method',
    type: 'enum',
    default: 'log',
    options: [
      { value: 'sinkhorn', label: 'Sinkhorn (scaling)' },
      { value: 'log', label: 'Log-domain Sinkhorn' },
      { value: 'sns', label: 'Sinkhorn-Newton-Sparse' },
    ],
  },
]);

export const SINKHORN_SOLVE_PARAMS = defineParams([...SINKHORN_PROBLEM_PARAMS, ...SINKHORN_METHOD_PARAMS]);

/** Built-in datasets read `dataset` and `n`; loaded data does not. */
export const SINKHORN_BUILTIN_ONLY = ['dataset', 'n'] as const;

export type SinkhornProblemParams = ValuesOf<typeof SINKHORN_PROBLEM_PARAMS>;
export type SinkhornParams = ValuesOf<typeof SINKHORN_SOLVE_PARAMS>;
