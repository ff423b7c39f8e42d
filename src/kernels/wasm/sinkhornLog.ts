/**
 * Log-domain Sinkhorn on the WebAssembly SIMD kernels: `createSinkhornLog`
 * (src/geometry/ot/sinkhornLog.ts, the f64 reference) step for step, its O(n·m) work in wasm
 * memory. The same cached kernel K̃_ij = exp((f̂_i + ĝ_j − C_ij)/ε) at reference potentials,
 * absorbed when |f − f̂|/ε or |g − ĝ|/ε exceeds 30; per iteration the row pass
 * Σ_j K̃_ij e^{(g_j − ĝ_j)/ε} with Σ_j C_ij (…) for ⟨C, P⟩, fused with the next column pass's
 * Σ_i K̃_ij e^{(f_i − f̂_i)/ε} (`logSinkhornRowPass`: one read of K̃ and C per iteration; the
 * column sums are recomputed by `matVecTransposed` after an absorption); a row or column sum outside
 * [1e-280, 1e280] falls back to the exact log-sum-exp over C (`rowLogSumExpShifted`,
 * `columnLogSumExpShifted`), as the reference. C and K̃ live in wasm memory for the whole job.
 *
 * Why not the exact log-sum-exps every iteration (src/kernels/wasm/sinkhornLogExact.ts): that
 * costs 2·n·m vector exps per iteration, the cached kernel one fused pass over K̃ and C, which on
 * this machine was several times faster in WASM, and faster even in JS (bench/wasm.bench.ts).
 *
 * Deviations from the reference, on purpose: K̃ entries below e^−707 ≈ 1e-307 are 0 (the
 * vector exp's flush; the reference stores 0 below 2.2e-308); an entry that small is below
 * 1e-307 of its row's scale, and the tests check the iterates are unchanged.
 */
import { checkEpsilon, type OtProblem } from '../../geometry/ot/problem';
import type { IterationRecord, WarmStart } from '../../geometry/ot/solver';
import { startingG } from '../../geometry/ot/sinkhornLog';
import { dualLinear } from '../../geometry/ot/metrics';
import type { SinkhornWasmSolver } from './sinkhornScaling';
import type { WasmKernels } from './wasm';

const SUM_LOW = 1e-280;
const SUM_HIGH = 1e280;
const ABSORB_AT = 30;

export interface SinkhornLogWasmSolver extends SinkhornWasmSolver {
  /** How many times K̃ was rebuilt (the reference's `absorptions`). */
  readonly absorptions: number;
}

