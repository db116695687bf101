import type { ReactNode } from 'react';
import type { Feature, FeatureRoute, MenuGroup, PermissionRequirement } from './feature';

/** Whether a user with these permissions meets the requirement. */
export function allowed(requirement: PermissionRequirement, permissions: readonly string[]): boolean {
  if (requirement === undefined) return true;
  if (typeof requirement === 'string') return permissions.includes(requirement);
  return requirement.length === 0 || requirement.some((p) => permissions.includes(p));
}

/** Every requirement a route has: its own, and its menu group's. */
export function requirementsOf(features: readonly Feature[], route: FeatureRoute): PermissionRequirement[] {
  const group = route.menu?.group ?? route.group;
  const groupPermission = group
    ? features.flatMap((f) => f.groups ?? []).find((g) => g.key === group)?.permission
    : undefined;
  return [groupPermission, route.permission].filter((r) => r !== undefined);
}

/** Whether the user may open the route (its own permission and its group's). */
export function mayOpen(
  features: readonly Feature[],
  route: FeatureRoute,
  permissions: readonly string[],
): boolean {
  return requirementsOf(features, route).every((r) => allowed(r, permissions));
}

export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon?: ReactNode;
}

export interface MenuSection {
  group?: MenuGroup;
  entries: MenuEntry[];
}

/**
 * The side menu for a user: only the pages they may open, grouped by module in group order;
 * groups left empty are dropped; top-level entries (no group) come first.
 */
export function buildMenu(features: readonly Feature[], permissions: readonly string[]): MenuSection[] {
  const groups = new Map<string, MenuGroup>();
  for (const f of features) for (const g of f.groups ?? []) groups.set(g.key, g);
  const byGroup = new Map<string | undefined, (MenuEntry & { order: number })[]>();
  for (const f of features) {
    for (const r of f.routes) {
      if (!r.menu || !mayOpen(features, r, permissions)) continue;
      const key = r.menu.group;
      if (key !== undefined && !groups.has(key))
        throw new Error(`route ${r.path} names unknown menu group ${key}`);
      const list = byGroup.get(key) ?? [];
      list.push({
        key: r.path,
        path: r.path,
        labelKey: r.menu.labelKey,
        icon: r.menu.icon,
        order: r.menu.order ?? 100,
      });
      byGroup.set(key, list);
    }
  }
  const sortEntries = (list: (MenuEntry & { order: number })[]) =>
    [...list].sort((a, b) => a.order - b.order).map(({ order: _order, ...e }) => e);
  const sections: MenuSection[] = [];
  const top = byGroup.get(undefined);
  if (top) sections.push({ entries: sortEntries(top) });
  for (const g of [...groups.values()].sort((a, b) => a.order - b.order)) {
    const list = byGroup.get(g.key);
    if (list?.length) sections.push({ group: g, entries: sortEntries(list) });
  }
  return sections;
}

/** All routes of all features, for the router (each still guarded by its permission). */
export function allRoutes(features: readonly Feature[]): FeatureRoute[] {
  const seen = new Set<string>();
  return features
    .flatMap((f) => f.routes)
    .filter((r) => {
      if (seen.has(r.path)) throw new Error(`two features declare the route ${r.path}`);
      seen.add(r.path);
      return true;
    });
}

/** The route a location belongs to, and the group of its menu entry, for the breadcrumb. */
export function routeFor(
  features: readonly Feature[],
  pathname: string,
): { route: FeatureRoute; group?: MenuGroup } | undefined {
  const routes = allRoutes(features);
  const matches = (pattern: string) => {
    const re = new RegExp('^' + pattern.replace(/:[^/]+/g, '[^/]+').replace(/\/$/, '') + '/?$');
    return re.test(pathname);
  };
  const route = routes.find((r) => matches(r.path));
  if (!route) return undefined;
  const groupKey = route.menu?.group;
  const group = features.flatMap((f) => f.groups ?? []).find((g) => g.key === groupKey);
  return { route, group };
}
