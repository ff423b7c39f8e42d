/**
 * "Paper check": each claim of the chapter's papers next to the live evidence from the current
 * run, with a verdict the reader can overrule. Heuristics are named as such.
 */
import type { HessianTrainResult, SpectrumSnapshot } from '../../../src/workers/jobs/hessian';
import { PaperCheckTable } from '../../frame/PaperCheckTable';
import { paperChecks, type BulkRecord } from './paperChecks';

export type { BulkRecord } from './paperChecks';

interface Props {
  result: HessianTrainResult;
  last: SpectrumSnapshot;
  /** Earlier runs on the same data (only the network changed), for the bulk-scaling claim. */
  bulkHistory: readonly BulkRecord[];
}

export function PaperCheck({ result, last, bulkHistory }: Props) {
  return <PaperCheckTable rows={paperChecks(result, last, bulkHistory)} />;
}
