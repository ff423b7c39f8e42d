/**
 * Keeps the URL and the store in step. The store is the source of truth while
 * the page runs; the hash is rewritten (replaceState, so the back button is not
 * flooded) after parameters settle, and a changed hash (a pasted link, back and
 * forward between chapters) is read back into the store.
 */
import { formatParam } from '../params/spec';
import { viewRegistry } from '../views/registry';
import { chapterById, chapters } from '../chapters';
import { appStore, cellKey } from './store';
import { formatHash, parseHash } from './url';

const WRITE_DELAY_MS = 150;

export function currentHash(): string {
  const s = appStore.getState();
  const cells: Record<string, Record<string, string>> = {};
  for (const cell of Object.values(s.cells)) {
    if (cell.chapterId !== s.chapterId) continue;
    const table = viewRegistry.get(cell.viewId)?.params ?? [];
    cells[cell.localId] = Object.fromEntries(table.map((spec) => [spec.name, formatParam(spec, cell.params[spec.name])]));
  }
  return formatHash(s.chapterId, cells);
}

/** Reads a hash into the store: chapter, then parameter values for that chapter's cells. */
export function applyHash(hash: string): void {
  const state = appStore.getState();
  const parsed = parseHash(hash);
  for (const n of parsed.notices) state.notify(n);
  let chapterId = parsed.chapterId ?? chapters[0].id;
  if (!chapterById(chapterId)) {
    state.notify(`no chapter "${chapterId}"; showing "${chapters[0].title}"`);
    chapterId = chapters[0].id;
  }
  state.setChapter(chapterId);
  const pending: Record<string, Record<string, string>> = {};
  for (const [localId, values] of Object.entries(parsed.cells)) {
    const key = cellKey(chapterId, localId);
    const cell = appStore.getState().cells[key];
    if (!cell) {
      pending[key] = values;
      continue;
    }
    const table = viewRegistry.get(cell.viewId)?.params ?? [];
    for (const [name, value] of Object.entries(values)) {
      if (!table.some((p) => p.name === name)) {
        state.notify(`${localId}: unknown parameter "${name}" ignored`);
        continue;
      }
      appStore.getState().setParam(key, table, name, value);
    }
  }
  appStore.getState().setPendingLinkValues({ ...appStore.getState().pendingLinkValues, ...pending });
}

/** Starts syncing; returns a function that stops it. */
export function startUrlSync(win: Window = window): () => void {
  applyHash(win.location.hash);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastChapter = appStore.getState().chapterId;
  let writing = false;
  const write = () => {
    timer = null;
    const hash = currentHash();
    if (hash === win.location.hash) return;
    writing = true;
    const url = `${win.location.pathname}${win.location.search}${hash}`;
    const chapterChanged = appStore.getState().chapterId !== lastChapter;
    lastChapter = appStore.getState().chapterId;
    if (chapterChanged) win.history.pushState(null, '', url);
    else win.history.replaceState(null, '', url);
    writing = false;
  };
  const unsubscribe = appStore.subscribe((s, prev) => {
    if (s.cells === prev.cells && s.chapterId === prev.chapterId) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, s.chapterId !== prev.chapterId ? 0 : WRITE_DELAY_MS);
  });
  const onHashChange = () => {
    if (writing) return;
    applyHash(win.location.hash);
    lastChapter = appStore.getState().chapterId;
  };
  // Back/forward between hash entries and pasted links both fire hashchange (popstate would double it).
  win.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    win.removeEventListener('hashchange', onHashChange);
    if (timer) clearTimeout(timer);
  };
}
