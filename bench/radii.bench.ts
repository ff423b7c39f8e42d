/**
 * Radii benchmark (Sao 2026, "Ghosts of Softmax").
 * 1. Per-sample Δ_a = max_k a_k − min_k a_k and ρ_a = π/Δ_a plus the batch bound, n samples × 10
 *    classes: our CPU path (f64, one thread), our GPU path (slopeSpread kernel, f32, in headless
 *    Chromium, with the readback of n radii) and numpy (A.max(1) − A.min(1)); throughput in samples/s.
 * 2. The nearest complex zero of F per sample (K = 5, integer slopes in [−4, 4]): our certified
 *    Newton + argument-principle search against numpy.roots on the polynomial in w = e^τ, on the same
 *    cases, with the largest disagreement in ρ*.
 * Run: npm run bench -- radii
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchRadius, nearestZero, perSampleSpreads } from '../src/geometry/ghosts';
import { gaussian, mulberry32 } from '../src/geometry/random';
import { adapterNote, printTable, runGpu, runPython, timeIt, timeItAsync } from './lib';
import { loadKernelsNode } from '../src/kernels/wasm/loadNode';
import { standaloneContext, type JobContext } from '../src/workers/job';
import { sampleRadiiChunk } from '../src/workers/poolRows';
import { SAMPLE_CHUNK, sampleRadiiOnPool } from '../src/workers/sampleRadiiPool';
import { nodePool } from './poolNode';
import { zeroSearchWasm } from '../src/kernels/wasm/zeroSearch';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const CLASSES = 10;
const REPEATS = 7;
const ROOT_CASES = Number(process.env.BENCH_ROOT_CASES ?? 1000);

const random = mulberry32(11);
const cases = Array.from({ length: ROOT_CASES }, () => {
  const z = Array.from({ length: 5 }, () => Number((1.5 * gaussian(random)).toFixed(6)));
  let a: number[];
  do a = Array.from({ length: 5 }, () => Math.floor(random() * 9) - 4);
  while (Math.max(...a) === Math.min(...a));
  return { z, a };
});
const dir = mkdtempSync(join(tmpdir(), 'radii-bench-'));
writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));

interface PeerOutput {
  source: string;
  spread: Record<string, number>;
  roots: { ms: number; distances: number[] };
}

const started = performance.now();
console.log(`radii: sizes ${sizes.join(', ')} × ${CLASSES} classes; ${ROOT_CASES} root-finding cases; numpy peer…`);
const peer = runPython<PeerOutput>('radii.py', ['--sizes', sizes.join(','), '--repeats', String(REPEATS), '--cases', join(dir, 'cases.json')]);

console.log('radii: our CPU path (f64)…');
const cpu = new Map<number, number>();
for (const n of sizes) {
  const slopes = Float64Array.from({ length: n * CLASSES }, () => random() * 2 - 1);
  const out = new Float64Array(n);
  cpu.set(
    n,
    timeIt(() => {
      perSampleSpreads(slopes, n, CLASSES, out);
      const rho = new Float64Array(n);
      for (let i = 0; i < n; i++) rho[i] = Math.PI / out[i];
      return batchRadius(out) + rho[0];
    }, REPEATS),
  );
}

console.log('radii: our GPU path (WGSL in headless Chromium)…');
const gpu = await runGpu('radii-spread', sizes, REPEATS);

const throughput = (ms: number | null | undefined) => (ms != null && Number.isFinite(ms) ? `${(1000 / ms).toExponential(2)}` : '—');
printTable({
  title: `Per-sample radii Δ_a, ρ_a = π/Δ_a and the batch bound (n samples × ${CLASSES} classes)`,
  peer: peer.result ? `${peer.result.source}: π / (A.max(1) − A.min(1)) (f64)` : 'numpy A.max(1) − A.min(1)',
  rows: sizes.map((n) => ({ size: n, cpu: cpu.get(n), gpu: gpu.times.get(n), peer: peer.result?.spread[String(n)] })),
  notes: [
    adapterNote(gpu.adapter),
    `Throughput (samples/s): ${sizes
      .map((n) => `n = ${n}: CPU ${throughput(cpu.get(n)! / n)}, GPU ${throughput((gpu.times.get(n) ?? NaN) / n)}, numpy ${throughput((peer.result?.spread[String(n)] ?? NaN) / n)}`)
      .join('; ')}.`,
    'CPU: our f64 reference in src/geometry, single-threaded JavaScript (Node ' + process.version + '). GPU times include the readback of the n radii.',
    ...(peer.note ? [peer.note] : []),
    ...gpu.notes,
  ],
});

console.log('radii: nearest zeros, our certified search…');
const ours: number[] = [];
const oursMs = timeIt(() => {
  ours.length = 0;
  for (const c of cases) ours.push(nearestZero(c.z, c.a).distance);
  return ours.length;
}, 3);
let worst = 0;
if (peer.result) peer.result.roots.distances.forEach((d, i) => (worst = Math.max(worst, Math.abs(ours[i] - d) / d)));

// the same cases as a sample set, through the job's per-sample function: JS, WASM, then WASM on the worker pool
console.log('radii: nearest zeros, WASM and the worker pool…');
const set = { samples: ROOT_CASES, classes: 5, logits: Float64Array.from(cases.flatMap((c) => c.z)), slopes: Float64Array.from(cases.flatMap((c) => c.a)), labels: null };
const setMs = timeIt(() => sampleRadiiChunk(5, set.logits, set.slopes), 3);
const kernels = await loadKernelsNode();
let wasmMs: number | null = null;
let pooledMs: number | null = null;
let poolSizeUsed = 1;
let wasmWorst = 0;
if (kernels) {
  const zeros = zeroSearchWasm(kernels.instantiate());
  wasmMs = timeIt(() => sampleRadiiChunk(5, set.logits, set.slopes, zeros), 3);
  const single = sampleRadiiChunk(5, set.logits, set.slopes, zeros);
  const js = sampleRadiiChunk(5, set.logits, set.slopes);
  js.rhoExact.forEach((d, i) => (wasmWorst = Math.max(wasmWorst, Math.abs(single.rhoExact[i] - d) / d)));
  const pool = nodePool(kernels, 0);
  poolSizeUsed = pool.size;
  // as the engine's checkpoint: yield to the event loop (here at every chunk), so the helpers' replies come in
  const ctx = (): JobContext<{ done: number; total: number }> => ({ ...standaloneContext({ pool }), checkpoint: () => new Promise((resolve) => setImmediate(resolve)) });
  const pooled = async () => {
    const lease = pool.acquire(Infinity)!;
    try {
      return await sampleRadiiOnPool(ctx(), lease, set, zeros);
    } finally {
      lease.release();
    }
  };
  pooledMs = await timeItAsync(pooled, 3);
  const check = await pooled();
  if (check.rhoExact.some((v, i) => v !== single.rhoExact[i])) throw new Error('pooled ρ* differs from the single-threaded ρ*');
  pool.terminate();
}
printTable({
  title: `Nearest complex zero ρ* of F for ${ROOT_CASES} samples (K = 5, integer slopes in [−4, 4])`,
  peer: peer.result ? `${peer.result.source} numpy.roots on P(w) = Σ e^{z_k} w^{a_k − min a}, ρ* = min |Log w|` : 'numpy.roots',
  rows: [{ size: `${ROOT_CASES} samples`, cpu: oursMs, gpu: null, peer: peer.result?.roots.ms }],
  notes: [
    `The job's per-sample function (fillSampleRadius: Δ_a, ρ_a and the certified zero) on the same cases: JS ×1 ${setMs.toFixed(1)} ms; WASM ×1 (Newton and winding loops in src/kernels/wasm/assembly/zeros.ts) ${wasmMs?.toFixed(1) ?? '—'} ms${peer.result && wasmMs ? ` = ${(wasmMs / peer.result.roots.ms).toFixed(2)}× numpy.roots` : ''}; WASM (pool, ${poolSizeUsed} row blocks, chunks of ${SAMPLE_CHUNK} samples, src/workers/sampleRadiiPool.ts) ${pooledMs?.toFixed(1) ?? '—'} ms${peer.result && pooledMs ? ` = ${(pooledMs / peer.result.roots.ms).toFixed(2)}× numpy.roots` : ''}. WASM against JS: largest relative difference in ρ* ${wasmWorst.toExponential(2)}; the pooled ρ* equal the single-threaded WASM ones bit for bit.`,
    'Ours works for any real slopes (Newton from a grid in the zero strip, certified by the argument principle); numpy.roots needs integer slopes (a polynomial in w = e^τ), which is why it is the peer here.',
    peer.result ? `Largest relative disagreement in ρ* over the ${ROOT_CASES} cases: ${worst.toExponential(2)}.` : 'no peer: no agreement check',
    'GPU: root finding runs on the CPU only (f64, iterative per sample).',
  ],
});
console.log(`radii: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
