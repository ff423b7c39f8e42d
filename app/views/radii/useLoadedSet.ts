/** A loaded `{ logits, directions, labels? }` file as `radii/sample-radii`'s data, shared by the plane and Taylor views. */
import { useState } from 'react';
import type { LoadedFile } from '../../io/LoadData';
import { parseRadiiDataSet } from '../../../src/geometry/ghosts/validate';

/** Keeps a loaded file as the job's data; a file that does not validate is rejected with the parser's message. */
export function useLoadedSet(): [unknown, (f: LoadedFile) => void, () => void, string | null] {
  const [data, setData] = useState<unknown>(null);
  const [name, setName] = useState<string | null>(null);
  const onLoad = (f: LoadedFile) => {
    if (f.kind !== 'json') throw new Error('expected a .json file { "logits": number[][], "directions": number[][], "labels"?: number[] }');
    parseRadiiDataSet(f.json);
    setData(f.json);
    setName(f.name);
  };
  return [data, onLoad, () => (setData(null), setName(null)), name];
}
