/** The event center's permission strings (server: io.tianshu.event.EventPermissions). */
export const E = {
  ALERT_READ: 'event.alert.read',
  ALERT_WRITE: 'event.alert.write',
  INTEGRATION_MANAGE: 'event.integration.manage',
  RULE_MANAGE: 'event.rule.manage',
  SILENCE_MANAGE: 'event.silence.manage',
} as const;
