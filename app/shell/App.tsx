/** The notebook shell: navigation, status, theme, notices and the open chapter. */
import { useEffect } from 'react';
import { chapterById, chapters } from '../chapters';
import { appStore, useAppStore, type Theme } from '../store/store';
import { HOME_ROUTE, NOTEBOOK_ROUTE } from '../store/routes';
import home from '../notebooks/home.md?raw';
import { statusText } from '../../src/catalogue/backendStatus';
import { Notebook } from './Notebook';
import { NotebookPage, OpenNotebook, useNotebookDrop } from './NotebookPage';
import { Landing } from './Landing';
import { navigate } from './navigate';

export function App() {
  const chapterId = useAppStore((s) => s.chapterId);
  const theme = useAppStore((s) => s.theme);
  const userNotebook = useAppStore((s) => s.userNotebook);
  const onNotebookPage = chapterId === NOTEBOOK_ROUTE;
  const onHome = chapterId === HOME_ROUTE;
  const chapter = chapterById(chapterId) ?? chapters[0];
  const current = (id: string) => (!onNotebookPage && !onHome && id === chapter.id ? 'page' : undefined);
  const dragging = useNotebookDrop();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.title = onHome ? 'Curvature' : onNotebookPage ? `${userNotebook?.name ?? 'Open a notebook'} · Curvature` : `${chapter.title} · Curvature`;
  }, [chapter, onHome, onNotebookPage, userNotebook]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to the chapter
      </a>
      <nav className="sidebar" aria-label="Chapters">
        <a className="brand" href="#/" aria-current={onHome ? 'page' : undefined} onClick={(e) => navigate(e, HOME_ROUTE)}>
          Curvature
        </a>
        <p className="tagline">the geometry of learning, live</p>
        <ul>
          {chapters
            .filter((c) => !c.appendix)
            .map((c) => (
              <li key={c.id}>
                <a href={`#/${c.id}`} aria-current={current(c.id)} onClick={(e) => navigate(e, c.id)}>
                  {c.title}
                </a>
              </li>
            ))}
        </ul>
        <ul className="appendix">
          {chapters
            .filter((c) => c.appendix)
            .map((c) => (
              <li key={c.id}>
                <a href={`#/${c.id}`} aria-current={current(c.id)} onClick={(e) => navigate(e, c.id)}>
                  {c.title}
                </a>
              </li>
            ))}
        </ul>
        <div className="sidebar-notebook">
          <a
            href={`#/${NOTEBOOK_ROUTE}`}
            className="your-notebook"
            aria-current={onNotebookPage ? 'page' : undefined}
            onClick={(e) => navigate(e, NOTEBOOK_ROUTE)}
          >
            {userNotebook ? `Your notebook: ${userNotebook.name}` : 'Your notebook'}
          </a>
          <OpenNotebook />
        </div>
        <ThemeToggle theme={theme} />
        <StatusBadge />
      </nav>
      <main id="main" className="content">
        <Notices />
        {onHome ? <Landing markdown={home} /> : onNotebookPage ? <NotebookPage /> : <Notebook key={chapter.id} chapterId={chapter.id} markdown={chapter.markdown} />}
      </main>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop a markdown notebook (.md) to open it
        </div>
      ) : null}
    </div>
  );
}

function ThemeToggle({ theme }: { theme: Theme }) {
  const next: Theme = theme === 'light' ? 'dark' : 'light';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={`Switch to ${next} theme`}
      onClick={() => {
        appStore.getState().setTheme(next);
        try {
          localStorage.setItem('curvature:theme', next);
        } catch {
          // storage may be unavailable (private mode); the theme still applies
        }
      }}
    >
      {theme === 'light' ? 'Dark theme' : 'Light theme'}
    </button>
  );
}

function StatusBadge() {
  const backend = useAppStore((s) => s.backend);
  const running = useAppStore((s) => Object.values(s.runningCells).some(Boolean));
  const text = backend ? statusText(backend) : 'Compute: starting…';
  const detail = backend && backend.kind === 'cpu' && backend.detail ? backend.detail : undefined;
  return (
    <div className="status-badge" role="status" title={detail} data-backend={backend?.kind ?? 'starting'}>
      {text}
      {running ? <span className="busy-dot" aria-hidden="true" /> : null}
    </div>
  );
}

function Notices() {
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className="notice" role="note">
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss notice" onClick={() => appStore.getState().dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
