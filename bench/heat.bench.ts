/**
 * Heat-geodesic benchmark: Swiss roll (HeatGeo's parameterization, noise 0.1),
 * n = 1000, 2000, 5000. End to end, points → 2-D embedding: the `heat/embed` job's CPU path
 * (f64, one thread in Node) on the JavaScript references and on the WASM SIMD kernels, our GPU
 * path (the same job on WebGPU in headless Chromium) and scikit-learn's Isomap on the same points,
 * measured in the same run, with ratios to Isomap; then each
 * embedding's row-averaged Spearman correlation with the ground-truth geodesics
 * (arc length × height), computed by the same code for all three.
 * A second table times the landmark path (L landmarks, heat columns n×L, landmark MDS), a third
 * the heat kernels alone (kNN, CSR × dense block, SMACOF step) on JS and WASM.
 * Run: npm run bench -- heat     (HEAT_BENCH_SIZES=1000,2000 for fewer sizes;
 * HEAT_BENCH_FULL_MAX=5000 to also run the full CPU path at n = 5000, ~3 minutes;
 * HEAT_BENCH_GPU_SIZES= (empty) to skip the GPU path)
 */
import { register } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import {
  classicalMds,
  DEFAULT_LANDMARKS,
  embeddingQuality,
  heatGeodesicDistances,
  LANDMARK_POINT_ITERATIONS,
  makeDataset,
  smacof,
} from '../src/geometry/heat';
import { mulberry32 } from '../src/geometry/random';
import { heatBenchParams } from './setup/heatParams';
import { nodePool } from './poolNode';
import { adapterNote, median, printTable, runGpu, runPython, type BenchRow } from './lib';
import { csrMatMat } from '../src/geometry/heat/sparse';
import { guttmanTransform, stress, graphStage } from '../src/geometry/heat';
import { knnBruteForce } from '../src/geometry/linalg/distances';
import { loadKernelsNode } from '../src/kernels/wasm/loadNode';
import { createSmacofWasm, csrMatMatWasm, knnBruteForceWasm } from '../src/kernels/wasm/heatKernels';

// the job modules import WGSL with Vite's `?raw`; load those as empty strings here
register('./rawImports.mjs', import.meta.url);
const { standaloneContext } = await import('../src/workers/job');
const { embedJob } = await import('../src/workers/jobs/heat');
const wasmModule = await loadKernelsNode();
if (!wasmModule) throw new Error('this Node lacks WebAssembly SIMD');

const sizes = (process.env.HEAT_BENCH_SIZES ?? '1000,2000,5000').split(',').map(Number);
const repeats = (n: number) => (n >= 5000 ? 1 : n >= 2000 ? 2 : 3);
/** Rows averaged for Spearman (every row up to this n). */
const QUALITY_ROWS = 1000;

const started = performance.now();
const datasets = new Map(sizes.map((n) => [n, makeDataset('swissroll', n, heatBenchParams(n).noise, mulberry32(heatBenchParams(n).seed))]));

console.log(`heat: sizes ${sizes.join(', ')}; scikit-learn Isomap peer…`);
const dir = mkdtempSync(join(tmpdir(), 'heat-bench-'));
const pointsFile = join(dir, 'points.json');
writeFileSync(pointsFile, JSON.stringify({ sizes: sizes.map((n) => ({ n, points: Array.from(datasets.get(n)!.points) })) }));
const peer = runPython<{ source: string; sizes: Record<string, { ms: number; embedding: number[] }> }>('heat.py', [
  '--points',
  pointsFile,
  '--k',
  String(heatBenchParams(1000).k),
  '--repeats',
  sizes.map(repeats).join(','),
]);

console.log('heat: our CPU path (f64)…');
/**
 * The CPU path of the heat/embed job (src/workers/jobs/heat.ts imports WGSL, which Node
 * cannot load): make the data, graph, Chebyshev heat kernel, Varadhan distances,
 * classical MDS, SMACOF — the same calls with the same parameters.
 */
