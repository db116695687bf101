import { describe, expect, it } from 'vitest';
import { auditDiff, show } from './diff';

describe('auditDiff', () => {
  it('marks changed, added, removed and unchanged fields', () => {
    const rows = auditDiff(
      { displayName: '张三', email: 'a@x', enabled: true, old: 1 },
      { displayName: '张三丰', email: 'a@x', enabled: false, added: [1, 2] },
    );
    expect(rows).toEqual([
      { path: 'added', before: undefined, after: [1, 2], kind: 'added' },
      { path: 'displayName', before: '张三', after: '张三丰', kind: 'changed' },
      { path: 'email', before: 'a@x', after: 'a@x', kind: 'same' },
      { path: 'enabled', before: true, after: false, kind: 'changed' },
      { path: 'old', before: 1, after: undefined, kind: 'removed' },
    ]);
  });

  it('walks nested objects and lists of objects', () => {
    const rows = auditDiff(
      { scope: { environment: 'prod' }, roles: [{ name: 'a' }] },
      { scope: { environment: 'uat' }, roles: [{ name: 'a' }, { name: 'b' }] },
    );
    expect(rows.map((r) => [r.path, r.kind])).toEqual([
      ['roles[0].name', 'same'],
      ['roles[1].name', 'added'],
      ['scope.environment', 'changed'],
    ]);
  });

  it('shows a creation as all added and a deletion as all removed', () => {
    expect(auditDiff(null, { name: 'x' })).toEqual([
      { path: 'name', before: undefined, after: 'x', kind: 'added' },
    ]);
    expect(auditDiff({ name: 'x' }, null).map((r) => r.kind)).toEqual(['removed']);
    expect(auditDiff(null, null)).toEqual([]);
  });

  it('compares a plain value at the top level', () => {
    expect(auditDiff('a', 'b')).toEqual([{ path: '·', before: 'a', after: 'b', kind: 'changed' }]);
  });

  it('shows values as text', () => {
    expect(show('x')).toBe('x');
    expect(show(['a', 'b'])).toBe('["a","b"]');
    expect(show(null)).toBe('null');
    expect(show(undefined)).toBe('');
  });
});
