/** Our race against tests/fixtures/optimizer/sensing.json, written by make_sensing.py (numpy, independent code). */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { runSensingRace, SENSING_METHODS, withProblem } from '../../../src/geometry/optim';
import { expectClose, F64_PEER } from '../../../src/geometry/tolerance';

interface Fixture {
  n: number;
  r: number;
  k: number;
  eta: number;
  iterations: number;
  modifyAt: number;
  Mstar: number[][];
  measurements: number[][][];
  y: number[];
  init: { Xexact: number[][]; Xover: number[][]; F: number[][]; G: number[][] };
  errors: Record<string, number[]>;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/optimizer/sensing.json', import.meta.url), 'utf8')) as Fixture;
const flat = (a: number[][]) => Float64Array.from(a.flat());

describe('matrix-sensing race against numpy (make_sensing.py)', () => {
  const problem = withProblem(fixture.n, fixture.r, flat(fixture.Mstar), Float64Array.from(fixture.measurements.flat(2)));
  it('y_i = ⟨B_i, M*⟩ matches numpy', () => expectClose(problem.y, fixture.y, F64_PEER, 'y'));
  it('all four error curves match numpy at every iteration', () => {
    const init = { Xexact: flat(fixture.init.Xexact), Xover: flat(fixture.init.Xover), F: flat(fixture.init.F), G: flat(fixture.init.G) };
    const race = runSensingRace(problem, init, { k: fixture.k, eta: fixture.eta, iterations: fixture.iterations, modifyAt: fixture.modifyAt });
    for (const name of SENSING_METHODS) expectClose(race.traces[name].errors, fixture.errors[name], F64_PEER, name);
  });
});
