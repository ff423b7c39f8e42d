/**
 * The frame around every figure: title, generated controls, progress with a
 * Cancel button (and, for training and race cells, play / pause / step and a step counter), the error next to the figure (the last good figure stays), the
 * backend that computed it, a text description for screen readers, and the
 * export bar (JSON always; CSV when the view gives a table or its result holds
 * numeric arrays; SVG/PNG when the view hands over its figure element), a Share
 * button, and the presets and presentation settings of the notebook cell (read
 * from the cell's context, so views need not pass them).
 */
import { useId, useState, type ReactNode, type RefObject } from 'react';
import { ParamControls } from '../controls/ParamControls';
import { coerce, coerceAll, describeValue, type ParamTable, type ParamValue, type ParamValues } from '../params/spec';
import { csvFromResult, exportCsv, exportJson, type CsvTable } from '../io/exporters';
import type { UseJob } from '../engine/useJob';
import { appStore } from '../store/store';
import { useCellPresentation, type CellPreset } from './cellContext';
import { FigureExportButtons } from './FigureExportButtons';
import { ShareButton } from './ShareButton';
import { PlayControls, type PlayState } from './PlayControls';
import { runPathText } from '../../src/catalogue/backendStatus';

export interface ProgressInfo {
  /** 0…1 when known. */
  fraction?: number;
  text?: string;
}

/** The progress of a job that reports `done` of `steps` (training and race cells): "step 40 of 300". */
export function stepProgress(progress: { done: number; steps: number } | null | undefined): ProgressInfo | undefined {
  return progress ? { fraction: progress.done / progress.steps, text: `step ${progress.done} of ${progress.steps}` } : undefined;
}

interface Props {
  chapterId: string;
  viewId: string;
  cellId: string;
  title: string;
  table: ParamTable;
  params: ParamValues;
  setParam(name: string, value: ParamValue): void;
  job?: Pick<UseJob<unknown, unknown>, 'status' | 'error' | 'backend' | 'fallback' | 'seconds' | 'cancel'> &
    PlayState & {
      /** The CPU path the job took (`WASM SIMD ×2 workers`, …), shown beside "CPU". */
      cpuPath?: string | null;
      preview?: boolean;
      expectedSeconds?: number | null;
      /** A training or race cell: while it runs, the frame offers play / pause / step. */
      streams?: boolean;
    };
  progress?: ProgressInfo;
  /** The result object written under "result" by Export JSON; null disables the button. */
  exportResult?: () => unknown;
  /** The figure element for Export SVG / PNG. */
  figure?: RefObject<SVGSVGElement | HTMLCanvasElement | null>;
  /** A sentence or two saying what the figure shows and its key numbers (screen readers, exports). */
  description?: string;
  /** Extra controls (e.g. Load data) shown under the generated ones. */
  tools?: ReactNode;
  /** An input problem found by the view itself (e.g. a loaded file that does not fit). */
  error?: string | null;
  hiddenParams?: readonly string[];
  /** Parameters whose controls are shown but cannot be changed (teaching mode). */
  lockedParams?: readonly string[];
  /** The figure's data as a table for Export CSV; without it, CSV is derived from numeric arrays in `exportResult`. */
  exportCsv?: () => CsvTable;
  children: ReactNode;
}

/** "4 s", "1.5 s", "2 min". */
function formatSeconds(seconds: number): string {
  if (seconds >= 90) return `${Math.round(seconds / 60)} min`;
  return seconds >= 10 ? `${Math.round(seconds)} s` : `${seconds.toPrecision(2)} s`;
}

function presetActive(table: ParamTable, params: ParamValues, preset: CellPreset): boolean {
  return Object.entries(preset.values).every(([name, value]) => {
    const spec = table.find((p) => p.name === name);
    return spec !== undefined && coerce(spec, value).value === params[name];
  });
}

function defaultDescription(title: string, table: ParamTable, params: ParamValues): string {
  const settings = table.map((spec) => `${spec.label} ${describeValue(spec, params[spec.name] ?? spec.default)}`).join(', ');
  return `${title}${settings ? `, with ${settings}` : ''}.`;
}

/**
 * While a run is in flight the figure shows its progress but the cell's result is still the
 * previous run's: a data export then would pair the new parameters with the old numbers, and the
 * file would not rerun to itself. Data exports wait for the run to end; figure exports stay.
 */
const dataWaits = 'The data exports when this run ends (until then the result is the previous run\'s)';

