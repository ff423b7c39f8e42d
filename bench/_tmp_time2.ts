import { register } from 'node:module';
register('./rawImports.mjs', import.meta.url);
const { embedJob, compareJob, heatPreview } = await import('../src/workers/jobs/heat');
const { standaloneContext } = await import('../src/workers/job');
const { StageCache } = await import('../src/workers/stageCache');
const n = Number(process.argv[3] ?? 400);
const which = process.argv[2] ?? 'embed';
const base = { dataset: 'swissroll', n, noise: 0.1, k: 10, alpha: 40, laplacian: 'normalized', t: n / 5, autoT: false, order: 60, sigma: 1, heat: 'auto', method: 'heatgeo', mdsIterations: 20, dims: 2, seed: 1, steps: 20, landmarks: 0 } as any;

const job = which === 'embed' ? embedJob : compareJob;
const fmt = (r: any) => r.timings ? JSON.stringify(Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, Math.round(v as number)]))) : r.methods.map((m: any) => `${m.method}:${(m.seconds * 1000).toFixed(0)}`).join(' ');
const med = (a: number[]) => a.slice().sort((x, y) => x - y)[1];
const rows: Record<string, number[]> = {};
for (let rep = 0; rep < 3; rep++) {
  const stages = new StageCache().forCell('c');
  const run = async (label: string, p: any) => { const c0 = process.cpuUsage(); const t0 = performance.now(); const r: any = await job.cpu(standaloneContext({ stages }), p, null); const ms = performance.now() - t0; const c = process.cpuUsage(c0); const cpu = (c.user + c.system) / 1000; (rows[label] ??= []).push(cpu); (rows[label + ' wall'] ??= []).push(ms); console.log(label, ms.toFixed(0), fmt(r), r.route ?? '', r.eigenpairs ?? '', r.truncationBound?.toExponential?.(1) ?? '', 'iters', r.iterations ?? '', r.warmStart ?? '', r.quality?.spearman?.toFixed?.(4) ?? r.methods?.map((m: any) => m.quality?.spearman.toFixed(3)).join(',')); };
  const pv = heatPreview(base); if (pv) await run('preview', pv);
  await run('cold', base);
  await run('t+', { ...base, t: base.t * 1.1 });
  await run('sigma', { ...base, t: base.t * 1.1, sigma: 0.95 });
  await run('mdsIter', { ...base, t: base.t * 1.1, sigma: 0.95, mdsIterations: 25 });
  await run('n+50 cold', { ...base, n: n + 50, t: (n + 50) / 5 });
}
console.log(Object.entries(rows).map(([k, v]) => `${k}: median ${med(v).toFixed(0)} ms`).join('\n'));
