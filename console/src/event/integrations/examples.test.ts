import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CREATABLE_KINDS } from '../api';
import { examples, fillZabbixMediaType, splitUrl, TOKEN_PLACEHOLDER } from './examples';

const base = 'https://tianshu.example.com';
const token = '3f9c0d1e2b3a4c5d6e7f8091a2b3c4d5';
const text = (kind: Parameters<typeof examples>[0], input = { baseUrl: base, token }) =>
  examples(kind, input)
    .map((e) => e.text)
    .join('\n');

describe('example configurations', () => {
  it('Alertmanager: a webhook receiver with the token as bearer credentials', () => {
    const t = text('alertmanager');
    expect(t).toContain('webhook_configs:');
    expect(t).toContain(`- url: ${base}/api/v1/events/ingest/alertmanager`);
    expect(t).toMatch(/http_config:\n\s+authorization:\n\s+type: Bearer\n\s+credentials: '3f9c/);
  });

  it('Prometheus: API v2 with the server as a static target, scheme and path from the URL', () => {
    const t = text('prometheus', { baseUrl: 'http://10.0.0.5:8080/tianshu/', token });
    expect(t).toContain('api_version: v2');
    expect(t).toContain('scheme: http');
    expect(t).toContain('path_prefix: /tianshu');
    expect(t).toContain('- targets: ["10.0.0.5:8080"]');
    expect(t).toContain(`credentials: '${token}'`);
    expect(text('prometheus')).toContain('path_prefix: /\n');
  });

  it('PagerDuty: the enqueue URL and the token as routing_key', () => {
    const [url, curl] = examples('pagerduty', { baseUrl: base, token });
    expect(url.text).toBe(`${base}/api/v1/events/ingest/pagerduty/v2/enqueue`);
    expect(curl.text).toContain(`"routing_key":"${token}"`);
    expect(curl.text).toContain('"event_action":"trigger"');
  });

  it('Zabbix: the parameters and the media type with URL and token filled in', () => {
    const yaml = readFileSync(
      new URL('../../../../docs/integrations/zabbix-media-type.yaml', import.meta.url),
      'utf8',
    );
    const [params, media] = examples('zabbix', { baseUrl: base, token, zabbixMediaType: yaml });
    expect(params.text).toContain(`tianshu_token = ${token}`);
    expect(media.text).toContain(`- name: tianshu_url\n          value: '${base}'`);
    expect(media.text).toContain(`- name: tianshu_token\n          value: '${token}'`);
    expect(media.text).not.toContain('<integration token>');
    // the rest of the definition is untouched
    expect(media.text.length - yaml.length).toBe(
      token.length + base.length - '<integration token>'.length - 'https://tianshu.example.com'.length,
    );
    expect(fillZabbixMediaType("- name: tianshu_token\n  value: 'x'", base, "a'b")).toContain(
      "value: 'a''b'",
    );
  });

  it('syslog and SNMP: the host of the URL and the listener ports', () => {
    expect(text('syslog')).toContain('*.* @@tianshu.example.com:1514');
    expect(text('snmp')).toContain('snmptrap -v 2c -c public udp:tianshu.example.com:1162');
    expect(text('snmp', { baseUrl: base, token: null as unknown as string })).not.toContain(
      TOKEN_PLACEHOLDER,
    );
  });

  it('uses a placeholder once the token is no longer known, quoted for YAML', () => {
    expect(text('alertmanager', { baseUrl: base, token: '' })).toContain(
      `credentials: '${TOKEN_PLACEHOLDER}'`,
    );
  });

  it('has an example for every kind and tolerates a URL without scheme', () => {
    for (const kind of CREATABLE_KINDS) expect(examples(kind, { baseUrl: base }).length).toBeGreaterThan(0);
    expect(splitUrl('tianshu.example.com/')).toMatchObject({
      scheme: 'https',
      host: 'tianshu.example.com',
      path: '',
    });
  });
});
