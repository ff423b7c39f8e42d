/**
 * Graph surfaces z = f(x, y) with analytic gradient and Hessian. Each one has a fixed
 * shape (no parameters) so the WGSL fan kernel can mirror it exactly by id
 * (src/kernels/geodesicFan/geodesicFan.wgsl: keep the two in sync).
 */

export type SurfaceName = 'paraboloid' | 'saddle' | 'monkeySaddle' | 'gaussianBump' | 'sphereCap' | 'rosenbrock';

export interface GraphSurface {
  /** 'lossSlice' is built at run time (lossSlice.ts), not listed in `surfaces`. */
  readonly name: SurfaceName | 'lossSlice';
  /** Index used by the GPU kernel's switch. */
  readonly id: number;
  readonly label: string;
  /** [xMin, xMax, yMin, yMax]: geodesics stop when they leave it. */
  readonly domain: readonly [number, number, number, number];
  f(x: number, y: number): number;
  /** Writes (f_x, f_y) into out[0..1]. */
  gradient(x: number, y: number, out: Float64Array): void;
  /** Writes (f_xx, f_xy, f_yy) into out[0..2]. */
  hessian(x: number, y: number, out: Float64Array): void;
}

/** Radius of the sphere whose upper cap is the `sphereCap` surface. */
export const SPHERE_CAP_RADIUS = 2;
const R2 = SPHERE_CAP_RADIUS * SPHERE_CAP_RADIUS;
/** Width of the Gaussian bump exp(−(x² + y²)/(2s²)). */
const BUMP_S2 = 0.5 * 0.5;

export const surfaces: readonly GraphSurface[] = [
  {
    name: 'paraboloid',
    id: 0,
    label: 'paraboloid z = (x² + y²)/2',
    domain: [-2, 2, -2, 2],
    f: (x, y) => 0.5 * (x * x + y * y),
    gradient: (x, y, o) => ((o[0] = x), (o[1] = y), undefined),
    hessian: (_x, _y, o) => ((o[0] = 1), (o[1] = 0), (o[2] = 1), undefined),
  },
  {
    name: 'saddle',
    id: 1,
    label: 'saddle z = (x² − y²)/2',
    domain: [-2, 2, -2, 2],
    f: (x, y) => 0.5 * (x * x - y * y),
    gradient: (x, y, o) => ((o[0] = x), (o[1] = -y), undefined),
    hessian: (_x, _y, o) => ((o[0] = 1), (o[1] = 0), (o[2] = -1), undefined),
  },
  {
    name: 'monkeySaddle',
    id: 2,
    label: 'monkey saddle z = x³ − 3xy²',
    domain: [-1, 1, -1, 1],
    f: (x, y) => x * x * x - 3 * x * y * y,
    gradient: (x, y, o) => ((o[0] = 3 * x * x - 3 * y * y), (o[1] = -6 * x * y), undefined),
    hessian: (x, y, o) => ((o[0] = 6 * x), (o[1] = -6 * y), (o[2] = -6 * x), undefined),
  },
  {
    name: 'gaussianBump',
    id: 3,
    label: 'Gaussian bump z = exp(−(x² + y²)/(2·0.5²))',
    domain: [-2, 2, -2, 2],
    f: (x, y) => Math.exp(-(x * x + y * y) / (2 * BUMP_S2)),
    gradient: (x, y, o) => {
      const g = Math.exp(-(x * x + y * y) / (2 * BUMP_S2));
      o[0] = (-x / BUMP_S2) * g;
      o[1] = (-y / BUMP_S2) * g;
    },
    hessian: (x, y, o) => {
      const g = Math.exp(-(x * x + y * y) / (2 * BUMP_S2));
      o[0] = ((x * x) / (BUMP_S2 * BUMP_S2) - 1 / BUMP_S2) * g;
      o[1] = ((x * y) / (BUMP_S2 * BUMP_S2)) * g;
      o[2] = ((y * y) / (BUMP_S2 * BUMP_S2) - 1 / BUMP_S2) * g;
    },
  },
  {
    name: 'sphereCap',
    id: 4,
    label: `sphere cap z = sqrt(${R2} − x² − y²)`,
    domain: [-1.2, 1.2, -1.2, 1.2],
    f: (x, y) => Math.sqrt(R2 - x * x - y * y),
    gradient: (x, y, o) => {
      const z = Math.sqrt(R2 - x * x - y * y);
      o[0] = -x / z;
      o[1] = -y / z;
    },
    hessian: (x, y, o) => {
      const z = Math.sqrt(R2 - x * x - y * y);
      const z3 = z * z * z;
      o[0] = -(R2 - y * y) / z3;
      o[1] = -(x * y) / z3;
      o[2] = -(R2 - x * x) / z3;
    },
  },
  {
    name: 'rosenbrock',
    id: 5,
    label: 'Rosenbrock-like z = ((1 − x)² + 10(y − x²)²)/50',
    domain: [-1.5, 1.5, -1, 2],
    f: (x, y) => 0.02 * ((1 - x) ** 2 + 10 * (y - x * x) ** 2),
    gradient: (x, y, o) => {
      o[0] = 0.02 * (-2 * (1 - x) - 40 * x * (y - x * x));
      o[1] = 0.02 * (20 * (y - x * x));
    },
    hessian: (x, y, o) => {
      o[0] = 0.02 * (2 - 40 * y + 120 * x * x);
      o[1] = 0.02 * (-40 * x);
      o[2] = 0.02 * 20;
    },
  },
];

export function surfaceByName(name: string): GraphSurface {
  const s = surfaces.find((c) => c.name === name);
  if (!s) throw new Error(`unknown surface: ${name} (expected one of ${surfaces.map((c) => c.name).join(', ')})`);
  return s;
}
