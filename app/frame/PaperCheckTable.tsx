/** A "Paper check" table: each claim of a chapter's papers beside the number measured on the current run, with a verdict the reader can overrule. */
export interface CheckRow {
  claim: string;
  source: string;
  evidence: string;
  /** null: not measurable on this run (e.g. too few iterations). */
  ok: boolean | null;
}

export function PaperCheckTable({ rows }: { rows: readonly CheckRow[] }) {
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
            <td>{r.ok === null ? '—' : r.ok ? 'consistent' : 'not seen here'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
