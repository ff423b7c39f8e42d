/**
 * Hessian-vector products of tanh MLPs at P ≈ 10³, 10⁴, 10⁵ over 256 samples on the CPU path, in one
 * run: the JS layer products (src/geometry/nn/layerProducts.ts), the WASM SIMD GEMM
 * (src/kernels/wasm/denseProducts.ts, workspace in wasm memory) and PyTorch double backward on one
 * thread (bench/peers/hessian.py), with throughput ratios and the GFLOP/s each reaches.
 * Run: npm run bench -- hvp
 */
import { createMlp, curvatureOperator, type ClassificationData } from '../src/geometry/nn';
import { gaussianVector, mulberry32 } from '../src/geometry/random';
import { F64_EXACT, compareClose } from '../src/geometry/tolerance';
import { wasmWorkspaceFactory } from '../src/kernels/wasm/denseProducts';
import { loadKernelsNode } from '../src/kernels/wasm/loadNode';
import { HVP_BENCH_SAMPLES, HVP_BENCH_SHAPES } from './setup/mlpHvpShapes';
import { runPython, timeIt, timeItAsync } from './lib';
import { nodePool } from './poolNode';
import { createCurvaturePool } from '../src/workers/curvaturePool';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const repeats = (size: number) => (size >= 100000 ? 5 : size >= 10000 ? 9 : 21);
/**
 * Calls before timing, for every column of ours: a pool helper is a fresh isolate whose JavaScript
 * (everything around the GEMM, ~20% of a product in a CPU profile) climbs V8's tiers over its
 * first ~10 products (measured: 82, 85, 37, 34, 27, … 20 ms at P = 10⁵ before it settles), and
 * the operator's callers (Lanczos, the trace) apply it tens to hundreds of times per job, so the
 * table compares steady states. PyTorch's peer warms once; its compiled kernels have no tiers.
 */
const WARMUPS = 15;
const n = HVP_BENCH_SAMPLES;
const configs = sizes.map((s) => HVP_BENCH_SHAPES[s]);
const module = await loadKernelsNode();
if (!module) throw new Error('hvp bench: Node lacks WebAssembly SIMD');

console.log(`hvp: MLPs ${configs.map((c) => c.join('-')).join(', ')} over ${n} samples; PyTorch peer…`);
const peer = runPython<{ source: string; sizes: Record<string, { P: number; hvp: number }> }>('hessian.py', [
  '--configs', JSON.stringify(configs), '--n', String(n), '--repeats', String(repeats(10000)), '--threads', '1', '--spectra', '-1',
]);

/** Multiply-adds of one H v with the forward pass cached: R-forward 2, R-backward 5 products per layer (2 + 0 and 1 + 0 at the first layer), 2 flops each. */
function flops(layers: number[]): number {
  let f = 0;
  for (let l = 0; l + 1 < layers.length; l++) f += 2 * n * layers[l] * layers[l + 1] * (l === 0 ? 2 : 7);
  return f;
}

const lines: string[] = [];
const pool = nodePool(module, 0);
lines.push(`| P (layers) | JS ms | WASM ×1 ms | WASM (pool ×${pool.size}) ms | PyTorch 1-thread ms | WASM / JS | WASM / PyTorch | pool / PyTorch | GFLOP/s JS, WASM ×1, pool, PyTorch |`);
lines.push('|---|---|---|---|---|---|---|---|---|');
for (const size of sizes) {
  const layers = HVP_BENCH_SHAPES[size];
  const mlp = createMlp(layers, 'tanh');
  const random = mulberry32(1);
  const data: ClassificationData = { x: gaussianVector(n * layers[0], random), y: Int32Array.from({ length: n }, (_, i) => i % 10), n, dimension: layers[0], classes: 10 };
  const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.3 * t);
  const v = gaussianVector(mlp.paramCount, mulberry32(2));
  const outJs = new Float64Array(mlp.paramCount);
  const outWasm = new Float64Array(mlp.paramCount);
  const js = curvatureOperator(mlp, theta, data, 0, 'hessian');
  const wasm = curvatureOperator(mlp, theta, data, 0, 'hessian', { workspace: wasmWorkspaceFactory(module) });
  const tJs = timeIt(() => js.apply(v, outJs), repeats(size), WARMUPS);
  const tWasm = timeIt(() => wasm.apply(v, outWasm), repeats(size), WARMUPS);
  const agree = compareClose(outWasm, outJs, F64_EXACT, 'H v').ok ? '' : ' (WASM ≠ JS!)';
  // the samples split across the pool (src/workers/curvaturePool.ts), each block set up once
  const lease = pool.acquire(Infinity)!;
  const pooled = await createCurvaturePool(module, lease, mlp, theta, data, 0, 'hessian', `bench ${size}`);
  const tPool = await timeItAsync(() => pooled.apply(v), repeats(size), WARMUPS);
  const poolAgree = compareClose(await pooled.apply(v), outJs, F64_EXACT, 'H v').ok ? '' : ' (pool ≠ JS!)';
  lease.release();
  const tPeer = peer.result?.sizes[String(mlp.paramCount)]?.hvp;
  const f = flops(layers) / 1e6;
  const g = (t: number | undefined) => (t ? (f / t).toFixed(2) : '—');
  lines.push(
    `| ${mlp.paramCount} (${layers.join('-')}) | ${tJs.toFixed(2)} | ${tWasm.toFixed(2)}${agree} | ${tPool.toFixed(2)}${poolAgree} | ${tPeer?.toFixed(2) ?? '—'} | ${(tJs / tWasm).toFixed(2)}× | ${tPeer ? (tPeer / tWasm).toFixed(2) + '×' : '—'} | ${tPeer ? (tPeer / tPool).toFixed(2) + '×' : '—'} | ${g(tJs)}, ${g(tWasm)}, ${g(tPool)}, ${g(tPeer)} |`,
  );
}
console.log(`\nHessian-vector product (cached forward), tanh MLP over ${n} samples; peer: ${peer.result?.source ?? peer.note}`);
pool.terminate();
console.log(lines.join('\n'));
console.log(`WASM (pool): the ${n} samples in ${pool.size} row blocks (this thread and ${pool.size - 1} Node worker_threads helper(s)), H v = Σ_b (n_b/n) H_b v; each call posts v and awaits the blocks' products.`);
console.log(`Each of our columns is timed after ${WARMUPS} warm-up products (a pool helper's JavaScript reaches its optimised tier only after ~10); PyTorch after one.`);
console.log('Ratios are throughputs (time of the other / time of WASM); GFLOP/s counts the multiply-adds of the layer products only.');
