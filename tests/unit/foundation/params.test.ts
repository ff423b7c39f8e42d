import { describe, expect, it } from 'vitest';
import { coerce, coerceAll, defaults, describeValue, type ParamTable } from '../../../app/params/spec';

const table: ParamTable = [
  { name: 'epsilon', label: 'ε', type: 'number', default: 0.01, min: 1e-4, max: 1, step: 0.001, scale: 'log' },
  { name: 'n', label: 'n', type: 'integer', default: 64, min: 2, max: 4096, step: 1, unit: 'points' },
  { name: 'method', label: 'method', type: 'enum', default: 'log', options: [{ value: 'log', label: 'log-domain' }, { value: 'sns', label: 'SNS' }] },
  { name: 'show', label: 'show', type: 'boolean', default: true },
];

describe('parameter tables: validation and clamping', () => {
  it('keeps valid values unchanged without a notice', () => {
    expect(coerce(table[0], '0.5')).toEqual({ value: 0.5 });
    expect(coerce(table[2], 'sns')).toEqual({ value: 'sns' });
    expect(coerce(table[3], 'false')).toEqual({ value: false });
  });
  it('clamps out-of-range numbers to the nearest bound and says so', () => {
    expect(coerce(table[0], '5')).toEqual({ value: 1, notice: 'epsilon: 5 is outside [0.0001, 1]; using 1' });
    expect(coerce(table[1], -3).value).toBe(2);
  });
  it('rounds integers and names the bad value', () => {
    expect(coerce(table[1], '10.4')).toEqual({ value: 10, notice: 'n: 10.4 is not an integer; using 10' });
  });
  it('rejects garbage with the default and a notice naming it', () => {
    expect(coerce(table[0], 'abc')).toEqual({ value: 0.01, notice: 'epsilon: "abc" is not a number; using 0.01' });
    expect(coerce(table[0], 'NaN').notice).toMatch(/"NaN" is not a number/);
    expect(coerce(table[0], '').value).toBe(0.01);
    expect(coerce(table[2], 'evil').notice).toBe('method: "evil" is not one of log, sns; using log');
    expect(coerce(table[3], 'maybe').notice).toMatch(/"maybe" is not true or false/);
  });
  it('fills missing values with defaults and drops unknown keys with a notice', () => {
    const { values, notices } = coerceAll(table, { n: '128', bogus: '1' });
    expect(values).toEqual({ ...defaults(table), n: 128 });
    expect(notices).toEqual(['unknown parameter "bogus" ignored']);
  });
  it('describes values with their units for aria-valuetext', () => {
    expect(describeValue(table[1], 64)).toBe('64 points');
    expect(describeValue(table[0], 1e-4)).toBe('1.00e-4');
    expect(describeValue(table[2], 'sns')).toBe('SNS');
  });
});
