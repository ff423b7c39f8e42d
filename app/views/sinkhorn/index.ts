/** Views of the "Sinkhorn plans" chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { planView } from './PlanView';
import { raceView } from './RaceView';
import { transportView } from './TransportView';

export const views: ViewDefinition[] = [planView, transportView, raceView];
