import { describe, expect, it } from 'vitest';
import { adapterNote, formatTable, median } from '../../../bench/lib';

describe('median', () => {
  it('is the middle value for an odd count and the mean of the middle two for an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('throws on no times', () => {
    expect(() => median([])).toThrow(/median of no times/);
  });
});

describe('formatTable', () => {
  const text = formatTable({
    title: 'Mat-vec',
    peer: 'numpy',
    rows: [
      { size: 1024, cpu: 4, gpu: 12, peer: 2 },
      { size: 2048, cpu: 16, gpu: null, peer: 8 },
      { size: 8, cpu: 0.0123, gpu: 250, peer: 0.00456 },
    ],
    notes: ['GPU at 2048: out of memory'],
  });

  it('prints sizes, times and the ratios to the peer', () => {
    expect(text).toContain('| size | our CPU (ms) | our GPU (ms) | peer (ms) | CPU / peer | GPU / peer |');
    expect(text).toContain('| 1024 | 4.00 | 12.0 | 2.00 | 2.00× | 6.00× |');
  });

  it('marks a missing cell with — and adds the footnote', () => {
    expect(text).toContain('| 2048 | 16.0 | — | 8.00 | 2.00× | — |');
    expect(text).toContain('- GPU at 2048: out of memory');
    expect(text).toContain('| 8 | 0.012 | 250 | 0.0046 | 2.70× | 54824.56× |');
    expect(text).toContain('- —: not measured');
  });
});

describe('adapterNote', () => {
  it('says that SwiftShader is a software fallback', () => {
    expect(adapterNote('google swiftshader  (fallback adapter)')).toMatch(/^GPU: google swiftshader \(fallback adapter\) — SwiftShader is a software fallback/);
    expect(adapterNote('')).toMatch(/no WebGPU adapter was reached/);
  });
});
