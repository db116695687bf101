import {
  AlertOutlined,
  ApiOutlined,
  BarChartOutlined,
  BellOutlined,
  ClusterOutlined,
  FilterOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { Feature } from '../app/feature';
import { E } from './permissions';

const AlertsPage = lazy(() => import('./alerts/AlertsPage'));
const AlertDetailPage = lazy(() => import('./alerts/AlertDetailPage'));
const GroupsPage = lazy(() => import('./groups/GroupsPage'));
const GroupDetailPage = lazy(() => import('./groups/GroupDetailPage'));
const SilencesPage = lazy(() => import('./silences/SilencesPage'));
const IntegrationsPage = lazy(() => import('./integrations/IntegrationsPage'));
const RulesPage = lazy(() => import('./rules/RulesPage'));
const AnalyticsPage = lazy(() => import('./analytics/AnalyticsPage'));

/** 事件中心 Event center: alerts, groups, silences, integrations, rules and analytics. */
export const eventFeature: Feature = {
  key: 'event',
  groups: [{ key: 'event', labelKey: 'event.menu', icon: <AlertOutlined />, order: 200 }],
  routes: [
    {
      path: '/events/alerts',
      element: <AlertsPage />,
      permission: E.ALERT_READ,
      menu: { labelKey: 'event.alerts.menu', icon: <BellOutlined />, group: 'event', order: 10 },
    },
    {
      path: '/events/alerts/:id',
      element: <AlertDetailPage />,
      permission: E.ALERT_READ,
      titleKey: 'event.alert.title',
      group: 'event',
    },
    {
      path: '/events/groups',
      element: <GroupsPage />,
      permission: E.ALERT_READ,
      menu: { labelKey: 'event.groups.menu', icon: <ClusterOutlined />, group: 'event', order: 20 },
    },
    {
      path: '/events/groups/:id',
      element: <GroupDetailPage />,
      permission: E.ALERT_READ,
      titleKey: 'event.groups.detail',
      group: 'event',
    },
    {
      path: '/events/silences',
      element: <SilencesPage />,
      permission: E.SILENCE_MANAGE,
      menu: { labelKey: 'event.silences.menu', icon: <StopOutlined />, group: 'event', order: 30 },
    },
    {
      path: '/events/integrations',
      element: <IntegrationsPage />,
      permission: E.INTEGRATION_MANAGE,
      menu: { labelKey: 'event.integrations.menu', icon: <ApiOutlined />, group: 'event', order: 40 },
    },
    {
      path: '/events/rules',
      element: <RulesPage />,
      permission: E.RULE_MANAGE,
      menu: { labelKey: 'event.rules.menu', icon: <FilterOutlined />, group: 'event', order: 50 },
    },
    {
      path: '/events/analytics',
      element: <AnalyticsPage />,
      permission: E.ALERT_READ,
      menu: { labelKey: 'event.analytics.menu', icon: <BarChartOutlined />, group: 'event', order: 60 },
    },
  ],
};
