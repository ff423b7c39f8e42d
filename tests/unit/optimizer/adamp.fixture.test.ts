/** Our optimizers against tests/fixtures/optimizer/adamp.json, written by make_adamp.py (numpy re-implementation of the published rules). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOptimizer, OPTIMIZERS, toyLoss } from '../../../src/geometry/optim';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

interface Run {
  path: number[][];
  projected: boolean[];
}
interface Fixture {
  steps: number;
  lr: Record<string, number>;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  delta: number;
  curvatures: number[];
  Wstar: number[][];
  toyStart: number[][];
  quadStart: number[][];
  toy: Record<string, Run>;
  quadratic: Record<string, Run>;
}
const fx = JSON.parse(readFileSync(new URL('../../fixtures/optimizer/adamp.json', import.meta.url), 'utf8')) as Fixture;

describe('SGD, SGDM, Adam, SGDP, AdamP against numpy (make_adamp.py)', () => {
  for (const problem of ['toy', 'quadratic'] as const) {
    for (const name of OPTIMIZERS) {
      it(`${problem}: ${name} follows numpy's iterates and projects on the same steps`, () => {
        const w = Float64Array.from((problem === 'toy' ? fx.toyStart : fx.quadStart).flat());
        const rows = problem === 'toy' ? 1 : 2;
        const opt = createOptimizer({ name, lr: fx.lr[name], momentum: fx.momentum, beta1: fx.beta1, beta2: fx.beta2, eps: fx.eps, delta: fx.delta }, [{ offset: 0, rows, cols: 3, matrix: true }], w.length);
        const g = new Float64Array(w.length);
        const wstar = fx.Wstar.flat();
        for (let t = 0; t < fx.steps; t++) {
          if (problem === 'toy') toyLoss(w, fx.curvatures, g);
          else for (let i = 0; i < w.length; i++) g[i] = w[i] - wstar[i];
          const rep = opt.step(w, g);
          expect(rep.projected[0] !== null, `step ${t + 1} projected`).toBe(fx[problem][name].projected[t]);
          expectClose(w, fx[problem][name].path[t + 1], F64_PEER, `${name} w_${t + 1}`);
        }
      });
    }
  }
});
