/** The synthetic-set parameters shared by the plane and Taylor views. */
import type { ParamSpec } from '../../params/spec';

export const dataParams: ParamSpec[] = [
  { name: 'classes', label: 'Classes K', type: 'integer', default: 5, min: 2, max: 20, step: 1, description: 'Logits per sample in the synthetic set.' },
  { name: 'logitScale', label: 'Logit scale', type: 'number', default: 2, min: 0, max: 10, step: 0.1, description: 'Logits z_k are this times N(0, 1): large means confident samples far from a decision flip.' },
  { name: 'slopeScale', label: 'Slope scale', type: 'number', default: 1, min: 0.05, max: 10, step: 0.05, description: 'Slopes a_k = ∇z_k·v are this times N(0, 1).' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
  { name: 'sample', label: 'Sample', type: 'integer', default: 0, min: 0, max: 1999, step: 1, description: 'The sample whose zeros and Taylor series are drawn.' },
];
