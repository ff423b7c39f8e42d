/**
 * Hessian spectra benchmark: Hessian-vector products of tanh MLPs with P ≈ 10³, 10⁴, 10⁵ over
 * 256 samples — our CPU path (f64 R-operator, cached forward pass, single-threaded JavaScript),
 * our GPU path (WGSL R-operator, f32, headless Chromium) and PyTorch double backward (CPU, f64,
 * graph retained, one thread) measured in the same run; then time to the top-10 eigenvalues
 * and to a 100-step Lanczos (one SLQ probe) at P ≈ 10⁴.
 * Run: npm run bench -- hessian
 */
import { createMlp, curvatureOperator, type ClassificationData } from '../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../src/geometry/random';
import { lanczosTopEigenpairs, stochasticLanczosQuadrature } from '../src/geometry/spectral';
import { HVP_BENCH_SAMPLES, HVP_BENCH_SHAPES } from './setup/mlpHvpShapes';
import { adapterNote, printTable, runGpu, runPython, timeIt, type BenchRow } from './lib';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const repeats = (size: number) => (size >= 100000 ? 3 : size >= 10000 ? 5 : 9);
const SPECTRA_SIZE = 10000;
const n = HVP_BENCH_SAMPLES;

interface PeerOutput {
  source: string;
  sizes: Record<string, { P: number; hvp: number; top10?: number; slq100?: number }>;
}

const started = performance.now();
const configs = sizes.map((s) => HVP_BENCH_SHAPES[s]);
console.log(`hessian: MLPs ${configs.map((c) => c.join('-')).join(', ')} over ${n} samples; PyTorch peer…`);
const peer = runPython<PeerOutput>('hessian.py', [
  '--configs', JSON.stringify(configs), '--n', String(n), '--repeats', String(repeats(10000)), '--threads', '1',
  '--spectra', String(sizes.indexOf(SPECTRA_SIZE)),
]);

function problem(layers: number[]) {
  const mlp = createMlp(layers, 'tanh');
  const random = mulberry32(1);
  const data: ClassificationData = { x: gaussianVector(n * layers[0], random), y: Int32Array.from({ length: n }, (_, i) => i % 10), n, dimension: layers[0], classes: 10 };
  const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.3 * t);
  return { mlp, data, theta };
}

console.log('hessian: our CPU path (f64)…');
const cpu = new Map<number, { P: number; hvp: number; top10?: number; slq100?: number }>();
for (const size of sizes) {
  const { mlp, data, theta } = problem(HVP_BENCH_SHAPES[size]);
  const H = curvatureOperator(mlp, theta, data, 0, 'hessian');
  const v = gaussianVector(mlp.paramCount, mulberry32(2));
  const out = new Float64Array(mlp.paramCount);
  const entry: { P: number; hvp: number; top10?: number; slq100?: number } = { P: mlp.paramCount, hvp: timeIt(() => H.apply(v, out), repeats(size)) };
  if (size === SPECTRA_SIZE) {
    entry.top10 = timeIt(() => lanczosTopEigenpairs(H, 10, mulberry32(3), 30), 1);
    entry.slq100 = timeIt(() => stochasticLanczosQuadrature(H, 1, 100, mulberry32(4)), 1);
  }
  cpu.set(size, entry);
}

console.log('hessian: our GPU path (WGSL in headless Chromium)…');
const gpu = await runGpu('mlp-hvp', sizes, repeats);

const peerAt = (size: number) => (peer.result ? peer.result.sizes[String(cpu.get(size)!.P)] : undefined);
const rows: BenchRow[] = sizes.map((s) => ({ size: `P = ${cpu.get(s)!.P} (${HVP_BENCH_SHAPES[s].join('-')})`, cpu: cpu.get(s)!.hvp, gpu: gpu.times.get(s), peer: peerAt(s)?.hvp }));
const throughput = sizes.map((s) => {
  const c = cpu.get(s)!.hvp;
  const p = peerAt(s)?.hvp;
  return `P = ${cpu.get(s)!.P}: ${(1000 / c).toFixed(0)} HVP/s on our CPU path${p ? `, ${(1000 / p).toFixed(0)} HVP/s for PyTorch (our throughput ${(p / c).toFixed(2)}× PyTorch's)` : ''}${gpu.times.get(s) ? `, ${(1000 / gpu.times.get(s)!).toFixed(0)} HVP/s on the GPU path` : ''}.`;
});
printTable({
  title: `Hessian-vector product, tanh MLP over ${n} samples`,
  peer: peer.result ? `${peer.result.source} (f64, graph kept between products)` : 'PyTorch double backward',
  rows,
  notes: [
    adapterNote(gpu.adapter),
    `CPU: our f64 R-operator (src/geometry/nn), forward pass cached per θ, single-threaded JavaScript (Node ${process.version}).`,
    ...throughput,
    ...(peer.note ? [peer.note] : []),
    ...gpu.notes,
  ],
});
const s = cpu.get(SPECTRA_SIZE);
const ps = peerAt(SPECTRA_SIZE);
if (s) {
  printTable({
    title: `Spectra at P = ${s.P} (CPU, f64)`,
    peer: 'PyTorch HVPs driven by scipy eigsh (top-10: ARPACK, ncv 30, tol 1e-6) and by a numpy Lanczos (100 steps, full re-orthogonalization)',
    rows: [
      { size: 'top-10 eigenvalues (Lanczos, 30 products)', cpu: s.top10, peer: ps?.top10 },
      { size: '100-step Lanczos (one SLQ probe)', cpu: s.slq100, peer: ps?.slq100 },
    ],
    notes: ['ARPACK may use more products than our 30-step Lanczos: it restarts until tol 1e-6.', ...(peer.note ? [peer.note] : [])],
  });
}
console.log(`hessian: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
