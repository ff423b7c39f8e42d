/**
 * The heat chapter's pipeline as memoised stages (ctx.stages, src/workers/stageCache.ts):
 *   data → kNN → graph (affinities, Laplacian, λ_max) → [eigendecomposition] → heat kernel
 *   (t, route, order) → distances (σ) → embedding (classical MDS, SMACOF).
 * Each stage's key holds exactly the parameters it reads, nested in its inputs' keys, so a
 * slider recomputes only what is downstream of it: t alone reuses the graph and the
 * eigendecomposition; MDS iterations alone reuse the distances. The stages are the geometry
 * functions of src/geometry/heat (the ones its unit tests check); only the memo lives here.
 * Cached values are shared with later runs and are never changed in place.
 */
import {
  capComponentDistances,
  chebyshevTruncationBound,
  comparatorDistanceStage,
  checkPointCloud,
  diffusionMap,
  diffusionTimeCurve,
  evenSubsample,
  graphStage,
  heatDistanceStage,
  heatKernelStage,
  heatRouteFor,
  kernelNeighbourCount,
  laplacianEigen,
  loadedPointCloud,
  makeDataset,
  potentialFromPowers,
  subsampleDiffusionTime,
  type EntropyCurve,
  type GraphStage,
  type HeatKernelStage,
  type HeatRoute,
  type PointCloud,
  viewCoordinates,
} from '../../geometry/heat';
import { knnBruteForce, type NeighbourLists } from '../../geometry/linalg/distances';
import type { SymmetricEigen } from '../../geometry/linalg/symmetricEigen';
import { mulberry32 } from '../../geometry/random';
import { KNN_MAX_K, knnGpu } from '../../kernels/knn/knn';
import { diffusionPowersWasm, heatKernelChebyshevDenseWasm, knnBruteForceWasm } from '../../kernels/wasm/heatKernels';
import { stageKey } from '../stageCache';
import { InputError, JobCancelled, type JobContext } from '../job';
import { heatKernelChebyshevPooled } from '../heatPool';
import type { WasmKernelModule } from '../../kernels/wasm/wasm';
import type { HeatMethod } from '../../catalogue/heat';
import type { ParamTable } from '../../catalogue/params';
import { HEAT_EXACT_MAX_ROWS, rowLimit, stepsOf, validateParams, type HeatCompareParams, type HeatData, type HeatProgress, type Prepared } from './heatStages';

export type Keyed = Record<string, unknown>;

/** One job run's view of the memo: stage names (a subsample gets its own slots), timings and hits. */
export class HeatPipeline {
  readonly timings: Record<string, number> = {};
  readonly cached: string[] = [];
  readonly maxRows: number;
  private readonly prefix: string;

  constructor(
    readonly ctx: JobContext<HeatProgress>,
    readonly p: HeatCompareParams,
    readonly data: HeatData | null,
    /** The job's slider entries (src/catalogue/heat.ts): validated against, and `n`'s max is the row limit. */
    readonly table: ParamTable,
  ) {
    this.maxRows = rowLimit(table);
    // a preview's subsample must not evict the full run's stages (one slot per stage name)
    this.prefix = p.subsample ? 'preview/' : '';
  }

  async stage<T>(name: string, key: unknown, compute: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    let computed = false;
    const value = await this.ctx.stages.run(this.prefix + name, key, () => {
      computed = true;
      return compute();
    });
    this.timings[name] = (this.timings[name] ?? 0) + performance.now() - t0;
    if (!computed) this.cached.push(name);
    return value;
  }

  last<T>(name: string): T | undefined {
    return this.ctx.stages.last<T>(this.prefix + name);
  }

  private dataKeyMemo: Keyed | null = null;

  /** The data stage's key: the synthetic data set's parameters, or the loaded arrays (hashed once per run). */
  get dataKey(): Keyed {
    this.dataKeyMemo ??= this.makeDataKey();
    return this.dataKeyMemo;
  }

  private makeDataKey(): Keyed {
    const { p, data } = this;
    if (p.dataset !== 'data') return { dataset: p.dataset, n: p.n, noise: p.noise, seed: p.seed, subsample: p.subsample ?? 0 };
    if (!data) throw new InputError('dataset is "data" but no data was loaded');
    // every later key nests this one: hash the arrays here once, not at each stage
    const loaded = stageKey([data.points, data.n, data.d, data.labels ?? null, data.groundTruth ?? null, data.groundTruthDim ?? 0, data.color ?? null]);
    return { loaded, subsample: p.subsample ?? 0 };
  }

