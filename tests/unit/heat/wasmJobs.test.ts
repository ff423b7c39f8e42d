/**
 * The heat jobs' CPU path on the WASM SIMD kernels (kNN, Chebyshev heat kernel, diffusion powers,
 * SMACOF) against the same jobs on the JavaScript references, and the stage memo on that path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, F64_EXACT } from '../../../src/geometry/tolerance';
import { loadKernelsNode } from '../../../src/kernels/wasm/loadNode';
import type { WasmKernelModule } from '../../../src/kernels/wasm/wasm';
import { standaloneContext } from '../../../src/workers/job';
import { StageCache } from '../../../src/workers/stageCache';
import { inProcessPool } from '../poolInProcess';
import { compareJob, embedJob, type HeatParams } from '../../../src/workers/jobs/heat';

let wasm: WasmKernelModule;
beforeAll(async () => {
  const loaded = await loadKernelsNode();
  if (!loaded) throw new Error('Node lacks WebAssembly SIMD');
  wasm = loaded;
});

const base: HeatParams = {
  dataset: 'swissroll',
  n: 160,
  noise: 0.05,
  k: 10,
  alpha: 40,
  laplacian: 'normalized',
  t: 32,
  autoT: false,
  order: 40,
  sigma: 1,
  heat: 'chebyshev',
  method: 'heatgeo',
  mdsIterations: 12,
  dims: 2,
  seed: 1,
};

describe('heat jobs on the WASM kernels', () => {
  it('heat/embed (Chebyshev) gives the JavaScript path’s embedding, stress and iterations', async () => {
    const js = await embedJob.cpu(standaloneContext(), base, null);
    const w = await embedJob.cpu(standaloneContext({ wasm }), base, null);
    expect(w.iterations).toBe(js.iterations);
    expectClose(w.embedding, js.embedding, F64_EXACT, 'embedding');
    expectClose(w.stress, js.stress, F64_EXACT, 'stress');
  });

  it('heat/embed with the heat kernel split across the worker pool gives the single-threaded WASM embedding bit for bit', async () => {
    const log: string[] = [];
    const pool = inProcessPool(wasm, 2, { log });
    const single = await embedJob.cpu(standaloneContext({ wasm }), base, null);
    const pooled = await embedJob.cpu(standaloneContext({ wasm, pool }), base, null);
    expect(log).toContain('heatBlock');
    expect(Array.from(pooled.embedding)).toEqual(Array.from(single.embedding));
    expect(pooled.stress).toBe(single.stress);
  });

  it('the landmark path (heat columns on WASM) gives the JavaScript path’s embedding', async () => {
    const p = { ...base, n: 200, landmarks: 40 };
    const js = await embedJob.cpu(standaloneContext(), p, null);
    const w = await embedJob.cpu(standaloneContext({ wasm }), p, null);
    expect(w.landmarks).toBe(40);
    expectClose(w.embedding, js.embedding, F64_EXACT, 'landmark embedding');
  });

  it('with WASM, heat = auto takes the Chebyshev route at n = 160 (the JS path takes the eigen route)', async () => {
    const w = await embedJob.cpu(standaloneContext({ wasm }), { ...base, heat: 'auto', mdsIterations: 0 }, null);
    const js = await embedJob.cpu(standaloneContext(), { ...base, heat: 'auto', mdsIterations: 0 }, null);
    expect(w.route).toBe('chebyshev');
    expect(js.route).toBe('eigen');
  });

  it('heat/compare: every method equals the JavaScript path', async () => {
    const p = { ...base, n: 120 };
    const js = await compareJob.cpu(standaloneContext(), p, null);
    const w = await compareJob.cpu(standaloneContext({ wasm }), p, null);
    expect(w.methods.map((m) => m.method)).toEqual(js.methods.map((m) => m.method));
    for (const [i, m] of w.methods.entries()) expectClose(m.embedding, js.methods[i].embedding, F64_EXACT, m.method);
  });

  it('a rerun reuses every stage; a change of t reuses data, kNN and graph, and warm-starts SMACOF', async () => {
    const stages = new StageCache().forCell('embed');
    await embedJob.cpu(standaloneContext({ wasm, stages }), base, null);
    const again = await embedJob.cpu(standaloneContext({ wasm, stages }), base, null);
    expect(again.cached).toEqual(expect.arrayContaining(['data', 'knn', 'graph', 'heat', 'distances', 'embedding/heatgeo', 'quality']));
    const moved = await embedJob.cpu(standaloneContext({ wasm, stages }), { ...base, t: 40 }, null);
    expect(moved.cached).toEqual(['data', 'check', 'knn', 'graph']);
    expect(moved.warmStart).toBe(true);
  });
});
