/**
 * The scaling Sinkhorn of src/kernels/wasm/sinkhornScaling.ts with K split into row blocks
 * across the worker pool (pool.ts): block 0 in the job's own wasm instance, blocks 1…W−1 in the
 * helpers (poolRows.ts), each built where it lives. One iteration: v goes to every block; each
 * returns u_i = a_i/(K v)_i for its rows, its share of Kᵀu and its part of the row error; the
 * job sums the shares in block order and sets v = b / Kᵀu. The iterates are those of the
 * single-threaded solver up to the order of those sums (Kᵀu and the error are sums of W partial
 * sums), and so are the records, the potentials and the plan; tests hold them to F64_EXACT.
 *
 * Same deviations as the single-threaded solver (one pass ahead, ⟨C, P⟩ not tracked).
 * Every method that talks to the helpers is async; the job awaits `step()`.
 */
import { checkEpsilon, type OtProblem } from '../geometry/ot/problem';
import type { IterationRecord, WarmStart } from '../geometry/ot/solver';
import { scalingStart, scalingUnderflowMessage } from '../geometry/ot/sinkhorn';
import type { WasmKernels } from '../kernels/wasm/wasm';
import { scalingPotentials, scalingRecord } from '../kernels/wasm/sinkhornScaling';
import type { PoolLease } from './pool';
import type { PoolReply, RowSource } from './poolRows';
import type { CostKind } from '../geometry/ot/costs';

/** How the helpers get their rows of C: the points the job's problem was built from, or the matrix itself. */
export type OperatorSource =
  | { kind: 'points'; x: Float64Array; y: Float64Array; dim: number; cost: CostKind; costScale: number }
  | { kind: 'matrix' };

export interface SinkhornPoolSolver {
  readonly method: 'sinkhorn';
  readonly problem: OtProblem;
  readonly epsilon: number;
  readonly iterations: number;
  readonly failure: string | null;
  /** Row blocks computed in parallel (the job's worker included). */
  readonly workers: number;
  step(): Promise<IterationRecord>;
  potentials(): { f: Float64Array; g: Float64Array };
  plan(): Promise<Float64Array>;
  /** The plan with block 0 formed over K in place; the solver is spent after it (the helpers keep their K). */
  finalPlan(): Promise<Float64Array>;
}

/** Row ranges [start, end) of W blocks, starts even (the fused kernel pairs rows), empty blocks dropped. */
export function rowBlocks(n: number, workers: number): [number, number][] {
  const size = Math.max(2, Math.ceil(n / workers / 2) * 2);
  const blocks: [number, number][] = [];
  for (let start = 0; start < n; start += size) blocks.push([start, Math.min(n, start + size)]);
  return blocks;
}

function expect<T extends PoolReply['type']>(reply: PoolReply, type: T): Extract<PoolReply, { type: T }> {
  if (reply.type !== type) throw new Error(`pool worker answered "${reply.type}" to a "${type}" request`);
  return reply as Extract<PoolReply, { type: T }>;
}

/**
 * `key` names the operator (problem and ε): a helper that holds the block of that key keeps it.
 * `initial`: a warm start, v = exp((g − max g)/ε) as in the reference.
 */
