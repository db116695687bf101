import { DatabaseOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';
import { C } from '../permissions';

const CiListPage = lazy(() => import('./CiListPage'));
const CiDetailPage = lazy(() => import('./CiDetailPage'));
const BusinessViewPage = lazy(() => import('./BusinessViewPage'));

/** 配置项: the CI list, a CI's details and a business system's business view. */
export const cisRoutes: FeatureRoute[] = [
  {
    path: '/cmdb/cis',
    element: <CiListPage />,
    permission: C.CI_READ,
    menu: { labelKey: 'cmdb.cis.menu', icon: <DatabaseOutlined />, group: 'cmdb', order: 10 },
  },
  {
    path: '/cmdb/cis/:id',
    element: <CiDetailPage />,
    permission: C.CI_READ,
    group: 'cmdb',
    titleKey: 'cmdb.cis.detail',
  },
  {
    path: '/cmdb/business-view/:id',
    element: <BusinessViewPage />,
    permission: C.CI_READ,
    group: 'cmdb',
    titleKey: 'cmdb.cis.tabs.businessView',
  },
];
