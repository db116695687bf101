import type { Permission } from '../../../api/admin';

export interface PermissionItem {
  name: string;
  description: string;
}

export interface PermissionGroup {
  /** first segment of the permission names: `platform`, `cmdb` … */
  module: string;
  /** second segment: `user`, `role` … with their permissions */
  resources: { resource: string; items: PermissionItem[] }[];
  /** every permission name of the module, for "select all" */
  names: string[];
}

/** The description in the console's language (zh-CN, else English), falling back to the name. */
export function describe(p: Permission, language: string): string {
  const text = language.startsWith('zh') ? p.descriptionZh : p.descriptionEn;
  return text?.trim() || p.descriptionEn?.trim() || p.descriptionZh?.trim() || p.name;
}

/**
 * Groups permissions (`<module>.<resource>.<action>`) by module, then resource, for the
 * permission picker; modules and resources sorted by name, `platform` first. Permissions a
 * role holds that the catalogue does not list (`extra`) go into their modules too, so they
 * stay visible and can be removed.
 */
export function groupPermissions(
  permissions: readonly Permission[],
  language: string,
  extra: readonly string[] = [],
): PermissionGroup[] {
  const known = new Set(permissions.map((p) => p.name));
  const all: PermissionItem[] = [
    ...permissions.map((p) => ({ name: p.name, description: describe(p, language) })),
    ...extra.filter((n) => !known.has(n)).map((n) => ({ name: n, description: n })),
  ];
  const modules = new Map<string, Map<string, PermissionItem[]>>();
  for (const item of all) {
    const parts = item.name.split('.');
    const module = parts.length > 1 ? parts[0] : '';
    const resource = parts.length > 2 ? parts[1] : '';
    const resources = modules.get(module) ?? new Map<string, PermissionItem[]>();
    resources.set(resource, [...(resources.get(resource) ?? []), item]);
    modules.set(module, resources);
  }
  const moduleOrder = (m: string) => (m === 'platform' ? '' : `~${m}`);
  return [...modules.entries()]
    .sort(([a], [b]) => moduleOrder(a).localeCompare(moduleOrder(b)))
    .map(([module, resources]) => {
      const sorted = [...resources.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([resource, items]) => ({
          resource,
          items: [...items].sort((a, b) => a.name.localeCompare(b.name)),
        }));
      return { module, resources: sorted, names: sorted.flatMap((r) => r.items.map((i) => i.name)) };
    });
}

/** How many of a group's permissions are selected: none, some or all (for the group checkbox). */
export function selectionState(
  group: PermissionGroup,
  selected: ReadonlySet<string>,
): 'none' | 'some' | 'all' {
  const count = group.names.filter((n) => selected.has(n)).length;
  return count === 0 ? 'none' : count === group.names.length ? 'all' : 'some';
}
