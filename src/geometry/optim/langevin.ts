/**
 * Spherical Langevin dynamics with iterate averaging on a planted single-index model (cell 5).
 *
 * Model: θ* ∈ S^{d−1}, x_i ~ N(0, I_d), y_i = h(⟨θ*, x_i⟩), h = He_{k*}/√(k*!) (probabilists' Hermite), so the
 * information exponent is k*. Empirical correlation loss on the sphere,
 *   L(θ) = −(1/n) Σ_i y_i h(⟨θ, x_i⟩),   ∇L(θ) = −(1/n) Σ_i y_i h'(⟨θ, x_i⟩) x_i,  h' = k* He_{k*−1}/√(k*!),
 * whose population value is −m^{k*}, m = ⟨θ, θ*⟩.
 * Step (projected Langevin): θ ← normalize(θ − η P_θ ∇L(θ) + √(2η/β) P_θ ξ), P_θ = I − θθᵀ, ξ ~ N(0, I_d).
 * Reported overlaps: |⟨θ_t, θ*⟩| of the last iterate and of the stochastic-weight average θ̄_t = Σ_{t₀<s≤t} θ_s / ‖·‖
 * (undefined, NaN, for 0 < t ≤ t₀; averaging starts after a burn-in t₀ = `averageFrom`, as SWA does after its warm phase).
 * Population map (n → ∞, β = ∞): θ' ∝ θ + η k* m^{k*−1}(θ* − mθ), i.e.
 *   m' = (m + η k* m^{k*−1}(1 − m²)) / √(1 + η² k*² m^{2k*−2}(1 − m²)).
 * Reference scalings (Ben Arous, Gheissari & Jagannath 2021; Damian et al. 2023): online SGD needs
 * n ≳ d^{k*−1} samples, smoothed/averaged methods n ≳ d^{k* / 2}.
 */
import { gaussian, mulberry32, type Random } from '../random';
import { symmetricEigen } from '../linalg/symmetricEigen';

/** He_k(z) (probabilists'), by the recurrence He_{k+1} = z He_k − k He_{k−1}. */
export function hermite(k: number, z: number): number {
  let a = 1;
  let b = z;
  if (k === 0) return 1;
  for (let j = 1; j < k; j++) {
    const c = z * b - j * a;
    a = b;
    b = c;
  }
  return b;
}

function factorial(k: number): number {
  let f = 1;
  for (let j = 2; j <= k; j++) f *= j;
  return f;
}

export interface SingleIndexProblem {
  d: number;
  n: number;
  kStar: number;
  thetaStar: Float64Array;
  x: Float64Array;
  y: Float64Array;
}

export function makeSingleIndex(d: number, n: number, kStar: number, random: Random): SingleIndexProblem {
  if (!(Number.isInteger(d) && d >= 2)) throw new Error(`invalid dimension d: ${d} (expected an integer ≥ 2)`);
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`invalid sample count n: ${n} (expected a positive integer)`);
  if (!(Number.isInteger(kStar) && kStar >= 1 && kStar <= 6)) throw new Error(`invalid information exponent k*: ${kStar} (expected an integer in [1, 6])`);
  const thetaStar = unitVector(d, random);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  const c = 1 / Math.sqrt(factorial(kStar));
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) {
      const v = gaussian(random);
      x[i * d + j] = v;
      z += v * thetaStar[j];
    }
    y[i] = c * hermite(kStar, z);
  }
  return { d, n, kStar, thetaStar, x, y };
}

export function unitVector(d: number, random: Random): Float64Array {
  const v = new Float64Array(d);
  let s = 0;
  for (let j = 0; j < d; j++) {
    v[j] = gaussian(random);
    s += v[j] * v[j];
  }
  s = Math.sqrt(s);
  for (let j = 0; j < d; j++) v[j] /= s;
  return v;
}

/** Writes ∇L(θ) (Euclidean) into `grad`; returns L(θ). */
export function singleIndexGradient(p: SingleIndexProblem, theta: ArrayLike<number>, grad: Float64Array): number {
  const { d, n, kStar, x, y } = p;
  const c = 1 / Math.sqrt(factorial(kStar));
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += theta[j] * x[i * d + j];
    loss -= y[i] * c * hermite(kStar, z);
    const s = (-y[i] * c * kStar * hermite(kStar - 1, z)) / n;
    for (let j = 0; j < d; j++) grad[j] += s * x[i * d + j];
  }
  return loss / n;
}

