/** Views of the "Optimizer geometry" chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { sensingView } from './SensingView';
import { adampView } from './AdampView';

export const views: ViewDefinition[] = [sensingView, adampView];
