/** Views of the "Safe step-size radii" chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { complexPlaneView } from './ComplexPlaneView';
import { taylorView } from './TaylorView';
import { raceView } from './RaceView';

export const views: ViewDefinition[] = [complexPlaneView, taylorView, raceView];
