import type { FeatureRoute } from '../../app/feature';

/** The CMDB's cis pages (filled in by the feature that owns this folder). */
export const cisRoutes: FeatureRoute[] = [];
