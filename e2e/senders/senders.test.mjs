// The event center against real senders from Debian's packages: Alertmanager delivering its
// webhook, Prometheus sending to Tianshu's Alertmanager-compatible /api/v2/alerts, logger sending
// syslog and snmptrap sending traps. Each sender test is skipped, loudly, when its binary is
// missing (.ci/run installs them all).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { adminClient } from '../lib/api.mjs';
import { freePort, logger, missing, snmptrap, startAlertmanager, startPrometheus } from '../lib/peers.mjs';
import { startServer } from '../lib/server.mjs';

const JAR = process.env.TIANSHU_JAR ?? join(import.meta.dirname, '..', '..', 'server', 'target', 'tianshu.jar');
const LOGS = process.env.SCREENSHOTS_DIR ?? join(import.meta.dirname, '..', 'target');

async function eventually(what, probe, timeoutMs = 60_000) {
  const started = Date.now();
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() - started > timeoutMs) assert.fail(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function alertsMatching(api, matcher) {
  const page = await api.get(`/api/v1/events/alerts?matcher=${encodeURIComponent(matcher)}&limit=50`);
  return page.items;
}

describe('event center with real senders', () => {
  let server;
  let api;
  let syslogPort;
  let snmpPort;
  const peers = [];

  before(async () => {
    syslogPort = await freePort();
    snmpPort = await freePort();
    server = await startServer({
      jar: JAR,
      logFile: join(LOGS, 'senders-server.log'),
      extraArgs: [
        '--tianshu.event.syslog.enabled=true',
        `--tianshu.event.syslog.udp-port=${syslogPort}`,
        `--tianshu.event.syslog.tcp-port=${syslogPort}`,
        '--tianshu.event.snmp.enabled=true',
        `--tianshu.event.snmp.port=${snmpPort}`,
      ],
    });
    api = await adminClient(server);
  });

  after(async () => {
    for (const p of peers) await p.stop().catch(() => undefined);
    await server?.stop();
  });

  test('Alertmanager delivers its webhook; Tianshu keeps its fingerprint and sees the resolution', { skip: missing('alertmanager') ?? false }, async () => {
    const integration = await api.post('/api/v1/events/integrations', { name: `am-${Date.now()}`, kind: 'ALERTMANAGER' });
    const am = await startAlertmanager({
      webhookUrl: `${server.baseUrl}/api/v1/events/ingest/alertmanager`,
      bearer: integration.token,
      logFile: join(LOGS, 'senders-alertmanager.log'),
    });
    peers.push(am);
    const labels = { alertname: 'E2EDiskFull', instance: 'e2e-host-1:9100', severity: 'critical' };
    const post = (extra) =>
      fetch(`${am.url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ labels, annotations: { summary: 'disk full on e2e-host-1' }, ...extra }]),
      });
    assert.equal((await post({})).status, 200);
    const [held] = await (await fetch(`${am.url}/api/v2/alerts`)).json();
    const [stored] = await eventually('the webhook alert stored in Tianshu', async () => {
      const found = await alertsMatching(api, 'alertname=E2EDiskFull');
      return found.length ? found : null;
    });
    assert.equal(stored.fingerprint, held.fingerprint, "Tianshu keeps Alertmanager's own fingerprint");
    assert.equal(stored.status, 'FIRING');
    assert.equal(stored.severity, 'CRITICAL');
    assert.ok(stored.groupKey, 'the groupKey of the notification is kept');

    assert.equal((await post({ endsAt: new Date().toISOString() })).status, 200);
    await eventually('the resolution delivered by Alertmanager', async () => {
      const [a] = await alertsMatching(api, 'alertname=E2EDiskFull');
      return a && a.status === 'RESOLVED' ? a : null;
    });
    const again = await alertsMatching(api, 'alertname=E2EDiskFull');
    assert.equal(again.length, 1, 'repeated notifications did not create a second alert');
  });

  test('Prometheus sends its alerts to /api/v2/alerts', { skip: missing('prometheus') ?? false }, async () => {
    const integration = await api.post('/api/v1/events/integrations', { name: `prom-${Date.now()}`, kind: 'PROMETHEUS' });
    const prom = await startPrometheus({
      alertmanager: new URL(server.baseUrl).host,
      bearer: integration.token,
      alertName: 'E2EPrometheusUp',
      labels: { instance: 'e2e-prom-host:9100' },
      logFile: join(LOGS, 'senders-prometheus.log'),
    });
    peers.push(prom);
    const [stored] = await eventually('the Prometheus alert stored in Tianshu', async () => {
      const found = await alertsMatching(api, 'alertname=E2EPrometheusUp');
      return found.length ? found : null;
    });
    assert.equal(stored.status, 'FIRING');
    assert.equal(stored.labels.severity, 'critical');
    assert.match(stored.generatorUrl ?? '', /graph/);
    // Prometheus re-sends every second; the alert is refreshed, not duplicated
    await eventually('a re-sent alert refreshing the same record', async () => {
      const found = await alertsMatching(api, 'alertname=E2EPrometheusUp');
      assert.equal(found.length, 1);
      return found[0].duplicates + found[0].occurrences > stored.duplicates + stored.occurrences ? found : null;
    });
  });

  test('logger sends syslog over UDP (RFC 5424) and TCP (RFC 3164)', { skip: missing('logger') ?? false }, async () => {
    const tag = `e2e${Date.now()}`;
    await logger({ port: syslogPort, rfc: '5424', tag, priority: 'daemon.crit', message: `disk array failed ${tag}` });
    await logger({ port: syslogPort, tcp: true, rfc: '3164', tag, priority: 'auth.err', message: `login storm ${tag}` });
    const stored = await eventually('both syslog messages stored as alerts', async () => {
      const page = await api.get(`/api/v1/events/alerts?q=${encodeURIComponent(tag)}&limit=50`);
      return page.items.length >= 2 ? page.items : null;
    });
    const crit = stored.find((a) => a.summary.includes('disk array failed'));
    assert.ok(crit, 'the RFC 5424 message arrived');
    assert.equal(crit.severity, 'CRITICAL');
    assert.ok(stored.find((a) => a.summary.includes('login storm')), 'the RFC 3164 message arrived over TCP');
  });

  test('snmptrap sends a v2c linkDown trap', { skip: missing('snmptrap') ?? false }, async () => {
    await snmptrap({
      port: snmpPort,
      oid: '1.3.6.1.6.3.1.1.5.3',
      varbinds: [{ oid: '1.3.6.1.2.1.2.2.1.1.7', type: 'i', value: '7' }],
    });
    const stored = await eventually('the trap stored as an alert', async () => {
      const page = await api.get(`/api/v1/events/alerts?source=SNMP&limit=50`);
      return page.items.length ? page.items : null;
    });
    assert.ok(stored.some((a) => /link ?down/i.test(a.summary)), JSON.stringify(stored.map((a) => a.summary)));
  });
});
