/**
 * Built-in pairs of discrete measures for the chapter, drawn with an injected
 * seeded `Random` so a link reproduces a figure. Each returns source points X (n×d),
 * target points Y (m×d), row-major, and masses a, b that each sum to 1.
 */
import { gaussian, type Random } from '../random';

export type DatasetName = 'gaussians' | 'rings' | 'moons' | 'grid' | 'histograms' | 'images';
export const DATASETS: readonly DatasetName[] = ['gaussians', 'rings', 'moons', 'grid', 'histograms', 'images'];

export interface PointPair {
  n: number;
  m: number;
  dim: number;
  x: Float64Array;
  y: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

function uniform(n: number): Float64Array {
  return new Float64Array(n).fill(1 / n);
}

function normalized(w: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  for (let i = 0; i < w.length; i++) w[i] /= s;
  return w;
}

/** Two anisotropic 2-D Gaussians: N((−1, 0), rotated diag(0.5², 0.2²)) and N((1, 0.5), diag(0.3², 0.6²)). */
function gaussians(n: number, random: Random): PointPair {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  for (let i = 0; i < n; i++) {
    const u = 0.5 * gaussian(random);
    const v = 0.2 * gaussian(random);
    x[2 * i] = -1 + c * u - s * v;
    x[2 * i + 1] = s * u + c * v;
    y[2 * i] = 1 + 0.3 * gaussian(random);
    y[2 * i + 1] = 0.5 + 0.6 * gaussian(random);
  }
  return { n, m: n, dim: 2, x, y, a: uniform(n), b: uniform(n) };
}

/** A ring of radius 1 around the origin and a ring of radius 0.4 centred at (0.6, 0), both with noise 0.04. */
function rings(n: number, random: Random): PointPair {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = 2 * Math.PI * random();
    x[2 * i] = Math.cos(t) + 0.04 * gaussian(random);
    x[2 * i + 1] = Math.sin(t) + 0.04 * gaussian(random);
    const r = 2 * Math.PI * random();
    y[2 * i] = 0.6 + 0.4 * Math.cos(r) + 0.04 * gaussian(random);
    y[2 * i + 1] = 0.4 * Math.sin(r) + 0.04 * gaussian(random);
  }
  return { n, m: n, dim: 2, x, y, a: uniform(n), b: uniform(n) };
}

/** The two interleaving half circles of scikit-learn's make_moons, noise 0.06: upper moon → lower moon. */
function moons(n: number, random: Random): PointPair {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = Math.PI * random();
    x[2 * i] = Math.cos(t) + 0.06 * gaussian(random);
    x[2 * i + 1] = Math.sin(t) + 0.06 * gaussian(random);
    const r = Math.PI * random();
    y[2 * i] = 1 - Math.cos(r) + 0.06 * gaussian(random);
    y[2 * i + 1] = 0.5 - Math.sin(r) + 0.06 * gaussian(random);
  }
  return { n, m: n, dim: 2, x, y, a: uniform(n), b: uniform(n) };
}

/** A uniform grid on [−1, 1]² (the first n points of a ⌈√n⌉² grid) against a tight cluster N((0.5, 0.5), 0.15²). */
function grid(n: number, random: Random): PointPair {
  const side = Math.ceil(Math.sqrt(n));
  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / side);
    const c = i % side;
    x[2 * i] = side > 1 ? -1 + (2 * c) / (side - 1) : 0;
    x[2 * i + 1] = side > 1 ? -1 + (2 * r) / (side - 1) : 0;
    y[2 * i] = 0.5 + 0.15 * gaussian(random);
    y[2 * i + 1] = 0.5 + 0.15 * gaussian(random);
  }
  return { n, m: n, dim: 2, x, y, a: uniform(n), b: uniform(n) };
}

/** 1-D histograms on n bins of [0, 1]: a bimodal mixture against a single bump (densities + 1e-3 floor). */
function histograms(n: number, random: Random): PointPair {
  const x = new Float64Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const shift = 0.05 * (random() - 0.5);
  for (let i = 0; i < n; i++) {
    const t = n > 1 ? i / (n - 1) : 0.5;
    x[i] = t;
    a[i] = 0.6 * Math.exp(-(((t - 0.2 - shift) / 0.06) ** 2) / 2) + 0.4 * Math.exp(-(((t - 0.55) / 0.08) ** 2) / 2) + 1e-3;
    b[i] = Math.exp(-(((t - 0.75 + shift) / 0.1) ** 2) / 2) + 1e-3;
  }
  return { n, m: n, dim: 1, x, y: Float64Array.from(x), a: normalized(a), b: normalized(b) };
}

/**
 * Two s×s grayscale images, s = round(√n), drawn procedurally: a soft disk with a
 * random centre, and a soft ring plus a bar. Points are pixel centres in [0, 1]²,
 * masses are the intensities plus a 1e-3 floor (so every pixel can send and receive).
 */
function images(n: number, random: Random): PointPair {
  const s = Math.max(2, Math.round(Math.sqrt(n)));
  const count = s * s;
  const x = new Float64Array(2 * count);
  const a = new Float64Array(count);
  const b = new Float64Array(count);
  const cx = 0.3 + 0.1 * random();
  const cy = 0.35 + 0.1 * random();
  for (let r = 0; r < s; r++) {
    for (let c = 0; c < s; c++) {
      const p = r * s + c;
      const px = (c + 0.5) / s;
      const py = (r + 0.5) / s;
      x[2 * p] = px;
      x[2 * p + 1] = py;
      const disk = 1 / (1 + Math.exp((Math.hypot(px - cx, py - cy) - 0.18) / 0.02));
      const ring = Math.exp(-(((Math.hypot(px - 0.62, py - 0.6) - 0.22) / 0.04) ** 2));
      const bar = Math.abs(py - 0.15) < 0.05 && px > 0.45 && px < 0.9 ? 1 : 0;
      a[p] = disk + 1e-3;
      b[p] = Math.max(ring, bar) + 1e-3;
    }
  }
  return { n: count, m: count, dim: 2, x, y: Float64Array.from(x), a: normalized(a), b: normalized(b) };
}

/** The built-in pair `name` with about n points per side (images use the nearest square). */
export function makeDataset(name: DatasetName, n: number, random: Random): PointPair {
  if (!Number.isInteger(n) || n < 2) throw new Error(`invalid n: ${n} (need an integer ≥ 2)`);
  switch (name) {
    case 'gaussians':
      return gaussians(n, random);
    case 'rings':
      return rings(n, random);
    case 'moons':
      return moons(n, random);
    case 'grid':
      return grid(n, random);
    case 'histograms':
      return histograms(n, random);
    case 'images':
      return images(n, random);
    default:
      throw new Error(`unknown dataset "${String(name)}" (expected ${DATASETS.join(', ')})`);
  }
}

/**
 * The benchmark problem: n uniform random points in [0, 1]² against n others, uniform
 * weights (the same generator in Node and in the browser harness).
 */
export function uniformClouds(n: number, random: Random): PointPair {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(2 * n);
  for (let k = 0; k < 2 * n; k++) x[k] = random();
  for (let k = 0; k < 2 * n; k++) y[k] = random();
  return { n, m: n, dim: 2, x, y, a: uniform(n), b: uniform(n) };
}
