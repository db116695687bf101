import type { FeatureRoute } from '../../app/feature';

/** The CMDB's models pages (filled in by the feature that owns this folder). */
export const modelsRoutes: FeatureRoute[] = [];
