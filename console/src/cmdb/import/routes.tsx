import { ImportOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';
import { C } from '../permissions';

const ImportPage = lazy(() => import('./ImportPage'));

/** 导入导出: bulk import (dry run, then apply) and export of CIs and relations. */
export const importRoutes: FeatureRoute[] = [
  {
    path: '/cmdb/import',
    element: <ImportPage />,
    permission: C.CI_READ,
    menu: { labelKey: 'cmdb.import.menu', icon: <ImportOutlined />, group: 'cmdb', order: 30 },
  },
];
