// The CMDB console journey (issue 4): the real jar in DEMO mode (the securities firm's CMDB), one
// browser; fails on browser console errors, page errors and missing translation keys, and leaves
// screenshots in console/target/e2e/cmdb-*.png.
//
// The demo server and the sign-in are lib/demo.mjs's, shared with the event-center journey.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe } from 'node:test';
import { launchBrowser, missingKeys, rawKeysOnPage } from '../lib/browser.mjs';
import { signIn as signInOnPage, startDemoServer } from '../lib/demo.mjs';
import { journeySteps } from '../lib/steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const JAR = resolve(process.env.TIANSHU_JAR ?? join(here, '../../server/target/tianshu.jar'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOTS_DIR ?? join(here, '../../console/target/e2e'));
const ADMIN_PASSWORD = 'Tianshu-e2e-Cmdb-2026!q';
const FILTER = 'model = host and <-[runs_on]- (model = application)';

const tid = (id) => `[data-testid="${id}"]`;

let server;
let browser;
let page;
let base;
let totpSecret;
const usedSteps = new Set();

const { step, shot } = journeySteps({ shots: SHOTS, prefix: 'cmdb-', page: () => page });

async function assertClean(where) {
  assert.deepEqual(await missingKeys(page), [], `missing translation keys on ${where}`);
  assert.deepEqual(await rawKeysOnPage(page), [], `untranslated keys shown on ${where}`);
  assert.deepEqual(browser.takeProblems(), [], `browser errors on ${where}`);
}

/**
 * Waits until the echarts picture (the console's Chart draws SVG) inside the element is drawn at a
 * real size and labels the given names, and returns how many labels it has.
 */
async function assertPicture(testId, names) {
  const sel = `${tid(testId)} svg`;
  await page.locator(sel).first().waitFor();
  await page.waitForFunction(
    ([sel, names]) => {
      const svg = document.querySelector(sel);
      if (!svg) return false;
      const box = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].map((t) => t.textContent);
      return box.width > 300 && box.height > 300 && names.every((n) => texts.some((t) => t.includes(n)));
    },
    [sel, names],
  );
  return page.locator(`${sel} text`).count();
}

async function signIn(username, password, newPassword) {
  totpSecret = await signInOnPage(page, { username, password, newPassword, totpSecret, usedSteps });
}

/** The rows of the CI list, as their name links. */
const ciLinks = () => page.locator(`${tid('cmdb-ci-list')} tr.ant-table-row a[href^="/cmdb/cis/"]`);

/** The model column of the CI list's rows. */
const modelCells = () => page.locator(`${tid('cmdb-ci-list')} tr.ant-table-row td:nth-child(2)`);

/** Waits until the list shows rows and every row's model column reads `label`. */
async function rowsOfModel(label) {
  await page.waitForFunction(
    ([sel, want]) => {
      const cells = [...document.querySelectorAll(sel)];
      return cells.length > 0 && cells.every((c) => c.textContent.includes(want));
    },
    [`${tid('cmdb-ci-list')} tr.ant-table-row td:nth-child(2)`, label],
  );
}

/** Types a filter into the 配置项 list and waits for its first page. */
async function filter(text) {
  const box = page.locator(tid('cmdb-filter'));
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === text);
  await ciLinks().first().waitFor();
}

