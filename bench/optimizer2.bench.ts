/**
 * Optimizer geometry, part 2. (1) One M-FAC inverse-Fisher step (Frantar, Kurtic & Alistarh, NeurIPS 2021) —
 * Gram matrix G Gᵀ, the coefficient recursion and one query F̂⁻¹x, i.e. what a training step with a freshly
 * built window costs — at m = 16 and 64 gradients and P = 500, 2000 parameters: our f64 reference
 * (src/geometry/optim/mfac.ts, single-threaded JavaScript) against PyTorch forming F̂ = λI + (1/m) GᵀG and
 * calling torch.linalg.solve on the same gradients, in the same run. The notes give the largest relative
 * difference between the two answers.
 * (2) One Sven step (k = 8, 32) on the 2-D fit network against torch.linalg.svd of the same Jacobian.
 * Run: npm run bench -- optimizer2
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMfacWindow, gramMatrix, makeRegressionProblem, mfacApply, mfacFactor, mfacWindowApply, mfacWindowPush, pseudoinverseApply, randomizedSvd } from '../src/geometry/optim';
import { regressionResidualJacobian } from '../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../src/geometry/random';
import { printTable, runPython, timeIt } from './lib';

const ms = (process.env.BENCH_M ?? '16,64').split(',').map(Number);
const Ps = (process.env.BENCH_P ?? '500,2000').split(',').map(Number);
const LAMBDA = 1e-3;
const REPEATS = 7;

const dir = mkdtempSync(join(tmpdir(), 'optimizer2-bench-'));
const cases = new Map<string, { m: number; P: number; G: Float64Array; x: Float64Array }>();
for (const P of Ps)
  for (const m of ms) {
    const random = mulberry32(m * 7919 + P);
    const G = gaussianVector(m * P, random);
    const x = gaussianVector(P, random);
    const name = `${m}x${P}`;
    cases.set(name, { m, P, G, x });
    writeFileSync(join(dir, `${name}.G.f64`), new Uint8Array(G.buffer));
    writeFileSync(join(dir, `${name}.x.f64`), new Uint8Array(x.buffer));
  }

console.log(`optimizer2: M-FAC step, m = ${ms.join(', ')}, P = ${Ps.join(', ')}, λ = ${LAMBDA}; PyTorch peer…`);
const peer = runPython<{ source: string; threads: number; cases: Record<string, { ms: number; woodbury_ms: number; solution: number[] }> }>('optimizer2.py', [
  '--dir', dir, '--cases', [...cases.keys()].join(','), '--lambda', String(LAMBDA), '--repeats', String(REPEATS),
]);
rmSync(dir, { recursive: true, force: true });

console.log('optimizer2: our CPU path (f64)…');
const cpu = new Map<string, number>();
/** max |ours − torch| / max |torch|. */
function relativeMaxError(ours: Float64Array, ref: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let p = 0; p < ours.length; p++) {
    d = Math.max(d, Math.abs(ours[p] - ref[p]));
    s = Math.max(s, Math.abs(ref[p]));
  }
  return d / s;
}

let worst = 0;
for (const [name, { m, P, G, x }] of cases) {
  const out = new Float64Array(P);
  cpu.set(name, timeIt(() => mfacApply(mfacFactor(G, m, P, LAMBDA, gramMatrix(G, m, P)), x, out), REPEATS));
  const ref = peer.result?.cases[name]?.solution;
  if (ref) worst = Math.max(worst, relativeMaxError(out, ref));
}

printTable({
  title: `One M-FAC step F̂⁻¹x from m fresh gradients (setup + query), λ = ${LAMBDA}, ms`,
  peer: peer.result ? `${peer.result.source} (${peer.result.threads} threads): λI + GᵀG/m, torch.linalg.solve (f64)` : 'PyTorch (not run)',
  rows: [...cases.entries()].map(([name, c]) => ({ size: `m = ${c.m}, P = ${c.P}`, cpu: cpu.get(name), gpu: null, peer: peer.result?.cases[name]?.ms })),
  notes: [
    'GPU: no kernel for this chapter (P ≤ ~500 in the cell; the CPU path meets the live budgets).',
    'CPU: our f64 M-FAC in src/geometry/optim/mfac.ts, matrix-free, single-threaded JavaScript (Node ' + process.version + '); O(m²P + m³) setup + O(mP + m²) query.',
    'Peer: a dense O(mP² + P³) solve — the comparison the paper makes (matrix-free vs forming F̂), not the same algorithm.',
    ...(peer.result ? [`max |M-FAC − torch| / max |torch| over all cases: ${worst.toExponential(1)}`] : []),
    ...(peer.note ? [peer.note] : []),
  ],
});

// A training step of the sliding window: one gradient leaves, one enters (Gram column + O(m²) update), then the query.
const slide = new Map<string, number>();
let slideWorst = 0;
for (const [name, { m, P, G, x }] of cases) {
  const w = createMfacWindow(m, P, LAMBDA);
  for (let t = 0; t < m; t++) mfacWindowPush(w, G.subarray(t * P, (t + 1) * P));
  const out = new Float64Array(P);
  let next = 0;
  // The pushes cycle through the rows of G, so the window always holds the same m gradients (F̂ unchanged).
  slide.set(name, timeIt(() => {
    const row = next++ % m;
    mfacWindowPush(w, G.subarray(row * P, (row + 1) * P));
    return mfacWindowApply(w, x, out);
  }, REPEATS));
  const ref = peer.result?.cases[name]?.solution;
  if (ref) slideWorst = Math.max(slideWorst, relativeMaxError(out, ref));
}

