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
  /** One line for the chapter's card on the landing page. */
  summary: string;
  /** Listed below the chapters (tools, not chapters). */
  appendix?: boolean;
}

export const chapters: readonly Chapter[] = [
  {
    id: 'hessian',
    title: 'Hessian spectra',
    markdown: hessian,
    summary: 'Train small networks live and watch the Hessian split into a bulk and a few outliers as sharpness meets 2/η.',
  },
  {
    id: 'geodesics',
    title: 'Geodesics',
    markdown: geodesics,
    summary: 'Shortest paths between SPD matrices under four metrics, on surfaces, the sphere, the Poincaré disk and the Grassmannian.',
  },
  {
    id: 'sinkhorn',
    title: 'Sinkhorn plans',
    markdown: sinkhorn,
    summary: 'Entropic optimal transport: how ε blurs the plan, why the log domain is needed, and how the solvers race.',
  },
  {
    id: 'heat',
    title: 'Heat-geodesic embeddings',
    markdown: heat,
    summary: 'Recover geodesic distances on a point cloud from the heat kernel of its graph and embed them with MDS.',
  },
  {
    id: 'radii',
    title: 'Safe step-size radii',
    markdown: radii,
    summary: 'The nearest complex singularity of the loss along a step bounds where its Taylor series holds, and so the safe step size.',
  },
  {
    id: 'optimizer',
    title: 'Optimizer geometry',
    markdown: optimizer,
    summary: 'Matrix sensing, AdamP on the sphere, M-FAC, SVEN and Langevin dynamics: what each optimizer assumes about the loss.',
  },
  {
    id: 'engine',
    title: 'Compute engine',
    markdown: engine,
    summary: 'The same kernels on WebGPU and on the CPU path, timed side by side.',
    appendix: true,
  },
];

export function chapterById(id: string): Chapter | undefined {
  return chapters.find((c) => c.id === id);
}
