import { describe, expect, it } from 'vitest';
import type { Feature } from './feature';
import { allowed, allRoutes, buildMenu, mayOpen, requirementsOf, routeFor } from './permissions';

const features: Feature[] = [
  {
    key: 'platform',
    routes: [
      { path: '/', element: null, menu: { labelKey: 'home', order: 0 } },
      { path: '/account', element: null, titleKey: 'account' },
    ],
  },
  {
    key: 'admin',
    groups: [
      {
        key: 'admin',
        labelKey: 'menu.admin',
        order: 90,
        permission: ['platform.user.write', 'platform.audit.read'],
      },
    ],
    routes: [
      {
        path: '/admin/audit',
        element: null,
        permission: 'platform.audit.read',
        menu: { labelKey: 'audit', group: 'admin', order: 2 },
      },
      {
        path: '/admin/users',
        element: null,
        permission: 'platform.user.read',
        menu: { labelKey: 'users', group: 'admin', order: 1 },
      },
      {
        path: '/admin/users/:id',
        element: null,
        permission: 'platform.user.read',
        titleKey: 'user',
        group: 'admin',
      },
    ],
  },
  {
    key: 'cmdb',
    groups: [{ key: 'cmdb', labelKey: 'menu.cmdb', order: 10 }],
    routes: [
      {
        path: '/cmdb/cis',
        element: null,
        permission: ['cmdb.ci.read', 'cmdb.ci.write'],
        menu: { labelKey: 'cis', group: 'cmdb' },
      },
    ],
  },
];

describe('allowed', () => {
  it('accepts anyone for no requirement', () => expect(allowed(undefined, [])).toBe(true));
  it('needs the one permission', () => {
    expect(allowed('a', ['a', 'b'])).toBe(true);
    expect(allowed('a', ['b'])).toBe(false);
  });
  it('needs any one of a list', () => {
    expect(allowed(['a', 'c'], ['c'])).toBe(true);
    expect(allowed(['a', 'c'], ['b'])).toBe(false);
  });
});

describe('buildMenu', () => {
  it('shows everything to an administrator, groups in order, entries in order', () => {
    const menu = buildMenu(features, [
      'platform.audit.read',
      'platform.user.read',
      'platform.user.write',
      'cmdb.ci.read',
    ]);
    expect(menu.map((s) => s.group?.key ?? 'top')).toEqual(['top', 'cmdb', 'admin']);
    expect(menu[2].entries.map((e) => e.path)).toEqual(['/admin/users', '/admin/audit']);
    expect(menu[0].entries.map((e) => e.path)).toEqual(['/']);
  });

  it('drops pages the user may not open and groups left empty', () => {
    const menu = buildMenu(features, ['platform.audit.read']);
    expect(menu.map((s) => s.group?.key ?? 'top')).toEqual(['top', 'admin']);
    expect(menu[1].entries.map((e) => e.path)).toEqual(['/admin/audit']);
    expect(buildMenu(features, []).map((s) => s.group?.key ?? 'top')).toEqual(['top']);
  });

  it('refuses a menu entry in an unknown group', () => {
    const broken: Feature[] = [
      { key: 'x', routes: [{ path: '/x', element: null, menu: { labelKey: 'x', group: 'nope' } }] },
    ];
    expect(() => buildMenu(broken, [])).toThrow(/nope/);
  });
});

describe('group permissions', () => {
  const users = features[1].routes[1];
  const userDetails = features[1].routes[2];
  it('hide a whole group from who lacks its permission, even with page permissions', () => {
    // an operator: may read users through the API, administers nothing
    const operator = ['platform.user.read', 'cmdb.ci.read'];
    expect(buildMenu(features, operator).map((s) => s.group?.key ?? 'top')).toEqual(['top', 'cmdb']);
    expect(mayOpen(features, users, operator)).toBe(false);
    expect(mayOpen(features, userDetails, operator)).toBe(false);
  });
  it('need the page permission too', () => {
    expect(mayOpen(features, users, ['platform.audit.read'])).toBe(false);
    expect(mayOpen(features, users, ['platform.audit.read', 'platform.user.read'])).toBe(true);
    expect(requirementsOf(features, users)).toEqual([
      ['platform.user.write', 'platform.audit.read'],
      'platform.user.read',
    ]);
  });
});

describe('routes', () => {
  it('refuses two features declaring one path', () => {
    expect(() =>
      allRoutes([...features, { key: 'dup', routes: [{ path: '/account', element: null }] }]),
    ).toThrow(/\/account/);
  });

  it('finds the route and group of a location, params included', () => {
    expect(routeFor(features, '/admin/users/42')?.route.titleKey).toBe('user');
    expect(routeFor(features, '/admin/users')?.group?.key).toBe('admin');
    expect(routeFor(features, '/nowhere')).toBeUndefined();
  });
});
