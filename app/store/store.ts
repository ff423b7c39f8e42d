/**
 * The one application store: a vanilla zustand store (usable outside React, e.g.
 * by URL sync and tests) made of slices. React reads it through `useAppStore`.
 * Per-frame data never goes through here: views push it straight into D3 or three.js.
 */
import { HOME_ROUTE } from './routes';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BackendStatus } from '../../src/workers/backend';
import { coerce, coerceAll, type ParamTable, type ParamValue, type ParamValues } from '../params/spec';

export type Theme = 'light' | 'dark';

export interface Notice {
  id: number;
  text: string;
}

export interface CellState {
  chapterId: string;
  /** The cell's id inside its chapter (the URL's prefix). */
  localId: string;
  viewId: string;
  /** The view's parameter table, kept here so the store, links and saved state never look views up. */
  table: ParamTable;
  params: ParamValues;
}

/** Cells are keyed `<chapter>/<local id>` in the store; links name them by local id within the chapter. */
export function cellKey(chapterId: string, localId: string): string {
  return `${chapterId}/${localId}`;
}

interface NavigationSlice {
  chapterId: string;
  setChapter(id: string): void;
}

interface ThemeSlice {
  theme: Theme;
  setTheme(theme: Theme): void;
}

interface ParamsSlice {
  cells: Record<string, CellState>;
  /** Values from a link by cell key, held until the cell they name registers. */
  pendingLinkValues: Record<string, Record<string, string>>;
  registerCell(chapterId: string, localId: string, viewId: string, table: ParamTable, initial: Record<string, unknown>): void;
  setParam(cellId: string, name: string, value: unknown): void;
  /** Sets several parameters at once (a preset); invalid values are coerced with a notice. */
  setParams(cellId: string, values: Record<string, unknown>): void;
  /** Forgets every cell of a chapter (a different user notebook was opened). */
  clearChapter(chapterId: string): void;
  setPendingLinkValues(values: Record<string, Record<string, string>>): void;
}

interface ComputeSlice {
  backend: BackendStatus | null;
  runningCells: Record<string, boolean>;
  /** Cells whose slider is held by the pointer: their jobs run previews only until release. */
  draggingCells: Record<string, boolean>;
  setBackend(status: BackendStatus): void;
  setJobRunning(cellId: string, running: boolean): void;
  setDragging(cellId: string, dragging: boolean): void;
}

interface NoticeSlice {
  notices: Notice[];
  notify(text: string): void;
  dismiss(id: number): void;
}

export type AppState = NavigationSlice & ThemeSlice & ParamsSlice & ComputeSlice & NoticeSlice & DocumentSlice;

type Set = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;
type Get = () => AppState;

const navigationSlice = (set: Set): NavigationSlice => ({
  chapterId: HOME_ROUTE,
  setChapter: (id) => set({ chapterId: id }),
});

const themeSlice = (set: Set): ThemeSlice => ({
  theme: 'light',
  setTheme: (theme) => set({ theme }),
});

const paramsSlice = (set: Set, get: Get): ParamsSlice => ({
  cells: {},
  pendingLinkValues: {},
  registerCell(chapterId, localId, viewId, table, initial) {
    const cellId = cellKey(chapterId, localId);
    const existing = get().cells[cellId];
    const link = get().pendingLinkValues[cellId];
    // A cell seen before keeps what the user set, unless a link says otherwise.
    if (existing && existing.viewId === viewId && !link) return;
    const fromNotebook = coerceAll(table, initial);
    const fromLink = coerceAll(table, { ...fromNotebook.values, ...(link ?? {}) });
    for (const n of [...fromNotebook.notices, ...fromLink.notices]) get().notify(`${localId}: ${n}`);
    set((s) => {
      const pending = { ...s.pendingLinkValues };
      delete pending[cellId];
      return {
        cells: { ...s.cells, [cellId]: { chapterId, localId, viewId, table, params: fromLink.values } },
        pendingLinkValues: pending,
      };
    });
  },
  setParam(cellId, name, value) {
    const cell = get().cells[cellId];
    const spec = cell?.table.find((p) => p.name === name);
    if (!spec || !cell) return;
    const c = coerce(spec, value);
    if (cell.params[name] === c.value) return;
    set((s) => ({
      cells: { ...s.cells, [cellId]: { ...cell, params: { ...cell.params, [name]: c.value as ParamValue } } },
    }));
  },
  setParams(cellId, values) {
    const cell = get().cells[cellId];
    if (!cell) return;
    const params = { ...cell.params };
    for (const [name, value] of Object.entries(values)) {
      const spec = cell.table.find((p) => p.name === name);
      if (!spec) {
        get().notify(`${cell.localId}: unknown parameter "${name}" ignored`);
        continue;
      }
      const c = coerce(spec, value);
      if (c.notice) get().notify(`${cell.localId}: ${c.notice}`);
      params[name] = c.value;
    }
    if (Object.keys(params).every((k) => params[k] === cell.params[k])) return;
    set((s) => ({ cells: { ...s.cells, [cellId]: { ...cell, params } } }));
  },
  clearChapter(chapterId) {
    set((s) => ({ cells: Object.fromEntries(Object.entries(s.cells).filter(([, c]) => c.chapterId !== chapterId)) }));
  },
  setPendingLinkValues: (values) => set({ pendingLinkValues: values }),
});

/** A notebook the user opened (a file, a drop, or a `notebook=` link). */
export interface UserNotebook {
  /** File name or URL, for the page title and messages. */
  name: string;
  markdown: string;
  /** Set when the notebook came from a URL: share links carry it as `notebook=`. */
  url?: string;
}

/** A `notebook=` link on its way: waiting for the user's consent, loading, or failed. */
export interface NotebookRequest {
  url: string;
  state: 'ask' | 'loading' | 'error';
  message?: string;
}

interface DocumentSlice {
  userNotebook: UserNotebook | null;
  notebookRequest: NotebookRequest | null;
  /** The cell a per-figure link points at (scrolled into view once). */
  focusCell: string | null;
  setUserNotebook(notebook: UserNotebook | null): void;
  setNotebookRequest(request: NotebookRequest | null): void;
  setFocusCell(localId: string | null): void;
}

const documentSlice = (set: Set): DocumentSlice => ({
  userNotebook: null,
  notebookRequest: null,
  focusCell: null,
  setUserNotebook: (userNotebook) => set({ userNotebook }),
  setNotebookRequest: (notebookRequest) => set({ notebookRequest }),
  setFocusCell: (focusCell) => set({ focusCell }),
});

const computeSlice = (set: Set): ComputeSlice => ({
  backend: null,
  runningCells: {},
  setBackend: (status) => set({ backend: status }),
  setJobRunning: (cellId, running) => set((s) => ({ runningCells: { ...s.runningCells, [cellId]: running } })),
  draggingCells: {},
  setDragging: (cellId, dragging) =>
    set((s) => ((s.draggingCells[cellId] ?? false) === dragging ? s : { draggingCells: { ...s.draggingCells, [cellId]: dragging } })),
});

let noticeCounter = 0;
const noticeSlice = (set: Set): NoticeSlice => ({
  notices: [],
  notify: (text) =>
    set((s) => (s.notices.some((n) => n.text === text) ? {} : { notices: [...s.notices.slice(-4), { id: ++noticeCounter, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});

export function createAppStore() {
  return createStore<AppState>()((set, get) => ({
    ...navigationSlice(set),
    ...themeSlice(set),
    ...paramsSlice(set, get),
    ...computeSlice(set),
    ...noticeSlice(set),
    ...documentSlice(set),
  }));
}

export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
