/**
 * Foundation benchmark: dense mat-vec y = A x and the row log-sum-exp of an n×n matrix,
 * n = 1024 … 8192. Our CPU path (f64, src/geometry, one thread in Node), our GPU path
 * (the WGSL kernels, f32, in headless Chromium) and numpy (f64, Debian's python3; BLAS
 * may use every core) measured in the same run.
 * Run: npm run bench -- foundation
 */
import { matVec } from '../src/geometry/linalg/dense';
import { reduce } from '../src/geometry/linalg/reductions';
import { mulberry32 } from '../src/geometry/random';
import { adapterNote, printTable, runGpu, runPython, timeIt, type BenchRow } from './lib';

const sizes = (process.env.BENCH_SIZES ?? '1024,2048,4096,8192').split(',').map(Number);
/** Fewer repeats for the big sizes keep the whole run within a few minutes on 2 cores. */
const repeats = (n: number) => (n >= 8192 ? 5 : n >= 4096 ? 7 : 9);

interface PeerOutput {
  source: string;
  lse: string;
  sizes: Record<string, { matvec: number; lse: number }>;
}

const started = performance.now();

console.log(`foundation: sizes ${sizes.join(', ')}; numpy peer…`);
const peer = runPython<PeerOutput>('foundation.py', ['--sizes', sizes.join(','), '--repeats', sizes.map(repeats).join(',')]);

console.log('foundation: our CPU path (f64)…');
const cpu = new Map<number, { matvec: number; lse: number }>();
for (const n of sizes) {
  const random = mulberry32(1);
  const a = new Float64Array(n * n);
  for (let i = 0; i < a.length; i++) a[i] = random() * 2 - 1;
  const x = Float64Array.from({ length: n }, () => random() * 2 - 1);
  cpu.set(n, {
    matvec: timeIt(() => matVec(a, x, n, n), repeats(n)),
    lse: timeIt(() => reduce(a, n, n, 'logsumexp', 'rows'), repeats(n)),
  });
}

console.log('foundation: our GPU path (WGSL in headless Chromium)…');
const gpuMatVec = await runGpu('matvec', sizes, repeats);
const gpuLse = await runGpu('reduce-lse-rows', sizes, repeats);

const peerSizes = peer.result?.sizes;
const common = [
  adapterNote(gpuMatVec.adapter || gpuLse.adapter),
  'CPU: our f64 reference in src/geometry, single-threaded JavaScript (Node ' + process.version + ').',
  ...(peer.note ? [peer.note] : []),
  `Repeats per size: ${sizes.map((n) => `${n}: ${repeats(n)}`).join(', ')}; GPU times include the readback of the n results.`,
];

const rows = (op: 'matvec' | 'lse', gpu: Map<number, number | null>): BenchRow[] =>
  sizes.map((n) => ({ size: `${n}×${n}`, cpu: cpu.get(n)?.[op], gpu: gpu.get(n), peer: peerSizes?.[String(n)]?.[op] }));

printTable({
  title: 'Mat-vec y = A x',
  peer: peer.result ? `${peer.result.source} A @ x (f64)` : 'numpy A @ x',
  rows: rows('matvec', gpuMatVec.times),
  notes: [...common, ...gpuMatVec.notes],
});
printTable({
  title: 'Row log-sum-exp of A',
  peer: peer.result ? `${peer.result.source}, ${peer.result.lse} (f64)` : 'scipy.special.logsumexp(A, axis=1)',
  rows: rows('lse', gpuLse.times),
  notes: [...common, ...gpuLse.notes],
});
console.log(`foundation: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
