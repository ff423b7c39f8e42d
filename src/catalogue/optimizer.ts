/**
 * The Optimizer geometry (part 1) jobs' parameters, declared once: the views spread these
 * entries, the jobs' parameter types are `ValuesOf` them, and the jobs validate against them
 * (src/catalogue/params.ts). Cross-field rules (r < k ≤ n) stay with the geometry.
 */
import { defineParams, type ValuesOf } from './params';

/** `optimizer/sensing-race`: matrix sensing, symmetric and asymmetric factorizations. */
export const SENSING_PARAMS = defineParams([
  { name: 'alpha', label: 'Initialization scale α', type: 'number', default: 0.2, min: 0.01, max: 1, step: 0.01, scale: 'log', description: 'X₀, F₀, G₀ have N(0, α²/n) entries.' },
  { name: 'eta', label: 'Step η', type: 'number', default: 0.2, min: 0.01, max: 0.4, step: 0.01 },
  { name: 'iterations', label: 'Iterations T', type: 'integer', default: 2000, min: 100, max: 10000, step: 100 },
  { name: 'kappa', label: 'Condition number κ of M*', type: 'number', default: 2, min: 1, max: 20, step: 0.5, description: 'σ₁(M*) = 1, σ_r(M*) = 1/κ.' },
  { name: 'n', label: 'Size n', type: 'integer', default: 10, min: 4, max: 30, step: 1 },
  { name: 'r', label: 'Rank r of M*', type: 'integer', default: 2, min: 1, max: 5, step: 1 },
  { name: 'k', label: 'Factor width k (> r)', type: 'integer', default: 4, min: 2, max: 10, step: 1 },
  { name: 'm', label: 'Measurements m', type: 'integer', default: 200, min: 20, max: 1000, step: 10 },
  { name: 'modifyAt', label: 'Modified run: rebalance after iteration', type: 'integer', default: 200, min: 1, max: 10000, step: 1, description: 'The one step (F, G) ← (F(GᵀG)^½, G(GᵀG)^−½).' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

/** A loaded export fixes the problem's sizes: these entries follow the file. */
export const SENSING_FILE_FIXES = ['n', 'r', 'k', 'm'] as const;

/** `optimizer/adamp-race`: SGD, momentum, Adam, SGDP and AdamP on the same problems. */
export const ADAMP_PARAMS = defineParams([
  { name: 'lrSgd', label: 'η (SGD, SGDM, SGDP)', type: 'number', default: 0.1, min: 0.001, max: 1, step: 0.001, scale: 'log' },
  { name: 'lrAdam', label: 'η (Adam, AdamP)', type: 'number', default: 0.01, min: 0.0001, max: 0.1, step: 0.0001, scale: 'log' },
  { name: 'momentum', label: 'Momentum β (β₁ for Adam is 0.9)', type: 'number', default: 0.9, min: 0, max: 0.99, step: 0.01 },
  { name: 'delta', label: 'Cosine-test threshold δ', type: 'number', default: 0.1, min: 0, max: 1, step: 0.01, description: 'A weight is treated as scale-invariant when max |cos(g, w)| < δ/√(row length).' },
  { name: 'steps', label: 'Steps', type: 'integer', default: 200, min: 10, max: 1000, step: 10 },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
]);

export type SensingRaceParams = ValuesOf<typeof SENSING_PARAMS>;
export type AdampRaceParams = ValuesOf<typeof ADAMP_PARAMS>;
