import type { ViewDefinition } from '../types';
import { sweepView } from './SweepView';

export const views: ViewDefinition[] = [sweepView];