/** One step of the population map on the overlap m (see the file comment). */
export function populationOverlapStep(m: number, eta: number, kStar: number): number {
  const g = eta * kStar * Math.pow(m, kStar - 1) * (1 - m * m);
  return (m + g) / Math.sqrt(1 + (g * g) / Math.max(1 - m * m, 1e-300));
}

export interface LangevinOptions {
  eta: number;
  /** Inverse temperature; Infinity = projected gradient descent. */
  beta: number;
  steps: number;
  /** Burn-in t₀: the average is over θ_{t₀+1…t} (0 = from the start). */
  averageFrom?: number;
  /** Steps between evaluations of the even-k* averaged iterate (an eigenvector; default steps/200); the last step is always evaluated. */
  averageEvery?: number;
}

export interface LangevinRun {
  /** |⟨θ_t, θ*⟩|, t = 0…steps. */
  last: Float64Array;
  /** |⟨θ̄_t, θ*⟩| of the normalized average after the burn-in (see the file comment), t = 0…steps. */
  average: Float64Array;
}

/** A uniform start on S^{d−1}, flipped into the hemisphere ⟨θ₀, θ*⟩ ≥ 0 (for odd k* the population flow from the
 * other hemisphere stalls at the equator m = 0, since dm/dt = k* m^{k*−1}(1 − m²) ≥ 0). */
export function hemisphereStart(p: SingleIndexProblem, random: Random): Float64Array {
  const u = unitVector(p.d, random);
  let s = 0;
  for (let j = 0; j < p.d; j++) s += u[j] * p.thetaStar[j];
  if (s < 0) for (let j = 0; j < p.d; j++) u[j] = -u[j];
  return u;
}

/** Success: last-iterate overlap ≥ 0.5 after `steps`; rate over `seeds` independent (data, start, noise) draws. */
export function successRate(d: number, n: number, kStar: number, o: LangevinOptions, seeds: number, seed0: number): { last: number; average: number } {
  let last = 0;
  let average = 0;
  for (let s = 0; s < seeds; s++) {
    const trial = successTrial(d, n, kStar, o, s, seed0);
    if (trial.last) last++;
    if (trial.average) average++;
  }
  return { last: last / seeds, average: average / seeds };
}

/** Seed number `s` of `successRate` alone: whether the last iterate and the running average reach overlap ≥ 0.5. */
export function successTrial(d: number, n: number, kStar: number, o: LangevinOptions, s: number, seed0: number): { last: boolean; average: boolean } {
  const trial = createSuccessTrial(d, n, kStar, o, s, seed0);
  trial.advance(o.steps);
  return trial.outcome();
}

/** `successTrial` as a stepper, so a caller can yield between chunks of steps; the same draws in the same order. */
export function createSuccessTrial(d: number, n: number, kStar: number, o: LangevinOptions, s: number, seed0: number): LangevinStepper & { outcome(): { last: boolean; average: boolean } } {
  const random = mulberry32(seed0 + 7919 * s + 104729 * d + n);
  const p = makeSingleIndex(d, n, kStar, random);
  const stepper = createLangevin(p, hemisphereStart(p, random), { averageEvery: o.steps, ...o }, random);
  return Object.assign(stepper, { outcome: () => ({ last: stepper.run.last[o.steps] >= 0.5, average: stepper.run.average[o.steps] >= 0.5 }) });
}

/** Runs spherical Langevin from θ₀ (unit; copied) to the end: `createLangevin` advanced by all its steps. */
export function runSphericalLangevin(p: SingleIndexProblem, theta0: ArrayLike<number>, o: LangevinOptions, random: Random): LangevinRun {
  const stepper = createLangevin(p, theta0, o, random);
  stepper.advance(o.steps);
  return stepper.run;
}

export interface LangevinStepper {
  /** Steps taken so far. */
  readonly t: number;
  /** The traces, filled up to index t. */
  readonly run: LangevinRun;
  /** Takes up to `count` more steps; returns whether steps remain. */
  advance(count: number): boolean;
}

