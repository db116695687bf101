import type { FeatureRoute } from '../../app/feature';

/** The CMDB's quality pages (filled in by the feature that owns this folder). */
export const qualityRoutes: FeatureRoute[] = [];
