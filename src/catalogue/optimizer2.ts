/**
 * The Optimizer geometry (part 2) jobs' parameters, declared once: the views spread these
 * entries, the jobs' parameter types are `ValuesOf` them, and the jobs validate against them
 * (src/catalogue/params.ts).
 */
import { defineParams, type ValuesOf } from './params';

/** `optimizer/mfac`: the M-FAC accuracy grid, cost curve and training race. */
export const MFAC_PARAMS = defineParams([
  { name: 'window', label: 'Gradient window m (training)', type: 'integer', default: 16, min: 1, max: 128, step: 1 },
  { name: 'lambda', label: 'Damping λ', type: 'number', default: 0.01, min: 0.0001, max: 10, step: 0.0001, scale: 'log' },
  { name: 'lrMfac', label: 'η (M-FAC)', type: 'number', default: 0.05, min: 0.0001, max: 1, step: 0.0001, scale: 'log' },
  { name: 'lrSgd', label: 'η (SGD)', type: 'number', default: 0.1, min: 0.001, max: 1, step: 0.001, scale: 'log' },
  { name: 'lrAdam', label: 'η (Adam)', type: 'number', default: 0.01, min: 0.0001, max: 0.1, step: 0.0001, scale: 'log' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 200, min: 10, max: 2000, step: 10 },
  { name: 'hidden', label: 'Hidden width (P = 8·width + 3)', type: 'integer', default: 16, min: 2, max: 64, step: 1 },
  { name: 'batch', label: 'Minibatch size', type: 'integer', default: 32, min: 1, max: 256, step: 1 },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

/** `optimizer/sven`: Sven against SGD, Adam and L-BFGS on a regression task. */
export const SVEN_PARAMS = defineParams([
  {
    name: 'task',
    label: 'Task',
    type: 'enum',
    default: '2d',
    options: [
      { value: '2d', label: '2-D fit: sin(x₁) cos(x₂) on [−2, 2]²' },
      { value: '1d', label: '1-D fit: sin(2x) on [−π, π]' },
    ],
  },
  { name: 'k', label: 'Sven rank k (kept singular directions)', type: 'integer', default: 16, min: 1, max: 64, step: 1 },
  { name: 'lrSven', label: 'η (Sven)', type: 'number', default: 0.1, min: 0.01, max: 1, step: 0.01 },
  { name: 'lrSgd', label: 'η (SGD, minibatch 8)', type: 'number', default: 0.1, min: 0.001, max: 1, step: 0.001, scale: 'log' },
  { name: 'lrAdam', label: 'η (Adam)', type: 'number', default: 0.01, min: 0.0001, max: 0.1, step: 0.0001, scale: 'log' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 200, min: 1, max: 2000, step: 1 },
  { name: 'n', label: 'Points n', type: 'integer', default: 48, min: 4, max: 256, step: 1 },
  { name: 'hidden', label: 'Hidden width h (P = h(d + 2) + 1)', type: 'integer', default: 16, min: 2, max: 128, step: 1 },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

/** `optimizer/langevin`: spherical Langevin on a single-index model, last and averaged iterates. */
export const LANGEVIN_PARAMS = defineParams([
  { name: 'kStar', label: 'Information exponent k* (link He_{k*})', type: 'integer', default: 4, min: 2, max: 4, step: 1 },
  { name: 'eta', label: 'Step η', type: 'number', default: 0.2, min: 0.001, max: 0.5, step: 0.001, scale: 'log' },
  { name: 'beta', label: 'Inverse temperature β', type: 'number', default: 12, min: 1, max: 100000, step: 1, scale: 'log' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 2000, min: 10, max: 8000, step: 10 },
  { name: 'd', label: 'Dimension d (single run)', type: 'integer', default: 12, min: 2, max: 256, step: 1 },
  { name: 'n', label: 'Samples n (single run)', type: 'integer', default: 144, min: 1, max: 50000, step: 1 },
  { name: 'seeds', label: 'Seeds per phase cell', type: 'integer', default: 6, min: 1, max: 50, step: 1 },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

export type MfacParams = ValuesOf<typeof MFAC_PARAMS>;
export type SvenParams = ValuesOf<typeof SVEN_PARAMS>;
export type LangevinParams = ValuesOf<typeof LANGEVIN_PARAMS>;
