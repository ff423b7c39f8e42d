/**
 * The parameter table of the Hessian training view (sliders, URL, export `params`): the job's
 * entries, declared once in src/catalogue/hessian.ts, with which of them are essential and when
 * they apply.
 */
import { pickParams, type ParamValues } from '../../params/spec';
import { refineTable } from '../../params/refine';
import { HESSIAN_TRAIN_PARAMS, type HessianTrainParams } from '../../../src/catalogue/hessian';

export const trainingParams = refineTable(HESSIAN_TRAIN_PARAMS, {
  essential: ['dataset', 'hidden', 'depth', 'optimizer', 'lr', 'batchSize', 'steps', 'topK'],
  applies: {
    batchSize: { when: (v) => v.optimizer !== 'gd', reason: 'GD (full batch) uses every sample.' },
    noise: { when: (v) => v.dataset === 'spirals', reason: 'Only the two spirals have noise.' },
    classes: { when: (v) => v.dataset === 'mixture', reason: 'Set by the data set (mixture only).' },
    separation: { when: (v) => v.dataset === 'mixture', reason: 'Only the Gaussian mixture has class means.' },
  },
});

/** The job's parameters from the view's values (the job itself trains GD on the full batch). */
export function toJobParams(values: ParamValues): HessianTrainParams {
  return pickParams(HESSIAN_TRAIN_PARAMS, values);
}
