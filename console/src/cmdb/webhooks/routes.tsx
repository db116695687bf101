import { NotificationOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';
import { C } from '../permissions';

const WebhooksPage = lazy(() => import('./WebhooksPage'));

/** 变更订阅: outbound webhook subscriptions to CMDB changes. */
export const webhooksRoutes: FeatureRoute[] = [
  {
    path: '/cmdb/webhooks',
    element: <WebhooksPage />,
    permission: C.WEBHOOK_MANAGE,
    menu: { labelKey: 'cmdb.webhooks.menu', icon: <NotificationOutlined />, group: 'cmdb', order: 60 },
  },
];
