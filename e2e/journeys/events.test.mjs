// The event center console journey (issue 5): the real jar in DEMO mode (the simulated monitoring
// of the securities firm's estate sends alerts from 5 s after the start), with the syslog and SNMP
// trap listeners on free loopback ports; one browser. Alerts the journey acts on are its own,
// sent as syslog datagrams, so nothing depends on where the demo cycle stands. Fails on browser
// console errors, page errors and missing translation keys; screenshots console/target/e2e/events-*.png.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe } from 'node:test';
import { launchBrowser, missingKeys, rawKeysOnPage, submitDialog } from '../lib/browser.mjs';
import { freeTcpPort, freeUdpPort, sendUdp, signIn, startDemoServer } from '../lib/demo.mjs';
import { journeySteps } from '../lib/steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const JAR = resolve(process.env.TIANSHU_JAR ?? join(here, '../../server/target/tianshu.jar'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOTS_DIR ?? join(here, '../../console/target/e2e'));
const ADMIN_PASSWORD = 'Tianshu-e2e-Events-2026!q';
/** What waits on the demo estate (groups wait 30 s before they open) may take this long on a slow machine. */
const DEMO_WAIT_MS = 150_000;

const tid = (id) => `[data-testid="${id}"]`;
const run = randomBytes(3).toString('hex');
/** The host of this run's own syslog alerts: the silence matches exactly these. */
const HOST = `e2e-${run}`;
const SUMMARY = {
  pushed: `e2epush: 推送到达 ${run}`,
  kept1: `e2ekeep: 磁盘只读 ${run}`,
  kept2: `e2ekeep2: 连接池耗尽 ${run}`,
};

let server;
let browser;
let page;
let base;
const ports = {};
const streamRequests = [];

const { step, shot } = journeySteps({ shots: SHOTS, prefix: 'events-', page: () => page });

// an event key shown as text (`event.alerts.menu`), not inside a configuration name
// such as tianshu.event.syslog.enabled, which the listener hints show on purpose
const RAW_EVENT_KEY = /(?<![\w.])event\.[a-zA-Z][\w-]*(?:\.[\w-]+)+/g;

async function assertClean(where) {
  assert.deepEqual(await missingKeys(page), [], `missing translation keys on ${where}`);
  assert.deepEqual(await rawKeysOnPage(page), [], `untranslated keys shown on ${where}`);
  const text = await page.locator('body').innerText();
  assert.deepEqual([...new Set(text.match(RAW_EVENT_KEY) ?? [])], [], `untranslated event keys on ${where}`);
  assert.deepEqual(browser.takeProblems(), [], `browser errors on ${where}`);
}

/** One RFC 5424 syslog line from this run's host: facility user, severity err (→ MAJOR). */
const syslogLine = (app, text) => `<11>1 ${new Date().toISOString()} ${HOST} ${app} - - - ${text}`;

/** The rows of the alert list. */
const alertRows = () => page.locator(`${tid('alerts-table')} tr.ant-table-row`);

/** The row of the alert list whose summary link reads `summary`. */
const alertRow = (summary) => alertRows().filter({ has: page.getByRole('link', { name: summary, exact: true }) });

/** A GET of the API with the browser's session (the journey's own look-ups, not what it checks). */
async function apiGet(path) {
  return page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(`GET ${p}: ${r.status}`);
    return r.json();
  }, path);
}

/** Polls `probe` (every second) until it answers something truthy, within `timeoutMs`. */
async function eventually(probe, what, timeoutMs = DEMO_WAIT_MS) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) assert.fail(`${what} within ${timeoutMs} ms`);
    await page.waitForTimeout(1_000);
  }
}

