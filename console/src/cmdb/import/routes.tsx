import type { FeatureRoute } from '../../app/feature';

/** The CMDB's import pages (filled in by the feature that owns this folder). */
export const importRoutes: FeatureRoute[] = [];
