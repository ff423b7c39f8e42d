/** Jobs of the "sinkhorn" chapter; the chapter's issue fills this list. */
import type { AnyJob } from '../job';

export const jobs: AnyJob[] = [];
