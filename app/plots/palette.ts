/**
 * The one categorical palette of every figure: Okabe & Ito's colour-universal
 * design set ("Color Universal Design", 2008), without its black (lost on the dark
 * theme) and its yellow (lost on the light one). Every pair stays CIEDE2000 ≥ 10
 * apart under simulated deuteranopia, protanopia and tritanopia (Machado et al. 2009;
 * checked in tests/unit/foundation/palette.test.ts), and every colour ≥ 20 from both
 * themes' panel backgrounds. Where series are compared, the dash pattern (or marker)
 * is a second channel: `SERIES_DASHES[i]` goes with `PALETTE[i]`.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7'] as const;

/** Named roles, so views say what a colour means rather than which hex it is. */
export const ROLE = {
  blue: PALETTE[0],
  orange: PALETTE[1],
  green: PALETTE[2],
  vermillion: PALETTE[3],
  sky: PALETTE[4],
  purple: PALETTE[5],
} as const;

/** Solid, dashed, dotted, dash-dot, long dash, dash-dot-dot (SVG stroke-dasharray). */
export const SERIES_DASHES = [null, '7 4', '2 3', '8 3 2 3', '14 4', '8 3 2 3 2 3'] as const;

/** The panel backgrounds of the light and dark themes (app/styles.css --panel). */
export const THEME_PANELS = { light: '#ffffff', dark: '#1a2029' } as const;

export function seriesColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

export function seriesDash(i: number): string | null {
  return SERIES_DASHES[((i % SERIES_DASHES.length) + SERIES_DASHES.length) % SERIES_DASHES.length];
}
