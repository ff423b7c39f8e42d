/**
 * What a notebook cell tells the frame around its figure, without going through
 * the view component (views keep their ViewProps contract): the cell's local id
 * and its share link, whether the page is presenting, the controls the fence hides
 * or locks in presentation mode, and the presets offered.
 */
import { createContext, useContext } from 'react';

export interface CellPreset {
  name: string;
  values: Record<string, string | number | boolean>;
}

export interface CellPresentation {
  localId: string;
  presenting: boolean;
  hide: readonly string[];
  lock: readonly string[];
  presets: readonly CellPreset[];
  /** The values the notebook fence gives the cell (its defaults, with the table's for the rest): "Reset to defaults" returns here. */
  initial?: Readonly<Record<string, unknown>>;
  /** The link that reproduces this figure (the shell binds it to the address bar's state). */
  shareLink: () => string;
}

export const CellContext = createContext<CellPresentation | null>(null);

export function useCellPresentation(): CellPresentation | null {
  return useContext(CellContext);
}
