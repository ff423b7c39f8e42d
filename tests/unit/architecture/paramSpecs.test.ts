/**
 * Parameters are declared once (src/catalogue/<chapter>.ts): a view's table spreads its jobs'
 * entries, and each job refuses what its table does not allow. These tests fail when a view
 * redeclares a job's parameter with another range, when a view runs a job it does not list,
 * or when a job accepts a value outside its declared table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewRegistry } from '../../../app/views/registry';
import { catalogue, type JobName } from '../../../src/workers/jobs';
import { defaults, invalidReason, type ParamSpec } from '../../../src/catalogue/params';
import { InputError, standaloneContext, type AnyJob } from '../../../src/workers/job';

const jobs = Object.entries(catalogue) as [JobName, AnyJob][];

/** What a job accepts of one entry: everything but its presentation. */
function contract(spec: ParamSpec): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return { type: spec.type, default: spec.default, min: spec.min, max: spec.max, step: spec.step, scale: spec.scale ?? 'linear' };
    case 'enum':
      return { type: spec.type, default: spec.default, options: spec.options.map((o) => o.value) };
    case 'boolean':
      return { type: spec.type, default: spec.default };
  }
}

/** A value just outside what `spec` allows. */
function outside(spec: ParamSpec): unknown[] {
  switch (spec.type) {
    case 'number':
      return [spec.min > 0 ? spec.min / 2 : spec.min - spec.step, spec.max + spec.step * 10 + Math.abs(spec.max), NaN];
    case 'integer':
      return [spec.min - 1, spec.max + 1, spec.min + 0.5];
    case 'enum':
      return ['no-such-option'];
    case 'boolean':
      return ['yes'];
  }
}

describe('every job declares its parameters once', () => {
  it('declares a table (src/catalogue/<chapter>.ts)', () => {
    for (const [name, job] of jobs) expect({ name, declared: job.params !== undefined && job.params.length > 0 }).toEqual({ name, declared: true });
  });

  it('checks that each table is valid at its own defaults', () => {
    for (const [, job] of jobs) {
      if (!job.params) continue;
      for (const spec of job.params) expect({ name: spec.name, why: invalidReason(spec, spec.default) }).toEqual({ name: spec.name, why: null });
    }
  });

  for (const [name, job] of jobs) {
    if (!job.params) continue;
    const table = job.params;
    it(`${name} refuses every value outside its table, naming the field`, async () => {
      for (const spec of table) {
        for (const bad of outside(spec)) {
          const params = { ...defaults(table), [spec.name]: bad };
          const error: unknown = await job.cpu(standaloneContext(), params, null).then(() => null, (e: unknown) => e);
          expect({ field: spec.name, value: String(bad), inputError: error instanceof InputError, message: String((error as Error | null)?.message) }).toMatchObject({
            field: spec.name,
            value: String(bad),
            inputError: true,
            message: expect.stringMatching(new RegExp(`^(invalid|unknown) ${spec.name}\\b`)),
          });
        }
      }
    });
  }
});

describe('every view spreads its jobs’ entries unchanged', () => {
  it('lists each job it runs (the useJob calls in its chapter folder)', () => {
    const root = join(__dirname, '../../../app/views');
    for (const chapter of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const used = new Set<string>();
      for (const file of readdirSync(join(root, chapter.name))) {
        const text = readFileSync(join(root, chapter.name, file), 'utf8');
        for (const m of text.matchAll(/useJob\(\s*[\w.]+,\s*'([^']+)'/g)) used.add(m[1]);
      }
      const listed = new Set([...viewRegistry.values()].flatMap((v) => v.jobs ?? []));
      for (const job of used) {
        expect({ chapter: chapter.name, job, listed: listed.has(job as JobName) }).toEqual({ chapter: chapter.name, job, listed: true });
      }
    }
  });

  for (const view of viewRegistry.values()) {
    for (const jobName of view.jobs ?? []) {
      it(`${view.id}: the entries of ${jobName} are in its table, with the job's ranges`, () => {
        const table = catalogue[jobName].params;
        expect(table, `${jobName} declares its parameters`).toBeDefined();
        for (const spec of table ?? []) {
          const mine = view.params.find((s) => s.name === spec.name);
          expect(mine ? contract(mine) : `missing ${spec.name}`).toEqual(contract(spec));
        }
      });
    }
  }
});
