/**
 * The compute engine page's job parameters, declared once: the sweep view's sliders spread these
 * entries, `SweepParams` is their type, and `foundation/lse-sweep` validates against them
 * (src/catalogue/params.ts).
 */
import { defineParams, type ValuesOf } from './params';

/** `foundation/lse-sweep`: a row log-sum-exp over an n×n matrix, `repeats` times. */
export const LSE_SWEEP_PARAMS = defineParams([
  { name: 'n', label: 'Matrix size n', type: 'integer', default: 512, min: 64, max: 8192, step: 64, description: 'The sweep reduces an n×n matrix.' },
  { name: 'repeats', label: 'Repeats', type: 'integer', default: 10, min: 1, max: 200, step: 1 },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

export type SweepParams = ValuesOf<typeof LSE_SWEEP_PARAMS>;
