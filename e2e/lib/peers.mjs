// Real senders from Debian's packages, started on loopback ports for the event-center tests:
// prometheus-alertmanager, prometheus, logger (util-linux) and snmptrap (snmp).
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const BINARIES = {
  alertmanager: '/usr/bin/prometheus-alertmanager',
  prometheus: '/usr/bin/prometheus',
  logger: '/usr/bin/logger',
  snmptrap: '/usr/bin/snmptrap',
};

/** Why a peer cannot run here (its binary is missing), or null. */
export function missing(name) {
  return existsSync(BINARIES[name]) ? null : `${BINARIES[name]} is not installed (apt-get install ${packageOf(name)})`;
}

function packageOf(name) {
  return { alertmanager: 'prometheus-alertmanager', prometheus: 'prometheus', logger: 'bsdutils', snmptrap: 'snmp' }[name];
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, child, what, timeoutMs = 30_000) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}) during start`);
    if (Date.now() - started > timeoutMs) throw new Error(`${what} was not ready within ${timeoutMs} ms`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function spawnLogged(binary, args, logFile) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(t);
    }
    log.end();
  };
  return { child, stop };
}

/**
 * Debian's Alertmanager 0.25 on a free loopback port. With `webhookUrl` it routes every alert
 * to that webhook (with a bearer token) after 1 s of group wait; without, it only holds alerts.
 */
export async function startAlertmanager({ webhookUrl, bearer, logFile, groupBy = ['alertname'] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'tianshu-am-'));
  const port = await freePort();
  const receiver = webhookUrl
    ? `  - name: tianshu
    webhook_configs:
      - url: ${JSON.stringify(webhookUrl)}
        send_resolved: true
        http_config:
          authorization:
            credentials: ${JSON.stringify(bearer ?? '')}`
    : '  - name: tianshu';
  const config = `route:
  receiver: tianshu
  group_by: ${JSON.stringify(groupBy)}
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
${receiver}
`;
  await writeFile(join(dir, 'alertmanager.yml'), config);
  const { child, stop } = spawnLogged(
    BINARIES.alertmanager,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=info',
    ],
    logFile ?? join(dir, 'alertmanager.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/-/ready`, child, 'alertmanager');
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    port,
    pid: child.pid,
    stop: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Debian's Prometheus with one always-firing alerting rule, sending its alerts to an
 * Alertmanager-compatible API at `alertmanager` (host:port) with a bearer token.
 */
export async function startPrometheus({ alertmanager, bearer, alertName, labels = {}, logFile }) {
  const dir = await mkdtemp(join(tmpdir(), 'tianshu-prom-'));
  const port = await freePort();
  const rules = {
    groups: [
      {
        name: 'tianshu-e2e',
        interval: '1s',
        rules: [
          {
            alert: alertName,
            expr: 'vector(1)',
            labels: { severity: 'critical', ...labels },
            annotations: { summary: `${alertName} fired by Prometheus` },
          },
        ],
      },
    ],
  };
  await writeFile(join(dir, 'rules.yml'), JSON.stringify(rules));
  const config = {
    global: { evaluation_interval: '1s', scrape_interval: '15s' },
    rule_files: [join(dir, 'rules.yml')],
    alerting: {
      alertmanagers: [
        {
          api_version: 'v2',
          static_configs: [{ targets: [alertmanager] }],
          authorization: { credentials: bearer },
        },
      ],
    },
  };
  await writeFile(join(dir, 'prometheus.yml'), JSON.stringify(config));
  const { child, stop } = spawnLogged(
    BINARIES.prometheus,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // the first notifications go out before the notifier has discovered its target; resend soon
      '--rules.alert.resend-delay=1s',
    ],
    logFile ?? join(dir, 'prometheus.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/-/ready`, child, 'prometheus', 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url,
    stop: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** util-linux `logger` sending one message over UDP or TCP in RFC 3164 or RFC 5424 format. */
export async function logger({ port, tcp = false, rfc = '5424', tag = 'tianshu-e2e', priority = 'daemon.err', message }) {
  const args = ['--server', '127.0.0.1', '--port', String(port), tcp ? '--tcp' : '--udp', '-t', tag, '-p', priority];
  args.push(rfc === '3164' ? '--rfc3164' : '--rfc5424');
  args.push(message);
  await run(BINARIES.logger, args);
}

/** net-snmp `snmptrap` sending one v1 or v2c trap to a loopback port. */
export async function snmptrap({ port, version = '2c', community = 'public', oid, varbinds = [] }) {
  const target = `udp:127.0.0.1:${port}`;
  const binds = varbinds.flatMap((v) => [v.oid, v.type, v.value]);
  const args =
    version === '1'
      ? ['-v', '1', '-c', community, target, oid, '127.0.0.1', '6', '1', '', ...binds]
      : ['-v', '2c', '-c', community, target, '', oid, ...binds];
  await run(BINARIES.snmptrap, args, { env: { ...process.env, MIBS: '' } });
}
