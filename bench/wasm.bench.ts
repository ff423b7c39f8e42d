/**
 * WebAssembly SIMD kernels (src/kernels/wasm) against our JavaScript f64 references and the
 * Python peers, in the same run: mat-vec, transposed mat-vec, row log-sum-exp and one scaling
 * Sinkhorn iteration on n×n matrices, column log-sum-exp; then the app's `sinkhorn/solve` job end
 * to end (1000 loaded points per side, uniform in [0, 1]², squared Euclidean cost, ε = 0.05,
 * scaling, to 1e-9) on the WASM and the JavaScript CPU paths against POT's sinkhorn_knopp running
 * the same number of iterations; and the same job with the log-domain method (ε = 0.05, 0.01)
 * against POT's sinkhorn_log and sinkhorn_stabilized for the same iteration count. Operators live in wasm memory (built once); only the kernel is timed.
 * A second table splits the WASM job into its stages (what the job costs besides the kernel).
 * Then the scaling job at n = 1000, 2048, 4096 (POOL_JOB_SIZES) on the worker pool
 * (src/workers/pool.ts; helpers on worker_threads, min(cores, 4) row blocks) beside WASM ×1 and
 * POT, with the app's size threshold and with the pool forced at every size. Each pooled run
 * starts from helpers that hold no block (a cold run, as WASM ×1 is).
 *
 * Run: npm run bench -- wasm            (BENCH_SIZES=1024,2048,4096 by default)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matVec } from '../src/geometry/linalg/dense';
import { reduce } from '../src/geometry/linalg/reductions';
import { multiplyColumns } from '../src/geometry/ot/products';
import { makeProblem } from '../src/geometry/ot/problem';
import { createSinkhorn } from '../src/geometry/ot/sinkhorn';
import { mulberry32 } from '../src/geometry/random';
import { loadKernelsNode } from '../src/kernels/wasm/loadNode';
import type { SinkhornParams } from '../src/workers/jobs/sinkhorn';
import { standaloneContext, type JobContext } from '../src/workers/job';
import type { WasmKernelModule } from '../src/kernels/wasm/wasm';
import { median, runPython, timeIt, timeItAsync } from './lib';
import { createDensePool } from '../src/workers/densePool';
import { nodePool } from './poolNode';
import { POOL_MIN_ENTRIES, type WorkerPool } from '../src/workers/pool';

const sizes = (process.env.BENCH_SIZES ?? '1024,2048,4096').split(',').map(Number);
const repeats = (n: number) => (n >= 4096 ? 5 : 7);
const SINKHORN_EPSILON = 0.05;
const JOB_N = 1000;
const LOG_EPSILONS = [0.05, 0.01];
const POOL_JOB_SIZES = (process.env.POOL_JOB_SIZES ?? '1000,2048,4096').split(',').map(Number);

// the job module imports WGSL with Vite's `?raw`; load those as empty strings here
register('./rawImports.mjs', import.meta.url);
const { solve, prepareProblem } = await import('../src/workers/jobs/sinkhorn');
const { createSinkhornWasm } = await import('../src/kernels/wasm/sinkhornScaling');
const { createSinkhornLogExactWasm } = await import('../src/kernels/wasm/sinkhornLogExact');
const { planSummary } = await import('../src/geometry/ot/metrics');

const module = await loadKernelsNode();
if (!module) throw new Error('this Node has no WebAssembly SIMD');

interface Row {
  size: string;
  js: number;
  wasm: number;
  /** WASM on the worker pool (src/workers/densePool.ts), the operator resident in the blocks; null where not run */
  pool: number | null;
  peer: number | null;
  /** bytes streamed per call, for GB/s */
  bytes: number;
}

