/**
 * Heat-geodesic benchmark: Swiss roll (HeatGeo's parameterization, noise 0.1),
 * n = 1000, 2000, 5000. End to end, points → 2-D embedding: our CPU path (f64, one
 * thread in Node), our GPU path (the `heat/embed` job on WebGPU in headless Chromium)
 * and scikit-learn's Isomap on the same points, measured in the same run; then each
 * embedding's row-averaged Spearman correlation with the ground-truth geodesics
 * (arc length × height), computed by the same code for all three.
 * A second table times the landmark path (L landmarks, heat columns n×L, landmark MDS).
 * Run: npm run bench -- heat     (HEAT_BENCH_SIZES=1000,2000 for fewer sizes;
 * HEAT_BENCH_FULL_MAX=5000 to also run the full CPU path at n = 5000, ~3 minutes)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import {
  classicalMds,
  DEFAULT_LANDMARKS,
  embeddingQuality,
  heatGeodesicDistances,
  heatGeodesicLandmarkDistances,
  LANDMARK_POINT_ITERATIONS,
  landmarkMds,
  makeDataset,
  smacof,
} from '../src/geometry/heat';
import { mulberry32 } from '../src/geometry/random';
import { heatBenchParams } from './setup/heatParams';
import { adapterNote, median, printTable, runGpu, runPython, type BenchRow } from './lib';

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
/** The landmark CPU path: same data and parameters, L = DEFAULT_LANDMARKS. */
function landmarkPipeline(n: number): Float64Array {
  const p = heatBenchParams(n);
  const data = makeDataset('swissroll', n, p.noise, mulberry32(p.seed));
  const heat = heatGeodesicLandmarkDistances(
    data.points,
    n,
    3,
    { k: p.k, alpha: p.alpha, laplacian: p.laplacian, t: p.t, order: p.order, sigma: p.sigma, landmarks: DEFAULT_LANDMARKS },
    mulberry32(p.seed + 2),
  );
  return landmarkMds(heat.distances, n, heat.landmarks, p.dims, mulberry32(p.seed + 1), { iterations: p.mdsIterations, pointIterations: LANDMARK_POINT_ITERATIONS });
}
const fullMax = Number(process.env.HEAT_BENCH_FULL_MAX ?? 2000);
const landmark = new Map<number, { ms: number; spearman: number }>();
for (const n of sizes) {
  const times: number[] = [];
  let embedding: Float64Array = new Float64Array(0);
  for (let r = 0; r < Math.max(repeats(n), 3); r++) {
    const t0 = performance.now();
    embedding = landmarkPipeline(n);
    times.push(performance.now() - t0);
  }
  console.log(`  landmarks, n = ${n}: ${(median(times) / 1000).toFixed(2)} s`);
  landmark.set(n, { ms: median(times), spearman: embeddingQuality(embedding, n, 2, datasets.get(n)!.groundTruth!, QUALITY_ROWS).spearman });
}
const cpu = new Map<number, { ms: number; spearman: number }>();
for (const n of sizes.filter((size) => size <= fullMax)) {
  const times: number[] = [];
  let embedding: Float64Array = new Float64Array(0);
  for (let r = 0; r < repeats(n); r++) {
    const t0 = performance.now();
    embedding = cpuPipeline(n);
    times.push(performance.now() - t0);
    console.log(`  n = ${n}: ${(times[times.length - 1] / 1000).toFixed(1)} s`);
  }
  cpu.set(n, { ms: median(times), spearman: embeddingQuality(embedding, n, 2, datasets.get(n)!.groundTruth!, QUALITY_ROWS).spearman });
}

console.log('heat: our GPU path (WebGPU in headless Chromium)…');
// SwiftShader needs ~15 s for n = 400: by default only the smallest size runs on the GPU;
// on a machine with a hardware GPU set HEAT_BENCH_GPU_SIZES=1000,2000,5000.
const gpuSizes = (process.env.HEAT_BENCH_GPU_SIZES ?? String(sizes[0])).split(',').map(Number);
const gpu = await runGpu('heat-embed', gpuSizes, (n) => Math.min(repeats(n), 2));
const gpuQuality = await readGpuQuality(gpuSizes);

const rows: BenchRow[] = sizes.map((n) => ({ size: n, cpu: cpu.get(n)?.ms, gpu: gpu.times.get(n) ?? null, peer: peer.result?.sizes[String(n)]?.ms }));
const p = heatBenchParams(1000);
printTable({
  title: 'Swiss roll, points → 2-D embedding (end to end)',
  peer: peer.result ? peer.result.source : 'scikit-learn Isomap',
  rows,
  notes: [
    adapterNote(gpu.adapter),
    `Ours: k = ${p.k}, α = ${p.alpha}, ${p.laplacian} Laplacian, t = n/5 (${sizes.map((n) => heatBenchParams(n).t).join(', ')}), Chebyshev order for a 1e-8 tail bound (${sizes.map((n) => heatBenchParams(n).order).join(', ')}), σ = ${p.sigma}, classical MDS + ${p.mdsIterations} SMACOF iterations; Swiss roll noise ${p.noise}.`,
    `CPU: single-threaded JavaScript (Node ${process.version}); Isomap's graph search and eigensolver are compiled code and may use several cores.`,
    ...(peer.note ? [peer.note] : []),
    ...gpu.notes,
  ],
});

printTable({
  title: `Swiss roll, landmark path (L = ${DEFAULT_LANDMARKS}), points → 2-D embedding`,
  peer: peer.result ? peer.result.source : 'scikit-learn Isomap',
  rows: sizes.map((n) => ({ size: n, cpu: landmark.get(n)?.ms, gpu: null, peer: peer.result?.sizes[String(n)]?.ms })),
  notes: [
    `Landmarks by seeded farthest-point sampling; Chebyshev heat kernel on the L indicator columns; Varadhan distances n×L with H_jj from the heat-nearest landmark × degree ratio; landmark MDS (classical on L×L, ${heatBenchParams(1000).mdsIterations} SMACOF iterations on L×L, triangulation, ${LANDMARK_POINT_ITERATIONS} per-point majorization steps). CPU only (no GPU twin yet).`,
    `Full CPU path above runs up to n = ${fullMax} (HEAT_BENCH_FULL_MAX); at n = 5000 it takes minutes (164 s on a quiet 2-core machine, 2026-11-23) — set HEAT_BENCH_FULL_MAX=5000 to measure it.`,
  ],
});

console.log('\n### Row-averaged Spearman with ground-truth geodesics\n');
console.log('| n | ours, CPU | ours, GPU | ours, landmarks | Isomap |');
console.log('|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const iso = peer.result?.sizes[String(n)]?.embedding;
  const isoQ = iso ? embeddingQuality(iso, n, 2, datasets.get(n)!.groundTruth!, QUALITY_ROWS).spearman : NaN;
  const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(4));
  console.log(`| ${n} | ${f(cpu.get(n)?.spearman)} | ${f(gpuQuality.get(n))} | ${f(landmark.get(n)?.spearman)} | ${f(isoQ)} |`);
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
