/**
 * Keeps the URL and the store in step. The store is the source of truth while
 * the page runs; the hash is rewritten (replaceState, so the back button is not
 * flooded) after parameters settle, and a changed hash (a pasted link, back and
 * forward between chapters) is read back into the store.
 *
 * The address bar shows the plain, readable form; {@link shareLink} gives the
 * compressed form when it is long (see url.ts).
 */
import { chapterById, chapters } from '../chapters';
import { appStore, cellKey } from './store';
import { formatHash, formatShareHash, parseHash } from './url';
import { chapterValues, loadNotebookDocument, restoreSaved } from './persist';
import { HOME_ROUTE, NOTEBOOK_ROUTE } from './routes';
import { openNotebookText, requestNotebookUrl } from './userNotebook';

const WRITE_DELAY_MS = 150;

/** Query entries besides cell values: where the open user notebook lives. */
function extras(chapterId: string): Record<string, string> {
  const url = appStore.getState().userNotebook?.url;
  return chapterId === NOTEBOOK_ROUTE && url ? { notebook: url } : {};
}

export function currentHash(): string {
  const s = appStore.getState();
  // The landing page's preview figures carry no state worth a link: it is always plain `#/`.
  if (s.chapterId === HOME_ROUTE) return '#/';
  return formatHash(s.chapterId, chapterValues(s, s.chapterId), extras(s.chapterId));
}

/**
 * The link that reproduces the page (or, with `focusCell`, points at one cell of it):
 * chapter, every parameter of every cell, the notebook's URL for user notebooks;
 * compressed into `z=` when long.
 */
export function shareLink(focusCell?: string): string {
  const s = appStore.getState();
  const extra = { ...extras(s.chapterId), ...(focusCell ? { cell: focusCell } : {}) };
  const hash = s.chapterId === HOME_ROUTE ? '#/' : formatShareHash(s.chapterId, chapterValues(s, s.chapterId), extra);
  const search = new URLSearchParams(window.location.search);
  const query = search.toString();
  return `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ''}${hash}`;
}

let applying = false;

/** Reads a hash into the store: chapter, then parameter values for that chapter's cells. */
export function applyHash(hash: string): void {
  applying = true;
  try {
    applyHashInner(hash);
  } finally {
    applying = false;
  }
}

function applyHashInner(hash: string): void {
  const state = appStore.getState();
  const parsed = parseHash(hash);
  for (const n of parsed.notices) state.notify(n);
  let chapterId = parsed.chapterId ?? HOME_ROUTE;
  if (chapterId !== NOTEBOOK_ROUTE && chapterId !== HOME_ROUTE && !chapterById(chapterId)) {
    state.notify(`no chapter "${chapterId}"; showing "${chapters[0].title}"`);
    chapterId = chapters[0].id;
  }
  state.setChapter(chapterId);
  if (parsed.focusCell) state.setFocusCell(parsed.focusCell);
  const pending: Record<string, Record<string, string>> = {};
  // A link to another user notebook: its values wait for that notebook's cells, not the open one's.
  const otherDocument = chapterId === NOTEBOOK_ROUTE && parsed.notebook !== undefined && parsed.notebook !== state.userNotebook?.url;
  for (const [localId, values] of Object.entries(parsed.cells)) {
    const key = cellKey(chapterId, localId);
    const cell = appStore.getState().cells[key];
    if (!cell || otherDocument) {
      pending[key] = values;
      continue;
    }
    const table = cell.table;
    for (const [name, value] of Object.entries(values)) {
      if (!table.some((p) => p.name === name)) {
        state.notify(`${localId}: unknown parameter "${name}" ignored`);
        continue;
      }
      appStore.getState().setParam(key, name, value);
    }
  }
  appStore.getState().setPendingLinkValues({ ...appStore.getState().pendingLinkValues, ...pending });
  if (chapterId === NOTEBOOK_ROUTE) {
    if (parsed.notebook) requestNotebookUrl(parsed.notebook);
    else if (!appStore.getState().userNotebook) {
      const saved = loadNotebookDocument();
      if (saved) openNotebookText(saved.name, saved.markdown, { url: saved.url, keepLinkValues: true });
    }
  }
  // A link that names no values (a plain chapter address, a reload of one) gets the last saved state.
  if (Object.keys(parsed.cells).length === 0) restoreSaved(chapterId);
}

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(win: Window = window): () => void {
  applyHash(win.location.hash);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastChapter = appStore.getState().chapterId;
  let writing = false;
  // The hash this module last wrote or read. Another hash in the address bar is a navigation
  // whose hashchange event has not been handled yet (a pasted link, a link followed while a
  // write was due): it wins over the store's state, which it is about to replace.
  let known = win.location.hash;
  const write = () => {
    timer = null;
    if (win.location.hash !== known) {
      onHashChange();
      return;
    }
    const hash = currentHash();
    if (hash === win.location.hash) return;
    writing = true;
    const url = `${win.location.pathname}${win.location.search}${hash}`;
    const chapterChanged = appStore.getState().chapterId !== lastChapter;
    lastChapter = appStore.getState().chapterId;
    if (chapterChanged) win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
    // As the browser serializes it (it may percent-encode what formatHash left plain).
    known = win.location.hash;
    writing = false;
  };
  const unsubscribe = appStore.subscribe((s, prev) => {
    // Navigating in the page (not through a link) to a chapter not yet shown restores its last state.
    if (s.chapterId !== prev.chapterId && !applying) restoreSaved(s.chapterId);
    if (s.cells === prev.cells && s.chapterId === prev.chapterId && s.userNotebook === prev.userNotebook) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, s.chapterId !== prev.chapterId ? 0 : WRITE_DELAY_MS);
  });
  function onHashChange(): void {
    if (writing || win.location.hash === known) return;
    known = win.location.hash;
    applyHash(known);
    lastChapter = appStore.getState().chapterId;
  }
  // Back/forward between hash entries and pasted links both fire hashchange (popstate would double it).
  win.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
    if (timer) clearTimeout(timer);
  };
}