function cpuPipeline(n: number, noise?: number): Float64Array {
  const p = heatBenchParams(n, noise);
  const data = makeDataset('swissroll', n, p.noise, mulberry32(p.seed));
  const heat = heatGeodesicDistances(data.points, n, 3, { k: p.k, alpha: p.alpha, laplacian: p.laplacian, t: p.t, order: p.order, sigma: p.sigma, heat: 'chebyshev' });
  const init = classicalMds(heat.distances, n, p.dims, mulberry32(p.seed + 1));
  return smacof(heat.distances, n, p.dims, init, p.mdsIterations).embedding;
}
const fullMax = Number(process.env.HEAT_BENCH_FULL_MAX ?? 2000);
type Kernels = 'js' | 'wasm' | 'pool';
// the engine's worker pool at the app's threshold (the heat kernel's column blocks split across it: src/workers/heatPool.ts)
const heatPool = nodePool(wasmModule);
/** The heat/embed job's CPU path end to end (cold stages), full (landmarks 0) or landmark path. */
async function jobRun(n: number, kernels: Kernels, landmarks: number): Promise<Float64Array> {
  const base = standaloneContext({ wasm: kernels === 'js' ? null : wasmModule, pool: kernels === 'pool' ? heatPool : undefined });
  // as the engine's checkpoint, a yield to the event loop (there: once per 12 ms slice), so the helpers' replies come in
  const ctx = kernels === 'pool' ? { ...base, checkpoint: () => new Promise<void>((resolve) => setImmediate(resolve)) } : base;
  const r = await embedJob.cpu(ctx, { ...heatBenchParams(n), landmarks }, null);
  return r.embedding;
}
async function timeJob(n: number, kernels: Kernels, landmarks: number, runs: number): Promise<{ ms: number; spearman: number }> {
  const times: number[] = [];
  let embedding: Float64Array = new Float64Array(0);
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    embedding = await jobRun(n, kernels, landmarks);
    times.push(performance.now() - t0);
  }
  console.log(`  ${landmarks ? 'landmarks' : 'full'}, ${kernels}, n = ${n}: ${(median(times) / 1000).toFixed(2)} s`);
  return { ms: median(times), spearman: embeddingQuality(embedding, n, 2, datasets.get(n)!.groundTruth!, QUALITY_ROWS).spearman };
}
const landmark = new Map<string, { ms: number; spearman: number }>();
const cpu = new Map<string, { ms: number; spearman: number }>();
for (const kernels of ['js', 'wasm', 'pool'] as const) {
  // warm-up (JIT, module instantiation) on a small roll, untimed
  await jobRun(200, kernels, 0);
  await jobRun(300, kernels, DEFAULT_LANDMARKS);
  if (kernels !== 'pool') for (const n of sizes) landmark.set(`${kernels}${n}`, await timeJob(n, kernels, DEFAULT_LANDMARKS, Math.max(repeats(n), 3)));
  for (const n of sizes.filter((size) => size <= fullMax)) cpu.set(`${kernels}${n}`, await timeJob(n, kernels, 0, repeats(n)));
}
heatPool.terminate();

console.log('heat: our GPU path (WebGPU in headless Chromium)…');
// SwiftShader needs ~15 s for n = 400: by default only the smallest size runs on the GPU;
// on a machine with a hardware GPU set HEAT_BENCH_GPU_SIZES=1000,2000,5000.
const gpuSizes = (process.env.HEAT_BENCH_GPU_SIZES ?? String(sizes[0])).split(',').filter(Boolean).map(Number);
const gpu = gpuSizes.length ? await runGpu('heat-embed', gpuSizes, (n) => Math.min(repeats(n), 2)) : { times: new Map<number, number | null>(), adapter: '', notes: ['GPU skipped (HEAT_BENCH_GPU_SIZES is empty)'] };
const gpuQuality = gpuSizes.length ? await readGpuQuality(gpuSizes) : new Map<number, number>();

const rows: BenchRow[] = sizes.map((n) => ({ size: n, cpu: cpu.get(`wasm${n}`)?.ms, gpu: gpu.times.get(n) ?? null, peer: peer.result?.sizes[String(n)]?.ms }));
const p = heatBenchParams(1000);
printTable({
  title: 'Swiss roll, points → 2-D embedding (end to end)',
  peer: peer.result ? peer.result.source : 'scikit-learn Isomap',
  rows,
  notes: [
    adapterNote(gpu.adapter),
    `Ours: k = ${p.k}, α = ${p.alpha}, ${p.laplacian} Laplacian, t = n/5 (${sizes.map((n) => heatBenchParams(n).t).join(', ')}), Chebyshev order for a 1e-8 tail bound (${sizes.map((n) => heatBenchParams(n).order).join(', ')}), σ = ${p.sigma}, classical MDS + ${p.mdsIterations} SMACOF iterations; Swiss roll noise ${p.noise}.`,
    `CPU: the heat/embed job's CPU path on the WASM SIMD kernels, single-threaded (Node ${process.version}); the JS and WASM rows are in the table below. Isomap's graph search and eigensolver are compiled code and may use several cores.`,
    ...(peer.note ? [peer.note] : []),
    ...gpu.notes,
  ],
});

