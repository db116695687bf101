import { describe, expect, it } from 'vitest';
import { departmentPath, departmentTree, subtreeIds } from './tree';

const d = (id: string, name: string, parentId: string | null = null) => ({
  id,
  name,
  parentId,
  description: null,
});

describe('department tree', () => {
  const list = [
    d('ops', '运维部', 'hq'),
    d('hq', '总部'),
    d('dba', 'DBA 组', 'ops'),
    d('dev', '研发部', 'hq'),
    d('net', '网络组', 'ops'),
  ];

  it('nests departments under their parents, siblings sorted', () => {
    const tree = departmentTree(list, new Intl.Collator('en'));
    expect(tree.map((n) => n.key)).toEqual(['hq']);
    expect(tree[0].children.map((n) => n.key)).toEqual(['dev', 'ops']); // 研 U+7814 before 运 U+8FD0
    const ops = tree[0].children.find((n) => n.key === 'ops')!;
    expect(ops.children.map((n) => n.title)).toEqual(['DBA 组', '网络组']);
  });

  it('shows orphans and cycles at the top level instead of losing them', () => {
    const tree = departmentTree([d('a', 'A', 'b'), d('b', 'B', 'a'), d('c', 'C', 'gone')]);
    expect(tree.map((n) => n.key).sort()).toEqual(['a', 'b', 'c']);
  });

  it('finds a subtree for the parent picker', () => {
    expect([...subtreeIds(list, 'ops')].sort()).toEqual(['dba', 'net', 'ops']);
    expect([...subtreeIds(list, 'dev')]).toEqual(['dev']);
  });

  it('names the path of a department', () => {
    expect(departmentPath(list, 'dba')).toBe('总部 / 运维部 / DBA 组');
    expect(departmentPath(list, null)).toBe('');
    expect(departmentPath([d('a', 'A', 'b'), d('b', 'B', 'a')], 'a')).toBe('B / A');
  });
});
