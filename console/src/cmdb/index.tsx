import { ClusterOutlined } from '@ant-design/icons';
import type { Feature } from '../app/feature';
import { cisRoutes } from './cis/routes';
import { importRoutes } from './import/routes';
import { modelsRoutes } from './models/routes';
import { qualityRoutes } from './quality/routes';
import { webhooksRoutes } from './webhooks/routes';

/** 配置管理 CMDB: CIs, models, import, data quality and change subscriptions. */
export const cmdbFeature: Feature = {
  key: 'cmdb',
  groups: [{ key: 'cmdb', labelKey: 'cmdb.menu', icon: <ClusterOutlined />, order: 100 }],
  routes: [...cisRoutes, ...modelsRoutes, ...importRoutes, ...qualityRoutes, ...webhooksRoutes],
};
