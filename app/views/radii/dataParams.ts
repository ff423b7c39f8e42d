/** The synthetic-set parameters shared by the plane and Taylor views. */
import type { ParamSpec, ParamTable } from '../../params/spec';
import { refineTable } from '../../params/refine';

const baseDataParams: ParamSpec[] = [
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
  { name: 'logitScale', label: 'Logit scale', type: 'number', default: 2, min: 0, max: 10, step: 0.1, description: 'Synthetic logits z_k are this times N(0, 1): large means confident samples far from a decision flip.' },
  { name: 'slopeScale', label: 'Slope scale', type: 'number', default: 1, min: 0.05, max: 10, step: 0.05, description: 'Synthetic slopes a_k = ∇z_k·v are this times N(0, 1).' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
  { name: 'sample', label: 'Sample', type: 'integer', default: 0, min: 0, max: 1999, step: 1, description: 'The sample whose zeros and Taylor series are drawn.' },
];

const mlp = { when: (v: Record<string, unknown>) => v.source === 'mlp', reason: 'Used when the samples come from a trained MLP.' };
const synthetic = { when: (v: Record<string, unknown>) => v.source !== 'mlp', reason: 'Used by the random (synthetic) set only.' };

export const dataParams: ParamTable = refineTable(baseDataParams, {
  applies: { trainSteps: mlp, direction: mlp, classes: synthetic, logitScale: synthetic, slopeScale: synthetic },
});
