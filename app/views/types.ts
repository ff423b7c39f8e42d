/**
 * The contract of a view: a figure with its parameter table. Chapters place views
 * in their markdown with a `curvature` fence (see docs/notebooks.md):
 *
 *     ```curvature
 *     view: sinkhorn-plan
 *     epsilon: 0.01
 *     ```
 *
 * Each placement is a cell with its own id and parameter values.
 */
import type { ComponentType } from 'react';
import type { ParamTable, ParamValue, ParamValues } from '../params/spec';
import type { JobName } from '../../src/workers/jobs';

export interface ViewProps {
  /** Unique per placement: prefixes this cell's parameters in the URL. */
  cellId: string;
  /** The chapter the cell lives in (export file names use it). */
  chapterId: string;
  /** Validated parameter values (always complete: defaults fill the gaps). */
  params: ParamValues;
  setParam(name: string, value: ParamValue): void;
}

/** A named configuration a view offers (shown as a button that jumps the view there). */
export interface ViewPreset {
  name: string;
  values: Partial<ParamValues>;
}

export interface ViewDefinition {
  /** Stable id used in notebooks and URLs, e.g. `sinkhorn-plan`. */
  id: string;
  title: string;
  params: ParamTable;
  /**
   * The jobs the view runs. Their parameter entries (src/catalogue/<chapter>.ts) must appear
   * in `params` unchanged: tests/unit/architecture/paramSpecs.test.ts checks it.
   */
  jobs?: readonly JobName[];
  component: ComponentType<ViewProps>;
  /** Optional named configurations, e.g. "r just below 1"; notebooks may add their own (`preset:` lines). */
  presets?: readonly ViewPreset[];
}
