/** The CMDB's permission strings (server: io.tianshu.cmdb.CmdbPermissions). */
export const C = {
  MODEL_READ: 'cmdb.model.read',
  MODEL_WRITE: 'cmdb.model.write',
  CI_READ: 'cmdb.ci.read',
  CI_WRITE: 'cmdb.ci.write',
  RELATION_WRITE: 'cmdb.relation.write',
  WEBHOOK_MANAGE: 'cmdb.webhook.manage',
} as const;
