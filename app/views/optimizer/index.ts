/** Views of the "Optimizer geometry" chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { sensingView } from './SensingView';
import { adampView } from './AdampView';
import { mfacView } from './MfacView';
import { svenView } from './SvenView';
import { langevinView } from './LangevinView';

export const views: ViewDefinition[] = [sensingView, adampView, mfacView, svenView, langevinView];