/**
 * Spherical Langevin from θ₀ (unit; copied), stepped on demand.
 *
 * The averaged iterate after the burn-in t₀: for odd k* the normalized mean θ̄ = Σ_{t₀<s≤t} θ_s (SWA); for even k*
 * the landscape is symmetric under θ → −θ, the Gibbs measure exp(−βL) has mean zero and a hot chain crosses the
 * equator, so the average is taken of θ_sθ_sᵀ and θ̄ is the top eigenvector of (1/(t − t₀)) Σ θ_sθ_sᵀ (dense f64
 * eigensolver), evaluated every `averageEvery` steps and at the last one (held in between). At high temperature
 * both moments are, to first order in β, the landscape averaged over the sphere (Wei, Damian & Lee 2026: noise plus
 * averaging emulate smoothing) — the partial-trace estimators that need n ≳ d^{⌈k* / 2⌉} samples.
 */
export function createLangevin(p: SingleIndexProblem, theta0: ArrayLike<number>, o: LangevinOptions, random: Random): LangevinStepper {
  const { d, thetaStar } = p;
  if (!(o.eta > 0)) throw new Error(`invalid step η: ${o.eta} (expected a positive number)`);
  if (!(o.beta > 0)) throw new Error(`invalid inverse temperature β: ${o.beta} (expected a positive number or Infinity)`);
  const t0 = o.averageFrom ?? 0;
  if (!(Number.isInteger(t0) && t0 >= 0 && t0 < Math.max(o.steps, 1))) throw new Error(`invalid burn-in averageFrom: ${t0} (expected an integer in [0, steps))`);
  const every = o.averageEvery ?? Math.max(1, Math.ceil(o.steps / 200));
  const secondMoment = p.kStar % 2 === 0;
  const theta = Float64Array.from(theta0);
  const sum = new Float64Array(secondMoment ? d * d : d);
  const grad = new Float64Array(d);
  // Steps not yet taken read NaN (a streamed figure draws nothing there).
  const last = new Float64Array(o.steps + 1).fill(NaN);
  const average = new Float64Array(o.steps + 1).fill(NaN);
  const noise = Number.isFinite(o.beta) ? Math.sqrt((2 * o.eta) / o.beta) : 0;
  const overlap = (v: ArrayLike<number>) => {
    let s = 0;
    let nn = 0;
    for (let j = 0; j < d; j++) {
      s += v[j] * thetaStar[j];
      nn += v[j] * v[j];
    }
    return Math.abs(s) / Math.sqrt(nn);
  };
  // The top eigenvector is the last row of the ascending decomposition.
  const averaged = () => (secondMoment ? overlap(symmetricEigen(sum, d).vectors.subarray((d - 1) * d, d * d)) : overlap(sum));
  const accumulate = () => {
    if (secondMoment) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) sum[a * d + b] += theta[a] * theta[b];
    else for (let j = 0; j < d; j++) sum[j] += theta[j];
  };
  last[0] = overlap(theta);
  // No average exists before the burn-in ends: NaN there (a figure draws nothing), θ̄_0 = θ_0 without burn-in.
  average[0] = t0 === 0 ? last[0] : NaN;
  if (t0 === 0) accumulate();
  let t = 0;
  const step = () => {
    t++;
    singleIndexGradient(p, theta, grad);
    if (noise > 0) for (let j = 0; j < d; j++) grad[j] -= (noise / o.eta) * gaussian(random);
    // Project the (noisy) direction onto the tangent space, step, retract to the sphere.
    let radial = 0;
    for (let j = 0; j < d; j++) radial += grad[j] * theta[j];
    let nn = 0;
    for (let j = 0; j < d; j++) {
      theta[j] -= o.eta * (grad[j] - radial * theta[j]);
      nn += theta[j] * theta[j];
    }
    nn = Math.sqrt(nn);
    for (let j = 0; j < d; j++) theta[j] /= nn;
    last[t] = overlap(theta);
    if (t > t0) {
      accumulate();
      average[t] = (t - t0) % every === 0 || t === o.steps || t === t0 + 1 ? averaged() : average[t - 1];
    } else average[t] = NaN;
  };
  const run = { last, average };
  return {
    get t() {
      return t;
    },
    run,
    advance(count: number) {
      for (let c = 0; c < count && t < o.steps; c++) step();
      return t < o.steps;
    },
  };
}
