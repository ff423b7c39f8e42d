/**
 * The race of Xiong, Ding & Du (ICLR 2024) on one set of measurements: plain GD with step η on
 *   "symmetric-exact"  XXᵀ, X ∈ ℝ^{n×r}          (exact parameterization: linear convergence),
 *   "symmetric-over"   XXᵀ, X ∈ ℝ^{n×k}, k > r   (over-parameterized: sublinear, Ω(1/T²) lower bound),
 *   "asymmetric-over"  FGᵀ, F, G ∈ ℝ^{n×k}       (linear at a rate exp(−Ω(α² T))),
 *   "modified"         the asymmetric run with one rebalancing step (rebalanceFactors) after
 *                      iteration `modifyAt`: a rate independent of α.
 * Initialization: X₀ = α Z with Z_ij ~ N(0, 1/n) (the exact run takes the first r columns of the
 * over-parameterized X₀); F₀, G₀ are independent draws of the same law; the modified run starts
 * from the same F₀, G₀ as the asymmetric one. `step()` advances every method by one iteration.
 */
import { gaussian, type Random } from '../random';
import {
  asymmetricGradient,
  factorError,
  rebalanceFactors,
  sensingWork,
  singularValues,
  symmetricGradient,
  type SensingProblem,
} from './matrixSensing';

export const SENSING_METHODS = ['symmetric-exact', 'symmetric-over', 'asymmetric-over', 'modified'] as const;
export type SensingMethod = (typeof SENSING_METHODS)[number];

export interface SensingInit {
  /** n×r for the exact run. */
  Xexact: Float64Array;
  /** n×k for the over-parameterized symmetric run. */
  Xover: Float64Array;
  F: Float64Array;
  G: Float64Array;
}

export interface SensingRaceOptions {
  k: number;
  eta: number;
  iterations: number;
  /** The modified run rebalances after this iteration (1 ≤ modifyAt ≤ iterations). */
  modifyAt: number;
}

export interface MethodTrace {
  name: SensingMethod;
  k: number;
  /** ‖XXᵀ − M*‖_F or ‖FGᵀ − M*‖_F at iterations 0…T (index 0 = the initialization); NaN past `done`. */
  errors: Float64Array;
  /** Singular values of X (or F), descending, (T + 1)·k, row t = iteration t. */
  singular: Float64Array;
  /** Singular values of G for the asymmetric runs (else empty). */
  singularG: Float64Array;
  diverged: boolean;
}

/** Seeded initialization at scale α (see the file comment). */
export function sensingInit(n: number, r: number, k: number, alpha: number, random: Random): SensingInit {
  if (!(Number.isFinite(alpha) && alpha > 0)) throw new Error(`invalid initialization scale alpha: ${alpha} (expected > 0)`);
  if (!(Number.isInteger(k) && k >= r && k <= n)) throw new Error(`invalid width k: ${k} (expected an integer with r = ${r} ≤ k ≤ n = ${n})`);
  const draw = () => Float64Array.from({ length: n * k }, () => (alpha * gaussian(random)) / Math.sqrt(n));
  const Xover = draw();
  const Xexact = new Float64Array(n * r);
  for (let i = 0; i < n; i++) for (let p = 0; p < r; p++) Xexact[i * r + p] = Xover[i * k + p];
  return { Xexact, Xover, F: draw(), G: draw() };
}

export interface SensingRace {
  readonly problem: SensingProblem;
  readonly iterations: number;
  /** Iterations completed. */
  readonly done: number;
  readonly traces: Record<SensingMethod, MethodTrace>;
  /** One GD iteration of every method; false once `iterations` are done. */
  step(): boolean;
}

const DIVERGED = 1e8;

