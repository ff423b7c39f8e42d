/** The Hessian chapter's "Load data" parser (app/views/hessian/loadNetwork.ts): error paths and the export round trip. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetFromCsv, MAX_LOADED_PARAMETERS, MAX_LOADED_SAMPLES, networkFromFile, networkFromJson } from '../../../app/views/hessian/loadNetwork';
import { parseCsv } from '../../../app/io/parse';
import { parameterCount } from '../../../src/geometry/nn';

// layers [2, 3, 2]: P = 3·2 + 3 + 2·3 + 2 = 17.
const good = () => ({
  model: { layers: [2, 3, 2], activation: 'tanh', weights: Array.from({ length: 17 }, (_, i) => 0.1 * (i - 8)) },
  data: { x: [[0, 1], [1, 0], [0.5, 0.5]], y: [0, 1, 1] },
  weightDecay: 0.01,
});

describe('model + data JSON', () => {
  it('reads the shape the chapter exports, bare or inside the export envelope', () => {
    const bare = networkFromJson(good());
    expect(bare.model!.layers).toEqual([2, 3, 2]);
    expect(bare.data.n).toBe(3);
    expect(bare.data.classes).toBe(2);
    expect(Array.from(bare.data.x)).toEqual([0, 1, 1, 0, 0.5, 0.5]);
    const wrapped = networkFromJson({ format: 'curvature/hessian@1', result: good() });
    expect(Array.from(wrapped.model!.weights)).toEqual(good().model.weights);
  });
  it('reads the committed export sample (written by the exporter) back to the same network', () => {
    const sample = JSON.parse(readFileSync(new URL('../../fixtures/hessian/export_sample.json', import.meta.url), 'utf8'));
    const loaded = networkFromJson(sample);
    expect(loaded.model!.layers).toEqual(sample.result.model.layers);
    expect(loaded.model!.weights.length).toBe(parameterCount(sample.result.model.layers));
    expect(loaded.data.n).toBe(sample.result.data.x.length);
    expect(loaded.weightDecay).toBe(sample.result.weightDecay);
  });
  it('names the field and the expected value when something is wrong', () => {
    const bad = (edit: (d: ReturnType<typeof good>) => void) => {
      const d = good();
      edit(d);
      return () => networkFromJson(d);
    };
    expect(bad((d) => (d.model.weights = d.model.weights.slice(1)))).toThrow(/model\.weights has 16 entries but layers \[2,3,2\] need P = 17/);
    expect(bad((d) => (d.model.activation = 'sigmoid'))).toThrow(/model\.activation = "sigmoid"; expected one of "tanh", "relu", "gelu", "softplus"/);
    expect(bad((d) => (d.data.y[2] = 2))).toThrow(/data\.y\[2\] = 2 is out of range: the model has 2 outputs, so labels must be in \[0, 1\]/);
    expect(bad((d) => (d.data.y[0] = 0.5))).toThrow(/data\.y\[0\] = 0\.5; expected a class index/);
    expect(bad((d) => (d.data.x[1] = [1, 2, 3]))).toThrow(/data\.x is ragged: row 1 has 3 entries but row 0 has 2/);
    expect(bad((d) => (d.data.x = d.data.x.map((r) => [...r, 0])))).toThrow(/data\.x has 3 columns but model\.layers\[0\] = 2/);
    expect(bad((d) => (d.data.y = [0, 1]))).toThrow(/data\.y has 2 labels but data\.x has 3 rows/);
    expect(bad((d) => (d.data.x[0][1] = NaN))).toThrow(/data\.x\[0\]\[1\] must be a finite number, got NaN/);
    expect(bad((d) => ((d.model.weights as unknown[])[4] = null))).toThrow(/model\.weights\[4\] must be a finite number, got null/);
    expect(bad((d) => (d.model.layers = [2, 0, 2]))).toThrow(/model\.layers\[1\] = 0; expected a positive integer/);
    expect(bad((d) => (d.model.layers = [2, 3, 1]))).toThrow(/model\.layers\[2\] = 1; the output layer needs at least 2 classes/);
    expect(bad((d) => (d.weightDecay = -1))).toThrow(/weightDecay = -1; expected a finite number ≥ 0/);
    expect(bad((d) => delete (d as Partial<typeof d>).data)).toThrow(/no field "data"/);
    expect(() => networkFromJson([1, 2])).toThrow(/the file must be a JSON object, got an array of 2/);
  });
  it('refuses more parameters or samples than the limits', () => {
    const wide = { ...good(), model: { layers: [2, 1000, 1000, 2], activation: 'relu', weights: [] } };
    expect(() => networkFromJson(wide)).toThrow(new RegExp(`has P = ${parameterCount([2, 1000, 1000, 2])} parameters; the limit is ${MAX_LOADED_PARAMETERS}`));
    const many = good();
    many.data.x = Array.from({ length: MAX_LOADED_SAMPLES + 1 }, () => [0, 0]);
    expect(() => networkFromJson(many)).toThrow(new RegExp(`data\\.x has ${MAX_LOADED_SAMPLES + 1} samples; the limit is ${MAX_LOADED_SAMPLES}`));
  });
});

describe('dataset CSV', () => {
  it('features are every column but label; classes are 0…max label', () => {
    const d = datasetFromCsv(parseCsv('a,b,label\n1,2,0\n3,4,2\n5,6,1\n'));
    expect(d.model).toBeNull();
    expect(d.data.dimension).toBe(2);
    expect(d.data.classes).toBe(3);
    expect(Array.from(d.data.y)).toEqual([0, 2, 1]);
    expect(networkFromFile({ name: 'd.csv', kind: 'csv', table: parseCsv('x,label\n1,0\n2,1\n') }).data.n).toBe(2);
  });
  it('names the line and column of a bad entry', () => {
    expect(() => datasetFromCsv(parseCsv('a,b\n1,2\n'))).toThrow(/no column "label"/);
    expect(() => datasetFromCsv(parseCsv('a,label\n1,0\nNaN,1\n'))).toThrow(/line 3, column "a": "NaN" is not a finite number/);
    expect(() => datasetFromCsv(parseCsv('a,label\n1,0\n2,-1\n'))).toThrow(/line 3, column "label": "-1" is not a class index/);
    expect(() => datasetFromCsv(parseCsv('a,label\n1,0\n2,0\n'))).toThrow(/only class 0; expected at least 2 classes/);
  });
});
