/** A live cell: looks up its view, registers its parameters in the store, renders the view. */
import { useEffect } from 'react';
import { viewRegistry } from '../views/registry';
import { appStore, cellKey, useAppStore } from '../store/store';
import type { CellSpec } from '../markdown/notebook';
import type { ParamValue } from '../params/spec';

export function Cell({ chapterId, cell }: { chapterId: string; cell: CellSpec }) {
  const view = viewRegistry.get(cell.viewId);
  const key = cellKey(chapterId, cell.localId);
  const state = useAppStore((s) => s.cells[key]);
  useEffect(() => {
    if (view) appStore.getState().registerCell(chapterId, cell.localId, view.id, view.params, cell.values);
  }, [chapterId, cell, view]);
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
      <View
        cellId={key}
        chapterId={chapterId}
        params={state.params}
        setParam={(name: string, value: ParamValue) => appStore.getState().setParam(key, view.params, name, value)}
      />
    </div>
  );
}
