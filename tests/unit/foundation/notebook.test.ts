import { describe, expect, it } from 'vitest';
import { parseCellFence } from '../../../app/markdown/notebook';

describe('curvature cell fences', () => {
  it('reads the view, an optional id and parameter values', () => {
    expect(parseCellFence('view: sinkhorn-plan\nid: small\nepsilon: 0.001\n# a comment\n')).toEqual({
      viewId: 'sinkhorn-plan',
      id: 'small',
      values: { epsilon: '0.001' },
    });
  });
  it('says what is wrong with a bad fence', () => {
    expect(parseCellFence('epsilon: 1').error).toBe('cell names no view (add a line "view: <view id>")');
    expect(parseCellFence('view: x\nnonsense').error).toBe('cell line "nonsense" is not of the form key: value');
    expect(parseCellFence('view: x\nid: 9lives').error).toMatch(/cell id "9lives" must be a letter/);
  });
});