printTable({
  title: `Swiss roll, landmark path (L = ${DEFAULT_LANDMARKS}), points → 2-D embedding`,
  peer: peer.result ? peer.result.source : 'scikit-learn Isomap',
  rows: sizes.map((n) => ({ size: n, cpu: landmark.get(`wasm${n}`)?.ms, gpu: null, peer: peer.result?.sizes[String(n)]?.ms })),
  notes: [
    `Landmarks by seeded farthest-point sampling; Chebyshev heat kernel on the L indicator columns; Varadhan distances n×L with H_jj from the heat-nearest landmark × degree ratio; landmark MDS (classical on L×L, ${heatBenchParams(1000).mdsIterations} SMACOF iterations on L×L, triangulation, ${LANDMARK_POINT_ITERATIONS} per-point majorization steps). CPU only (no GPU twin yet).`,
    `Full CPU path above runs up to n = ${fullMax} (HEAT_BENCH_FULL_MAX); at n = 5000 it takes minutes (164 s on a quiet 2-core machine, 2026-11-23) — set HEAT_BENCH_FULL_MAX=5000 to measure it.`,
  ],
});

console.log('\n### The heat/embed job\'s CPU path, JavaScript against WASM SIMD, and Isomap (same run)\n');
console.log(`| n | path | JS ms | WASM ×1 ms | WASM (pool ×${heatPool.size}) ms | Isomap ms | JS / Isomap | WASM / Isomap | pool / Isomap | JS / WASM |`);
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const iso = peer.result?.sizes[String(n)]?.ms;
  for (const [path, table] of [['full', cpu], [`landmarks (L = ${DEFAULT_LANDMARKS})`, landmark]] as const) {
    const js = table.get(`js${n}`)?.ms;
    const w = table.get(`wasm${n}`)?.ms;
    const pooled = table.get(`pool${n}`)?.ms;
    const f = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(0));
    const r = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
    console.log(`| ${n} | ${path} | ${f(js)} | ${f(w)} | ${f(pooled)} | ${f(iso)} | ${r(js, iso)} | ${r(w, iso)} | ${r(pooled, iso)} | ${r(js, w)} |`);
  }
}
console.log('Targets (issue #13): full path at n = 2000 ≤ 2× Isomap, landmark path ≤ 0.5× Isomap.');
console.log(`WASM (pool): the same job with the engine's pool (${heatPool.size} row blocks, app threshold): the Chebyshev heat kernel's column blocks split across it (src/workers/heatPool.ts); the other stages run on one core. The landmark path's heat columns are one block (no pool).`);

console.log('\n### Heat kernels alone, JavaScript reference against WASM SIMD (median of 5)\n');
console.log('| kernel | size | JS ms | WASM ms | JS / WASM |');
console.log('|---|---|---:|---:|---:|');
const timeMs = (f: () => unknown) => {
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
};
for (const n of sizes.filter((size) => size <= 2000)) {
  const pts = datasets.get(n)!.points;
  const kk = 2 * heatBenchParams(n).k;
  const row = (name: string, size: string, js: number, w: number) => console.log(`| ${name} | ${size} | ${js.toFixed(1)} | ${w.toFixed(1)} | ${(js / w).toFixed(2)}× |`);
  row('kNN, brute force', `n = ${n}, d = 3, k = ${kk}`, timeMs(() => knnBruteForce(pts, n, 3, kk)), timeMs(() => knnBruteForceWasm(wasmModule.instantiate(), pts, n, 3, kk)));
  const p = heatBenchParams(n);
  const l = graphStage(pts, n, 3, { k: p.k, alpha: p.alpha, laplacian: p.laplacian }).laplacian;
  const block = Float64Array.from({ length: n * 64 }, (_, i) => Math.sin(i));
  row('CSR × dense block (L X)', `n = ${n}, nnz = ${l.values.length}, 64 columns`, timeMs(() => csrMatMat(l, block, 64)), timeMs(() => csrMatMatWasm(wasmModule.instantiate(), l, block, 64)));
  const delta = Float64Array.from({ length: n * n }, (_, i) => 1 + Math.abs(Math.sin(i)));
  const x = Float64Array.from({ length: n * 2 }, (_, i) => Math.cos(i));
  const out = new Float64Array(n * 2);
  const sm = createSmacofWasm(wasmModule, delta, n, 2);
  row('SMACOF step (Guttman transform + stress)', `n = ${n}, dims = 2`, timeMs(() => (guttmanTransform(x, delta, n, 2, out), stress(out, delta, n, 2))), timeMs(() => sm.stress(sm.guttman(x))));
}
console.log('WASM kernel times include copying the inputs into the instance (δ for SMACOF once, outside the timing) and the results out.');

