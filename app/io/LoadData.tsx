/**
 * The "Load data" file input every chapter reuses. It reads .csv and .json files
 * up to MAX_FILE_BYTES, parses them (errors name the line or field) and hands the
 * parsed content to the view, whose own validation errors are shown here too.
 * Nothing the view has is replaced until a file parses and validates.
 */
import { useId, useState } from 'react';
import { MAX_FILE_BYTES, parseCsv, parseJson, type CsvTable } from './parse';

export type LoadedFile = { name: string; kind: 'csv'; table: CsvTable } | { name: string; kind: 'json'; json: unknown };

interface Props {
  /** Called with the parsed file; throw an Error with a clear message to reject it. */
  onLoad(file: LoadedFile): void;
  accept?: string;
  label?: string;
  maxBytes?: number;
}

export async function readLoadedFile(file: File, maxBytes = MAX_FILE_BYTES): Promise<LoadedFile> {
  if (file.size > maxBytes) {
    throw new Error(`${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MiB; the limit is ${(maxBytes / 2 ** 20).toFixed(0)} MiB`);
  }
  const text = await file.text();
  const lower = file.name.toLowerCase();
  if (lower.endsWith('.json')) return { name: file.name, kind: 'json', json: parseJson(text) };
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return { name: file.name, kind: 'csv', table: parseCsv(text) };
  throw new Error(`${file.name}: expected a .csv or .json file`);
}

export function LoadData({ onLoad, accept = '.csv,.json', label = 'Load data', maxBytes }: Props) {
  const id = useId();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  return (
    <div className="load-data">
      <label htmlFor={id} className="button-like">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        className="visually-hidden-file"
        aria-label={label}
        onChange={async (e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          input.value = '';
          if (!file) return;
          try {
            const loaded = await readLoadedFile(file, maxBytes);
            onLoad(loaded);
            setMessage({ kind: 'ok', text: `Loaded ${file.name}` });
          } catch (error) {
            setMessage({ kind: 'error', text: `Could not load ${file.name}: ${(error as Error).message}` });
          }
        }}
      />
      {message ? (
        <span className={message.kind === 'error' ? 'load-error' : 'load-ok'} role={message.kind === 'error' ? 'alert' : undefined}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
