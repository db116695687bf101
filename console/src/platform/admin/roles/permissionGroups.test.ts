import { describe as suite, expect, it } from 'vitest';
import { describe, groupPermissions, selectionState } from './permissionGroups';

const p = (name: string, zh = `${name} 中`, en = `${name} en`) => ({
  name,
  descriptionZh: zh,
  descriptionEn: en,
});

suite('groupPermissions', () => {
  const catalogue = [
    p('cmdb.ci.read'),
    p('platform.user.write'),
    p('platform.audit.read'),
    p('platform.user.read'),
    p('event.alert.ack'),
  ];

  it('groups by module then resource, platform first, sorted', () => {
    const groups = groupPermissions(catalogue, 'en');
    expect(groups.map((g) => g.module)).toEqual(['platform', 'cmdb', 'event']);
    expect(groups[0].resources.map((r) => r.resource)).toEqual(['audit', 'user']);
    expect(groups[0].resources[1].items.map((i) => i.name)).toEqual([
      'platform.user.read',
      'platform.user.write',
    ]);
    expect(groups[0].names).toEqual(['platform.audit.read', 'platform.user.read', 'platform.user.write']);
  });

  it('describes in the language of the console', () => {
    expect(
      groupPermissions([p('platform.user.read', '查看用户', 'Read users')], 'zh-CN')[0].resources[0].items[0]
        .description,
    ).toBe('查看用户');
    expect(
      groupPermissions([p('platform.user.read', '查看用户', 'Read users')], 'en')[0].resources[0].items[0]
        .description,
    ).toBe('Read users');
  });

  it('falls back to the other language, then the name', () => {
    expect(describe(p('a.b.c', '', 'English only'), 'zh-CN')).toBe('English only');
    expect(describe(p('a.b.c', '', ''), 'en')).toBe('a.b.c');
  });

  it('keeps permissions a role holds that the catalogue lacks', () => {
    const groups = groupPermissions(catalogue, 'en', ['platform.user.read', 'legacy.thing.do', 'odd']);
    expect(groups.find((g) => g.module === 'legacy')?.names).toEqual(['legacy.thing.do']);
    expect(groups.find((g) => g.module === '')?.names).toEqual(['odd']);
    expect(groups[0].names.filter((n) => n === 'platform.user.read')).toHaveLength(1);
  });

  it('tells the selection state of a group', () => {
    const [platform] = groupPermissions(catalogue, 'en');
    expect(selectionState(platform, new Set())).toBe('none');
    expect(selectionState(platform, new Set(['platform.user.read', 'cmdb.ci.read']))).toBe('some');
    expect(selectionState(platform, new Set(platform.names))).toBe('all');
  });
});
