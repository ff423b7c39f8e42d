/** Which controls a cell shows (app/controls/layout.ts) and the table refinement that declares it (app/params/refine.ts). */
import { describe, expect, it } from 'vitest';
import { applies, controlTooltip, isNumberBox, splitEssential } from '../../../app/controls/layout';
import { refineTable } from '../../../app/params/refine';
import { MAX_ESSENTIAL_CONTROLS, type ParamTable } from '../../../app/params/spec';

const table: ParamTable = [
  { name: 'optimizer', label: 'Optimizer', type: 'enum', default: 'gd', options: [{ value: 'gd', label: 'GD' }, { value: 'sgd', label: 'SGD' }] },
  { name: 'batchSize', label: 'Batch size', type: 'integer', default: 32, min: 1, max: 2000, step: 1 },
  { name: 'lr', label: 'Learning rate', type: 'number', default: 0.5, min: 1e-4, max: 10, step: 1e-4, scale: 'log', unit: '1/step' },
  { name: 'seed', label: 'Seed', type: 'integer', default: 1, min: 0, max: 1_000_000, step: 1 },
  ...Array.from({ length: 10 }, (_, i) => ({ name: `p${i}`, label: `P${i}`, type: 'boolean' as const, default: false })),
];

describe('refineTable', () => {
  const refined = refineTable(table, {
    essential: ['optimizer', 'batchSize', 'lr'],
    applies: { batchSize: { when: (v) => v.optimizer !== 'gd', reason: 'GD uses every sample.' } },
    descriptions: { lr: 'Step size η.' },
  });
  it('marks the listed parameters essential and every other one not', () => {
    expect(refined.filter((s) => s.essential).map((s) => s.name)).toEqual(['optimizer', 'batchSize', 'lr']);
    expect(refined.filter((s) => s.essential === false)).toHaveLength(table.length - 3);
  });
  it('keeps defaults, ranges and order (URL, validation and export read the same table)', () => {
    expect(refined.map((s) => [s.name, s.default])).toEqual(table.map((s) => [s.name, s.default]));
  });
  it('makes appliesWhen real: batch size does not apply under GD, does under SGD', () => {
    const batch = refined[1];
    expect(applies(batch, { optimizer: 'gd' })).toBe(false);
    expect(applies(batch, { optimizer: 'sgd' })).toBe(true);
    expect(batch.inapplicableReason).toBe('GD uses every sample.');
  });
  it('rejects a name that is not in the table, naming it', () => {
    expect(() => refineTable(table, { essential: ['lr', 'learningRate'] })).toThrow(/"learningRate" is not a parameter/);
  });
});

describe('splitEssential', () => {
  it('shows at most the cap, the rest under More settings, in table order', () => {
    const { essential, more } = splitEssential(table);
    expect(essential).toHaveLength(MAX_ESSENTIAL_CONTROLS);
    expect([...essential, ...more].map((s) => s.name)).toEqual(table.map((s) => s.name));
  });
});

describe('controls', () => {
  it('a seed is a number box; a learning rate is a slider', () => {
    expect(isNumberBox(table[3])).toBe(true);
    expect(isNumberBox(table[2])).toBe(false);
  });
  it('every tooltip says what the control does, its unit and its range', () => {
    expect(controlTooltip({ ...table[2], description: 'Step size η.' })).toBe('Step size η. Unit: 1/step. Range 1e-4–10, log scale.');
    expect(controlTooltip(table[0])).toBe('Sets optimizer. One of: GD, SGD.');
  });
});
