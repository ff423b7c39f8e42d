/**
 * The size an exported figure is written at: a width preset (a journal column, a slide,
 * or as shown) and a PNG resolution. The figure is scaled as a whole to the chosen width
 * (its layout is the one on screen), so text scales with it. CSS px are 1/96 in.
 */

export const CSS_PX_PER_INCH = 96;

export type WidthPreset = 'shown' | 'single' | 'double' | 'slide';
export type PngResolution = '1x' | '2x' | '300dpi';

export const WIDTH_PRESETS: readonly { id: WidthPreset; label: string; inches?: number; px?: number }[] = [
  { id: 'shown', label: 'As shown' },
  { id: 'single', label: 'Single column 3.5 in', inches: 3.5 },
  { id: 'double', label: 'Double column 7 in', inches: 7 },
  { id: 'slide', label: 'Slide 1280 px', px: 1280 },
];

/** Dots per inch of each PNG resolution: 1× and 2× are one and two pixels per CSS px. */
export const PNG_RESOLUTIONS: readonly { id: PngResolution; label: string; dpi: number }[] = [
  { id: '1x', label: '1×', dpi: CSS_PX_PER_INCH },
  { id: '2x', label: '2×', dpi: 2 * CSS_PX_PER_INCH },
  { id: '300dpi', label: '300 dpi', dpi: 300 },
];

export interface ExportSettings {
  width: WidthPreset;
  resolution: PngResolution;
}

/** What Export SVG / PNG wrote before there were settings: the figure as shown, PNG at 2×. */
export const DEFAULT_EXPORT_SETTINGS: ExportSettings = { width: 'shown', resolution: '2x' };

export interface ExportGeometry {
  /** The exported figure's size in CSS px. */
  width: number;
  height: number;
  /** The SVG root's width and height attributes: inches for a physical preset ("3.5in"), else px. */
  svgWidth: string;
  svgHeight: string;
  /** PNG size in pixels and the resolution its pHYs chunk states. */
  pixelWidth: number;
  pixelHeight: number;
  dpi: number;
}

function trim(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/**
 * The geometry of a figure shown at `shownWidth × shownHeight` CSS px, exported with `settings`:
 * width = the preset (3.5 in = 336 px), height scaled in proportion; PNG pixels = CSS px × dpi / 96,
 * so a 300-dpi single column is 3.5 × 300 = 1050 px wide.
 */
export function exportGeometry(shownWidth: number, shownHeight: number, settings: ExportSettings): ExportGeometry {
  if (!(shownWidth > 0) || !(shownHeight > 0)) throw new Error(`figure is ${shownWidth}×${shownHeight} px; expected a positive size`);
  const preset = WIDTH_PRESETS.find((p) => p.id === settings.width);
  const resolution = PNG_RESOLUTIONS.find((r) => r.id === settings.resolution);
  if (!preset) throw new Error(`unknown export width: ${settings.width}`);
  if (!resolution) throw new Error(`unknown PNG resolution: ${settings.resolution}`);
  const width = preset.inches !== undefined ? preset.inches * CSS_PX_PER_INCH : (preset.px ?? shownWidth);
  const height = (shownHeight * width) / shownWidth;
  const physical = preset.inches !== undefined;
  const k = resolution.dpi / CSS_PX_PER_INCH;
  return {
    width,
    height,
    svgWidth: physical ? `${trim(width / CSS_PX_PER_INCH)}in` : trim(width),
    svgHeight: physical ? `${trim(height / CSS_PX_PER_INCH)}in` : trim(height),
    pixelWidth: Math.max(1, Math.round(width * k)),
    pixelHeight: Math.max(1, Math.round(height * k)),
    dpi: resolution.dpi,
  };
}
