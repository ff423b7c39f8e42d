/**
 * Persistence: the last parameter values of each chapter's cells survive a reload
 * (localStorage, key `curvature:state:<chapter>`), and so does the last user
 * notebook (`curvature:notebook`). Saved values only fill cells that a link did
 * not set: a shared link that was opened always wins.
 */
import { formatParam } from '../params/spec';
import { appStore, cellKey, type AppState, type UserNotebook } from './store';
import { fingerprint } from './fingerprint';
import { NOTEBOOK_ROUTE } from './routes';

export { fingerprint };

const STATE_PREFIX = 'curvature:state:';
const NOTEBOOK_KEY = 'curvature:notebook';
const SAVE_DELAY_MS = 250;
/** The largest notebook kept in storage (localStorage holds about 5 MB per origin). */
export const MAX_SAVED_NOTEBOOK = 1024 * 1024;

interface SavedChapter {
  v: 1;
  /** For user notebooks: a fingerprint of the document the values belong to. */
  doc?: string;
  cells: Record<string, Record<string, string>>;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The cells of a chapter as link values: local id → parameter → text. */
export function chapterValues(state: AppState, chapterId: string): Record<string, Record<string, string>> {
  const cells: Record<string, Record<string, string>> = {};
  for (const cell of Object.values(state.cells)) {
    if (cell.chapterId !== chapterId) continue;
    cells[cell.localId] = Object.fromEntries(cell.table.map((spec) => [spec.name, formatParam(spec, cell.params[spec.name])]));
  }
  return cells;
}

function docOf(state: AppState, chapterId: string): string | undefined {
  return chapterId === NOTEBOOK_ROUTE && state.userNotebook ? fingerprint(state.userNotebook.markdown) : undefined;
}

export function loadSavedChapter(chapterId: string, doc?: string): Record<string, Record<string, string>> | null {
  try {
    const text = storage()?.getItem(STATE_PREFIX + chapterId);
    if (!text) return null;
    const saved = JSON.parse(text) as SavedChapter;
    if (saved?.v !== 1 || typeof saved.cells !== 'object' || saved.cells === null) return null;
    if (saved.doc !== doc) return null;
    return saved.cells;
  } catch {
    return null;
  }
}

/**
 * Queues the saved values of a chapter for its cells that are not on the page
 * yet and that no link has set (pending link values win).
 */
export function restoreSaved(chapterId: string): void {
  const state = appStore.getState();
  if (chapterId === NOTEBOOK_ROUTE && !state.userNotebook) return;
  const saved = loadSavedChapter(chapterId, docOf(state, chapterId));
  if (!saved) return;
  const pending = { ...state.pendingLinkValues };
  let changed = false;
  for (const [localId, values] of Object.entries(saved)) {
    const key = cellKey(chapterId, localId);
    if (state.cells[key] || pending[key] || typeof values !== 'object' || values === null) continue;
    pending[key] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
    changed = true;
  }
  if (changed) state.setPendingLinkValues(pending);
}

export function saveNotebookDocument(notebook: UserNotebook | null): void {
  try {
    if (!notebook) storage()?.removeItem(NOTEBOOK_KEY);
    else if (notebook.markdown.length <= MAX_SAVED_NOTEBOOK) storage()?.setItem(NOTEBOOK_KEY, JSON.stringify(notebook));
  } catch {
    // storage full or unavailable: the notebook stays open for this visit only
  }
}

export function loadNotebookDocument(): UserNotebook | null {
  try {
    const text = storage()?.getItem(NOTEBOOK_KEY);
    if (!text) return null;
    const nb = JSON.parse(text) as UserNotebook;
    if (typeof nb?.markdown !== 'string' || typeof nb.name !== 'string') return null;
    return { name: nb.name, markdown: nb.markdown, ...(typeof nb.url === 'string' ? { url: nb.url } : {}) };
  } catch {
    return null;
  }
}

/** Saves each chapter's values shortly after they change; returns a function that stops it. */
export function startPersistence(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const dirty = new Set<string>();
  const flush = () => {
    timer = null;
    const state = appStore.getState();
    for (const chapterId of dirty) {
      const cells = chapterValues(state, chapterId);
      if (Object.keys(cells).length === 0) continue;
      const saved: SavedChapter = { v: 1, cells, ...(docOf(state, chapterId) ? { doc: docOf(state, chapterId) } : {}) };
      try {
        storage()?.setItem(STATE_PREFIX + chapterId, JSON.stringify(saved));
      } catch {
        // storage full or unavailable: nothing to do, the URL still holds the state
      }
    }
    dirty.clear();
  };
  const unsubscribe = appStore.subscribe((s, prev) => {
    if (s.cells === prev.cells) return;
    for (const [key, cell] of Object.entries(s.cells)) if (prev.cells[key] !== cell) dirty.add(cell.chapterId);
    if (dirty.size === 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, SAVE_DELAY_MS);
  });
  const onHide = () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
  };
  window.addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', onHide);
    if (timer) clearTimeout(timer);
  };
}