function fmt(x: number | null): string {
  if (x == null || !Number.isFinite(x)) return '—';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function table(title: string, peer: string, rows: Row[]): void {
  console.log(`\n### ${title}\n`);
  console.log(`| size | JS (ms) | WASM ×1 (ms) | WASM (pool ×${densePool.size}) (ms) | ${peer} (ms) | WASM ×1 GB/s | pool GB/s | JS / WASM | WASM / peer | pool / peer |`);
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const gbs = (ms: number | null, bytes: number) => (ms ? (bytes / (ms * 1e6)).toFixed(1) : '—');
  const ratio = (ms: number | null, peer: number | null) => (ms && peer ? `${(ms / peer).toFixed(2)}×` : '—');
  for (const r of rows) {
    console.log(`| ${r.size} | ${fmt(r.js)} | ${fmt(r.wasm)} | ${fmt(r.pool)} | ${fmt(r.peer)} | ${gbs(r.wasm, r.bytes)} | ${gbs(r.pool, r.bytes)} | ${(r.js / r.wasm).toFixed(2)}× | ${ratio(r.wasm, r.peer)} | ${ratio(r.pool, r.peer)} |`);
  }
}

// ---- the job end to end: points written for the peer first
const jobRandom = mulberry32(7);
const jobX = Float64Array.from({ length: 2 * JOB_N }, () => jobRandom());
const jobY = Float64Array.from({ length: 2 * JOB_N }, () => jobRandom());
const jobA = new Float64Array(JOB_N).fill(1 / JOB_N);
const params: SinkhornParams = { n: JOB_N, epsilon: SINKHORN_EPSILON, cost: 'sqeuclidean', method: 'sinkhorn', dataset: 'moons', seed: 1, tolerance: 1e-9, maxIterations: 5000 };
const data = { a: jobA, b: jobA, x: jobX, y: jobY, dim: 2 };

function context(wasm: WasmKernelModule | null, pool?: WorkerPool): JobContext<unknown> {
  return standaloneContext({ wasm, pool });
}

/** Makes every helper drop its block (a tiny setup under another key), so the next pooled run builds K cold. */
async function flushPool(pool: WorkerPool | undefined): Promise<void> {
  const lease = pool?.acquire(Infinity);
  if (!lease) return;
  const one = new Float64Array([1, 1]);
  const source = { kind: 'matrix' as const, cost: new Float64Array(4) };
  await Promise.all(lease.helpers.map((h) => h.request({ type: 'setup', key: 'flush', rows: 2, m: 2, epsilon: 1, a: one, b: one, source })));
  lease.release();
}

async function timeJob(wasm: WasmKernelModule | null, runs: number, p: SinkhornParams = params, d: typeof data = data, pool?: WorkerPool): Promise<{ ms: number; iterations: number; loop: number }> {
  let iterations = 0;
  const times: number[] = [];
  const loops: number[] = [];
  for (let r = 0; r <= runs; r++) {
    await flushPool(pool);
    const t0 = performance.now();
    const result = await solve.cpu(context(wasm, pool), p, d);
    const ms = performance.now() - t0;
    iterations = result.iterations;
    if (r > 0) {
      times.push(ms);
      loops.push(result.seconds * 1000);
    }
  }
  return { ms: median(times), iterations, loop: median(loops) };
}

/** Where the WASM job's time goes: the stages of `solveCpu`, timed one by one (medians). */
function jobStages(wasm: WasmKernelModule, runs: number): Record<string, number> {
  const stages: Record<string, number[]> = { 'prepare (points → C, validate)': [], 'K = exp(−C/ε) in wasm memory, first pass': [], iterations: [], 'final plan (in place over K, one copy out)': [], 'final ⟨C, P⟩ and marginal error (JS, one pass)': [] };
  const names = Object.keys(stages);
  for (let r = 0; r <= runs; r++) {
    const t = [performance.now()];
    const prepared = prepareProblem(params, data);
    t.push(performance.now());
    // as the job: the instance borrowed (the spare, its memory already grown) and given back
    const kernels = wasm.borrow();
    const solver = createSinkhornWasm(kernels, prepared.problem, params.epsilon);
    t.push(performance.now());
    let error = Infinity;
    while (error > params.tolerance) error = solver.step().marginalError;
    t.push(performance.now());
    const plan = solver.finalPlan();
    t.push(performance.now());
    planSummary(plan, prepared.problem);
    t.push(performance.now());
    wasm.recycle(kernels);
    if (r > 0) names.forEach((name, k) => stages[name].push(t[k + 1] - t[k]));
  }
  return Object.fromEntries(names.map((name) => [name, median(stages[name])]));
}

/** The exact-LSE log-domain solver (not the job's) through the job's steps, for `iterations` iterations. */
function timeExactLog(wasm: WasmKernelModule, p: SinkhornParams, iterations: number, runs: number): number {
  const times: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const prepared = prepareProblem(p, data);
    const solver = createSinkhornLogExactWasm(wasm.instantiate(), prepared.problem, p.epsilon);
    while (solver.iterations < iterations) solver.step();
    const plan = solver.finalPlan();
    planSummary(plan, prepared.problem);
    if (r > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

console.log('wasm: the sinkhorn/solve job (WASM, JS)…');
const stages = jobStages(module, 5);
const jobWasm = await timeJob(module, 5);
const jobJs = await timeJob(null, 3);
console.log('wasm: the sinkhorn/solve job, log-domain (WASM, JS)…');
const logJobs = [];
for (const epsilon of LOG_EPSILONS) {
  const p: SinkhornParams = { ...params, method: 'log', epsilon };
  const wasmRun = await timeJob(module, 3, p);
  const jsRun = await timeJob(null, 3, p);
  logJobs.push({ epsilon, wasm: wasmRun, js: jsRun, exact: timeExactLog(module, p, wasmRun.iterations, 3) });
}

const dir = mkdtempSync(join(tmpdir(), 'curvature-wasm-'));
writeFileSync(join(dir, 'x.f64'), new Uint8Array(jobX.buffer));
writeFileSync(join(dir, 'y.f64'), new Uint8Array(jobY.buffer));

console.log(`wasm: the sinkhorn/solve job on the worker pool, n = ${POOL_JOB_SIZES.join(', ')}…`);
const appPool = nodePool(module);
const forcedPool = nodePool(module, 0);
const poolJobs = [];
for (const n of POOL_JOB_SIZES) {
  const random = mulberry32(7 + n);
  const x = Float64Array.from({ length: 2 * n }, () => random());
  const y = Float64Array.from({ length: 2 * n }, () => random());
  const uniform = new Float64Array(n).fill(1 / n);
  const d = { a: uniform, b: uniform, x, y, dim: 2 };
  const p: SinkhornParams = { ...params, n };
  const runs = n >= 4096 ? 3 : 5;
  const single = await timeJob(module, runs, p, d);
  const app = await timeJob(module, runs, p, d, appPool);
  const forced = await timeJob(module, runs, p, d, forcedPool);
  writeFileSync(join(dir, `x${n}.f64`), new Uint8Array(x.buffer));
  writeFileSync(join(dir, `y${n}.f64`), new Uint8Array(y.buffer));
  poolJobs.push({ n, single, app, forced, usesPool: n * n >= POOL_MIN_ENTRIES && appPool.size > 1 });
}
appPool.terminate();
forcedPool.terminate();
const spec = {
  sizes,
  repeats: sizes.map(repeats),
  job: { x: join(dir, 'x.f64'), y: join(dir, 'y.f64'), n: JOB_N, epsilon: SINKHORN_EPSILON, iterations: jobWasm.iterations, repeats: 5 },
  logJobs: logJobs.map((j) => ({ epsilon: j.epsilon, iterations: j.wasm.iterations, repeats: 3 })),
  poolJobs: poolJobs.map((j) => ({ x: join(dir, `x${j.n}.f64`), y: join(dir, `y${j.n}.f64`), epsilon: SINKHORN_EPSILON, iterations: j.single.iterations, repeats: j.n >= 4096 ? 3 : 5 })),
};
writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
console.log(`wasm: peers (numpy, scipy, POT), sizes ${sizes.join(', ')}…`);
const peer = runPython<{ numpy: string; sizes: Record<string, Record<string, number>>; job: { pot: string; ms: number } | null; logJobs: { log: number; stabilized: number }[] | null; poolJobs: number[] | null }>('wasm.py', [join(dir, 'spec.json')]);

console.log('wasm: kernels (JS, WASM ×1, WASM pool)…');
// every size on the pool (minEntries 0): the column shows where splitting rows pays
const densePool = nodePool(module, 0);
const rows: Record<'matvec' | 'matvecT' | 'lse' | 'lseCols' | 'sinkhorn', Row[]> = { matvec: [], matvecT: [], lse: [], lseCols: [], sinkhorn: [] };
for (const n of sizes) {
  const random = mulberry32(1);
  const a = Float64Array.from({ length: n * n }, () => random() * 2 - 1);
  const x = Float64Array.from({ length: n }, () => random() * 2 - 1);
  const w = module.instantiate();
  const pa = w.put(a);
  const px = w.put(x);
  const py = w.allocF64(n);
  const peerN = peer.result?.sizes[String(n)];
  const bytes = 8 * n * n;
  const r = repeats(n);
  const out = new Float64Array(n);
  // the pooled operator: its rows given to the blocks once (not timed), as a job would build it
  const lease = densePool.acquire(n * n)!;
  const pooled = await createDensePool(module.instantiate(), lease, a, n, n, `bench ${n}`);
  const pool = {
    matvec: await timeItAsync(() => pooled.matVec(x), r),
    matvecT: await timeItAsync(() => pooled.matVecTransposed(x), r),
    lse: await timeItAsync(() => pooled.rowLogSumExp(), r),
    lseCols: await timeItAsync(() => pooled.columnLogSumExp(), r),
  };
  lease.release();
  rows.matvec.push({ size: `${n}²`, js: timeIt(() => matVec(a, x, n, n), r), wasm: timeIt(() => w.exports.matVec(pa, px, py, n, n), r), pool: pool.matvec, peer: peerN?.matvec ?? null, bytes });
  rows.matvecT.push({ size: `${n}²`, js: timeIt(() => multiplyColumns(a, x, n, n, out), r), wasm: timeIt(() => w.exports.matVecTransposed(pa, px, py, n, n), r), pool: pool.matvecT, peer: peerN?.matvecT ?? null, bytes });
  rows.lse.push({ size: `${n}²`, js: timeIt(() => reduce(a, n, n, 'logsumexp', 'rows'), r), wasm: timeIt(() => w.exports.rowLogSumExp(pa, py, n, n), r), pool: pool.lse, peer: peerN?.lse ?? null, bytes });
  // column LSE of A: the log-domain kernel with shift 0 and scale −1, (0 − A_ij)·(−1) = A_ij
  const zero = w.put(new Float64Array(n));
  const work = w.allocF64(n);
  const pyc = w.allocF64(n);
  rows.lseCols.push({ size: `${n}²`, js: timeIt(() => reduce(a, n, n, 'logsumexp', 'cols'), r), wasm: timeIt(() => w.exports.columnLogSumExpShifted(pa, zero, pyc, work, n, n, -1), r), pool: pool.lseCols, peer: peerN?.lseCols ?? null, bytes });

  // one scaling Sinkhorn iteration on K = exp(−C/0.05), n uniform points in [0, 1]²
  const p = Float64Array.from({ length: 2 * n }, () => random());
  const q = Float64Array.from({ length: 2 * n }, () => random());
  const cost = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cost[i * n + j] = (p[2 * i] - q[2 * j]) ** 2 + (p[2 * i + 1] - q[2 * j + 1]) ** 2;
  const uniform = new Float64Array(n).fill(1 / n);
  const problem = makeProblem(uniform, uniform, cost);
  const reference = createSinkhorn(problem, SINKHORN_EPSILON, { trackCost: false });
  const w2 = module.instantiate();
  const k = w2.put(cost);
  w2.exports.gibbsKernel(k, k, n * n, SINKHORN_EPSILON);
  const pb = w2.put(uniform);
  const u0 = w2.allocF64(n);
  const v0 = w2.put(new Float64Array(n).fill(1));
  const u1 = w2.allocF64(n);
  const v1 = w2.allocF64(n);
  const ktu = w2.allocF64(n);
  rows.sinkhorn.push({
    size: `${n}²`,
    js: timeIt(() => reference.step(), r),
    wasm: timeIt(() => w2.exports.sinkhornScalingPass(k, pb, pb, u0, v0, u1, v1, ktu, n, n), r),
    // pooled: the job table on the worker pool below
    pool: null,
    peer: peerN?.sinkhorn ?? null,
    bytes,
  });
}

densePool.terminate();

const peerName = peer.result ? `numpy ${peer.result.numpy}` : 'numpy';
table('Mat-vec y = A x', `${peerName} A @ x`, rows.matvec);
table('Transposed mat-vec y = Aᵀ u', `${peerName} A.T @ u`, rows.matvecT);
table('Row log-sum-exp', 'scipy logsumexp(A, axis=1)', rows.lse);
table('Column log-sum-exp (one pass, running max and sum per column)', 'scipy logsumexp(A, axis=0)', rows.lseCols);
table('One scaling Sinkhorn iteration (ε = 0.05)', `${peerName} u = a/(K@v); v = b/(K.T@u)`, rows.sinkhorn);
console.log(`\nWASM (pool) = src/workers/densePool.ts on ${densePool.size} row blocks (the bench's own thread and ${densePool.size - 1} Node worker_threads helper(s) running poolRows.ts), the rows given to the blocks once before timing; each call posts the vector, computes block 0 here and awaits the helpers' parts. The pooled Sinkhorn iteration is the job table on the pool below.`);

console.log(`\n### The sinkhorn/solve job end to end (n = ${JOB_N}, ε = ${SINKHORN_EPSILON}, scaling, ${jobWasm.iterations} iterations)\n`);
console.log('| path | job (ms) | of which the iteration loop (ms) | POT sinkhorn_knopp, same iterations (ms) | job / POT |');
console.log('|---|---:|---:|---:|---:|');
const pot = peer.result?.job?.ms ?? null;
for (const [name, run] of [['WASM SIMD ×1', jobWasm], ['JavaScript', jobJs]] as const) {
  console.log(`| ${name} | ${fmt(run.ms)} | ${fmt(run.loop)} | ${fmt(pot)} | ${pot ? `${(run.ms / pot).toFixed(2)}×` : '—'} |`);
}
console.log('\n| stage of the WASM job | ms |\n|---|---:|');
for (const [name, ms] of Object.entries(stages)) console.log(`| ${name} | ${fmt(ms)} |`);
console.log(`\nJS iterations ${jobJs.iterations}; POT ${peer.result?.job?.pot ?? 'skipped'}${peer.note ? `; ${peer.note}` : ''}.`);
console.log('Job = prepare (cost matrix) + solve + plan + final metrics, as `solve.cpu` in the worker (without the message to the main thread).');
console.log('POT = ot.dist + sinkhorn_knopp (K built inside), stopThr = 0 and numItermax = our iteration count.');
console.log(`Repeats: ${sizes.map((n) => `${n}: ${repeats(n)}`).join(', ')}; medians after one warm-up. Node ${process.version}.`);

console.log(`\n### The sinkhorn/solve job end to end, log-domain method (n = ${JOB_N}, to 1e-9)\n`);
console.log('| ε | iterations | JS job (ms) | WASM job (ms) | WASM exact-LSE solver (ms) | POT sinkhorn_log (ms) | POT sinkhorn_stabilized (ms) | JS / WASM | WASM / POT log | WASM / POT stabilized |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
logJobs.forEach((j, k) => {
  const pj = peer.result?.logJobs?.[k] ?? null;
  const ratio = (x: number | undefined) => (x ? `${(j.wasm.ms / x).toFixed(2)}×` : '—');
  console.log(`| ${j.epsilon} | ${j.wasm.iterations} (JS ${j.js.iterations}) | ${fmt(j.js.ms)} | ${fmt(j.wasm.ms)} | ${fmt(j.exact)} | ${fmt(pj?.log ?? null)} | ${fmt(pj?.stabilized ?? null)} | ${(j.js.ms / j.wasm.ms).toFixed(2)}× | ${ratio(pj?.log)} | ${ratio(pj?.stabilized)} |`);
});
console.log('\nWASM job = the cached-kernel iteration of createSinkhornLog in wasm memory (src/kernels/wasm/sinkhornLog.ts); exact-LSE = 2·n·m vector exps per iteration (sinkhornLogExact.ts), prepare + solve + plan + metrics for the same iterations.');
console.log('POT = ot.dist + sinkhorn_log / sinkhorn_stabilized (default tau), stopThr = 0 and numItermax = our iteration count; medians of 3 after one warm-up.');

console.log(`\n### The sinkhorn/solve job end to end on the worker pool (scaling, ε = ${SINKHORN_EPSILON}, to 1e-9; ${appPool.size} row blocks)\n`);
console.log('| n | iterations | WASM ×1 (ms) | WASM (pool), app threshold (ms) | WASM (pool), forced (ms) | POT sinkhorn_knopp, same iterations (ms) | ×1 / pool | pool / POT |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
poolJobs.forEach((j, k) => {
  const pot = peer.result?.poolJobs?.[k] ?? null;
  const iterations = j.app.iterations === j.single.iterations && j.forced.iterations === j.single.iterations ? `${j.single.iterations}` : `${j.single.iterations} (pool ${j.app.iterations}, forced ${j.forced.iterations})`;
  console.log(`| ${j.n} | ${iterations} | ${fmt(j.single.ms)} | ${fmt(j.app.ms)}${j.usesPool ? '' : ' (×1: below threshold)'} | ${fmt(j.forced.ms)} | ${fmt(pot)} | ${(j.single.ms / j.app.ms).toFixed(2)}× | ${pot ? `${(j.app.ms / pot).toFixed(2)}×` : '—'} |`);
});
console.log(`\nThreshold: the pool is lent for K with at least ${POOL_MIN_ENTRIES} entries (2048²). Helpers: Node worker_threads running src/workers/poolRows.ts, as pool.worker.ts does in the browser; each pooled run starts with helpers holding no block. Pooled medians of ${POOL_JOB_SIZES.map((n) => (n >= 4096 ? 3 : 5)).join('/')} after one warm-up.`);