export function ViewFrame(props: Props) {
  const { job, progress, figure } = props;
  const [exportError, setExportError] = useState<string | null>(null);
  const running = job?.status === 'running';
  const error = props.error ?? (job?.status === 'error' ? job.error : null) ?? exportError;
  const name = `${props.chapterId}-${props.viewId}`;
  const cell = useCellPresentation();
  const localId = cell?.localId ?? props.cellId.slice(props.cellId.indexOf('/') + 1);
  const presenting = cell?.presenting ?? false;
  const hidden = [...(props.hiddenParams ?? []), ...(presenting ? (cell?.hide ?? []) : [])];
  const locked = [...(props.lockedParams ?? []), ...(presenting ? (cell?.lock ?? []) : [])].filter((n) => !hidden.includes(n));
  const lockedShown = props.table.filter((p) => locked.includes(p.name));
  const presets = cell?.presets ?? [];
  const link = cell?.shareLink;
  const descriptionId = useId();
  const description = props.description ?? defaultDescription(props.title, props.table, props.params);
  const csv = (): CsvTable | null => props.exportCsv?.() ?? (props.exportResult ? csvFromResult(props.exportResult()) : null);
  // The cell's defaults: the notebook fence's values over the table's defaults.
  const initial = coerceAll(props.table, cell?.initial ?? {}).values;
  const atDefaults = props.table.every((p) => locked.includes(p.name) || props.params[p.name] === initial[p.name]);
  const resetToDefaults = () =>
    // Through the store, so the URL and the figure follow as for any other change.
    appStore.getState().setParams(props.cellId, Object.fromEntries(Object.entries(initial).filter(([n]) => !locked.includes(n))));
  const applyPreset = (preset: CellPreset) => {
    const unknown = Object.keys(preset.values).filter((n) => !props.table.some((p) => p.name === n));
    for (const n of unknown) appStore.getState().notify(`${localId}: preset "${preset.name}" names unknown parameter "${n}"`);
    for (const [n, v] of Object.entries(preset.values)) if (!unknown.includes(n) && !locked.includes(n)) props.setParam(n, v);
  };
  return (
    <section className="view-frame" aria-label={props.title} aria-describedby={descriptionId} data-view={props.viewId} data-cell={props.cellId}>
      <header className="view-header">
        <h3>{props.title}</h3>
        <span className="view-meta" data-testid="view-meta">
          {job?.backend ? runPathText(job.backend, job.cpuPath ?? undefined) : ''}
          {job?.seconds != null && job.status === 'done' ? ` · ${job.seconds < 1 ? `${(job.seconds * 1000).toFixed(0)} ms` : `${job.seconds.toFixed(2)} s`}` : ''}
          {job?.fallback ? ` · GPU failed, reran on CPU (${job.fallback})` : ''}
        </span>
      </header>
      <div className="view-body">
        <div className="view-controls">
          <ParamControls
            table={props.table}
            values={props.params}
            onChange={props.setParam}
            hidden={[...hidden, ...locked]}
            onDrag={(active) => appStore.getState().setDragging(props.cellId, active)}
          />
          {lockedShown.length > 0 ? (
            <div className="locked-params" role="group" aria-label="Locked settings">
              <ParamControls
                table={props.table}
                values={props.params}
                onChange={props.setParam}
                hidden={props.table.filter((p) => !locked.includes(p.name)).map((p) => p.name)}
                disabled
              />
            </div>
          ) : null}
          {presets.length > 0 ? (
            <div className="presets" role="group" aria-label="Presets">
              {presets.map((preset) => (
                <button
                  key={preset.name}
                  type="button"
                  className="preset"
                  aria-pressed={presetActive(props.table, props.params, preset)}
                  onClick={() => applyPreset(preset)}
                >
                  {preset.name}
                </button>
              ))}
            </div>
          ) : null}
          <button type="button" className="reset-defaults" disabled={atDefaults} onClick={resetToDefaults} title="Put every setting of this cell back to the value the chapter gives it">
            Reset to defaults
          </button>
          {props.tools}
        </div>
        <div className="view-figure">
          <div className="view-status" aria-live="polite">
            {running ? (
              <div className="progress-row">
                <progress
                  max={1}
                  value={progress?.fraction ?? undefined}
                  aria-label={`${props.title} progress`}
                />
                <span className="progress-text">
                  {job?.paused ? (job.parked ? 'Paused · ' : 'Pausing… · ') : ''}
                  {progress?.text ?? 'computing…'}
                  {job?.expectedSeconds ? ` · may take up to about ${formatSeconds(job.expectedSeconds)}` : ''}
                </span>
                {job?.streams ? <PlayControls job={job} title={props.title} /> : null}
                <button type="button" onClick={() => job?.cancel()}>
                  Cancel
                </button>
              </div>
            ) : job?.status === 'cancelled' ? (
              <span className="progress-text">Cancelled — showing the last finished result.</span>
            ) : null}
            {error ? (
              <p className="view-error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
          {job?.preview ? (
            <p className="preview-label" data-testid="preview-label">
              {job.status === 'running' ? 'Preview — refining…' : 'Preview — release the slider for the full figure'}
            </p>
          ) : null}
          {props.children}
          <p className="figure-description" id={descriptionId} data-testid="figure-description">
            {description}
          </p>
          <div className="export-bar">
            <button
              type="button"
              disabled={!props.exportResult || running}
              title={running ? dataWaits : undefined}
              onClick={() => props.exportResult && exportJson(props.chapterId, props.viewId, props.params, props.exportResult(), link?.())}
            >
              Export JSON
            </button>
            <button
              type="button"
              disabled={(!props.exportCsv && !props.exportResult) || running}
              title={running ? dataWaits : undefined}
              onClick={() => {
                setExportError(null);
                const table = csv();
                if (table) exportCsv(table, name);
                else setExportError('this figure has no table of numbers to export as CSV');
              }}
            >
              Export CSV
            </button>
            {figure ? <FigureExportButtons figure={figure} name={name} title={props.title} onError={setExportError} /> : null}
            {link && <ShareButton label="Share" ariaLabel={`Share ${props.title}`} getLink={link} />}
          </div>
        </div>
      </div>
    </section>
  );
}
