import { geodesicFan, unitDirection, type GeodesicFanOptions } from '../../geometry/surfaces/graphGeometry';
import { SPHERE_CAP_RADIUS, surfaceByName } from '../../geometry/surfaces/testSurfaces';
import { compareClose, F32_ITERATIVE, F64_ITERATIVE } from '../../geometry/tolerance';
import type { KernelCase, KernelSuite } from '../cases';
import { geodesicFanGpu } from './geodesicFan';

const tolerance = (backend: 'webgpu' | 'cpu') => (backend === 'cpu' ? F64_ITERATIVE : F32_ITERATIVE);

function fanCase(name: string, surfaceName: string, options: GeodesicFanOptions, check: KernelCase['check']): KernelCase {
  const surface = surfaceByName(surfaceName);
  return {
    name,
    tolerance: F32_ITERATIVE,
    cpu: () => geodesicFan(surface, options).points,
    gpu: async (ctx) => (await geodesicFanGpu(ctx, surface, options)).points,
    check,
  };
}

/** Sphere cap: every geodesic is the great circle cos(s/R) p₀ + R sin(s/R) t̂. */
const capOptions: GeodesicFanOptions = { x0: 0.25, y0: -0.15, count: 48, length: 0.9, steps: 90 };
function greatCircles(out: ArrayLike<number>, backend: 'webgpu' | 'cpu'): string | null {
  const cap = surfaceByName('sphereCap');
  const R = SPHERE_CAP_RADIUS;
  const { x0, y0, count, length, steps } = capOptions;
  const g = new Float64Array(2);
  cap.gradient(x0, y0, g);
  const p0 = [x0, y0, cap.f(x0, y0)];
  const expected = new Float64Array(count * (steps + 1) * 3);
  for (let j = 0; j < count; j++) {
    const [vx, vy] = unitDirection(cap, x0, y0, (2 * Math.PI * j) / count);
    const t = [vx, vy, g[0] * vx + g[1] * vy];
    for (let k = 0; k <= steps; k++) {
      const s = (k * length) / steps;
      for (let i = 0; i < 3; i++) expected[(j * (steps + 1) + k) * 3 + i] = Math.cos(s / R) * p0[i] + R * Math.sin(s / R) * t[i];
    }
  }
  const r = compareClose(out, expected, tolerance(backend), 'great circle');
  return r.ok ? null : r.message;
}

/** Unit speed: the polyline through the points has length ≈ the requested arc length. */
function arcLengths(options: GeodesicFanOptions) {
  return (out: ArrayLike<number>, backend: 'webgpu' | 'cpu'): string | null => {
    const { count, steps, length } = options;
    for (let j = 0; j < count; j++) {
      let total = 0;
      for (let k = 1; k <= steps; k++) {
        const a = (j * (steps + 1) + k - 1) * 3;
        const b = a + 3;
        total += Math.hypot(out[b] - out[a], out[b + 1] - out[a + 1], out[b + 2] - out[a + 2]);
      }
      // Chords fall short of the arc by O(h²κ²); 1e-3 relative covers both backends at these step sizes.
      const r = compareClose(total, length, { absolute: 0, relative: backend === 'cpu' ? 2e-4 : 1e-3 }, `arc length of geodesic ${j}`);
      if (!r.ok) return r.message;
    }
    return null;
  };
}

/** From the paraboloid's apex every geodesic is a meridian: atan2(y, x) stays the launch angle. */
const apexOptions: GeodesicFanOptions = { x0: 0, y0: 0, count: 16, length: 1.5, steps: 60 };
function meridians(out: ArrayLike<number>, backend: 'webgpu' | 'cpu'): string | null {
  const { count, steps } = apexOptions;
  for (let j = 0; j < count; j++) {
    const angle = (2 * Math.PI * j) / count;
    for (let k = 1; k <= steps; k++) {
      const o = (j * (steps + 1) + k) * 3;
      const cross = Math.cos(angle) * out[o + 1] - Math.sin(angle) * out[o];
      const r = compareClose(cross, 0, tolerance(backend), `geodesic ${j} step ${k} off its meridian`);
      if (!r.ok) return r.message;
    }
  }
  return null;
}

const bumpOptions: GeodesicFanOptions = { x0: -0.6, y0: 0.2, count: 64, length: 1.2, steps: 120 };
const saddleOptions: GeodesicFanOptions = { x0: 0.1, y0: 0.1, count: 32, length: 1.0, steps: 100, angleOffset: 0.1 };
const monkeyOptions: GeodesicFanOptions = { x0: 0.2, y0: 0.1, count: 24, length: 0.6, steps: 80 };
const rosenbrockOptions: GeodesicFanOptions = { x0: 0, y0: 0.5, count: 24, length: 0.8, steps: 80 };

export const suite: KernelSuite = {
  kernel: 'geodesicFan',
  cases: [
    fanCase('sphere-cap fan (48 geodesics) lies on great circles', 'sphereCap', capOptions, greatCircles),
    fanCase('paraboloid fan from the apex runs along meridians', 'paraboloid', apexOptions, meridians),
    fanCase('Gaussian-bump fan (64 geodesics) has unit speed: polyline length = arc length', 'gaussianBump', bumpOptions, arcLengths(bumpOptions)),
    fanCase('saddle fan (32 geodesics) has unit speed', 'saddle', saddleOptions, arcLengths(saddleOptions)),
    fanCase('monkey-saddle fan (24 geodesics) has unit speed', 'monkeySaddle', monkeyOptions, arcLengths(monkeyOptions)),
    fanCase('Rosenbrock-like fan (24 geodesics) has unit speed', 'rosenbrock', rosenbrockOptions, arcLengths(rosenbrockOptions)),
  ],
};
