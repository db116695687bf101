import type { Feature } from './feature';
import { platformFeature } from '../platform';
import { adminFeature } from '../platform/admin';
import { cmdbFeature } from '../cmdb';
import { eventFeature } from '../event';
import { maturityFeature } from '../maturity';

/**
 * Every feature of the console, in menu order of their groups. A new module adds its folder
 * (src/cmdb …) exporting a Feature, and one line here.
 */
export const features: Feature[] = [
  platformFeature,
  cmdbFeature,
  eventFeature,
  maturityFeature,
  adminFeature,
];
