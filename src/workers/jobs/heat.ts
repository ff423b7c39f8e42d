/** Jobs of the "heat" chapter; the chapter's issue fills this list. */
import type { AnyJob } from '../job';

export const jobs: AnyJob[] = [];
