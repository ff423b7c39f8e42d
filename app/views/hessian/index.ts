/** Views of the "Hessian spectra" chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { trainingView } from './TrainingView';

export const views: ViewDefinition[] = [trainingView];
