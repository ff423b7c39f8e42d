/**
 * The heat chapter's WebAssembly SIMD kernels (src/kernels/wasm/heatKernels.ts) against their f64
 * JS references, at sizes that exercise the odd-count remainder lanes, within F64_EXACT.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { affinityGraph, classicalMds, diffusionPowers, guttmanTransform, heatKernelChebyshevDense, heatKernelColumns, laplacian, makeDataset, potentialDistances, potentialFromPowers, smacof, stress } from '../../../src/geometry/heat';
import { csrMatMat } from '../../../src/geometry/heat/sparse';
import { knnBruteForce, pairwiseSquaredDistances } from '../../../src/geometry/linalg/distances';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';
import { createSmacofWasm, csrMatMatWasm, diffusionPowersWasm, heatKernelChebyshevDenseWasm, heatKernelColumnsWasm, knnBruteForceWasm, pairwiseSquaredDistancesWasm } from '../../../src/kernels/wasm/heatKernels';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import type { WasmKernelModule } from '../../../src/kernels/wasm/wasm';

let module: WasmKernelModule;
beforeAll(async () => {
  const loaded = await loadKernelsNode();
  if (!loaded) throw new Error('Node lacks WebAssembly SIMD');
  module = loaded;
});

function cloud(n: number, d: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n * d }, () => 2 * r() - 1);
}

function swissRollLaplacian(n: number) {
  const data = makeDataset('swissroll', n, 0.1, mulberry32(4));
  return laplacian(affinityGraph(data.points, n, 3, { k: 10, alpha: 40 }).weights, 'normalized');
}

describe('pairwise squared distances and kNN (WASM vs distances.ts)', () => {
  for (const [n, m, d] of [[1, 1, 1], [5, 7, 3], [33, 17, 2], [64, 65, 5]]) {
    it(`${n}×${m}, d = ${d}`, () => {
      const x = cloud(n, d, n + d);
      const y = cloud(m, d, m * 3 + d);
      expectClose(pairwiseSquaredDistancesWasm(module.instantiate(), x, y, n, m, d), pairwiseSquaredDistances(x, y, n, m, d), F64_EXACT, 'D');
    });
  }

  for (const [n, d, k] of [[2, 1, 1], [31, 3, 5], [200, 3, 20], [101, 4, 7]]) {
    it(`kNN: n = ${n}, d = ${d}, k = ${k}: same indices, same distances`, () => {
      const x = cloud(n, d, 17 * n + k);
      const ref = knnBruteForce(x, n, d, k);
      const got = knnBruteForceWasm(module.instantiate(), x, n, d, k);
      expect(got.k).toBe(k);
      // random reals have no ties, so the indices match exactly
      expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
      expectClose(got.squaredDistances, ref.squaredDistances, F64_EXACT, 'kNN distances');
    });
  }

  it('kNN ties (a grid) break towards the smaller index, as the reference', () => {
    const x = Float64Array.from({ length: 2 * 36 }, (_, t) => (t % 2 === 0 ? Math.floor(t / 2) % 6 : Math.floor(t / 12)));
    const ref = knnBruteForce(x, 36, 2, 8);
    const got = knnBruteForceWasm(module.instantiate(), x, 36, 2, 8);
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices));
  });

  it('refuses a bad k, naming it', () => {
    expect(() => knnBruteForceWasm(module.instantiate(), cloud(4, 2, 1), 4, 2, 4)).toThrow(/invalid k: 4/);
  });
});

describe('CSR × dense block and the Chebyshev heat kernel (WASM vs sparse.ts, chebyshev.ts)', () => {
  const n = 150;
  const l = swissRollLaplacian(n);

  for (const m of [1, 2, 7, 64]) {
    it(`L X with ${m} columns`, () => {
      const x = cloud(n, m, m);
      expectClose(csrMatMatWasm(module.instantiate(), l, x, m), csrMatMat(l, x, m), F64_EXACT, 'L X');
    });
  }

  for (const block of [1, 7, 64]) {
    it(`H_t by Chebyshev, block ${block}`, () => {
      const ref = heatKernelChebyshevDense(l, 2, 30, 40, block);
      expectClose(heatKernelChebyshevDenseWasm(module, l, 2, 30, 40, block), ref, F64_EXACT, 'H_t');
    });
  }

  it('two components: the breadth-first column order spans both', () => {
    const two = Float64Array.from([...cloud(30, 2, 5), ...Array.from(cloud(30, 2, 6), (v) => v + 50)]);
    const l2 = laplacian(affinityGraph(two, 60, 2, { k: 5, alpha: 10 }).weights, 'normalized');
    expectClose(heatKernelChebyshevDenseWasm(module, l2, 2, 4, 20, 7), heatKernelChebyshevDense(l2, 2, 4, 20, 7), F64_EXACT, 'two components');
  });

  it('heat columns at landmarks (the landmark path), as heatKernelColumns', () => {
    const at = [3, 140, 77, 0, 51];
    expectClose(heatKernelColumnsWasm(module, l, 2, 30, 40, at), heatKernelColumns(l, 2, 30, 40, at), F64_EXACT, 'H_t E');
  });

  it('refuses a bad order, naming it', () => {
    expect(() => heatKernelChebyshevDenseWasm(module, l, 2, 4, 0)).toThrow(/invalid Chebyshev order: 0/);
  });
});

describe('SMACOF step (WASM vs mds.ts)', () => {
  for (const [n, dims] of [[3, 2], [41, 2], [40, 3], [25, 1]]) {
    it(`Guttman transform and stress, n = ${n}, dims = ${dims}`, () => {
      const pts = cloud(n, 3, n);
      const delta = new Float64Array(n * n);
      const d2 = pairwiseSquaredDistances(pts, pts, n, n, 3);
      for (let i = 0; i < n * n; i++) delta[i] = Math.sqrt(d2[i]);
      const x = cloud(n, dims, 99 + n);
      x.set([x[0], x[1]], dims); // two coincident points: B_ij = 0 there
      const s = createSmacofWasm(module, delta, n, dims);
      const ref = new Float64Array(n * dims);
      guttmanTransform(x, delta, n, dims, ref);
      expectClose(s.guttman(x), ref, F64_EXACT, 'X⁺');
      expectClose(s.stress(x), stress(x, delta, n, dims), F64_EXACT, 'stress');
    });
  }

  it('a SMACOF run on Swiss-roll distances: same iterates, stress and stopping step', () => {
    const n = 120;
    const data = makeDataset('swissroll', n, 0.1, mulberry32(2));
    const d2 = pairwiseSquaredDistances(data.points, data.points, n, n, 3);
    const delta = Float64Array.from(d2, Math.sqrt);
    const init = classicalMds(delta, n, 2, mulberry32(3));
    const ref = smacof(delta, n, 2, init, 50, { tolerance: 1e-5 });
    const got = createSmacofWasm(module, delta, n, 2).run(init, 50, { tolerance: 1e-5 });
    expect(got.iterations).toBe(ref.iterations);
    expect(got.converged).toBe(ref.converged);
    expectClose(got.embedding, ref.embedding, F64_EXACT, 'embedding');
    expectClose(got.stress, ref.stress, F64_EXACT, 'stress');
  });
});

describe('diffusion powers (WASM vs comparators.ts)', () => {
  it('P^steps on a Swiss-roll graph, and its potential distances', () => {
    const n = 90;
    const data = makeDataset('swissroll', n, 0.1, mulberry32(5));
    const w = affinityGraph(data.points, n, 3, { k: 8, alpha: 40 }).weights;
    const got = diffusionPowersWasm(module, w, 7);
    expectClose(got, diffusionPowers(w, 7), F64_EXACT, 'P^7');
    expectClose(potentialFromPowers(got, n), potentialDistances(w, 7), F64_EXACT, 'potential distances');
  });

  it('refuses bad steps, naming them', () => {
    expect(() => diffusionPowersWasm(module, swissRollLaplacian(20), 0)).toThrow(/invalid diffusion steps: 0/);
  });
});
