import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../../app/feature';
import { P } from '../permissions';

const UsersPage = lazy(() => import('./users/UsersPage'));
const OrgPage = lazy(() => import('./org/OrgPage'));
const RolesPage = lazy(() => import('./roles/RolesPage'));
const CalendarsPage = lazy(() => import('./calendars/CalendarsPage'));
const GuardPage = lazy(() => import('./guard/GuardPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));

/** 平台管理 Administration (users, organisation, roles, audit) and 运维配置 (calendars, guard). */
export const adminFeature: Feature = {
  key: 'platform.admin',
  groups: [
    {
      key: 'admin',
      labelKey: 'admin.menu',
      icon: <SettingOutlined />,
      order: 900,
      // for who administers access (users, roles) or audits it — not for operators and viewers,
      // who may read users and calendars through the API but do not administer the platform
      permission: [P.USER_WRITE, P.ROLE_WRITE, P.AUDIT_READ, P.SECURITY_READ],
    },
    // 运维配置: calendars and guard policies are what operators maintain day to day
    { key: 'ops', labelKey: 'admin.opsMenu', icon: <CalendarOutlined />, order: 800 },
  ],
  routes: [
    {
      path: '/admin/users',
      element: <UsersPage />,
      permission: P.USER_READ,
      menu: { labelKey: 'admin.users.menu', icon: <TeamOutlined />, group: 'admin', order: 10 },
    },
    {
      path: '/admin/org',
      element: <OrgPage />,
      permission: P.ORG_READ,
      menu: { labelKey: 'admin.org.menu', icon: <ApartmentOutlined />, group: 'admin', order: 20 },
    },
    {
      path: '/admin/roles',
      element: <RolesPage />,
      permission: P.ROLE_READ,
      menu: { labelKey: 'admin.roles.menu', icon: <SolutionOutlined />, group: 'admin', order: 30 },
    },
    {
      path: '/admin/calendars',
      element: <CalendarsPage />,
      permission: P.CALENDAR_READ,
      menu: { labelKey: 'admin.calendars.menu', icon: <CalendarOutlined />, group: 'ops', order: 40 },
    },
    {
      path: '/admin/guard',
      element: <GuardPage />,
      permission: P.GUARD_READ,
      menu: { labelKey: 'admin.guard.menu', icon: <SafetyOutlined />, group: 'ops', order: 50 },
    },
    {
      path: '/admin/audit',
      element: <AuditPage />,
      permission: P.AUDIT_READ,
      menu: { labelKey: 'admin.audit.menu', icon: <AuditOutlined />, group: 'admin', order: 90 },
    },
  ],
};
