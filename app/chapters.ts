/**
 * The chapters, in the order of the navigation. Each chapter is a markdown
 * notebook (app/notebooks/<id>.md) with prose, KaTeX math and `curvature` cells.
 */
import hessian from './notebooks/hessian.md?raw';
import geodesics from './notebooks/geodesics.md?raw';
import sinkhorn from './notebooks/sinkhorn.md?raw';
import heat from './notebooks/heat.md?raw';
import radii from './notebooks/radii.md?raw';
import optimizer from './notebooks/optimizer.md?raw';
import engine from './notebooks/engine.md?raw';

export interface Chapter {
  id: string;
  title: string;
  markdown: string;
  /** Listed below the chapters (tools, not chapters). */
  appendix?: boolean;
}

export const chapters: readonly Chapter[] = [
  { id: 'hessian', title: 'Hessian spectra', markdown: hessian },
  { id: 'geodesics', title: 'Geodesics', markdown: geodesics },
  { id: 'sinkhorn', title: 'Sinkhorn plans', markdown: sinkhorn },
  { id: 'heat', title: 'Heat-geodesic embeddings', markdown: heat },
  { id: 'radii', title: 'Safe step-size radii', markdown: radii },
  { id: 'optimizer', title: 'Optimizer geometry', markdown: optimizer },
  { id: 'engine', title: 'Compute engine', markdown: engine, appendix: true },
];

export function chapterById(id: string): Chapter | undefined {
  return chapters.find((c) => c.id === id);
}
