import { describe, it } from 'vitest';
import { createAdampRace } from '../../../src/geometry/optim';
import { momentumNormPrediction } from '../../../app/views/optimizer/adampChecks';
import { expectClose, F64_ITERATIVE } from '../../../src/geometry/tolerance';

describe('the paper-check expression for SGDM norm growth', () => {
  it('reproduces the measured ‖w_T‖² of SGDM on the scale-invariant toy (an identity when ∇L ⟂ w)', () => {
    const race = createAdampRace({ steps: 120, lrSgd: 0.1, lrAdam: 0.01, momentum: 0.9, delta: 0.1, seed: 2 });
    while (race.step());
    for (const T of [1, 2, 10, 120]) expectClose(momentumNormPrediction(race.toy.sgdm, 0.1, 0.9, T), race.toy.sgdm.norm[T] ** 2, F64_ITERATIVE, `‖w_${T}‖²`);
  });
});
