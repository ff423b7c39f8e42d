/** Views of the Geodesics chapter, registered in app/views/registry.ts. */
import type { ViewDefinition } from '../types';
import { spdView } from './SpdView';
import { surfaceView } from './SurfaceView';
import { sphereView } from './SphereView';
import { poincareView } from './PoincareView';
import { grassmannView } from './GrassmannView';

export const views: ViewDefinition[] = [spdView, surfaceView, sphereView, poincareView, grassmannView];
