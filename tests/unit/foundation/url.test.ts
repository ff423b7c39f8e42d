import { describe, expect, it } from 'vitest';
import { formatHash, LINK_VERSION, parseHash } from '../../../app/store/url';

describe('links: the hash holds the chapter and every parameter', () => {
  it('round-trips chapter and cell parameters', () => {
    const hash = formatHash('sinkhorn', { plan: { epsilon: '0.001', method: 'sns' }, race: { n: '256' } });
    const parsed = parseHash(hash);
    expect(parsed.chapterId).toBe('sinkhorn');
    expect(parsed.cells).toEqual({ plan: { epsilon: '0.001', method: 'sns' }, race: { n: '256' } });
    expect(parsed.version).toBe(LINK_VERSION);
    expect(parsed.notices).toEqual([]);
  });
  it('encodes awkward characters safely', () => {
    const hash = formatHash('heat', { a: { label: 'x&y=z #1' } });
    expect(parseHash(hash).cells.a.label).toBe('x&y=z #1');
  });
  it('reports malformed keys and future versions instead of failing', () => {
    const parsed = parseHash('#/geodesics?v=9&oops=1&ok.t=0.5');
    expect(parsed.chapterId).toBe('geodesics');
    expect(parsed.cells).toEqual({ ok: { t: '0.5' } });
    expect(parsed.notices).toEqual([
      'this link was made by a newer Curvature (link version 9); some settings may be ignored',
      'link parameter "oops" is not of the form cell.param; ignored',
    ]);
  });
  it('reads an empty hash as no chapter', () => {
    expect(parseHash('').chapterId).toBeNull();
    expect(parseHash('#/').chapterId).toBeNull();
  });
  it('ignores the backend switch, which is not a cell parameter', () => {
    expect(parseHash('#/engine?backend=gpu&engine-sweep.n=64').cells).toEqual({ 'engine-sweep': { n: '64' } });
  });
});