  get graphKey(): Keyed {
    return { data: this.dataKey, k: this.p.k, alpha: this.p.alpha, laplacian: this.p.laplacian, backend: this.ctx.gpu ? 'webgpu' : 'cpu' };
  }

  /** The points (made, or loaded; subsampled for a preview) and the checks on them. */
  async prepared(): Promise<Prepared> {
    const { p } = this;
    validateParams(p, this.table);
    const base = await this.stage('data', this.dataKey, () => loadPoints(p, this.data));
    const warnings = await this.stage('check', { data: this.dataKey, k: p.k }, () => {
      try {
        return checkPointCloud(base.points, base.n, base.d, p.k, this.maxRows).warnings;
      } catch (e) {
        throw new InputError((e as Error).message);
      }
    });
    if (p.heat === 'exact' && base.n > HEAT_EXACT_MAX_ROWS) {
      throw new InputError(`the exact heat kernel is O(n³): n = ${base.n} is more than ${HEAT_EXACT_MAX_ROWS}; use Chebyshev`);
    }
    return { ...base, warnings: [...base.warnings, ...warnings], skipQuality: p.skipQuality === true };
  }

  async neighbours(x: Prepared): Promise<NeighbourLists> {
    const kk = kernelNeighbourCount(this.p.k, x.n);
    const gpu = this.ctx.gpu;
    return this.stage('knn', { data: this.dataKey, k: this.p.k, backend: gpu ? 'webgpu' : 'cpu' }, async () => {
      if (gpu && kk <= KNN_MAX_K) {
        const r = await knnGpu(gpu, x.points, x.n, x.d, kk);
        return { indices: r.indices, squaredDistances: Float64Array.from(r.squaredDistances), k: kk };
      }
      // WASM and JS give the same lists (same order, same ties): one cache entry serves both
      return this.ctx.wasm ? knnBruteForceWasm(this.ctx.wasm.instantiate(), x.points, x.n, x.d, kk) : knnBruteForce(x.points, x.n, x.d, kk);
    });
  }

  async graph(x: Prepared): Promise<GraphStage> {
    const neighbours = await this.neighbours(x);
    return this.stage('graph', this.graphKey, () => graphStage(x.points, x.n, x.d, { k: this.p.k, alpha: this.p.alpha, laplacian: this.p.laplacian, neighbours }));
  }

  /** The diffusion time: `t` (scaled to a subsample's density), or the entropy knee. */
  async diffusionTime(g: GraphStage, x: Prepared): Promise<{ t: number; entropy: EntropyCurve | null }> {
    const { p } = this;
    if (!p.autoT) return { t: x.subsampledFrom ? subsampleDiffusionTime(p.t, x.n, x.subsampledFrom) : p.t, entropy: null };
    const entropy = await this.stage('entropy', { graph: this.graphKey }, () => {
      this.ctx.progress({ stage: 'entropy sweep for t', fraction: 0.2 }, true);
      return diffusionTimeCurve(g.laplacian, g.lambdaMax, p.laplacian);
    });
    return { t: entropy.times[entropy.knee], entropy };
  }

  /** The heat kernel's route: as asked, or for 'auto' by n and backend (`heatRouteFor`). */
  route(n: number): HeatRoute {
    return heatRouteFor(this.p.heat, n, Boolean(this.ctx.gpu), Boolean(this.ctx.wasm));
  }

  /** H_t on the CPU by `route`; the eigendecomposition is its own stage (keyed by the graph), so t alone reuses it. */
  async heatKernel(g: GraphStage, route: HeatRoute, t: number): Promise<{ kernel: HeatKernelStage; key: Keyed }> {
    const key = { graph: this.graphKey, route, t, order: route === 'chebyshev' ? this.p.order : null };
    let eigen: SymmetricEigen | null = null;
    if (route !== 'chebyshev') {
      eigen = await this.stage('eigen', { graph: this.graphKey }, () => {
        this.ctx.progress({ stage: 'eigendecomposition of the Laplacian', fraction: 0.25 }, true);
        return laplacianEigen(g.laplacian);
      });
      await this.ctx.checkpoint();
    }
    const wasm = this.ctx.wasm;
    const onBlock = (done: number, total: number) =>
      this.ctx.progress({ stage: `Chebyshev heat kernel${wasm ? ' (WASM)' : ''}: ${done}/${total} columns`, fraction: 0.2 + (0.4 * done) / total });
    // the WASM recurrence equals heatKernelChebyshevDense entry for entry (pooled or not), so the stage key does not name the path
    const kernel = await this.stage('heat', key, async () =>
      route === 'chebyshev' && wasm
        ? { heat: await this.chebyshevWasm(wasm, g, t, stageKey(key), onBlock), route, truncationBound: chebyshevTruncationBound(t, g.lambdaMax, this.p.order), eigenpairs: 0 }
        : heatKernelStage(g, eigen, { route, t, order: this.p.order }, onBlock),
    );
    return { kernel, key };
  }