export function createSensingRace(problem: SensingProblem, init: SensingInit, options: SensingRaceOptions): SensingRace {
  const { n, r } = problem;
  const { k, eta, iterations, modifyAt } = options;
  if (!(Number.isFinite(eta) && eta > 0)) throw new Error(`invalid step eta: ${eta} (expected > 0)`);
  if (!(Number.isInteger(iterations) && iterations >= 1)) throw new Error(`invalid iterations: ${iterations} (expected an integer ≥ 1)`);
  if (!(Number.isInteger(modifyAt) && modifyAt >= 1 && modifyAt <= iterations)) throw new Error(`invalid modifyAt: ${modifyAt} (expected an integer in [1, ${iterations}])`);
  if (init.Xexact.length !== n * r || init.Xover.length !== n * k || init.F.length !== n * k || init.G.length !== n * k)
    throw new Error(`initial factors do not fit n = ${n}, r = ${r}, k = ${k}`);
  const work = sensingWork(problem);
  const trace = (name: SensingMethod, width: number, asymmetric: boolean): MethodTrace => ({
    name,
    k: width,
    errors: new Float64Array(iterations + 1).fill(NaN),
    singular: new Float64Array((iterations + 1) * width).fill(NaN),
    singularG: asymmetric ? new Float64Array((iterations + 1) * width).fill(NaN) : new Float64Array(0),
    diverged: false,
  });
  const traces: Record<SensingMethod, MethodTrace> = {
    'symmetric-exact': trace('symmetric-exact', r, false),
    'symmetric-over': trace('symmetric-over', k, false),
    'asymmetric-over': trace('asymmetric-over', k, true),
    modified: trace('modified', k, true),
  };
  const state = {
    'symmetric-exact': { X: Float64Array.from(init.Xexact), grad: new Float64Array(n * r) },
    'symmetric-over': { X: Float64Array.from(init.Xover), grad: new Float64Array(n * k) },
    'asymmetric-over': { F: Float64Array.from(init.F), G: Float64Array.from(init.G), gF: new Float64Array(n * k), gG: new Float64Array(n * k) },
    modified: { F: Float64Array.from(init.F), G: Float64Array.from(init.G), gF: new Float64Array(n * k), gG: new Float64Array(n * k) },
  };
  let done = 0;
  const record = (t: number) => {
    for (const name of ['symmetric-exact', 'symmetric-over'] as const) {
      const tr = traces[name];
      if (tr.diverged) continue;
      const X = state[name].X;
      const e = factorError(problem, X, X, tr.k);
      tr.errors[t] = e;
      if (!(e < DIVERGED)) tr.diverged = true;
      else tr.singular.set(singularValues(X, n, tr.k), t * tr.k);
    }
    for (const name of ['asymmetric-over', 'modified'] as const) {
      const tr = traces[name];
      if (tr.diverged) continue;
      const { F, G } = state[name];
      const e = factorError(problem, F, G, k);
      tr.errors[t] = e;
      if (!(e < DIVERGED)) tr.diverged = true;
      else {
        tr.singular.set(singularValues(F, n, k), t * k);
        tr.singularG.set(singularValues(G, n, k), t * k);
      }
    }
  };
  record(0);
  const race: SensingRace = {
    problem,
    iterations,
    get done() {
      return done;
    },
    traces,
    step() {
      if (done >= iterations) return false;
      for (const name of ['symmetric-exact', 'symmetric-over'] as const) {
        if (traces[name].diverged) continue;
        const s = state[name];
        symmetricGradient(problem, s.X, traces[name].k, s.grad, work);
        for (let i = 0; i < s.X.length; i++) s.X[i] -= eta * s.grad[i];
      }
      for (const name of ['asymmetric-over', 'modified'] as const) {
        if (traces[name].diverged) continue;
        const s = state[name];
        asymmetricGradient(problem, s.F, s.G, k, s.gF, s.gG, work);
        for (let i = 0; i < s.F.length; i++) {
          s.F[i] -= eta * s.gF[i];
          s.G[i] -= eta * s.gG[i];
        }
      }
      done++;
      if (done === modifyAt && !traces.modified.diverged) rebalanceFactors(state.modified.F, state.modified.G, n, k);
      record(done);
      return done < iterations;
    },
  };
  return race;
}

/** Runs a race to the end. */
export function runSensingRace(problem: SensingProblem, init: SensingInit, options: SensingRaceOptions): SensingRace {
  const race = createSensingRace(problem, init, options);
  while (race.step());
  return race;
}