export async function createSinkhornPool(
  kernels: WasmKernels,
  lease: PoolLease,
  problem: OtProblem,
  epsilon: number,
  source: OperatorSource,
  key: string,
  initial?: WarmStart,
): Promise<SinkhornPoolSolver> {
  checkEpsilon(epsilon);
  const { n, m, a, b, cost } = problem;
  const blocks = rowBlocks(n, lease.helpers.length + 1);
  const helpers = lease.helpers.slice(0, blocks.length - 1);
  const [, own] = blocks[0];

  const setups = helpers.map((helper, h) => {
    const [start, end] = blocks[h + 1];
    const rows = end - start;
    let rowSource: RowSource;
    const transfer: Transferable[] = [];
    if (source.kind === 'points') {
      rowSource = { ...source, x: source.x.slice(start * source.dim, end * source.dim), y: source.y };
    } else {
      const block = cost.slice(start * m, end * m);
      transfer.push(block.buffer);
      rowSource = { kind: 'matrix', cost: block };
    }
    return helper.request({ type: 'setup', key, rows, m, epsilon, a: a.slice(start, end), b, source: rowSource }, transfer);
  });
  // block 0 here, while the helpers build theirs
  const k = kernels.put(cost.subarray(0, own * m));
  const pa = kernels.put(a);
  const pb = kernels.put(b);
  let uCur = kernels.allocF64(n);
  let uNext = kernels.allocF64(n);
  const vIn = kernels.allocF64(m);
  const vScratch = kernels.allocF64(m);
  const ktuOwn = kernels.allocF64(m);
  const x = kernels.exports;
  x.gibbsKernel(k, k, own * m, epsilon);
  for (const reply of await Promise.all(setups)) expect(reply, 'setup');

  let vCur = new Float64Array(m);
  let vNext = new Float64Array(m);
  kernels.f64(uCur, n).fill(0);
  if (initial) vCur.set(scalingStart(initial.g, epsilon, m));
  else vCur.fill(1);
  const ktu = new Float64Array(m);

  /** One pass from (uCur, vCur) into (uNext, vNext); returns the row error of (uCur, vCur). */
  const pass = async (swap: boolean): Promise<number> => {
    const replies = helpers.map((helper) => helper.request({ type: 'pass', v: vCur, swap }));
    kernels.f64(vIn, m).set(vCur);
    let err = x.sinkhornScalingPass(k, pa, pb, uCur, vIn, uNext, vScratch, ktuOwn, own, m);
    ktu.set(kernels.f64(ktuOwn, m));
    const done = await Promise.all(replies);
    const u = kernels.f64(uNext, n);
    done.forEach((reply, h) => {
      const r = expect(reply, 'pass');
      err += r.err;
      u.set(r.u, blocks[h + 1][0]);
      for (let j = 0; j < m; j++) ktu[j] += r.ktu[j];
    });
    for (let j = 0; j < m; j++) vNext[j] = b[j] / ktu[j];
    return err;
  };

  // pass 1: iterate 1 into (uNext, vNext); its error (of the undefined iterate 0) is dropped
  await pass(false);
  let massB = 0;
  for (let j = 0; j < m; j++) massB += b[j];
  let iterations = 0;
  let failure: string | null = null;

  let planPtr = 0;
  /** P = diag(u) K diag(v), block 0 here (over K itself when `inPlace`: the final plan), the others from the helpers. */
  const gather = async (inPlace: boolean): Promise<Float64Array> => {
    const replies = helpers.map((helper) => helper.request({ type: 'plan', v: vCur }));
    const out = new Float64Array(n * m);
    if (!inPlace && planPtr === 0) planPtr = kernels.allocF64(own * m);
    const plan = inPlace ? k : planPtr;
    kernels.f64(vIn, m).set(vCur);
    x.scalingPlan(k, uCur, vIn, plan, own, m);
    out.set(kernels.f64(plan, own * m));
    (await Promise.all(replies)).forEach((reply, h) => out.set(expect(reply, 'plan').plan, blocks[h + 1][0] * m));
    return out;
  };

  return {
    method: 'sinkhorn',
    problem,
    epsilon,
    workers: blocks.length,
    get iterations() {
      return iterations;
    },
    get failure() {
      return failure;
    },
    async step() {
      [uCur, uNext] = [uNext, uCur];
      [vCur, vNext] = [vNext, vCur];
      const err = await pass(true);
      iterations++;
      const { record, healthy } = scalingRecord(iterations, err, kernels.f64(uCur, n), vCur, a, b, epsilon, massB);
      if (!healthy) failure = scalingUnderflowMessage(epsilon);
      return record;
    },
    potentials: () => scalingPotentials(kernels.f64(uCur, n), vCur, epsilon),
    plan: () => gather(false),
    async finalPlan() {
      const plan = await gather(true);
      failure ??= 'the solver is spent: finalPlan() overwrote K';
      return plan;
    },
  };
}
