/**
 * Renders a notebook document: sanitized prose with KaTeX, and live cells; a
 * toolbar with Present and Share; and the presentation (teaching) mode, which
 * shows one segment at a time in large type. In presentation mode the arrow keys,
 * Page Up/Down, Home and End step (unless a control has the focus, where arrows
 * move the control) and Escape leaves.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { renderNotebook } from '../markdown/notebook';
import { appStore } from '../store/store';
import { shareLink } from '../store/urlSync';
import { Cell } from './Cell';
import { ErrorBoundary } from './ErrorBoundary';
import { ShareButton } from '../frame/ShareButton';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

export function Notebook({ chapterId, markdown }: { chapterId: string; markdown: string }) {
  const segments = useMemo(() => renderNotebook(markdown).filter((s) => s.kind === 'cell' || s.html.trim() !== ''), [markdown]);
  const [slide, setSlide] = useState<number | null>(null);
  const presenting = slide !== null;
  const stage = useRef<HTMLDivElement>(null);
  const presentButton = useRef<HTMLButtonElement>(null);
  const count = segments.length;

  const leave = useCallback(() => {
    const last = slide;
    setSlide(null);
    requestAnimationFrame(() => {
      presentButton.current?.focus();
      if (last !== null) document.querySelector(`[data-segment="${last}"]`)?.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    });
  }, [slide]);

  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        leave();
        return;
      }
      if (isEditable(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const step: Record<string, (i: number) => number> = {
        ArrowRight: (i) => i + 1,
        ArrowDown: (i) => i + 1,
        PageDown: (i) => i + 1,
        ArrowLeft: (i) => i - 1,
        ArrowUp: (i) => i - 1,
        PageUp: (i) => i - 1,
        Home: () => 0,
        End: () => count - 1,
      };
      const move = step[e.key];
      if (!move) return;
      e.preventDefault();
      setSlide((i) => Math.min(count - 1, Math.max(0, move(i ?? 0))));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [presenting, count, leave]);

  useEffect(() => {
    if (presenting) stage.current?.focus();
  }, [presenting, slide]);

  // A per-figure link (`cell=<id>`) scrolls its cell into view once it has rendered.
  useEffect(() => {
    const target = appStore.getState().focusCell;
    if (!target) return;
    let frames = 0;
    let handle = 0;
    const seek = () => {
      const el = document.getElementById(`cell-${target}`);
      if (el) {
        el.scrollIntoView({ block: 'start' });
        appStore.getState().setFocusCell(null);
      } else if (frames++ < 120) handle = requestAnimationFrame(seek);
    };
    handle = requestAnimationFrame(seek);
    return () => cancelAnimationFrame(handle);
  }, [segments]);

  return (
    <article className={presenting ? 'notebook presenting' : 'notebook'}>
      <div className="notebook-toolbar" role="toolbar" aria-label="Notebook">
        <button type="button" ref={presentButton} onClick={() => setSlide(0)} disabled={count === 0}>
          Present
        </button>
        <ShareButton label="Share page" getLink={() => shareLink()} />
      </div>
      <div
        className="notebook-stage"
        ref={stage}
        tabIndex={presenting ? -1 : undefined}
        role={presenting ? 'region' : undefined}
        aria-roledescription={presenting ? 'presentation' : undefined}
        aria-label={presenting ? `Presentation, part ${slide + 1} of ${count}` : undefined}
      >
        {presenting ? (
          <div className="presentation-bar">
            <span className="presentation-position" aria-live="polite">
              {slide + 1} / {count}
            </span>
            <button type="button" onClick={() => setSlide((i) => Math.max(0, (i ?? 0) - 1))} disabled={slide === 0}>
              Previous
            </button>
            <button type="button" onClick={() => setSlide((i) => Math.min(count - 1, (i ?? 0) + 1))} disabled={slide === count - 1}>
              Next
            </button>
            <button type="button" onClick={leave}>
              Leave presentation
            </button>
            <span className="presentation-hint">← → step · Esc leaves</span>
          </div>
        ) : null}
        {segments.map((segment, i) => {
          const current = presenting && i === slide;
          const className = `segment${presenting ? (current ? ' current' : ' off-stage') : ''}`;
          return segment.kind === 'prose' ? (
            <div key={i} data-segment={i} className={`${className} prose`} dangerouslySetInnerHTML={{ __html: segment.html }} />
          ) : (
            <div key={`${chapterId}/${segment.cell.localId}`} data-segment={i} className={className}>
              <ErrorBoundary label={segment.cell.viewId}>
                <Cell chapterId={chapterId} cell={segment.cell} presenting={presenting} />
              </ErrorBoundary>
            </div>
          );
        })}
      </div>
    </article>
  );
}
