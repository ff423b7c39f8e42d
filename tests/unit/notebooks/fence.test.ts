import { describe, expect, it } from 'vitest';
import { parseCellFence, parsePreset, renderNotebook } from '../../../app/markdown/notebook';

describe('teaching settings in curvature fences', () => {
  it('reads hide, lock and repeatable presets beside parameter values', () => {
    const fence = 'view: logistic\nr: 3.2\nhide: n, seed\nlock: epsilon\npreset: r just below 1 | r=0.95\npreset: chaos | r=3.9; n=200\n';
    expect(parseCellFence(fence)).toEqual({
      viewId: 'logistic',
      values: { r: '3.2' },
      hide: ['n', 'seed'],
      lock: ['epsilon'],
      presets: [
        { name: 'r just below 1', values: { r: '0.95' } },
        { name: 'chaos', values: { r: '3.9', n: '200' } },
      ],
    });
  });
  it('says what is wrong with a bad preset', () => {
    expect(parsePreset('no bar here')).toEqual({ error: 'preset "no bar here" must be of the form "name | param=value, …"' });
    expect(parsePreset('| r=1')).toEqual({ error: 'preset "| r=1" has no name before "|"' });
    expect(parsePreset('x | r')).toEqual({ error: 'preset "x": "r" is not of the form param=value' });
    expect(parsePreset('x | ')).toEqual({ error: 'preset "x" sets no parameter' });
    expect(parseCellFence('view: a\npreset: oops').error).toBe('preset "oops" must be of the form "name | param=value, …"');
  });
  it('gives the same view placed twice distinct ids, and an explicit id wins', () => {
    const md = '```curvature\nview: engine-sweep\n```\n\ntext\n\n```curvature\nview: engine-sweep\nn: 64\n```\n\n```curvature\nview: engine-sweep\nid: big\n```\n';
    const cells = renderNotebook(md).flatMap((s) => (s.kind === 'cell' ? [s.cell] : []));
    expect(cells.map((c) => c.localId)).toEqual(['engine-sweep', 'engine-sweep-2', 'big']);
    expect(cells[1].values).toEqual({ n: '64' });
  });
});
