/** Randomized truncated SVD and J⁺_k r against numpy.linalg.svd / pinv: tests/fixtures/optimizer2/sven.json, written by make_sven.py. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseSvd, pseudoinverseApply, randomizedSvd } from '../../../src/geometry/optim';
import { mulberry32 } from '../../../src/geometry/random';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

interface Case {
  n: number;
  P: number;
  k: number;
  J: number[][];
  r: number[];
  singular: number[];
  pinv_r: number[];
  step_k: number[];
}
const fx = JSON.parse(readFileSync(new URL('../../fixtures/optimizer2/sven.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('randomized truncated SVD against numpy (make_sven.py)', () => {
  for (const c of fx.cases) {
    const J = Float64Array.from(c.J.flat());
    it(`n = ${c.n}, P = ${c.P}, k = ${c.k}: singular values and J⁺_k r`, () => {
      const svd = randomizedSvd(J, c.n, c.P, c.k, mulberry32(1), 4, 2);
      const l = Math.min(c.k + 4, c.n);
      if (l === c.n) {
        // The range finder spans ℝⁿ: exact up to rounding.
        expectClose(svd.values, c.singular.slice(0, c.k), F64_PEER, 'σ');
        expectClose(pseudoinverseApply(svd, c.r, new Float64Array(c.P)), c.step_k, F64_PEER, 'J⁺_k r');
      } else {
        // ℓ = 8 < n: error ~ (σ_{ℓ+1}/σ_k)^{2q+1} = 2^{−25} ≈ 3e-8 relative; asserted with a 30× margin.
        for (let t = 0; t < c.k; t++) expect(Math.abs(svd.values[t] - c.singular[t]) / c.singular[0]).toBeLessThan(1e-6);
        const step = pseudoinverseApply(svd, c.r, new Float64Array(c.P));
        const scale = Math.max(...c.step_k.map(Math.abs));
        for (let p = 0; p < c.P; p++) expect(Math.abs(step[p] - c.step_k[p]) / scale).toBeLessThan(1e-5);
      }
    });
    it(`n = ${c.n}, P = ${c.P}: the dense one-sided Jacobi SVD gives numpy's singular values and pinv(J) r`, () => {
      const svd = denseSvd(J, c.n, c.P);
      expectClose(svd.values, c.singular, F64_PEER, 'σ');
      // J⁺r is determined to ~ε κ(J) relative: κ = 2^{n−1}, so only the cases with κ ≤ 2^11 are held to F64_PEER.
      if (c.n <= 12) expectClose(pseudoinverseApply(svd, c.r, new Float64Array(c.P), 0), c.pinv_r, F64_PEER, 'J⁺r');
    });
    if (c.k === c.n) {
      it(`n = ${c.n}, k = n: J⁺r equals numpy.linalg.pinv(J) r`, () => {
        const svd = randomizedSvd(J, c.n, c.P, c.n, mulberry32(2));
        expectClose(pseudoinverseApply(svd, c.r, new Float64Array(c.P), 0), c.pinv_r, F64_PEER, 'J⁺r');
      });
    }
  }
});
