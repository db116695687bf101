import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';
import { C } from '../permissions';

const QualityPage = lazy(() => import('./QualityPage'));

/** 数据质量: the data-quality dashboard. */
export const qualityRoutes: FeatureRoute[] = [
  {
    path: '/cmdb/quality',
    element: <QualityPage />,
    permission: C.CI_READ,
    menu: { labelKey: 'cmdb.quality.menu', icon: <DashboardOutlined />, group: 'cmdb', order: 50 },
  },
];