  /**
   * The WASM Chebyshev heat kernel, its column blocks split across the worker pool when the engine
   * lends it (heatPool.ts; the pool's unit is operator entries, and each of the n² entries costs
   * about `order` sparse steps), else on this worker alone; a failing helper reruns it here.
   */
  private async chebyshevWasm(wasm: WasmKernelModule, g: GraphStage, t: number, key: string, onBlock: (done: number, total: number) => void): Promise<Float64Array> {
    const n = g.laplacian.rows;
    const lease = this.ctx.acquirePool?.(n * n * this.p.order) ?? null;
    if (lease) {
      try {
        return await heatKernelChebyshevPooled(wasm, lease, g.laplacian, g.lambdaMax, t, this.p.order, 64, key, () => this.ctx.checkpoint(), onBlock);
      } catch (error) {
        if (error instanceof JobCancelled) throw error;
        lease.fail();
      } finally {
        lease.release();
      }
    }
    return heatKernelChebyshevDenseWasm(wasm, g.laplacian, g.lambdaMax, t, this.p.order, 64, onBlock);
  }

  async heatDistances(g: GraphStage, x: Prepared, heatKey: Keyed, kernel: HeatKernelStage, t: number): Promise<{ distances: Float64Array; key: Keyed }> {
    const key = { heat: heatKey, sigma: this.p.sigma };
    const distances = await this.stage('distances', key, () => heatDistanceStage(kernel.heat, x.n, t, this.p.sigma, g.components));
    return { distances, key };
  }

  /** A comparator's distances (PHATE-like potential, shortest paths), capped across components. */
  async comparatorDistances(method: Exclude<HeatMethod, 'heatgeo' | 'diffusion'>, g: GraphStage, x: Prepared): Promise<{ distances: Float64Array; key: Keyed }> {
    const key = { graph: this.graphKey, method, steps: method === 'phate' ? stepsOf(this.p) : null };
    const wasm = this.ctx.wasm;
    const distances = await this.stage(`distances/${method}`, key, () => {
      if (method !== 'phate' || !wasm) return comparatorDistanceStage(method, g, x.n, this.p.k, stepsOf(this.p));
      // P^steps by the WASM CSR × dense product (equal to diffusionPowers entry for entry), the rest as the reference
      const distances = potentialFromPowers(diffusionPowersWasm(wasm, g.graph.weights, stepsOf(this.p)), x.n);
      if (g.components.count > 1) capComponentDistances(distances, x.n, g.components.labels);
      return distances;
    });
    return { distances, key };
  }

  async diffusionMap(g: GraphStage): Promise<Float64Array> {
    const { p } = this;
    return this.stage('embedding/diffusion', { graph: this.graphKey, dims: p.dims, steps: stepsOf(p), seed: p.seed }, () => diffusionMap(g.graph.weights, p.dims, stepsOf(p), mulberry32(p.seed + 2)).embedding);
  }
}

/** The points of a run: a synthetic data set or the loaded data, evenly subsampled for a preview. */
export function loadPoints(p: HeatCompareParams, data: HeatData | null): Prepared {
  let full: PointCloud;
  if (p.dataset !== 'data') {
    const ds = makeDataset(p.dataset, p.n, p.noise, mulberry32(p.seed));
    full = { ...ds, d: ds.dim };
  } else if (data) full = loadedPointCloud(data);
  else throw new InputError('dataset is "data" but no data was loaded');
  const { cloud, from } = evenSubsample(full, p.subsample ?? 0);
  const { points, n, d, color, labels, groundTruth } = cloud;
  const warnings = d > 3 ? [`the 3-D view shows the first 3 of ${d} columns`] : [];
  return { points, n, d, input: viewCoordinates(points, n, d), color, labels, groundTruth, warnings, skipQuality: p.skipQuality === true, subsampledFrom: from };
}
