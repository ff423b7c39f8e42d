/**
 * The parameter tables of the Sinkhorn views: the jobs' entries (declared once, in
 * src/catalogue/sinkhorn.ts) plus what only the figures read.
 */
import { defineParams } from '../../params/spec';
import { refineTable } from '../../params/refine';
import { SINKHORN_METHOD_PARAMS, SINKHORN_PROBLEM_PARAMS } from '../../../src/catalogue/sinkhorn';

const [dataset, n, epsilon, ...rest] = SINKHORN_PROBLEM_PARAMS;
const problemWithMethod = [dataset, n, epsilon, ...SINKHORN_METHOD_PARAMS, ...rest] as const;

const basePlanParams = defineParams([
  ...problemWithMethod,
  { name: 'logColor', label: 'Log colour scale', type: 'boolean', default: true, description: 'Colours span 4 decades below the largest entry.' },
  {
    name: 'order',
    label: 'Order',
    type: 'enum',
    default: 'sorted',
    options: [
      { value: 'sorted', label: 'Sorted (band structure)' },
      { value: 'data', label: 'Data order' },
    ],
    description: 'Sorted: sources by x, targets by the mean rank of the sources they receive from.',
  },
]);

export const planParams = refineTable(basePlanParams, { essential: ['dataset', 'n', 'epsilon', 'method', 'cost', 'logColor', 'order'] });

const baseTransportParams = defineParams([
  ...problemWithMethod,
  { name: 'lines', label: 'Transport lines', type: 'integer', default: 600, min: 50, max: 10_000, step: 50, description: 'The heaviest entries of the plan drawn as lines.' },
]);
export const transportParams = refineTable(baseTransportParams, { essential: ['dataset', 'n', 'epsilon', 'method', 'cost', 'lines'] });

export const raceParams = defineParams([
  ...SINKHORN_PROBLEM_PARAMS,
  {
    name: 'xAxis',
    label: 'Horizontal axis',
    type: 'enum',
    default: 'seconds',
    options: [
      { value: 'seconds', label: 'Wall time (s)' },
      { value: 'iteration', label: 'Iterations' },
    ],
  },
]);