/** The number shown by a Statistic inside the element. */
async function statistic(testId) {
  const text = await page.locator(`${tid(testId)} .ant-statistic-content`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

describe('event center console journey', () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    ports.syslogUdp = await freeUdpPort();
    ports.syslogTcp = await freeTcpPort();
    ports.snmp = await freeUdpPort();
    server = await startDemoServer({
      jar: JAR,
      logFile: join(SHOTS, 'events-server.log'),
      extraArgs: [
        '--tianshu.event.syslog.enabled=true',
        '--tianshu.event.syslog.bind-address=127.0.0.1',
        `--tianshu.event.syslog.udp-port=${ports.syslogUdp}`,
        `--tianshu.event.syslog.tcp-port=${ports.syslogTcp}`,
        '--tianshu.event.snmp.enabled=true',
        '--tianshu.event.snmp.bind-address=127.0.0.1',
        `--tianshu.event.snmp.port=${ports.snmp}`,
      ],
    });
    base = server.baseUrl;
    console.log(`demo server with listeners ready after ${server.readyAfterMs} ms at ${base}`);
    browser = await launchBrowser({ executablePath: CHROMIUM });
    page = browser.page;
    page.setDefaultTimeout(30_000);
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/events/stream')) streamRequests.push(r.resourceType());
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('1. the live alert list shows the demo alerts, and a new alert arrives by server push', async () => {
    await page.goto(base + '/');
    await signIn(page, { username: 'admin', password: await server.adminPassword(), newPassword: ADMIN_PASSWORD });
    const item = page.locator(tid('menu-/events/alerts'));
    if (!(await item.isVisible())) await page.locator(tid('menu-group-event')).click();
    await item.click();
    await page.waitForURL(base + '/events/alerts');
    // the stream is open (an EventSource, not a poll) …
    await page.locator(tid('alerts-live')).getByText('实时').waitFor();
    assert.ok(streamRequests.includes('eventsource'), `stream requests: ${streamRequests.join(', ')}`);
    // … and the demo monitoring has sent its first cycle
    await page.waitForFunction(
      (sel) => document.querySelectorAll(sel).length >= 3,
      `${tid('alerts-table')} tr.ant-table-row`,
      { timeout: DEMO_WAIT_MS },
    );
    const demoRows = await alertRows().count();
    assert.ok(
      (await alertRows().filter({ hasText: '集中交易' }).count()) >= 1,
      `of ${demoRows} alerts listed, none about the demo's 集中交易`,
    );
    // a marker in the document survives only if the new row comes without a reload
    await page.evaluate(() => (window.__e2eNoReload = true));
    await sendUdp(ports.syslogUdp, [syslogLine('e2epush', `推送到达 ${run}`)]);
    await alertRow(SUMMARY.pushed).waitFor();
    assert.equal(await page.evaluate(() => window.__e2eNoReload), true, 'the list was reloaded, not pushed');
    assert.equal(page.url(), base + '/events/alerts');
    await assertClean('the live alert list');
    await shot('events-1-live-list');
  });

  step('2. an alert detail with its timeline; acknowledged, then resolved', async () => {
    await alertRow(SUMMARY.pushed).getByRole('link', { name: SUMMARY.pushed, exact: true }).click();
    await page.waitForURL(/\/events\/alerts\/\d+$/);
    assert.equal((await page.locator(tid('alert-summary')).innerText()).trim(), SUMMARY.pushed);
    const fields = await page.locator(tid('alert-fields')).innerText();
    assert.match(fields, /来源\s+Syslog/, 'the source');
    assert.match(fields, /源级别\s+err/, 'the source severity');
    assert.ok(fields.includes(HOST), 'the resource is the sending host');
    // err (syslog severity 3) is MAJOR (严重)
    await page.locator('.ant-card-head').getByText('严重', { exact: true }).first().waitFor();
    const timeline = page.locator(`${tid('alert-timeline')} .ant-timeline-item`);
    await page.locator(tid('alert-timeline')).getByText('新建').first().waitFor();
    const before = await timeline.count();

    await page.locator(tid('alert-acknowledge')).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '确认' });
    await dialog.locator('textarea').fill(`e2e 已接手 ${run}`);
    await submitDialog(dialog);
    // the state change, in the reader's language, with the comment
    await page.locator(tid('alert-timeline')).getByText('状态 未处理 → 已确认').waitFor();
    await page.locator(tid('alert-timeline')).getByText(`e2e 已接手 ${run}`).waitFor();
    await page.waitForFunction(
      ([sel, n]) => document.querySelectorAll(sel).length > n,
      [`${tid('alert-timeline')} .ant-timeline-item`, before],
    );
    // acknowledged: acknowledging is no longer offered, resolving is
    await page.locator(tid('alert-acknowledge')).waitFor({ state: 'detached' });

    await page.locator(tid('alert-resolve')).click();
    const resolveDialog = page.locator('.ant-modal').filter({ hasText: '解决' });
    await resolveDialog.locator('textarea').fill(`e2e 已处理 ${run}`);
    await submitDialog(resolveDialog);
    await page.locator(tid('alert-timeline')).getByText('状态 已确认 → 已恢复').waitFor();
    await page.locator(tid('alert-timeline')).getByText(`e2e 已处理 ${run}`).waitFor();
    await page.locator(tid('alert-resolve')).waitFor({ state: 'detached' });
    const after = await timeline.count();
    assert.ok(after >= before + 2, `timeline entries ${before} → ${after}`);
    await assertClean('the alert detail');
    await shot('events-2-alert-detail');
  });

  step('3. the group view: the group of the demo incident names the slow database as its root cause', async () => {
    // the demo's database slows down and its applications fail: which group that is, the journey
    // looks up through the API; what the pages show of it is checked on the pages
    const group = await eventually(async () => {
      const page1 = await apiGet('/api/v1/events/groups?limit=50');
      for (const g of page1.items ?? []) {
        if (g.rootCauseAlertId == null) continue;
        const detail = await apiGet(`/api/v1/events/groups/${g.id}`);
        if (detail.rootCause?.basis === 'topology' && detail.rootCause.summary?.includes('响应变慢')) return g;
      }
      return null;
    }, 'a demo group whose root cause is the slow database');
    await page.goto(base + '/events/groups');
    await page.locator('.ant-segmented').getByText('全部', { exact: true }).click();
    const row = page.locator(`${tid('groups-table')} tr.ant-table-row`).filter({
      has: page.locator(`a[href="/events/groups/${group.id}"]`),
    });
    await row.waitFor();
    assert.equal((await row.locator(tid('group-root-cause')).innerText()).trim(), `#${group.rootCauseAlertId}`);
    await row.locator(`a[href="/events/groups/${group.id}"]`).click();
    await page.waitForURL(`${base}/events/groups/${group.id}`);
    const root = page.locator(tid('group-root-cause'));
    await root.getByText('依据拓扑').waitFor();
    assert.ok((await root.innerText()).includes('响应变慢'), 'the root cause is the slow database');
    assert.equal(await root.locator(`a[href="/events/alerts/${group.rootCauseAlertId}"]`).count(), 1);
    const pathTags = await page.locator(`${tid('group-root-path')} .ant-tag`).count();
    assert.ok(pathTags >= 2, `CIs on the path to the root cause: ${pathTags}`);
    const members = await page.locator(`${tid('group-alerts')} tr.ant-table-row`).count();
    assert.ok(members >= 2, `alerts in the group: ${members}`);
    await assertClean('the group detail');
    await shot('events-3-group-root-cause');
  });

  step('4. a silence: the editor previews the alerts it matches, and saving lists it active', async () => {
    await sendUdp(ports.syslogUdp, [syslogLine('e2ekeep', `磁盘只读 ${run}`), syslogLine('e2ekeep2', `连接池耗尽 ${run}`)]);
    // the two open alerts of this run's host (the first one is resolved) are what the silence takes
    const matcher = encodeURIComponent(`host="${HOST}"`);
    await eventually(async () => {
      const open = await apiGet(`/api/v1/events/alerts?state=OPEN&matcher=${matcher}`);
      return (open.items ?? []).length === 2;
    }, 'the two syslog alerts stored', 30_000);
    await page.goto(`${base}/events/silences?new=1&matcher=${matcher}`);
    const preview = page.locator(tid('silence-preview'));
    await preview.waitFor();
    await page.waitForFunction(
      ([sel, a, b]) => {
        const text = document.querySelector(sel)?.textContent ?? '';
        return text.includes(a) && text.includes(b);
      },
      [tid('silence-preview'), SUMMARY.kept1, SUMMARY.kept2],
    );
    assert.equal((await preview.locator(tid('silence-preview-count')).innerText()).trim(), '当前有 2 条未恢复告警会被静默');
    assert.equal(await preview.getByText(SUMMARY.pushed).count(), 0, 'a resolved alert is not previewed');
    const drawer = page.locator('.ant-drawer-open').filter({ has: preview });
    await drawer.getByLabel('说明').fill(`e2e 变更窗口 ${run}`);
    await page.locator(tid('silence-save')).click();
    await drawer.waitFor({ state: 'detached' });
    const row = page.locator(`${tid('silences-table')} tr.ant-table-row`).filter({ hasText: HOST });
    await row.waitFor();
    await row.getByText('生效中').waitFor();
    await assertClean('the silences');
    await shot('events-4-silence');
  });

  step('5. integrations: the demo integration\'s example configuration, and the listener status', async () => {
    // one bad datagram, so the status has a rejection to show
    await sendUdp(ports.syslogUdp, [`no priority ${run}`]);
    await page.goto(base + '/events/integrations');
    await page.locator(tid('integrations-table')).getByText('演示监控 (demo Prometheus)').click();
    const examples = page.locator(`.ant-drawer-open ${tid('integration-examples')}`);
    await examples.waitFor();
    const text = await examples.innerText();
    assert.match(text, /alerting:/, 'the prometheus.yml example');
    assert.ok(text.includes(new URL(base).host), 'the examples point at this server');
    await page.keyboard.press('Escape');
    await examples.waitFor({ state: 'detached' });

    const syslog = page.locator(tid('listener-syslog'));
    await syslog.waitFor();
    await syslog.locator(tid('listener-syslog-state')).getByText('监听中').waitFor();
    assert.match(await syslog.locator(tid('listener-endpoint-udp')).innerText(), new RegExp(`127\\.0\\.0\\.1:${ports.syslogUdp}`));
    assert.match(await syslog.locator(tid('listener-endpoint-tcp')).innerText(), new RegExp(`127\\.0\\.0\\.1:${ports.syslogTcp}`));
    // four datagrams of this journey: three alerts and one without a priority (refreshed every 5 s)
    await page.waitForFunction(
      (sel) => (document.querySelector(sel)?.textContent ?? '').includes('syslog.missing-pri'),
      tid('listener-syslog-reasons'),
    );
    assert.equal(await statistic('listener-syslog-received'), 4);
    assert.equal(await statistic('listener-syslog-stored'), 3);
    assert.equal(await statistic('listener-syslog-rejected'), 1);
    assert.match(await syslog.locator(tid('listener-syslog-last')).innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.ok((await syslog.innerText()).includes(`no priority ${run}`), 'the rejected message as a sample');

    const snmp = page.locator(tid('listener-snmp'));
    await snmp.locator(tid('listener-snmp-state')).getByText('监听中').waitFor();
    assert.match(await snmp.locator(tid('listener-endpoint-udp')).innerText(), new RegExp(`127\\.0\\.0\\.1:${ports.snmp}`));
    assert.equal((await snmp.locator(tid('listener-snmp-last')).innerText()).trim(), '启动以来尚未收到消息');
    assert.equal(await statistic('listener-snmp-received'), 0);
    await assertClean('the integrations page');
    await shot('events-5-integrations');
  });

  step('6. analytics: the charts are drawn from the demo traffic', async () => {
    await page.goto(base + '/events/analytics');
    const charts = ['analytics-severity', 'analytics-source', 'analytics-noise', 'analytics-top-sources'];
    for (const c of charts) {
      await page.waitForFunction(
        (sel) => {
          const svg = document.querySelector(sel);
          if (!svg) return false;
          const box = svg.getBoundingClientRect();
          return box.width > 200 && box.height > 150 && svg.querySelectorAll('path, rect').length > 3;
        },
        `${tid(c)} svg`,
      );
    }
    // the severity chart names the severities the demo sent, the sources chart this journey's syslog
    const severityTexts = await page.locator(`${tid('analytics-severity')} svg text`).allTextContents();
    assert.ok(severityTexts.some((t) => t.includes('紧急')), `severity chart labels: ${severityTexts.join(', ')}`);
    const sourceTexts = await page.locator(`${tid('analytics-source')} svg text`).allTextContents();
    assert.ok(sourceTexts.some((t) => t.includes('Syslog')), `source chart labels: ${sourceTexts.join(', ')}`);
    await page.locator(tid('indicator-timelyReportRate')).waitFor();
    await assertClean('the analytics');
    await shot('events-6-analytics');
  });
});