printTable({
  title: `One M-FAC training step with a sliding window (oldest gradient out, new one in, then F̂⁻¹x), λ = ${LAMBDA}, ms`,
  peer: peer.result ? `${peer.result.source} (${peer.result.threads} threads): λI + GᵀG/m, torch.linalg.solve (f64), from scratch` : 'PyTorch (not run)',
  rows: [...cases.entries()].map(([name, c]) => ({ size: `m = ${c.m}, P = ${c.P}`, cpu: slide.get(name), gpu: null, peer: peer.result?.cases[name]?.ms })),
  notes: [
    'CPU: src/geometry/optim/mfacWindow.ts, O(mP) Gram column + O(m²) update of the recursion (rank-one LDLᵀ downdate + one new row) + O(mP + m²) query.',
    ...(peer.result ? [`max |M-FAC − torch| / max |torch| after the slides: ${slideWorst.toExponential(1)}`] : []),
    ...(peer.note ? [peer.note] : []),
  ],
});

printTable({
  title: `The same step, matrix-free on both sides: our recursion vs torch Woodbury through the m × m system, ms`,
  peer: peer.result ? `${peer.result.source} (${peer.result.threads} threads): (x − Gᵀ (mλI + GGᵀ)⁻¹ G x)/λ, torch.linalg.solve on m × m (f64)` : 'PyTorch (not run)',
  rows: [...cases.entries()].map(([name, c]) => ({ size: `m = ${c.m}, P = ${c.P}`, cpu: cpu.get(name), gpu: null, peer: peer.result?.cases[name]?.woodbury_ms })),
  notes: ['Same answer in exact arithmetic; the recursion is what the paper runs (it also yields the per-gradient v_i its pruning variant needs).', ...(peer.note ? [peer.note] : [])],
});

// ---------------------------------------------------------------- Sven
// One Sven step on the 2-D fit network [2, h, 1]: the residual Jacobian J (n × P), the randomized truncated SVD
// (ℓ = k + 8, two power iterations, one-sided Jacobi on the sketch) and J⁺_k r; the peer takes the full
// torch.linalg.svd of the same J and applies the same truncated pseudoinverse.
const svenSizes = (process.env.BENCH_SVEN ?? '64x513,256x513').split(',');
const ks = (process.env.BENCH_K ?? '8,32').split(',').map(Number);
const svenDir = mkdtempSync(join(tmpdir(), 'optimizer2-sven-'));
const svenCases = new Map<string, { n: number; P: number; problem: ReturnType<typeof makeRegressionProblem> }>();
for (const name of svenSizes) {
  const [n, P] = name.split('x').map(Number);
  const hidden = (P - 1) / 4;
  const problem = makeRegressionProblem('2d', n, hidden, mulberry32(n + P));
  const r = new Float64Array(n);
  const J = new Float64Array(n * P);
  regressionResidualJacobian(problem.net, problem.theta0, problem.data, r, J);
  writeFileSync(join(svenDir, `${name}.J.f64`), new Uint8Array(J.buffer));
  writeFileSync(join(svenDir, `${name}.r.f64`), new Uint8Array(r.buffer));
  svenCases.set(name, { n, P, problem });
}
console.log(`optimizer2: Sven step, n×P = ${svenSizes.join(', ')}, k = ${ks.join(', ')}; PyTorch peer…`);
const svenPeer = runPython<{ source: string; threads: number; cases: Record<string, { ms: number; step: number[] }> }>('optimizer2_sven.py', ['--dir', svenDir, '--cases', svenSizes.join(','), '--ks', ks.join(','), '--repeats', String(REPEATS)]);
rmSync(svenDir, { recursive: true, force: true });
console.log('optimizer2: our Sven step (f64)…');
const svenRows: { size: string; cpu: number; peer: number | undefined }[] = [];
let svenWorst = 0;
for (const [name, { n, P, problem }] of svenCases)
  for (const k of ks) {
    const r = new Float64Array(n);
    const J = new Float64Array(n * P);
    const step = new Float64Array(P);
    const random = mulberry32(k);
    const cpuMs = timeIt(() => {
      regressionResidualJacobian(problem.net, problem.theta0, problem.data, r, J);
      return pseudoinverseApply(randomizedSvd(J, n, P, k, random), r, step, 0);
    }, REPEATS);
    const ref = svenPeer.result?.cases[`${name}/${k}`]?.step;
    if (ref) {
      let d = 0;
      let s = 0;
      for (let p = 0; p < P; p++) {
        d += (step[p] - ref[p]) ** 2;
        s += ref[p] ** 2;
      }
      svenWorst = Math.max(svenWorst, Math.sqrt(d / s));
    }
    svenRows.push({ size: `n = ${n}, P = ${P}, k = ${k}`, cpu: cpuMs, peer: svenPeer.result?.cases[`${name}/${k}`]?.ms });
  }
printTable({
  title: 'One Sven step Δθ ∝ J⁺_k r (Jacobian + truncated SVD + apply), ms',
  peer: svenPeer.result ? `${svenPeer.result.source} (${svenPeer.result.threads} threads): torch.linalg.svd(J) (f64, full thin SVD) + truncated apply; J computed by us` : 'PyTorch (not run)',
  rows: svenRows.map((r) => ({ size: r.size, cpu: r.cpu, gpu: null, peer: r.peer })),
  notes: [
    'CPU: ours includes building J (the peer is handed J); randomized range finder ℓ = k + 8, q = 2, one-sided Jacobi on the ℓ × P sketch.',
    ...(svenPeer.result ? [`max ‖ours − torch‖/‖torch‖ over the cases: ${svenWorst.toExponential(1)} (randomized vs exact thin SVD)`] : []),
    ...(svenPeer.note ? [svenPeer.note] : []),
  ],
});
