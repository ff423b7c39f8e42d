/**
 * The Geodesics jobs' parameters, declared once: the views spread these entries, the jobs'
 * parameter types are `ValuesOf` them, and the jobs validate against them (src/catalogue/params.ts).
 * The SPD matrices themselves (sliders or a loaded file) reach `geodesics/spd-paths` as data.
 */
import { LOSS_SLICE_DEFAULTS, surfaces } from '../geometry/surfaces';
import { defineParams, type ValuesOf } from './params';

/** `geodesics/spd-paths`: the generalized BW power and whether to compute Fréchet means. */
export const SPD_PATHS_PARAMS = defineParams([
  { name: 'theta', label: 'GBW power θ', type: 'number', default: 0.5, min: 0.1, max: 2, step: 0.05, description: 'Power deformation d_θ(X, Y) = d_M(X^θ, Y^θ)/θ.' },
  { name: 'means', label: 'Show Fréchet means', type: 'boolean', default: true },
]);

/** `geodesics/fan`: the surface and the fan of geodesics from one point. */
export const FAN_PARAMS = defineParams([
  {
    name: 'surface',
    label: 'Surface',
    type: 'enum',
    default: 'gaussianBump',
    options: [...surfaces.map((s) => ({ value: s.name, label: s.label })), { value: 'lossSlice', label: 'Network loss slice L(θ* + x·d₁ + y·d₂)' }],
  },
  { name: 'x0', label: 'Start x', type: 'number', default: -0.8, min: -2, max: 2, step: 0.01 },
  { name: 'y0', label: 'Start y', type: 'number', default: 0.3, min: -2, max: 2, step: 0.01 },
  { name: 'count', label: 'Geodesics in the fan', type: 'integer', default: 120, min: 1, max: 4000, step: 1 },
  { name: 'length', label: 'Length (arc length)', type: 'number', default: 2.5, min: 0.1, max: 8, step: 0.05 },
  { name: 'steps', label: 'RK4 steps', type: 'integer', default: 250, min: 10, max: 2000, step: 10 },
]);

/** `geodesics/fan` on the network loss slice only (the view omits them for the other surfaces, so moving them reruns nothing there). */
export const LOSS_SLICE_PARAMS = defineParams([
  { name: 'lossSteps', label: 'Loss slice: training steps (Adam)', type: 'integer', default: LOSS_SLICE_DEFAULTS.steps, min: 0, max: 2000, step: 50 },
  { name: 'lossSeed', label: 'Loss slice: seed', type: 'integer', default: LOSS_SLICE_DEFAULTS.seed, min: 0, max: 1000, step: 1 },
]);

export const FAN_JOB_PARAMS = defineParams([...FAN_PARAMS, ...LOSS_SLICE_PARAMS]);

export type SpdPathsSettings = ValuesOf<typeof SPD_PATHS_PARAMS>;
export type FanSettings = ValuesOf<typeof FAN_PARAMS> & Partial<ValuesOf<typeof LOSS_SLICE_PARAMS>>;
