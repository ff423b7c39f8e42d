/** The parameter tables of the Sinkhorn views (one source for sliders, URL, export). */
import type { ParamTable, ParamValues } from '../../params/spec';
import type { SinkhornParams } from '../../../src/workers/jobs/sinkhorn';
import type { CostKind } from '../../../src/geometry/ot/costs';
import type { DatasetName } from '../../../src/geometry/ot/datasets';
import type { OtMethod } from '../../../src/geometry/ot/solver';
import { refineTable } from '../../params/refine';

const problemParams: ParamTable = [
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
];

const methodParam: ParamTable = [
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
];

const basePlanParams: ParamTable = [
  ...problemParams.slice(0, 3),
  ...methodParam,
  ...problemParams.slice(3),
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
];

export const planParams: ParamTable = refineTable(basePlanParams, { essential: ['dataset', 'n', 'epsilon', 'method', 'cost', 'logColor', 'order'] });

const baseTransportParams: ParamTable = [...problemParams.slice(0, 3), ...methodParam, ...problemParams.slice(3), { name: 'lines', label: 'Transport lines', type: 'integer', default: 600, min: 50, max: 10_000, step: 50, description: 'The heaviest entries of the plan drawn as lines.' }];
export const transportParams: ParamTable = refineTable(baseTransportParams, { essential: ['dataset', 'n', 'epsilon', 'method', 'cost', 'lines'] });

export const raceParams: ParamTable = [
  ...problemParams,
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
];

export function jobParams(values: ParamValues, method?: OtMethod): SinkhornParams {
  return {
    n: Number(values.n),
    epsilon: Number(values.epsilon),
    cost: String(values.cost) as CostKind,
    method: method ?? (String(values.method) as OtMethod),
    dataset: String(values.dataset) as DatasetName,
    seed: Number(values.seed),
    tolerance: Number(values.tolerance),
    maxIterations: Number(values.maxIterations),
  };
}
