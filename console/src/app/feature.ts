import type { ReactNode } from 'react';

/**
 * A permission requirement: one permission string, or a list of which the user needs any one.
 * Undefined = any signed-in user.
 */
export type PermissionRequirement = string | string[] | undefined;

/** A side-menu group, one per module (平台管理 Administration, later CMDB, 事件中心 …). */
export interface MenuGroup {
  key: string;
  labelKey: string;
  icon?: ReactNode;
  order: number;
  /**
   * Needed, besides each page's own permission, for every page whose menu entry is in this
   * group (also when its URL is typed in): e.g. 平台管理 is for who administers or audits access.
   */
  permission?: PermissionRequirement;
}

/** One page of a feature: where it lives, who may open it, and where it shows in the menu. */
export interface FeatureRoute {
  /** Absolute path, e.g. `/admin/users`; may hold params (`/admin/users/:id`). */
  path: string;
  element: ReactNode;
  permission?: PermissionRequirement;
  /** Breadcrumb/title key; defaults to `menu.labelKey`. */
  titleKey?: string;
  /** For pages without a menu entry (details pages): the group whose permission they share. */
  group?: string;
  /** Shown in the side menu when set; `group` is a MenuGroup key, absent = top level. */
  menu?: { labelKey: string; icon?: ReactNode; group?: string; order?: number };
}

/** What a feature folder (src/platform, src/platform/admin, later src/cmdb …) exports. */
export interface Feature {
  key: string;
  groups?: MenuGroup[];
  routes: FeatureRoute[];
}
