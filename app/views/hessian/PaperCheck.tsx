/**
 * "Paper check": each claim of the chapter's papers next to the live evidence from the current
 * run, with a verdict the reader can overrule. Heuristics are named as such.
 */
import type { HessianTrainResult, SpectrumSnapshot } from '../../../src/workers/jobs/hessian';
import { paperChecks, type BulkRecord } from './paperChecks';

export type { BulkRecord } from './paperChecks';

interface Props {
  result: HessianTrainResult;
  last: SpectrumSnapshot;
  /** Earlier runs on the same data (only the network changed), for the bulk-scaling claim. */
  bulkHistory: readonly BulkRecord[];
}

function verdict(ok: boolean | null): string {
  return ok === null ? '—' : ok ? 'consistent' : 'not seen here';
}

export function PaperCheck({ result, last, bulkHistory }: Props) {
  const rows = paperChecks(result, last, bulkHistory);
  return (
    <table className="stat-table paper-check" aria-label="Paper check">
      <thead>
        <tr>
          <th>Claim</th>
          <th>Live evidence</th>
          <th>Here</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.claim}>
            <td style={{ textAlign: 'left', maxWidth: 320 }}>
              {r.claim} <em>({r.source})</em>
            </td>
            <td style={{ textAlign: 'left' }}>{r.evidence}</td>
            <td>{verdict(r.ok)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
