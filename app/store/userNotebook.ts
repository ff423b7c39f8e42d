/**
 * Opening a user's notebook: from a file (the "Open notebook" input or a drop on
 * the page) or from a `notebook=` link. A link to the site's own origin is fetched
 * at once; a link to another site must be https and is fetched only after the
 * user agrees. Whatever the source, the markdown is rendered by the same
 * sanitizing renderer as the chapters (app/markdown/notebook.ts).
 */
import { appStore, cellKey } from './store';
import { classifyNotebookUrl } from './notebookUrl';
import { MAX_SAVED_NOTEBOOK, restoreSaved, saveNotebookDocument } from './persist';
import { NOTEBOOK_ROUTE } from './routes';

/** The largest notebook accepted, in bytes (characters). */
export const MAX_NOTEBOOK_BYTES = 2 * 1024 * 1024;
const NOTEBOOK_EXTENSIONS = /\.(md|markdown|txt)$/i;

/** Shows a notebook's text on the notebook page. `keepLinkValues`: values from the link that opened it still apply. */
export function openNotebookText(name: string, markdown: string, options: { url?: string; keepLinkValues?: boolean } = {}): void {
  const state = appStore.getState();
  if (markdown.length > MAX_NOTEBOOK_BYTES) {
    state.notify(`notebook "${name}" is ${markdown.length} bytes; at most ${MAX_NOTEBOOK_BYTES} are accepted`);
    return;
  }
  state.clearChapter(NOTEBOOK_ROUTE);
  if (!options.keepLinkValues) {
    const prefix = cellKey(NOTEBOOK_ROUTE, '');
    state.setPendingLinkValues(Object.fromEntries(Object.entries(state.pendingLinkValues).filter(([k]) => !k.startsWith(prefix))));
  }
  const notebook = { name, markdown, ...(options.url ? { url: options.url } : {}) };
  state.setNotebookRequest(null);
  state.setUserNotebook(notebook);
  saveNotebookDocument(notebook);
  if (markdown.length > MAX_SAVED_NOTEBOOK) state.notify(`notebook "${name}" is too large to keep for the next visit`);
  restoreSaved(NOTEBOOK_ROUTE);
  if (appStore.getState().chapterId !== NOTEBOOK_ROUTE) {
    appStore.getState().setChapter(NOTEBOOK_ROUTE);
    window.scrollTo(0, 0);
  }
}

/** Reads a file the user chose or dropped; errors become notices. */
export async function openNotebookFile(file: File): Promise<void> {
  const state = appStore.getState();
  if (!NOTEBOOK_EXTENSIONS.test(file.name)) {
    state.notify(`"${file.name}" is not a markdown notebook (expected .md, .markdown or .txt)`);
    return;
  }
  if (file.size > MAX_NOTEBOOK_BYTES) {
    state.notify(`notebook "${file.name}" is ${file.size} bytes; at most ${MAX_NOTEBOOK_BYTES} are accepted`);
    return;
  }
  // Values from a link that arrived before any notebook was open (a share link of a notebook opened from a
  // file) apply to the file the recipient now opens.
  openNotebookText(file.name, await file.text(), { keepLinkValues: appStore.getState().userNotebook === null });
}

/** Handles a `notebook=` value from a link. */
export function requestNotebookUrl(raw: string): void {
  const state = appStore.getState();
  if (state.userNotebook?.url === raw) return;
  if (state.notebookRequest?.url === raw && state.notebookRequest.state !== 'error') return;
  const verdict = classifyNotebookUrl(raw, document.baseURI, window.location.origin);
  if (verdict.kind === 'refused') {
    state.setNotebookRequest({ url: raw, state: 'error', message: verdict.reason });
    return;
  }
  if (verdict.kind === 'remote') {
    state.setNotebookRequest({ url: raw, state: 'ask' });
    return;
  }
  void fetchNotebook(raw);
}

/** Fetches a notebook by URL (after consent for remote ones) and opens it. */
export async function fetchNotebook(raw: string): Promise<void> {
  const state = appStore.getState();
  const verdict = classifyNotebookUrl(raw, document.baseURI, window.location.origin);
  if (verdict.kind === 'refused') {
    state.setNotebookRequest({ url: raw, state: 'error', message: verdict.reason });
    return;
  }
  state.setNotebookRequest({ url: raw, state: 'loading' });
  try {
    const response = await fetch(verdict.url, {
      credentials: verdict.kind === 'same-origin' ? 'same-origin' : 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
    });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_NOTEBOOK_BYTES) throw new Error(`it is ${length} bytes; at most ${MAX_NOTEBOOK_BYTES} are accepted`);
    const text = await response.text();
    if (appStore.getState().notebookRequest?.url !== raw) return; // superseded by another request
    openNotebookText(verdict.url.pathname.split('/').pop() || raw, text, { url: raw, keepLinkValues: true });
  } catch (error) {
    const message = error instanceof TypeError ? 'the network request failed (offline, blocked, or the site does not allow it)' : (error as Error).message;
    appStore.getState().setNotebookRequest({ url: raw, state: 'error', message: `could not open the notebook at ${raw}: ${message}` });
  }
}
