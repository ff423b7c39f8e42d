/**
 * Optimizer-geometry benchmark: one symmetric matrix-sensing GD iteration (Xiong, Ding & Du, ICLR 2024)
 * — the gradient (2/m) Σ r_i A_i X and the update — at n = 100, 200, 400 with m = 100 Gaussian
 * measurements and k = 10: our f64 reference (src/geometry/optim, single-threaded JavaScript) against
 * numpy (two BLAS matrix-vector products over the m × n² measurement array), in the same run.
 * The cost is ∝ m n² (the two passes over the measurements) and memory is m n² doubles (128 MB at n = 400),
 * so m is kept fixed here rather than scaled with n. GPU column: the sensingResidual kernel (f32, headless
 * Chromium) doing the m·n² half of the iteration with P uploaded and S read back (the n²k products stay
 * on the CPU); the chapter's job does not use it (its CPU path meets the live budgets at n ≤ 30).
 * Second table: the live budgets of both cells at their default parameters, the job end to end on the
 * CPU path as the worker runs it (without the worker's message passing): time to the first partial
 * result with curves in it, time to the final result, and partial results per second.
 * Run: npm run bench -- optimizer
 */
import { makeSensingProblem, sensingInit, sensingWork, symmetricGradient } from '../src/geometry/optim';
import { mulberry32 } from '../src/geometry/random';
import { adapterNote, median, printTable, runGpu, runPython, timeIt } from './lib';
import { runAdampRaceJob, runSensingRaceJob } from '../src/workers/jobs/optimizer';

const sizes = (process.env.BENCH_SIZES ?? '100,200,400').split(',').map(Number);
const M = Number(process.env.BENCH_M ?? 100);
const K = 10;
const REPEATS = 7;

console.log(`optimizer: matrix-sensing GD iteration, n = ${sizes.join(', ')}, m = ${M}, k = ${K}; numpy peer…`);
const peer = runPython<{ source: string; iteration: Record<string, number> }>('optimizer.py', ['--sizes', sizes.join(','), '--m', String(M), '--k', String(K), '--repeats', String(REPEATS)]);

console.log('optimizer: our CPU path (f64)…');
const cpu = new Map<number, number>();
for (const n of sizes) {
  const random = mulberry32(n);
  const problem = makeSensingProblem({ n, r: 5, m: M, kappa: 2 }, random);
  const X = sensingInit(n, 5, K, 0.1, random).Xover;
  const grad = new Float64Array(n * K);
  const work = sensingWork(problem);
  cpu.set(
    n,
    timeIt(() => {
      const loss = symmetricGradient(problem, X, K, grad, work);
      for (let i = 0; i < X.length; i++) X[i] -= 1e-3 * grad[i];
      return loss;
    }, REPEATS),
  );
}

console.log('optimizer: GPU half (sensingResidual kernel in headless Chromium)…');
const gpu = await runGpu('optimizer-sensing', sizes, REPEATS);

printTable({
  title: `One symmetric matrix-sensing GD iteration (m = ${M} measurements, k = ${K}), ms per iteration`,
  peer: peer.result ? `${peer.result.source}: b @ vec(XXᵀ), r @ b, (S + Sᵀ) X (f64, BLAS)` : 'numpy (not run)',
  rows: sizes.map((n) => ({ size: n, cpu: cpu.get(n), gpu: gpu.times.get(n), peer: peer.result?.iteration[String(n)] })),
  notes: [
    adapterNote(gpu.adapter),
    'GPU: only the m·n² half (r = B vec(P) − y, S = Bᵀr/m) with the upload of P and the readback of S; the n²k products are not included. The chapter’s job runs on the CPU path.',
    ...gpu.notes,
    'CPU: our f64 reference in src/geometry/optim, single-threaded JavaScript (Node ' + process.version + ').',
    ...(peer.note ? [peer.note] : []),
  ],
});

/** First partial result after the first chunk of iterations, the final result, and updates per second (40 ms apart, as the job sends them). */
async function live(run: (onPartial: () => void) => Promise<unknown>) {
  const firsts: number[] = [];
  const totals: number[] = [];
  const rates: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    let calls = 0;
    let first = NaN;
    let sent = 0;
    let last = -Infinity;
    await run(() => {
      const now = performance.now();
      if (++calls === 2) first = now - t0;
      if (now - last >= 40) {
        sent++;
        last = now;
      }
    });
    const total = performance.now() - t0;
    firsts.push(first);
    totals.push(total);
    rates.push(sent / (total / 1000));
  }
  return { first: median(firsts), total: median(totals), rate: median(rates) };
}

const sensingLive = await live((on) => runSensingRaceJob({ n: 10, r: 2, k: 4, m: 200, kappa: 2, alpha: 0.2, eta: 0.2, iterations: 2000, modifyAt: 200, seed: 1 }, on));
const adampLive = await live((on) => runAdampRaceJob({ steps: 200, lrSgd: 0.1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 1 }, on));
console.log(`
### Live budgets at default parameters (CPU path, medians of 5 runs; budget: first update ≤ 150 ms, final ≤ 1 s or ≥ 10 updates/s)

| cell | first partial result (ms) | final result (ms) | updates/s |
|---|---:|---:|---:|
| matrix sensing (n = 10, m = 200, T = 2000, 4 runs) | ${sensingLive.first.toFixed(1)} | ${sensingLive.total.toFixed(0)} | ${sensingLive.rate.toFixed(1)} |
| AdamP race (5 optimizers × toy + classifier, 200 steps) | ${adampLive.first.toFixed(1)} | ${adampLive.total.toFixed(0)} | ${adampLive.rate.toFixed(1)} |
`);
