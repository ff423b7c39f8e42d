/** Renders a notebook document: sanitized prose with KaTeX, and live cells. */
import { useMemo } from 'react';
import { renderNotebook } from '../markdown/notebook';
import { Cell } from './Cell';
import { ErrorBoundary } from './ErrorBoundary';

export function Notebook({ chapterId, markdown }: { chapterId: string; markdown: string }) {
  const segments = useMemo(() => renderNotebook(markdown), [markdown]);
  return (
    <article className="notebook">
      {segments.map((segment, i) =>
        segment.kind === 'prose' ? (
          <div key={i} className="prose" dangerouslySetInnerHTML={{ __html: segment.html }} />
        ) : (
          <ErrorBoundary key={`${chapterId}/${segment.cell.localId}`} label={segment.cell.viewId}>
            <Cell chapterId={chapterId} cell={segment.cell} />
          </ErrorBoundary>
        ),
      )}
    </article>
  );
}
