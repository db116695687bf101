import type { Department } from '../../../api/admin';

export interface DepartmentNode {
  key: string;
  title: string;
  department: Department;
  children: DepartmentNode[];
}

/**
 * The department tree (部门树) from the flat list, siblings sorted by name. A department
 * whose parent is unknown — or that sits in a cycle — is shown at the top level, so none is
 * ever hidden.
 */
export function departmentTree(
  departments: readonly Department[],
  collator = new Intl.Collator('zh-CN'),
): DepartmentNode[] {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const inCycle = (d: Department) => {
    const seen = new Set<string>([d.id]);
    for (
      let p = d.parentId ? byId.get(d.parentId) : undefined;
      p;
      p = p.parentId ? byId.get(p.parentId) : undefined
    ) {
      if (seen.has(p.id)) return true;
      seen.add(p.id);
    }
    return false;
  };
  const nodes = new Map(
    departments.map((d) => [
      d.id,
      { key: d.id, title: d.name, department: d, children: [] as DepartmentNode[] },
    ]),
  );
  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    if (parent && !inCycle(d)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => collator.compare(a.title, b.title));
    list.forEach((n) => sort(n.children));
    return list;
  };
  return sort(roots);
}

/** A department and everything below it (it cannot become a parent of any of them). */
export function subtreeIds(departments: readonly Department[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const d of departments)
    if (d.parentId) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** `总部 / 信息技术部 / 运维组`: the path of names from the top. */
export function departmentPath(departments: readonly Department[], id: string | null | undefined): string {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (
    let d = id ? byId.get(id) : undefined;
    d && !seen.has(d.id);
    d = d.parentId ? byId.get(d.parentId) : undefined
  ) {
    seen.add(d.id);
    names.unshift(d.name);
  }
  return names.join(' / ');
}
