/** Every view, by id. Chapters place them in their notebooks with `curvature` fences. */
import type { ViewDefinition } from './types';
import { views as engine } from './engine';
import { views as sinkhorn } from './sinkhorn';
import { views as heat } from './heat';
import { views as hessian } from './hessian';
import { views as radii } from './radii';
import { views as geodesics } from './geodesics';
import { views as optimizer } from './optimizer';

export const viewRegistry: ReadonlyMap<string, ViewDefinition> = new Map(
  [...engine, ...sinkhorn, ...heat, ...hessian, ...radii, ...geodesics, ...optimizer].map((v) => [v.id, v]),
);
