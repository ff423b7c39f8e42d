/**
 * Every sample's certified nearest zero (src/geometry/ghosts, `fillSampleRadius`, with the
 * search's loops in WebAssembly: src/kernels/wasm/zeroSearch.ts) split across
 * the worker pool (pool.ts): the samples are rows, cut into chunks of SAMPLE_CHUNK that the job's
 * own worker and the helpers pull as they finish one (poolChunks.ts). Each
 * sample is analysed on its own, by the same code, so the arrays are those of the
 * single-threaded run bit for bit (with the same kernels on both sides). Cancellation: the job's worker stops at its next
 * checkpoint and no further chunk is handed out; a helper finishes at most the two chunks it holds.
 */
import { emptySampleRadii, fillSampleRadius, type SampleRadii } from '../geometry/ghosts/sampleSet';
import type { RadiiDataSet } from '../geometry/ghosts/validate';
import type { ZeroSearchKernels } from '../geometry/ghosts/zeros';
import type { JobContext } from './job';
import type { PoolLease } from './pool';
import { pullChunks } from './poolChunks';

/** Samples per chunk (a few ms of zero search at K = 5 here). */
export const SAMPLE_CHUNK = 25;
/**
 * One sample-class of zero search in the pool's unit (operator entries streamed in the same
 * time): a sample takes ~60 µs per class here, a pass over 2048² entries ~3 ms, so the pool
 * is lent from about 64 sample-classes (13 samples of 5 classes), where it pays for waking a helper.
 */
export const ENTRIES_PER_SAMPLE_CLASS = 2 ** 16;

const FIELDS = ['deltaA', 'rhoA', 'rhoExact', 'zeroRe', 'zeroIm', 'certified'] as const;

/** `kernels`: the zero search's WASM loops (zeroSearchWasm) on this side, and then the helpers use theirs; else JavaScript everywhere. */
export async function sampleRadiiOnPool(ctx: JobContext<{ done: number; total: number }>, lease: PoolLease, set: RadiiDataSet, kernels?: ZeroSearchKernels): Promise<SampleRadii> {
  const { samples, classes: K } = set;
  const out = emptySampleRadii(samples);
  let done = 0;
  await pullChunks(
    samples,
    SAMPLE_CHUNK,
    lease.helpers,
    {
      own(start, end) {
        for (let i = start; i < end; i++) fillSampleRadius(set, i, out, kernels);
        done += end - start;
        ctx.progress({ done, total: samples });
      },
      async helper(helper, start, end) {
        const reply = await helper.request({ type: 'sampleRadii', classes: K, logits: set.logits.slice(start * K, end * K), slopes: set.slopes.slice(start * K, end * K), wasm: kernels !== undefined });
        if (reply.type !== 'sampleRadii') throw new Error(`pool worker answered "${reply.type}" to "sampleRadii"`);
        for (const field of FIELDS) {
          if (reply.radii[field].length !== end - start) throw new Error(`pool worker returned ${reply.radii[field].length} values of ${field} for ${end - start} samples`);
          out[field].set(reply.radii[field], start);
        }
        done += end - start;
      },
    },
    () => ctx.checkpoint(),
    () => ctx.cancelled,
  );
  // the last chunks may have come from the helpers after the job's worker ran out of its own
  if (ctx.cancelled) await ctx.checkpoint();
  return out;
}