console.log('\n### Row-averaged Spearman with ground-truth geodesics\n');
console.log('| n | ours, CPU | ours, GPU | ours, landmarks | Isomap |');
console.log('|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const iso = peer.result?.sizes[String(n)]?.embedding;
  const isoQ = iso ? embeddingQuality(iso, n, 2, datasets.get(n)!.groundTruth!, QUALITY_ROWS).spearman : NaN;
  const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(4));
  console.log(`| ${n} | ${f(cpu.get(`wasm${n}`)?.spearman)} | ${f(gpuQuality.get(n))} | ${f(landmark.get(`wasm${n}`)?.spearman)} | ${f(isoQ)} |`);
}
// Robustness: a noisier roll (noise 1.0, where short-circuit edges appear), quality only.
const NOISY = 1.0;
const noisySizes = sizes.filter((n) => n <= 2000);
const noisyData = new Map(noisySizes.map((n) => [n, makeDataset('swissroll', n, NOISY, mulberry32(heatBenchParams(n).seed))]));
const noisyFile = join(dir, 'noisy.json');
writeFileSync(noisyFile, JSON.stringify({ sizes: noisySizes.map((n) => ({ n, points: Array.from(noisyData.get(n)!.points) })) }));
const noisyPeer = runPython<{ sizes: Record<string, { embedding: number[] }> }>('heat.py', ['--points', noisyFile, '--k', String(heatBenchParams(1000).k), '--repeats', '1']);
console.log(`\n### Row-averaged Spearman, Swiss roll with noise ${NOISY}\n`);
console.log('| n | ours, CPU | Isomap |');
console.log('|---:|---:|---:|');
for (const n of noisySizes) {
  const gt = noisyData.get(n)!.groundTruth!;
  const ours = embeddingQuality(cpuPipeline(n, NOISY), n, 2, gt, QUALITY_ROWS).spearman;
  const iso = noisyPeer.result?.sizes[String(n)]?.embedding;
  console.log(`| ${n} | ${ours.toFixed(4)} | ${iso ? embeddingQuality(iso, n, 2, gt, QUALITY_ROWS).spearman.toFixed(4) : '—'} |`);
}
console.log(`\nSpearman averaged over ${QUALITY_ROWS} evenly spaced rows (all rows when n ≤ ${QUALITY_ROWS}).`);
console.log(`heat: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);

/**
 * The GPU case leaves its quality on window.heatBenchQuality, but runGpu closes its
 * page; rerun each size once (no timing) in a fresh page to read it.
 */
async function readGpuQuality(ns: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (process.env.HEAT_BENCH_GPU_QUALITY === '0') return out;
  const http = await import('node:http');
  const sirv = (await import('sirv')).default;
  const serve = sirv(new URL('../dist-harness', import.meta.url).pathname, { dev: true });
  const server = http.createServer((req, res) => serve(req, res, () => void res.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--enable-unsafe-webgpu', '--use-angle=swiftshader', '--enable-features=Vulkan', '--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => document.getElementById('harness-status')?.textContent?.startsWith('ready'));
    for (const n of ns) {
      try {
        await page.evaluate((size) => window.harness.bench('heat-embed', size, 0), n);
        out.set(n, await page.evaluate((size) => window.heatBenchQuality?.[size] ?? NaN, n));
      } catch (error) {
        console.log(`GPU quality at ${n}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return out;
}
