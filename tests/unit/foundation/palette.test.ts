/**
 * The categorical palette stays distinguishable for colour-blind readers: every pair
 * is CIEDE2000 ≥ 10 apart under simulated deuteranopia, protanopia and tritanopia
 * (Machado et al. 2009, severity 1). Why 10: ΔE00 ≈ 1 is a just-noticeable difference
 * for large patches, but figures compare 2 px lines and 3 px markers, for which
 * Szafir (2018, "Modelling colour difference for visualization design", IEEE TVCG 24)
 * measured discrimination thresholds several times larger (≈ 4–5× for thin marks);
 * 10 leaves that margin on top of ΔE00 ≈ 2.3, and the dash pattern is a second channel.
 * The colour maths is checked first against published values.
 */
import { describe, expect, it } from 'vitest';
import { deltaE2000, hexToLab, MACHADO, type Deficiency, type Lab } from '../../../app/plots/colorVision';
import { PALETTE, SERIES_DASHES, THEME_PANELS } from '../../../app/plots/palette';

describe('CIEDE2000 against Sharma, Wu & Dalal (2005), Table 1', () => {
  // [L1, a1, b1, L2, a2, b2, ΔE00] — pairs 1, 2, 3, 7, 17, 18 and 25 of the paper's test data.
  const pairs: [number, number, number, number, number, number, number][] = [
    [50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
    [50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
    [50, 2.8361, -74.02, 50, 0, -82.7485, 3.4412],
    [50, 0, 0, 50, -1, 2, 2.3669],
    [50, 2.5, 0, 73, 25, -18, 27.1492],
    [50, 2.5, 0, 61, -5, 29, 22.8977],
    [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  ];
  for (const [L1, a1, b1, L2, a2, b2, expected] of pairs) {
    it(`(${L1}, ${a1}, ${b1}) vs (${L2}, ${a2}, ${b2}) = ${expected}`, () => {
      expect(deltaE2000([L1, a1, b1], [L2, a2, b2])).toBeCloseTo(expected, 4);
      expect(deltaE2000([L2, a2, b2], [L1, a1, b1])).toBeCloseTo(expected, 4);
    });
  }
});

describe('sRGB → CIELAB (D65)', () => {
  it('white is L = 100, a = b = 0; pure red is (53.24, 80.09, 67.20) (CIE 15:2004 conversion)', () => {
    const white = hexToLab('#ffffff');
    expect(white[0]).toBeCloseTo(100, 3);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(0.01);
    const red = hexToLab('#ff0000');
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });
});

describe('Machado et al. (2009) simulation', () => {
  it('keeps greys grey (each row of each matrix sums to 1)', () => {
    for (const m of Object.values(MACHADO)) for (let r = 0; r < 3; r++) expect(m[3 * r] + m[3 * r + 1] + m[3 * r + 2]).toBeCloseTo(1, 5);
  });
  it('makes red and green, distinct to a trichromat, close for a deuteranope', () => {
    const normal = deltaE2000(hexToLab('#d62728'), hexToLab('#2ca02c'));
    const deut = deltaE2000(hexToLab('#d62728', 'deuteranopia'), hexToLab('#2ca02c', 'deuteranopia'));
    expect(normal).toBeGreaterThan(50);
    expect(deut).toBeLessThan(normal / 3);
  });
});

const THRESHOLD = 10;

describe('the palette', () => {
  const kinds: (Deficiency | undefined)[] = [undefined, 'deuteranopia', 'protanopia', 'tritanopia'];
  for (const kind of kinds) {
    it(`every pair is ΔE00 ≥ ${THRESHOLD} ${kind ? `under ${kind}` : 'for trichromats'}`, () => {
      const labs: Lab[] = PALETTE.map((c) => hexToLab(c, kind));
      for (let i = 0; i < labs.length; i++)
        for (let j = i + 1; j < labs.length; j++) expect(deltaE2000(labs[i], labs[j]), `${PALETTE[i]} vs ${PALETTE[j]}`).toBeGreaterThanOrEqual(THRESHOLD);
    });
  }
  it('every colour stands off both themes’ panels (ΔE00 ≥ 20)', () => {
    for (const panel of Object.values(THEME_PANELS)) for (const c of PALETTE) expect(deltaE2000(hexToLab(c), hexToLab(panel)), `${c} on ${panel}`).toBeGreaterThanOrEqual(20);
  });
  it('has a dash pattern for each colour (the second channel)', () => {
    expect(new Set(SERIES_DASHES).size).toBe(PALETTE.length);
  });
});
