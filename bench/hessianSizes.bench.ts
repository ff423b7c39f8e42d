/**
 * How large a loaded network the Hessian chapter's CPU path can take: wall time to the top-10
 * eigenvalues (what the user waits for once the file is loaded: building the curvature operator
 * with its cached forward pass, then Lanczos with full re-orthogonalization, 30 products, f64,
 * single-threaded JavaScript) for tanh MLPs [32, w, w, 10] over n samples, w growing until the time
 * passes 10 s; the largest P under 10 s is then interpolated log-linearly between the two measured
 * neighbours. Medians of `BENCH_REPEATS` runs (default 3, 1 above 5 s). A sizing table, so unlike the other
 * benchmarks it has no GPU or peer column (bench/README.md). The machine may be shared:
 * the load average is printed with the table.
 * Run: npm run bench -- hessianSizes     (BENCH_SAMPLES=256,1000 by default)
 */
import { loadavg } from 'node:os';
import { createMlp, curvatureOperator, type ClassificationData } from '../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../src/geometry/random';
import { lanczosTopEigenpairs } from '../src/geometry/spectral';

const BUDGET_S = 10;
const samples = (process.env.BENCH_SAMPLES ?? '256,1000').split(',').map(Number);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const widths = [16, 32, 64, 128, 192, 256, 384, 512];

function topTen(layers: number[], n: number): { P: number; seconds: number } {
  const mlp = createMlp(layers, 'tanh');
  const random = mulberry32(1);
  const data: ClassificationData = { x: gaussianVector(n * layers[0], random), y: Int32Array.from({ length: n }, (_, i) => i % 10), n, dimension: layers[0], classes: 10 };
  const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.3 * t);
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const H = curvatureOperator(mlp, theta, data, 0, 'hessian');
    lanczosTopEigenpairs(H, 10, mulberry32(3), 30);
    times.push((performance.now() - t0) / 1000);
    if (times[0] > 5) break;
  }
  times.sort((a, b) => a - b);
  return { P: mlp.paramCount, seconds: times[Math.floor(times.length / 2)] };
}

console.log(`hessianSizes: top-10 eigenvalues on the CPU path (f64), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('| n | layers | P | top-10 (s) |');
console.log('|---|---|---|---|');
const summary: string[] = [];
for (const n of samples) {
  let previous: { P: number; seconds: number } | null = null;
  for (const w of widths) {
    const layers = [32, w, w, 10];
    const row = topTen(layers, n);
    console.log(`| ${n} | ${layers.join('-')} | ${row.P} | ${row.seconds.toFixed(2)} |`);
    if (row.seconds > BUDGET_S) {
      if (previous) {
        const f = Math.log(BUDGET_S / previous.seconds) / Math.log(row.seconds / previous.seconds);
        const P = Math.round(Math.exp(Math.log(previous.P) + f * Math.log(row.P / previous.P)));
        summary.push(`n = ${n}: largest P with top-10 ≤ ${BUDGET_S} s ≈ ${P} (measured ${previous.P} in ${previous.seconds.toFixed(1)} s, ${row.P} in ${row.seconds.toFixed(1)} s)`);
      }
      break;
    }
    previous = row;
    if (w === widths[widths.length - 1]) summary.push(`n = ${n}: every measured size (up to P = ${row.P}) under ${BUDGET_S} s`);
  }
}
for (const line of summary) console.log(line);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
