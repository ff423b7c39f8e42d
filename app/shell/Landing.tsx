/**
 * The landing page (`#/`): the overview prose of app/notebooks/home.md and one
 * card per chapter with its title, summary, a small figure and a link into it.
 *
 * A card's figure is the live cell of home.md whose id is the chapter's id (only
 * cheap views go there: the page must not start every chapter's jobs at once);
 * the other cards show the chapter's screenshot from docs/screenshots.
 */
import { useMemo } from 'react';
import { chapters } from '../chapters';
import { renderNotebook, type CellSpec } from '../markdown/notebook';
import { HOME_ROUTE } from '../store/routes';
import { useAppStore } from '../store/store';
import { Cell } from './Cell';
import { ErrorBoundary } from './ErrorBoundary';
import { navigate } from './navigate';

const screenshots = import.meta.glob<string>('../../docs/screenshots/*-{light,dark}.png', { eager: true, import: 'default', query: '?url' });

function screenshot(chapterId: string, theme: string): string | undefined {
  return screenshots[`../../docs/screenshots/${chapterId}-${theme}.png`];
}

export function Landing({ markdown }: { markdown: string }) {
  const theme = useAppStore((s) => s.theme);
  const segments = useMemo(() => renderNotebook(markdown), [markdown]);
  const overview = segments.flatMap((s) => (s.kind === 'prose' ? [s.html] : [])).join('');
  const cells = new Map(segments.flatMap((s) => (s.kind === 'cell' ? [[s.cell.localId, s.cell] as [string, CellSpec]] : [])));
  return (
    <article className="notebook landing">
      <div className="prose" dangerouslySetInnerHTML={{ __html: overview }} />
      <ul className="landing-cards" aria-label="Chapters">
        {chapters
          .filter((c) => !c.appendix)
          .map((c) => {
            const cell = cells.get(c.id);
            const image = screenshot(c.id, theme);
            return (
              <li key={c.id} className="landing-card" data-chapter={c.id}>
                <h2>
                  <a href={`#/${c.id}`} onClick={(e) => navigate(e, c.id)}>
                    {c.title}
                  </a>
                </h2>
                <p className="landing-summary">{c.summary}</p>
                <div className={cell ? 'landing-figure live' : 'landing-figure'}>
                  {cell ? (
                    <ErrorBoundary label={cell.viewId}>
                      <Cell chapterId={HOME_ROUTE} cell={cell} />
                    </ErrorBoundary>
                  ) : image ? (
                    <img src={image} alt={`The ${c.title} chapter`} loading="lazy" width={1200} height={900} />
                  ) : null}
                </div>
              </li>
            );
          })}
      </ul>
    </article>
  );
}
