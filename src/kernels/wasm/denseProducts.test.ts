/**
 * The WASM SIMD layer products (denseProducts.ts, assembly/gemm.ts) against their f64 JS
 * reference (src/geometry/nn/layerProducts.ts) on odd shapes, with operands both outside and
 * inside wasm memory; then whole MLP passes on the WASM workspace against the JS reference and
 * PyTorch's double backward (tests/fixtures/hessian/mlp_torch.json, made by its script there).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { accumulateOuter, affineRows, rowsTimesMatrix } from '../../geometry/nn/layerProducts';
import { createMlp, createTrainer, curvatureOperator, initMlp, mlpHessianVector, mlpLossGradient, type Activation, type ClassificationData } from '../../geometry/nn';
import { gaussianVector, mulberry32 } from '../../geometry/random';
import { F64_EXACT, F64_PEER, expectClose } from '../../geometry/tolerance';
import { createWasmDenseProducts, createWasmMlpWorkspace } from './denseProducts';
import { loadKernelsNode } from './loadNode';
import type { WasmKernelModule } from './wasm';

let module: WasmKernelModule;
beforeAll(async () => {
  const loaded = await loadKernelsNode();
  if (!loaded) throw new Error('Node lacks WebAssembly SIMD');
  module = loaded;
});

const random = mulberry32(13);
const SIZES = [1, 3, 5, 17];
const SHAPES: [number, number, number][] = [];
for (const count of SIZES) for (const ni of SIZES) for (const no of SIZES) SHAPES.push([count, ni, no]);

describe('WASM layer products vs the JS reference', () => {
  for (const resident of [false, true]) {
    it(`${resident ? 'operands in wasm memory' : 'operands copied in'}: Z = c + A Mᵀ, B = D M, G += Dᵀ A on count, ni, no ∈ {1, 3, 5, 17}`, () => {
      for (const [count, ni, no] of SHAPES) {
        const kernels = module.instantiate();
        const at = (values: Float64Array) => {
          if (!resident) return values;
          const ptr = kernels.put(values);
          return kernels.f64(ptr, values.length);
        };
        // allocate every resident operand before the products' slots: views stay attached
        const aBase = 2;
        const mBase = 3;
        const a = at(gaussianVector(aBase + count * ni, random));
        const m = at(gaussianVector(mBase + no * ni + no, random));
        const d = at(gaussianVector(count * no, random));
        const z = at(gaussianVector(count * no, random));
        const b = at(gaussianVector(count * ni, random));
        const g = at(gaussianVector(mBase + no * ni + no, random));
        const wasm = createWasmDenseProducts(kernels, createMlp([ni, no, 2], 'tanh'), count);
        const shape = `${count}×${ni}→${no}`;
        for (const accumulate of [false, true]) {
          for (const withBias of [false, true]) {
            const bias = withBias ? m : null;
            const zRef = Float64Array.from(z);
            affineRows(zRef, a, aBase, m, mBase, bias, mBase + no * ni, count, ni, no, accumulate);
            wasm.affineRows(z, a, aBase, m, mBase, bias, mBase + no * ni, count, ni, no, accumulate);
            expectClose(z, zRef, F64_EXACT, `affineRows ${shape} accumulate=${accumulate} bias=${withBias}`);
          }
          const bRef = Float64Array.from(b);
          rowsTimesMatrix(bRef, d, m, mBase, count, no, ni, accumulate);
          wasm.rowsTimesMatrix(b, d, m, mBase, count, no, ni, accumulate);
          expectClose(b, bRef, F64_EXACT, `rowsTimesMatrix ${shape} accumulate=${accumulate}`);
        }
        for (const biasBase of [-1, mBase + no * ni]) {
          const gRef = Float64Array.from(g);
          accumulateOuter(gRef, mBase, biasBase, d, a, aBase, count, no, ni);
          wasm.accumulateOuter(g, mBase, biasBase, d, a, aBase, count, no, ni);
          expectClose(g, gRef, F64_EXACT, `accumulateOuter ${shape} biasBase=${biasBase}`);
        }
      }
    });
  }
});

interface TorchCase {
  layers: number[];
  activation: Activation;
  weightDecay: number;
  theta: number[];
  v: number[];
  x: number[];
  y: number[];
  grad: number[];
  hvp: number[];
  gvp: number[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../tests/fixtures/hessian/mlp_torch.json', import.meta.url), 'utf8')) as { cases: TorchCase[] };

function dataOf(c: TorchCase): ClassificationData {
  return { x: Float64Array.from(c.x), y: Int32Array.from(c.y), n: c.y.length, dimension: c.layers[0], classes: c.layers[c.layers.length - 1] };
}

describe('MLP passes on the WASM workspace', () => {
  for (const c of fixture.cases) {
    it(`${c.activation} ${c.layers.join('-')}: gradient, H v (chunks of 3) and the cached operator's H v, G v match torch`, () => {
      const mlp = createMlp(c.layers, c.activation);
      const data = dataOf(c);
      const ws = createWasmMlpWorkspace(module, mlp, 3);
      expect(ws.products.name).toBe('wasm');
      const g = new Float64Array(mlp.paramCount);
      mlpLossGradient(mlp, c.theta, data, c.weightDecay, g, ws);
      expectClose(g, c.grad, F64_PEER, 'gradient');
      const hv = new Float64Array(mlp.paramCount);
      mlpHessianVector(mlp, c.theta, data, c.weightDecay, c.v, hv, ws);
      expectClose(hv, c.hvp, F64_PEER, 'H v');
      const workspace = (m: typeof mlp, capacity: number) => createWasmMlpWorkspace(module, m, capacity);
      const H = curvatureOperator(mlp, c.theta, data, c.weightDecay, 'hessian', { workspace });
      const G = curvatureOperator(mlp, c.theta, data, c.weightDecay, 'gaussNewton', { workspace });
      const out = new Float64Array(mlp.paramCount);
      H.apply(Float64Array.from(c.v), out);
      expectClose(out, c.hvp, F64_PEER, 'operator H v');
      G.apply(Float64Array.from(c.v), out);
      expectClose(out, c.gvp, F64_PEER, 'operator G v');
    });
  }

  it('tanh 32-100-64-10 on 256 samples: H v on WASM equals the JS reference', () => {
    const layers = [32, 100, 64, 10];
    const mlp = createMlp(layers, 'tanh');
    const n = 256;
    const data: ClassificationData = {
      x: gaussianVector(n * layers[0], random),
      y: Int32Array.from({ length: n }, (_, i) => i % 10),
      n,
      dimension: layers[0],
      classes: 10,
    };
    const theta = gaussianVector(mlp.paramCount, random).map((t) => 0.2 * t);
    const v = gaussianVector(mlp.paramCount, random);
    const js = new Float64Array(mlp.paramCount);
    curvatureOperator(mlp, theta, data, 1e-3, 'hessian').apply(v, js);
    const wasm = new Float64Array(mlp.paramCount);
    curvatureOperator(mlp, theta, data, 1e-3, 'hessian', { workspace: (m, cap) => createWasmMlpWorkspace(module, m, cap) }).apply(v, wasm);
    expectClose(wasm, js, F64_EXACT, 'H v');
  });

  it('training (the Hessian cells’ trajectory): 100 minibatch SGD steps on the WASM workspace reach the JS reference’s θ', () => {
    const layers = [8, 24, 24, 4];
    const mlp = createMlp(layers, 'tanh');
    const n = 256;
    const data: ClassificationData = {
      x: gaussianVector(n * layers[0], random),
      y: Int32Array.from({ length: n }, (_, i) => i % 4),
      n,
      dimension: layers[0],
      classes: 4,
    };
    const theta = initMlp(mlp, mulberry32(1));
    const run = (workspace?: (m: typeof mlp, capacity: number) => ReturnType<typeof createWasmMlpWorkspace>) => {
      const trainer = createTrainer({ mlp, data, theta, optimizer: 'sgd', lr: 0.1, batchSize: 32, weightDecay: 1e-3, random: mulberry32(2), workspace });
      for (let s = 0; s < 100; s++) trainer.step();
      return trainer.theta;
    };
    let made = 0;
    const wasm = run((m, cap) => (made++, createWasmMlpWorkspace(module, m, cap)));
    expect(made).toBe(1); // the trainer ran its gradients on the WASM workspace, not a JS one of its own
    expectClose(wasm, run(), F64_EXACT, 'θ after 100 steps');
  });

  it('rejects a workspace of the wrong capacity', () => {
    const mlp = createMlp([2, 3, 2], 'tanh');
    const data: ClassificationData = { x: new Float64Array(8), y: new Int32Array(4), n: 4, dimension: 2, classes: 2 };
    expect(() => curvatureOperator(mlp, new Float64Array(mlp.paramCount), data, 0, 'hessian', { workspace: (m) => createWasmMlpWorkspace(module, m, 2) })).toThrow(
      /curvature workspace holds 2 samples of layers \[2,3,2\]; expected 4 of \[2,3,2\]/,
    );
  });
});
