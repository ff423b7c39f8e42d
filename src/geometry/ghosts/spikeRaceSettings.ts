/**
 * The spike race as the chapter sets it up: `SpikeRaceOptions` with the hidden widths as
 * text ("32,32"), the radius set the whole training set and λ_max from 20 power-iteration
 * products (src/geometry/ghosts/spikeRace.ts).
 */
import type { SpikeRaceOptions } from './spikeRace';

/** The race's settings: every option a person chooses, the hidden widths as text. */
export type SpikeRaceSettings = Omit<SpikeRaceOptions, 'hidden' | 'radiusSamples' | 'powerIterations' | 'curvatureProductsPerStep' | 'data'> & {
  /** Hidden widths, e.g. "32,32". */
  hidden: string;
};

/** Widths 1…1024 separated by commas or spaces, e.g. "32,32" → [32, 32]; throws naming the text otherwise. */
export function parseHiddenWidths(hidden: string): number[] {
  const widths = hidden
    .split(/[,\s]+/)
    .filter((s) => s !== '')
    .map(Number);
  for (const w of widths) if (!(Number.isInteger(w) && w >= 1 && w <= 1024)) throw new Error(`invalid hidden widths "${hidden}": expected integers 1…1024 separated by commas`);
  return widths;
}

/** The race's options from its settings: ρ_a on the whole training set, 20 power-iteration products per λ_max. */
export function spikeRaceOptions(settings: SpikeRaceSettings): SpikeRaceOptions {
  return { ...settings, hidden: parseHiddenWidths(settings.hidden), radiusSamples: 0, powerIterations: 20 };
}