describe('CMDB console journey', () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    server = process.env.TIANSHU_BASE_URL
      ? { baseUrl: process.env.TIANSHU_BASE_URL, readyAfterMs: 0, adminPassword: async () => process.env.TIANSHU_INITIAL_PASSWORD, stop: async () => {} }
      : await startDemoServer({
          jar: JAR,
          logFile: join(SHOTS, 'cmdb-server.log'),
          // the journey uses neither listener; their fixed ports could collide
          extraArgs: ['--tianshu.event.syslog.enabled=false', '--tianshu.event.snmp.enabled=false'],
        });
    base = server.baseUrl;
    console.log(`demo server ready after ${server.readyAfterMs} ms at ${base}`);
    browser = await launchBrowser({ executablePath: CHROMIUM });
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  step('1. admin signs in and opens 配置项 from the menu', async () => {
    await page.goto(base + '/');
    await signIn('admin', await server.adminPassword(), ADMIN_PASSWORD);
    const item = page.locator(tid('menu-/cmdb/cis'));
    if (!(await item.isVisible())) await page.locator(tid('menu-group-cmdb')).click();
    await item.click();
    await page.waitForURL(base + '/cmdb/cis');
    await ciLinks().first().waitFor();
    await assertClean('the CI list');
  });

  step('2. a filter with a relation condition finds the hosts applications run on', async () => {
    await filter(FILTER);
    // the first page of all CIs (IP 子网, 机柜, …) gives way to hosts only
    await rowsOfModel('主机');
    const rows = await ciLinks().count();
    assert.ok(rows > 1, `hosts that run an application: ${rows}`);
    assert.equal(await page.locator(tid('cmdb-filter-error')).count(), 0);
    const models = await modelCells().allInnerTexts();
    assert.ok(models.every((m) => m.includes('主机')), `models shown: ${models.join(', ')}`);
    await assertClean('the filtered CI list');
    await shot('cmdb-1-filter-relation');
  });

  step('3. a host: attributes, history, and the impact picture drawn', async () => {
    const host = (await ciLinks().first().innerText()).trim();
    await ciLinks().first().click();
    await page.locator(tid('cmdb-ci-detail')).getByText(host).first().waitFor();
    await page.getByRole('tab', { name: '变更历史' }).click();
    await page.locator(tid('cmdb-history-entry')).first().waitFor();
    await page.getByRole('tab', { name: '影响分析' }).click();
    // upstream two levels: the host, the applications on it and their business systems
    const labels = await assertPicture('cmdb-impact-chart', [host]);
    assert.ok(labels >= 3, `labels in the impact picture: ${labels}`);
    await assertClean(`the detail of ${host}`);
    await shot('cmdb-2-host-impact');
  });

  step('4. the business view of 集中交易', async () => {
    await page.goto(`${base}/cmdb/cis?q=${encodeURIComponent('model = business_system and name = 集中交易')}`);
    await rowsOfModel('业务系统');
    assert.equal(await ciLinks().count(), 1);
    const href = await ciLinks().first().getAttribute('href');
    await ciLinks().first().click();
    await page.getByRole('tab', { name: '业务视图' }).click();
    const labels = await assertPicture('cmdb-business-view-chart', ['集中交易']);
    assert.ok(labels >= 10, `labels in the business view: ${labels}`);
    await assertClean('the business system detail');
    // and on its own page
    await page.goto(base + href.replace('/cmdb/cis/', '/cmdb/business-view/'));
    await assertPicture('cmdb-business-view-chart', ['集中交易']);
    await assertClean('the business view page');
    await shot('cmdb-3-business-view');
  });

  step('5. the data-quality dashboard', async () => {
    await page.goto(base + '/cmdb/quality');
    await page.locator('[data-testid^="quality-gauge-"]').first().waitFor();
    await page.locator(`${tid('quality-models')} .ant-table-tbody tr`).first().waitFor();
    const models = await page.locator(`${tid('quality-models')} .ant-table-tbody tr`).count();
    assert.ok(models > 5, `models scored: ${models}`);
    await assertClean('the data-quality dashboard');
    await shot('cmdb-4-quality');
  });

  // the maturity engine (issue 6) on the same demo server: frameworks browsed, the demo
  // assessment pre-filled by the probes, its report with a radar chart, and the PDF
  step('6. 成熟度评估: the framework browser shows the documents as data', async () => {
    await page.goto(base + '/maturity/frameworks');
    await page.getByText('安全与风险管理').first().waitFor();
    await assertClean('the framework browser');
    await shot('maturity-1-frameworks');
  });

  step('7. the demo assessment report: radar drawn, PDF downloadable', async () => {
    await page.goto(base + '/maturity/assessments');
    const report = page.locator('a[href$="/report"]').first();
    await report.waitFor();
    const href = await report.getAttribute('href');
    await report.click();
    await page.waitForURL(base + href);
    await page.locator('svg').first().waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('svg')].some((svg) => {
      const box = svg.getBoundingClientRect();
      return box.width > 100 && box.height > 100;
    }));
    await assertClean('the assessment report');
    await shot('maturity-2-report');
    const pdf = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
    }, `${href.replace(/\/report$/, '')}/report.pdf?lang=zh-CN`.replace('/maturity/assessments/', '/api/v1/maturity/assessments/'));
    assert.equal(pdf.status, 200);
    assert.match(pdf.type ?? '', /pdf/);
    assert.equal(pdf.head, '%PDF-');
    assert.ok(pdf.size > 10_000, `PDF size ${pdf.size}`);
  });
});
