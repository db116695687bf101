import { DeploymentUnitOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/feature';
import { C } from '../permissions';

const ModelsPage = lazy(() => import('./ModelsPage'));
const ModelPage = lazy(() => import('./ModelPage'));

/** Typed links to the model designer's pages. */
export const modelLinks = {
  list: () => '/cmdb/models',
  model: (code: string) => `/cmdb/models/${encodeURIComponent(code)}`,
};

/** 模型管理: the model designer (attributes, rules, relations, versions, bundles). */
export const modelsRoutes: FeatureRoute[] = [
  {
    path: '/cmdb/models',
    element: <ModelsPage />,
    permission: C.MODEL_READ,
    menu: { labelKey: 'cmdb.models.menu', icon: <DeploymentUnitOutlined />, group: 'cmdb', order: 20 },
  },
  {
    path: '/cmdb/models/:code',
    element: <ModelPage />,
    permission: C.MODEL_READ,
    titleKey: 'cmdb.models.detailTitle',
    group: 'cmdb',
  },
];
