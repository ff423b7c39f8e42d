/**
 * Colour difference under simulated colour-vision deficiency, to check that the
 * categorical palette stays distinguishable (app/plots/palette.ts).
 *
 * - sRGB ↔ linear RGB: IEC 61966-2-1 transfer function; linear RGB → XYZ (D65) → CIELAB.
 * - Dichromacy: Machado, Oliveira & Fernandes, "A physiologically-based model for
 *   simulation of color vision deficiency", IEEE TVCG 15(6), 2009, Table 1 at severity
 *   1.0, applied to linear RGB (as in the paper's reference implementation); results are
 *   clipped to [0, 1].
 * - ΔE: CIEDE2000 (CIE 142-2001), following Sharma, Wu & Dalal, Color Res. Appl. 30(1), 2005.
 * No DOM; the tests check it against Sharma et al.'s published pairs.
 */

export type Deficiency = 'deuteranopia' | 'protanopia' | 'tritanopia';
export type Rgb = [number, number, number];
export type Lab = [number, number, number];

/** Machado et al. (2009), severity 1.0, rows map linear (R, G, B) → simulated R, G, B. */
export const MACHADO: Record<Deficiency, readonly number[]> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

export function parseHex(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`colour "${hex}" is not #rrggbb`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const clip = (c: number) => Math.min(1, Math.max(0, c));

/** Linear-RGB colour as seen with the deficiency (sRGB in, linear RGB out). */
export function simulateLinear(rgb: Rgb, kind: Deficiency): Rgb {
  const l = rgb.map(toLinear);
  const m = MACHADO[kind];
  return [0, 1, 2].map((r) => clip(m[3 * r] * l[0] + m[3 * r + 1] * l[1] + m[3 * r + 2] * l[2])) as Rgb;
}

/** CIELAB (D65 white) of a linear-RGB colour. */
export function linearToLab([r, g, b]: Rgb): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

export function hexToLab(hex: string, kind?: Deficiency): Lab {
  const rgb = parseHex(hex);
  return linearToLab(kind ? simulateLinear(rgb, kind) : (rgb.map(toLinear) as Rgb));
}

/** CIEDE2000 colour difference with k_L = k_C = k_H = 1. */
export function deltaE2000([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : ((Math.atan2(b, a) / rad) + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lbarp = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbarp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbarp = (h1p + h2p) / 2;
    else hbarp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T = 1 - 0.17 * Math.cos((hbarp - 30) * rad) + 0.24 * Math.cos(2 * hbarp * rad) + 0.32 * Math.cos((3 * hbarp + 6) * rad) - 0.2 * Math.cos((4 * hbarp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbarp - 275) / 25) ** 2));
  const RC = 2 * Math.sqrt(Cbarp ** 7 / (Cbarp ** 7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbarp - 50) ** 2) / Math.sqrt(20 + (Lbarp - 50) ** 2);
  const SC = 1 + 0.045 * Cbarp;
  const SH = 1 + 0.015 * Cbarp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  return Math.sqrt((dLp / SL) ** 2 + (dCp / SC) ** 2 + (dHp / SH) ** 2 + RT * (dCp / SC) * (dHp / SH));
}