/** `initial`: a warm start; its g starts the iteration, as in the reference. */
export function createSinkhornLogWasm(kernels: WasmKernels, problem: OtProblem, epsilon: number, initial?: WarmStart): SinkhornLogWasmSolver {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const inv = 1 / epsilon;
  const logA = a.map(Math.log);
  const logB = b.map(Math.log);
  const g0 = initial ? startingG(initial.g, m) : new Float64Array(m);
  const x = kernels.exports;
  const pc = kernels.put(cost);
  const pk = kernels.allocF64(n * m);
  const at = {
    f: kernels.allocF64(n),
    g: kernels.put(g0),
    fRef: kernels.allocF64(n),
    gRef: kernels.allocF64(m),
    u: kernels.allocF64(n),
    v: kernels.allocF64(m),
    rowSum: kernels.allocF64(n),
    rowWeighted: kernels.allocF64(n),
    colSum: kernels.allocF64(m),
    exactRow: kernels.allocF64(n),
    exactRowWeighted: kernels.allocF64(n),
    exactColumn: kernels.allocF64(m),
    columnWork: kernels.allocF64(m),
    logA: kernels.put(a.map(Math.log)),
    fNext: kernels.allocF64(n),
  };
  const sizes: Record<keyof typeof at, number> = { f: n, g: m, fRef: n, gRef: m, u: n, v: m, rowSum: n, rowWeighted: n, colSum: m, exactRow: n, exactRowWeighted: n, exactColumn: m, columnWork: m, logA: n, fNext: n };
  let buffer: ArrayBufferLike | null = null;
  let mem = {} as Record<keyof typeof at, Float64Array>;
  /** Typed views of the vectors, remade when the memory grew (plan() allocates). */
  const views = (): Record<keyof typeof at, Float64Array> => {
    if (buffer !== x.memory.buffer) {
      buffer = x.memory.buffer;
      mem = Object.fromEntries(Object.entries(at).map(([name, ptr]) => [name, kernels.f64(ptr, sizes[name as keyof typeof at])])) as Record<keyof typeof at, Float64Array>;
    }
    return mem;
  };
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let absorptions = 0;
  let haveKernel = false;
  /** colSum holds Σ_i K̃_ij u_i for the current f and references (left by the fused row pass). */
  let columnsReady = false;
  let lastError = NaN;
  let lastCost = NaN;
  let failure: string | null = null;
  let planPtr = 0;

  function absorb(): void {
    const v = views();
    v.fRef.set(v.f);
    v.gRef.set(v.g);
    x.logDomainPlan(pc, at.f, at.g, pk, n, m, inv);
    haveKernel = true;
    columnsReady = false;
    absorptions++;
  }

  function drift(p: Float64Array, ref: Float64Array): number {
    let worst = 0;
    for (let k = 0; k < p.length; k++) {
      const d = Math.abs(p[k] - ref[k]);
      if (d > worst) worst = d;
    }
    return worst * inv;
  }

  function scalings(p: Float64Array, ref: Float64Array, out: Float64Array): void {
    for (let k = 0; k < p.length; k++) out[k] = p[k] === -Infinity ? 0 : Math.exp((p[k] - ref[k]) * inv);
  }

  function rowPass(): void {
    const v = views();
    scalings(v.g, v.gRef, v.v);
    // fNext, the row sums (exact LSE where a sum is out of range) and the next colSum
    x.logSinkhornRowPass(pk, pc, at.v, at.g, at.fRef, at.logA, at.fNext, at.u, at.rowSum, at.rowWeighted, at.exactRow, at.exactRowWeighted, at.colSum, n, m, epsilon);
    columnsReady = true;
    let err = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const sum = v.rowSum[i];
      let meanCost: number;
      let row: number;
      if (sum >= SUM_LOW && sum <= SUM_HIGH) {
        meanCost = v.rowWeighted[i] / sum;
        row = v.f[i] === -Infinity ? 0 : Math.exp((v.f[i] - v.fRef[i]) * inv) * sum;
      } else {
        meanCost = v.exactRowWeighted[i];
        row = v.f[i] === -Infinity ? 0 : Math.exp(v.f[i] * inv + v.exactRow[i]);
      }
      err += Math.abs(row - a[i]);
      total += row * meanCost;
    }
    lastError = err;
    lastCost = total;
  }

  function columnPass(): void {
    const v = views();
    if (!columnsReady) {
      scalings(v.f, v.fRef, v.u);
      x.matVecTransposed(pk, at.u, at.colSum, n, m);
    }
    let exact = false;
    for (let j = 0; j < m; j++) {
      const s = v.colSum[j];
      let lse: number;
      if (s >= SUM_LOW && s <= SUM_HIGH) lse = Math.log(s) - v.gRef[j] * inv;
      else {
        // every column's exact LSE in one pass over C, the first time one is needed
        if (!exact) x.columnLogSumExpShifted(pc, at.f, at.exactColumn, at.columnWork, n, m, inv);
        exact = true;
        lse = v.exactColumn[j];
      }
      v.g[j] = epsilon * (logB[j] - lse);
    }
  }

  // First f from g (= 0 or the given start): exact, since no kernel exists yet.
  x.rowLogSumExpShifted(pc, at.g, at.exactRow, at.exactRowWeighted, n, m, inv);
  for (let i = 0; i < n; i++) views().fNext[i] = epsilon * (logA[i] - views().exactRow[i]);

  const step = (): IterationRecord => {
    const v = views();
    v.f.set(v.fNext);
    if (!haveKernel || drift(v.f, v.fRef) > ABSORB_AT || drift(v.g, v.gRef) > ABSORB_AT) absorb();
    columnPass();
    if (drift(v.g, v.gRef) > ABSORB_AT) absorb();
    rowPass();
    iterations++;
    return { iteration: iterations, marginalError: lastError, cost: lastCost, dual: dualLinear(a, b, v.f, v.g) - epsilon * massB, kind: 'sinkhorn' };
  };

  return {
    method: 'log',
    problem,
    epsilon,
    get iterations() {
      return iterations;
    },
    get absorptions() {
      return absorptions;
    },
    get failure() {
      return failure;
    },
    step,
    potentials() {
      const v = views();
      return { f: v.f.slice(), g: v.g.slice() };
    },
    plan(out = new Float64Array(n * m)) {
      if (planPtr === 0) planPtr = kernels.allocF64(n * m);
      x.logDomainPlan(pc, at.f, at.g, planPtr, n, m, inv);
      out.set(kernels.f64(planPtr, n * m));
      return out;
    },
    finalPlan() {
      x.logDomainPlan(pc, at.f, at.g, pk, n, m, inv);
      failure ??= 'the solver is spent: finalPlan() overwrote its kernel';
      return kernels.f64(pk, n * m).slice();
    },
  };
}
