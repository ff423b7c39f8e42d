/**
 * Renders a notebook document: sanitized prose with KaTeX, and live cells; a
 * toolbar with Present and Share; and the presentation (teaching) mode, which
 * shows one slide at a time in large type, each fitted to the screen: a cell with
 * its figure and essential controls, or a page of prose (long prose is split into
 * pages, app/shell/slides.ts). In presentation mode the arrow keys, Page Up/Down,
 * Home and End step (unless a control has the focus, where arrows move the
 * control), F toggles full screen and Escape leaves.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { renderNotebook } from '../markdown/notebook';
import { appStore } from '../store/store';
import { shareLink } from '../store/urlSync';
import { FigureFitContext } from '../plots/figureFit';
import { Cell } from './Cell';
import { ErrorBoundary } from './ErrorBoundary';
import { ShareButton } from '../frame/ShareButton';
import { PresentationBar } from './PresentationBar';
import { showPage } from './slideBlocks';
import { slideIndexOf, slideList, type Page } from './slides';
import { useFullscreen } from './useFullscreen';
import { useProsePages } from './useProsePages';
import { useSlideFit } from './useSlideFit';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** A prose segment showing only the blocks of one page (all of them when `page` is null). */
function ProseSegment({ html, page, ...rest }: { html: string; page: Page | null; className: string; 'data-segment': number; style?: React.CSSProperties; ref?: React.Ref<HTMLDivElement> }) {
  const own = useRef<HTMLDivElement | null>(null);
  useLayoutEffect(() => {
    if (own.current) showPage(own.current, page);
  }, [page, html]);
  const { ref, ...props } = rest;
  return (
    <div
      {...props}
      ref={(el) => {
        own.current = el;
        if (typeof ref === 'function') ref(el);
        else if (ref) (ref as React.RefObject<HTMLDivElement | null>).current = el;
      }}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

export function Notebook({ chapterId, markdown }: { chapterId: string; markdown: string }) {
  const segments = useMemo(() => renderNotebook(markdown).filter((s) => s.kind === 'cell' || s.html.trim() !== ''), [markdown]);
  const [slide, setSlide] = useState<number | null>(null);
  const presenting = slide !== null;
  const article = useRef<HTMLElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const current = useRef<HTMLDivElement | null>(null);
  const presentButton = useRef<HTMLButtonElement>(null);
  const fullscreen = useFullscreen(article);
  const pages = useProsePages(presenting, measure, useCallback(() => current.current, []), segments);
  const slides = useMemo(() => slideList(segments.length, pages), [segments.length, pages]);
  const count = slides.length;
  const shown = slide === null ? null : slides[Math.min(slide, count - 1)];
  const fit = useSlideFit(current, shown ? `${shown.segment}:${shown.page?.[0] ?? 0}` : null);

  // A new split (first measure, a resize) keeps the slide on the same text.
  const previous = useRef(slides);
  useEffect(() => {
    const before = previous.current;
    previous.current = slides;
    setSlide((i) => {
      if (i === null || before === slides) return i;
      const was = before[Math.min(i, before.length - 1)];
      return was ? slideIndexOf(slides, was.segment, was.page?.[0] ?? 0) : Math.min(i, slides.length - 1);
    });
  }, [slides]);

  const leave = useCallback(() => {
    const last = shown?.segment ?? null;
    fullscreen.exit();
    setSlide(null);
    requestAnimationFrame(() => {
      presentButton.current?.focus();
      if (last !== null) document.querySelector(`[data-segment="${last}"]`)?.scrollIntoView({ block: 'start', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
    });
  }, [shown, fullscreen]);

  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        leave();
        return;
      }
      if (isEditable(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        fullscreen.toggle();
        return;
      }
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
  }, [presenting, count, leave, fullscreen]);

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

  const move = (to: number) => setSlide(Math.min(count - 1, Math.max(0, to)));
  return (
    <article className={presenting ? 'notebook presenting' : 'notebook'} ref={article}>
      <div className="notebook-toolbar" role="toolbar" aria-label="Notebook">
        <button type="button" ref={presentButton} onClick={() => setSlide(0)} disabled={count === 0}>
          Present
        </button>
        <ShareButton label="Share page" getLink={() => shareLink()} />
      </div>
      {presenting ? <PresentationBar index={slide} count={count} onMove={move} onLeave={leave} fullscreen={fullscreen} /> : null}
      <div
        className="notebook-stage"
        ref={stage}
        tabIndex={presenting ? -1 : undefined}
        role={presenting ? 'region' : undefined}
        aria-roledescription={presenting ? 'presentation' : undefined}
        aria-label={presenting ? `Presentation, part ${slide + 1} of ${count}` : undefined}
      >
        {presenting ? (
          // A hidden copy of the prose at a slide's width and type, for splitting it into pages.
          <div className="presentation-measure" ref={measure} aria-hidden="true">
            {segments.map((segment, i) =>
              segment.kind === 'prose' ? <div key={i} data-measure={i} className="segment prose" dangerouslySetInnerHTML={{ __html: segment.html }} /> : null,
            )}
          </div>
        ) : null}
        {segments.map((segment, i) => {
          const isCurrent = shown !== null && i === shown.segment;
          const className = `segment${presenting ? (isCurrent ? ' current' : ' off-stage') : ''}`;
          const ref = isCurrent ? current : undefined;
          return segment.kind === 'prose' ? (
            <ProseSegment
              key={i}
              data-segment={i}
              className={`${className} prose`}
              html={segment.html}
              page={isCurrent ? (shown.page ?? null) : null}
              ref={ref}
              style={isCurrent && fit.proseScale < 1 ? { fontSize: `${fit.proseScale}em` } : undefined}
            />
          ) : (
            <div key={`${chapterId}/${segment.cell.localId}`} data-segment={i} className={className} ref={ref} data-plot-budget={isCurrent ? (fit.figureHeight ?? undefined) : undefined}>
              <FigureFitContext.Provider value={isCurrent ? fit.figureHeight : null}>
                <ErrorBoundary label={segment.cell.viewId}>
                  <Cell chapterId={chapterId} cell={segment.cell} presenting={presenting} />
                </ErrorBoundary>
              </FigureFitContext.Provider>
            </div>
          );
        })}
      </div>
    </article>
  );
}
