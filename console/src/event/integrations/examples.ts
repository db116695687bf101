/**
 * The example configuration (配置示例) of each integration kind, filled with this server's URL
 * and the integration's token; the forms are those of docs/event-center.md and
 * docs/integrations/*.md.
 */
import type { IntegrationKind } from '../api';

export interface Example {
  /** i18n key suffix under `event.integrations.examples` naming what the snippet is */
  key: string;
  language: 'yaml' | 'bash' | 'json' | 'text';
  text: string;
  /** a file name when the snippet is offered as a download */
  fileName?: string;
}

export interface ExampleInput {
  /** the server's external URL, e.g. `https://tianshu.example.com` (no trailing slash) */
  baseUrl: string;
  /** the token, or null when it is not known any more (shown once): a placeholder is used */
  token?: string | null;
  /** the Zabbix media type definition (docs/integrations/zabbix-media-type.yaml) */
  zabbixMediaType?: string;
  syslogPort?: number;
  snmpPort?: number;
  snmpCommunity?: string;
}

export const TOKEN_PLACEHOLDER = '<integration token>';

export const INGEST_PATHS: Partial<Record<IntegrationKind, string>> = {
  alertmanager: '/api/v1/events/ingest/alertmanager',
  prometheus: '/api/v2/alerts',
  pagerduty: '/api/v1/events/ingest/pagerduty/v2/enqueue',
  zabbix: '/api/v1/events/ingest/zabbix',
  'generic-json': '/api/v1/events/ingest/generic',
};

/** Scheme, host, port and path of the base URL, tolerant of a missing scheme or trailing slash. */
export function splitUrl(baseUrl: string) {
  const url = new URL(/^[a-z]+:\/\//i.test(baseUrl) ? baseUrl : `https://${baseUrl}`);
  const scheme = url.protocol.replace(':', '');
  const path = url.pathname.replace(/\/+$/, '');
  return { scheme, host: url.hostname, hostPort: url.host, path, origin: `${url.origin}${path}` };
}

/** A YAML single-quoted scalar: a hex token could otherwise read as a number (`1e5…`). */
function yamlValue(v: string) {
  return `'${v.replace(/'/g, "''")}'`;
}

/** The Zabbix media type with `tianshu_url` and `tianshu_token` filled in. */
export function fillZabbixMediaType(yaml: string, url: string, token: string) {
  const fill = (text: string, name: string, value: string) =>
    text.replace(
      new RegExp(`(- name: ${name}\\n(\\s+)value: )'[^'\\n]*'`),
      (_m, head: string) => `${head}'${value.replace(/'/g, "''")}'`,
    );
  return fill(fill(yaml, 'tianshu_url', url), 'tianshu_token', token);
}

/** The snippets for one kind (empty for a kind without a sender-side configuration). */
export function examples(kind: IntegrationKind, input: ExampleInput): Example[] {
  const u = splitUrl(input.baseUrl);
  const token = input.token || TOKEN_PLACEHOLDER;
  const t = yamlValue(token);
  const ingest = `${u.origin}${INGEST_PATHS[kind] ?? ''}`;
  switch (kind) {
    case 'alertmanager':
      return [
        {
          key: 'alertmanager',
          language: 'yaml',
          text: `# alertmanager.yml
route:
  receiver: tianshu
receivers:
  - name: tianshu
    webhook_configs:
      - url: ${ingest}
        send_resolved: true
        max_alerts: 0
        http_config:
          authorization:
            type: Bearer
            credentials: ${t}
`,
        },
      ];
    case 'prometheus':
      return [
        {
          key: 'prometheus',
          language: 'yaml',
          text: `# prometheus.yml: Prometheus posts to <path_prefix>/api/v2/alerts
alerting:
  alertmanagers:
    - scheme: ${u.scheme}
      api_version: v2
      path_prefix: ${u.path || '/'}
      authorization:
        type: Bearer
        credentials: ${t}
      static_configs:
        - targets: ["${u.hostPort}"]
`,
        },
        {
          key: 'vmalert',
          language: 'bash',
          text: `vmalert -notifier.url=${u.origin} -notifier.bearerToken='${token}' …`,
        },
      ];
    case 'pagerduty':
      return [
        { key: 'eventsUrl', language: 'text', text: ingest },
        {
          key: 'pagerduty',
          language: 'bash',
          text: `curl -s -X POST ${ingest} \\
  -H 'Content-Type: application/json' \\
  -d '${JSON.stringify({
    routing_key: token,
    event_action: 'trigger',
    dedup_key: 'srv01/cpu',
    payload: { summary: 'CPU above 95%', source: 'srv01', severity: 'error', component: 'mysql' },
  })}'`,
        },
      ];
    case 'zabbix': {
      const out: Example[] = [
        {
          key: 'zabbixParams',
          language: 'text',
          text: `tianshu_url   = ${u.origin}\ntianshu_token = ${token}`,
        },
      ];
      if (input.zabbixMediaType) {
        out.push({
          key: 'zabbixMediaType',
          language: 'yaml',
          text: fillZabbixMediaType(input.zabbixMediaType, u.origin, token),
          fileName: 'zabbix-media-type-tianshu.yaml',
        });
      }
      return out;
    }
    case 'generic-json':
      return [
        {
          key: 'generic',
          language: 'bash',
          text: `curl -s -X POST ${ingest} \\
  -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\
  -d '{"events": [{"host": "srv01", "check": "disk", "state": "firing", "level": "critical", "title": "Disk /data 91% full"}]}'`,
        },
      ];
    case 'syslog': {
      const port = input.syslogPort ?? 1514;
      return [
        {
          key: 'rsyslog',
          language: 'text',
          text: `# /etc/rsyslog.d/90-tianshu.conf: everything over TCP (@@), or @ for UDP
*.* @@${u.host}:${port}`,
        },
        {
          key: 'logger',
          language: 'bash',
          text: `logger --server ${u.host} --port ${port} --tcp --rfc5424 -t myapp -p daemon.err "disk /data 91% full"`,
        },
      ];
    }
    case 'snmp': {
      const port = input.snmpPort ?? 1162;
      const community = input.snmpCommunity ?? 'public';
      return [
        {
          key: 'snmptrap',
          language: 'bash',
          text: `# linkDown of ifIndex 2 (linkUp, 1.3.6.1.6.3.1.1.5.4, resolves it)
MIBS= snmptrap -v 2c -c ${community} udp:${u.host}:${port} '' 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.2 i 2`,
        },
        {
          key: 'cisco',
          language: 'text',
          text: `snmp-server host ${u.host} version 2c ${community} udp-port ${port}
snmp-server enable traps snmp linkdown linkup coldstart`,
        },
      ];
    }
    case 'manual':
      // manual reports are made in the console (上报告警), not configured at a sender
      return [];
  }
}

/** Whether the kind authenticates by the integration token (syslog and SNMP do not). */
export const usesToken = (kind: IntegrationKind) => kind !== 'syslog' && kind !== 'snmp';
