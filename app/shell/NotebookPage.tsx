/**
 * The page for a user's own notebook (`#/notebook`): the "Open notebook" file
 * input, drag and drop onto the page, the consent prompt for a notebook linked
 * from another site, and the notebook itself.
 */
import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../store/store';
import { fingerprint } from '../store/persist';
import { NOTEBOOK_ROUTE } from '../store/routes';
import { fetchNotebook, openNotebookFile } from '../store/userNotebook';
import { appStore } from '../store/store';
import { Notebook } from './Notebook';

export const EXAMPLE_NOTEBOOK_LINK = `#/${NOTEBOOK_ROUTE}?v=1&notebook=notebooks%2Fexample.md`;

/** The "Open notebook" button: a native file input behind a label, so it works by keyboard. */
export function OpenNotebook() {
  const id = useId();
  return (
    <div className="open-notebook">
      <label htmlFor={id} className="button-like">
        Open notebook
      </label>
      <input
        id={id}
        type="file"
        accept=".md,.markdown,.txt,text/markdown,text/plain"
        className="visually-hidden-file"
        aria-label="Open notebook"
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (file) void openNotebookFile(file);
        }}
      />
    </div>
  );
}

/** Listens for files dragged over the page; returns whether one is being dragged. */
export function useNotebookDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files?.[0];
      if (file) void openNotebookFile(file);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return dragging;
}

export function NotebookPage() {
  const notebook = useAppStore((s) => s.userNotebook);
  const request = useAppStore((s) => s.notebookRequest);
  return (
    <>
      {request?.state === 'ask' ? (
        <div className="notebook-consent" role="alertdialog" aria-labelledby="consent-title" aria-describedby="consent-text">
          <h2 id="consent-title">Open a notebook from another site?</h2>
          <p id="consent-text">
            This link asks to load the notebook at <code>{request.url}</code>. Curvature fetches it only if you agree;
            its text is shown as markdown with live figures, and nothing in it runs as code.
          </p>
          <button type="button" onClick={() => void fetchNotebook(request.url)}>
            Open it
          </button>{' '}
          <button type="button" onClick={() => appStore.getState().setNotebookRequest(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {request?.state === 'loading' ? <p className="notebook-loading">Loading {request.url}…</p> : null}
      {request?.state === 'error' ? (
        <p className="view-error" role="alert">
          {request.message}
        </p>
      ) : null}
      {notebook ? (
        <>
          <p className="notebook-source">
            Your notebook: <strong>{notebook.name}</strong>
            {notebook.url ? null : ' (opened from a file: share links carry its settings; the recipient opens the same file)'}
          </p>
          <Notebook key={`${NOTEBOOK_ROUTE}:${fingerprint(notebook.markdown)}`} chapterId={NOTEBOOK_ROUTE} markdown={notebook.markdown} />
        </>
      ) : request?.state === 'ask' || request?.state === 'loading' ? null : (
        <article className="notebook notebook-empty">
          <h1>Your notebook</h1>
          <p>
            Write prose, math and live figures in a markdown file and open it here: press <strong>Open notebook</strong> in
            the navigation or drop the file on the page. Nothing leaves your browser.
          </p>
          <p>
            Start from the <a href={EXAMPLE_NOTEBOOK_LINK}>example notebook</a>; the syntax is described in{' '}
            <code>docs/notebooks.md</code>.
          </p>
        </article>
      )}
    </>
  );
}
