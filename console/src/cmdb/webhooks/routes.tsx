import type { FeatureRoute } from '../../app/feature';

/** The CMDB's webhooks pages (filled in by the feature that owns this folder). */
export const webhooksRoutes: FeatureRoute[] = [];
