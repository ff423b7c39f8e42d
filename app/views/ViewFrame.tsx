/**
 * The frame around every figure: title, generated controls, progress with a
 * Cancel button, the error next to the figure (the last good figure stays), the
 * backend that computed it, a text description for screen readers, and the
 * export bar (JSON always; SVG/PNG when the view hands over its figure element).
 */
import { useState, type ReactNode, type RefObject } from 'react';
import { ParamControls } from '../controls/ParamControls';
import type { ParamTable, ParamValue, ParamValues } from '../params/spec';
import { exportJson, exportPng, exportSvg } from '../io/exporters';
import type { UseJob } from '../engine/useJob';
import { currentHash } from '../store/urlSync';

export interface ProgressInfo {
  /** 0…1 when known. */
  fraction?: number;
  text?: string;
}

interface Props {
  chapterId: string;
  viewId: string;
  cellId: string;
  title: string;
  table: ParamTable;
  params: ParamValues;
  setParam(name: string, value: ParamValue): void;
  job?: Pick<UseJob<unknown, unknown>, 'status' | 'error' | 'backend' | 'fallback' | 'seconds' | 'cancel'>;
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
  children: ReactNode;
}

export function ViewFrame(props: Props) {
  const { job, progress, figure } = props;
  const [exportError, setExportError] = useState<string | null>(null);
  const running = job?.status === 'running';
  const error = props.error ?? (job?.status === 'error' ? job.error : null) ?? exportError;
  const name = `${props.chapterId}-${props.viewId}`;
  const link = () => `${window.location.origin}${window.location.pathname}${window.location.search}${currentHash()}`;
  return (
    <section className="view-frame" aria-label={props.title} data-view={props.viewId} data-cell={props.cellId}>
      <header className="view-header">
        <h3>{props.title}</h3>
        <span className="view-meta" data-testid="view-meta">
          {job?.backend ? `${job.backend === 'webgpu' ? 'WebGPU' : 'CPU'}` : ''}
          {job?.seconds != null && job.status === 'done' ? ` · ${job.seconds < 1 ? `${(job.seconds * 1000).toFixed(0)} ms` : `${job.seconds.toFixed(2)} s`}` : ''}
          {job?.fallback ? ` · GPU failed, reran on CPU (${job.fallback})` : ''}
        </span>
      </header>
      <div className="view-body">
        <div className="view-controls">
          <ParamControls table={props.table} values={props.params} onChange={props.setParam} hidden={props.hiddenParams} />
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
                <span className="progress-text">{progress?.text ?? 'computing…'}</span>
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
          {props.children}
          {props.description ? <p className="figure-description">{props.description}</p> : null}
          <div className="export-bar">
            <button
              type="button"
              disabled={!props.exportResult}
              onClick={() => props.exportResult && exportJson(props.chapterId, props.viewId, props.params, props.exportResult(), link())}
            >
              Export JSON
            </button>
            {figure ? (
              <>
                {figure.current instanceof HTMLCanvasElement ? null : (
                  <button
                    type="button"
                    onClick={() => figure.current instanceof SVGSVGElement && exportSvg(figure.current, name)}
                  >
                    Export SVG
                  </button>
                )}
                <button
                  type="button"
                  onClick={() => {
                    setExportError(null);
                    if (figure.current) exportPng(figure.current, name).catch((e: Error) => setExportError(`PNG export failed: ${e.message}`));
                  }}
                >
                  Export PNG
                </button>
              </>
            ) : null}
          </div>
        </div>
      </div>
    </section>
  );
}
