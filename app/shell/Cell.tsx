/** A live cell: looks up its view, registers its parameters in the store, renders the view. */
import { useEffect, useMemo } from 'react';
import { viewRegistry } from '../views/registry';
import { appStore, cellKey, useAppStore } from '../store/store';
import type { CellSpec } from '../markdown/notebook';
import type { ParamValue } from '../params/spec';
import { CellContext, type CellPresentation } from '../frame/cellContext';
import { shareLink } from '../store/urlSync';

export function Cell({ chapterId, cell, presenting = false }: { chapterId: string; cell: CellSpec; presenting?: boolean }) {
  const view = viewRegistry.get(cell.viewId);
  const key = cellKey(chapterId, cell.localId);
  const state = useAppStore((s) => s.cells[key]);
  useEffect(() => {
    if (view) appStore.getState().registerCell(chapterId, cell.localId, view.id, view.params, cell.values);
  }, [chapterId, cell, view]);
  const presentation = useMemo<CellPresentation>(
    () => ({
      localId: cell.localId,
      initial: cell.values,
      shareLink: () => shareLink(cell.localId),
      presenting,
      hide: cell.hide ?? [],
      lock: cell.lock ?? [],
      presets: [
        ...(view?.presets ?? []).map((p) => ({
          name: p.name,
          values: Object.fromEntries(Object.entries(p.values).filter((e): e is [string, ParamValue] => e[1] !== undefined)),
        })),
        ...(cell.presets ?? []),
      ],
    }),
    [cell, view, presenting],
  );
  if (cell.error || !view) {
    return (
      <div className="cell-error" role="alert">
        {cell.error ?? `no view named "${cell.viewId}" (known: ${[...viewRegistry.keys()].join(', ')})`}
      </div>
    );
  }
  if (!state) return <div className="cell-loading">Preparing {view.title}…</div>;
  const View = view.component;
  return (
    <div className="cell" id={`cell-${cell.localId}`}>
      <CellContext.Provider value={presentation}>
        <View
          cellId={key}
          chapterId={chapterId}
          params={state.params}
          setParam={(name: string, value: ParamValue) => appStore.getState().setParam(key, name, value)}
        />
      </CellContext.Provider>
    </div>
  );
}
