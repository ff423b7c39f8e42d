/**
 * Geodesics benchmark.
 *  1. Geodesic fans: `count` geodesics × 200 RK4 steps on the Gaussian bump. Our CPU path
 *     (f64, src/geometry/surfaces, one geodesic after another), our GPU path (the geodesicFan
 *     kernel, f32, one invocation per geodesic, in headless Chromium) and a numpy RK4
 *     vectorised over the geodesics (f64), measured in the same run.
 *  2. SPD distances for 3×3 and 8×8 matrices, 200 random pairs: our Jacobi-based f64 CPU path
 *     (and, for 3×3, the batched spdDistance kernel, f32) against scipy.linalg.sqrtm / logm (the
 *     general-matrix formulas) and numpy.linalg.eigh, one pair at a time.
 * Run: npm run bench -- geodesics
 */
import { affineInvariant, buresWasserstein, logEuclidean } from '../src/geometry/spd';
import { gaussian, mulberry32 } from '../src/geometry/random';
import { geodesicFan, surfaceByName } from '../src/geometry/surfaces';
import { FAN_BENCH_START, FAN_BENCH_STEPS } from './setup/geodesicFan';
import { adapterNote, printTable, runGpu, runPython, timeIt } from './lib';

const fans = (process.env.BENCH_FANS ?? '256,1024,4096').split(',').map(Number);
const spdSizes = [3, 8];
const PAIRS = 200;
const REPEATS = 5;

interface PeerOutput {
  source: string;
  spd: Record<string, Record<'ai' | 'le' | 'bw' | 'ai_eigh' | 'le_eigh' | 'bw_eigh', number>>;
  fan: Record<string, number>;
}

const started = performance.now();
console.log('geodesics: numpy/scipy peer…');
const peer = runPython<PeerOutput>('geodesics.py', ['--pairs', String(PAIRS), '--sizes', spdSizes.join(','), '--fans', fans.join(','), '--steps', String(FAN_BENCH_STEPS), '--repeats', String(REPEATS)]);

console.log('geodesics: our CPU path (f64)…');
const bump = surfaceByName('gaussianBump');
const cpuFan = new Map(fans.map((count) => [count, timeIt(() => geodesicFan(bump, { ...FAN_BENCH_START, count, steps: FAN_BENCH_STEPS }), REPEATS)]));

function randomSpd(random: () => number, n: number): Float64Array {
  // Q diag(e^u) Qᵀ with Q from Gram–Schmidt of a Gaussian matrix, u uniform in [−1.5, 1.5].
  const q = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const v = Float64Array.from({ length: n }, () => gaussian(random));
    for (let k = 0; k < j; k++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += v[i] * q[i * n + k];
      for (let i = 0; i < n; i++) v[i] -= d * q[i * n + k];
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < n; i++) q[i * n + j] = v[i] / norm;
  }
  const ev = Array.from({ length: n }, () => Math.exp(3 * random() - 1.5));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[i * n + k] * ev[k] * q[j * n + k];
      a[i * n + j] = s;
    }
  return a;
}

const cpuSpd = new Map<number, { ai: number; le: number; bw: number }>();
for (const n of spdSizes) {
  const random = mulberry32(n);
  const pairs = Array.from({ length: PAIRS }, () => [randomSpd(random, n), randomSpd(random, n)] as const);
  const all = (f: (a: Float64Array, b: Float64Array) => number) => () => pairs.map(([a, b]) => f(a, b));
  cpuSpd.set(n, { ai: timeIt(all(affineInvariant.distance), REPEATS), le: timeIt(all(logEuclidean.distance), REPEATS), bw: timeIt(all(buresWasserstein.distance), REPEATS) });
}

console.log('geodesics: our GPU path (WGSL in headless Chromium)…');
const gpu = await runGpu('geodesic-fan', fans, () => REPEATS);
const gpuSpd = {
  ai: await runGpu('spd-distance-ai', [PAIRS], () => REPEATS),
  le: await runGpu('spd-distance-le', [PAIRS], () => REPEATS),
  bw: await runGpu('spd-distance-bw', [PAIRS], () => REPEATS),
};

const throughput = (count: number, ms: number | null | undefined) => (ms ? `${((count * FAN_BENCH_STEPS) / (ms / 1000) / 1e6).toFixed(2)}M` : '—');
printTable({
  title: `Geodesic fan: count geodesics × ${FAN_BENCH_STEPS} RK4 steps (Gaussian bump)`,
  peer: peer.result ? `${peer.result.source}: RK4 vectorised over the geodesics (f64)` : 'numpy RK4 vectorised over the geodesics',
  rows: fans.map((count) => ({ size: count, cpu: cpuFan.get(count), gpu: gpu.times.get(count), peer: peer.result?.fan[String(count)] })),
  notes: [
    adapterNote(gpu.adapter),
    'Geodesic-steps per second: ' +
      fans.map((c) => `${c}: CPU ${throughput(c, cpuFan.get(c))}, GPU ${throughput(c, gpu.times.get(c))}, numpy ${throughput(c, peer.result?.fan[String(c)])}`).join('; ') + '.',
    'CPU: our f64 RK4 in src/geometry/surfaces, single-threaded JavaScript (Node ' + process.version + '); it also evaluates z = f(x, y) per point. GPU: f32, one invocation per geodesic, time includes one dispatch and a 4-byte readback.',
    ...(peer.note ? [peer.note] : []),
    ...gpu.notes,
  ],
});
for (const [metric, key] of [['affine-invariant', 'ai'], ['log-Euclidean', 'le'], ['Bures–Wasserstein', 'bw']] as const) {
  printTable({
    title: `SPD ${metric} distance, ${PAIRS} pairs`,
    peer: peer.result
      ? `${peer.result.source}, one pair at a time: rows "sqrtm/logm" use scipy.linalg.sqrtm/logm (general matrices), rows "eigh" numpy.linalg.eigh (symmetric)`
      : 'scipy.linalg.sqrtm/logm and numpy.linalg.eigh',
    rows: spdSizes.flatMap((n) => [
      { size: `${n}×${n} vs sqrtm/logm`, cpu: cpuSpd.get(n)?.[key], gpu: n === 3 ? gpuSpd[key].times.get(PAIRS) : null, peer: peer.result?.spd[String(n)]?.[key] },
      { size: `${n}×${n} vs eigh`, cpu: cpuSpd.get(n)?.[key], gpu: n === 3 ? gpuSpd[key].times.get(PAIRS) : null, peer: peer.result?.spd[String(n)]?.[`${key}_eigh`] },
    ]),
    notes: [
      'CPU: cyclic Jacobi eigendecompositions in f64 (src/geometry/spd). GPU (3×3 only): the spdDistance kernel, f32, one pair per invocation, fixed 8 Jacobi sweeps; the time includes one dispatch and a 4-byte readback. There is no 8×8 GPU kernel.',
      adapterNote(gpuSpd[key].adapter),
      ...gpuSpd[key].notes,
      ...(peer.note ? [peer.note] : []),
    ],
  });
}
console.log(`geodesics: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
