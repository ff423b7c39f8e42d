/** Views of the "Heat-geodesic embeddings" chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { compareView } from './CompareView';
import { embedView } from './EmbedView';

export const views: ViewDefinition[] = [embedView, compareView];
