/**
 * Export SVG / Export PNG of a cell's figure, and the export settings beside them: a
 * <details> disclosure (keyboard: Tab to its summary, Enter or Space opens it) with the
 * width preset and the PNG resolution (app/io/exportSize.ts). Settings are per cell and
 * start at what exports wrote before they existed: as shown, PNG at 2×.
 */
import { useId, useState, type RefObject } from 'react';
import { exportPng, exportSvg } from '../io/exporters';
import { DEFAULT_EXPORT_SETTINGS, PNG_RESOLUTIONS, WIDTH_PRESETS, type ExportSettings, type PngResolution, type WidthPreset } from '../io/exportSize';

interface Props {
  figure: RefObject<SVGSVGElement | HTMLCanvasElement | null>;
  /** File name without extension. */
  name: string;
  title: string;
  onError: (message: string | null) => void;
}

export function FigureExportButtons({ figure, name, title, onError }: Props) {
  const [settings, setSettings] = useState<ExportSettings>(DEFAULT_EXPORT_SETTINGS);
  const id = useId();
  const widthLabel = WIDTH_PRESETS.find((p) => p.id === settings.width)?.label ?? settings.width;
  const resolutionLabel = PNG_RESOLUTIONS.find((r) => r.id === settings.resolution)?.label ?? settings.resolution;
  return (
    <>
      {figure.current instanceof HTMLCanvasElement ? null : (
        <button
          type="button"
          onClick={() => {
            onError(null);
            if (figure.current instanceof SVGSVGElement) exportSvg(figure.current, name, settings).catch((e: Error) => onError(`SVG export failed: ${e.message}`));
          }}
        >
          Export SVG
        </button>
      )}
      <button
        type="button"
        onClick={() => {
          onError(null);
          if (figure.current) exportPng(figure.current, name, settings).catch((e: Error) => onError(`PNG export failed: ${e.message}`));
        }}
      >
        Export PNG
      </button>
      <details className="export-settings">
        <summary title={`Size of the SVG and PNG exports of ${title}`}>
          Size: {widthLabel} · PNG {resolutionLabel}
        </summary>
        <div className="export-settings-body">
          <label htmlFor={`${id}-width`}>Export width</label>
          <select id={`${id}-width`} value={settings.width} onChange={(e) => setSettings({ ...settings, width: e.target.value as WidthPreset })}>
            {WIDTH_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-resolution`}>PNG resolution</label>
          <select id={`${id}-resolution`} value={settings.resolution} onChange={(e) => setSettings({ ...settings, resolution: e.target.value as PngResolution })}>
            {PNG_RESOLUTIONS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      </details>
    </>
  );
}
