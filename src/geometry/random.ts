/**
 * Seeded pseudo-random numbers. Math code never calls Math.random: it takes a
 * `Random` (a function returning uniforms in [0, 1)) so a link reproduces a figure.
 */
export type Random = () => number;

/** mulberry32: a 32-bit state generator, period 2^32, good enough for sampling data sets. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates by the Box–Muller transform (one of the pair is kept). */
export function gaussian(random: Random): number {
  let u = 0;
  while (u <= Number.MIN_VALUE) u = random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Rademacher ±1 with equal probability (Hutchinson's estimator). */
export function rademacher(random: Random): number {
  return random() < 0.5 ? -1 : 1;
}

/** Fills a new Float64Array of length n with standard normal deviates. */
export function gaussianVector(n: number, random: Random): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gaussian(random);
  return out;
}
