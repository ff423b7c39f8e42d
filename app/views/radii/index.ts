/** Views of this chapter, registered in app/views/registry.ts. Filled by the chapter's issue. */
import type { ViewDefinition } from '../types';

export const views: ViewDefinition[] = [];
