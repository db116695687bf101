// The console journeys (issue 3): one server, one browser, run in order; every journey fails on
// browser console errors, page errors and missing translation keys, and leaves a screenshot of
// its end state in console/target/e2e/.
import assert from 'node:assert/strict';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, missingKeys, rawKeysOnPage } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { freshTotp } from '../lib/totp.mjs';
import { journeySteps } from '../lib/steps.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const JAR = resolve(process.env.TIANSHU_JAR ?? join(here, '../../server/target/tianshu.jar'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(process.env.SCREENSHOTS_DIR ?? join(here, '../../console/target/e2e'));
const FIRST_LOAD_BUDGET_MS = Number(process.env.FIRST_LOAD_BUDGET_MS ?? 2000);

const ADMIN = 'admin';
const ADMIN_PASSWORD = 'Tianshu-e2e-Root-2026!x';
const suffix = Math.random().toString(36).slice(2, 8);
const OPERATOR = `op-${suffix}`;
const OPERATOR_INITIAL = `Initial-${suffix}-Pw-2026!`;
const OPERATOR_PASSWORD = `Shift-${suffix}-Duty-2026!`;

let server;
let firstLoadMs;
let browser;
let page;
let base;
const secrets = new Map(); // username → TOTP secret
const usedSteps = new Map(); // username → time steps already used

const tid = (id) => `[data-testid="${id}"]`;

// the journeys build on each other: after one fails the later ones are skipped, not timed out
const { step: journey, shot } = journeySteps({ shots: SHOTS, prefix: '', page: () => page, what: 'journey' });

/** Fails on console errors, page errors, missing keys and raw keys seen so far. */
async function assertClean(where) {
  const missing = await missingKeys(page);
  assert.deepEqual(missing, [], `missing translation keys on ${where}`);
  const raw = await rawKeysOnPage(page);
  assert.deepEqual(raw, [], `untranslated keys shown on ${where}`);
  assert.deepEqual(browser.takeProblems(), [], `browser errors on ${where}`);
}

/** A full navigation: checks the document being left first (its missing keys die with it). */
async function go(path, where = path) {
  await assertClean(`${page.url()} (before opening ${where})`);
  await page.goto(base + path);
}

async function totpFor(username) {
  if (!usedSteps.has(username)) usedSteps.set(username, new Set());
  return freshTotp(secrets.get(username), usedSteps.get(username));
}

/** Enrols TOTP on the enrolment screen shown (login stage or My account). */
async function enrolTotp(username) {
  const secret = (await page.locator(tid('totp-secret')).innerText()).trim();
  assert.match(secret, /^[A-Z2-7]{16,}=*$/, 'the enrolment shows a base32 secret');
  secrets.set(username, secret);
  await page.locator(tid('totp-confirm-code')).fill(await totpFor(username));
  await page.locator(tid('totp-confirm')).click();
  await page.locator(tid('recovery-codes')).waitFor();
  await page.locator(tid('totp-done')).click();
}

/** Password (+ forced change, + TOTP or TOTP enrolment as the server asks) until the shell shows. */
async function signIn(username, password, { newPassword } = {}) {
  await page.locator(tid('login-form')).waitFor();
  await page.locator(tid('login-username')).fill(username);
  await page.locator(tid('login-password')).fill(password);
  await page.locator(tid('login-submit')).click();
  for (let i = 0; i < 5; i++) {
    const step = await Promise.race([
      page.locator(tid('user-menu')).waitFor().then(() => 'shell'),
      page.locator(`${tid('login-card')} ${tid('password-form')}`).waitFor().then(() => 'change'),
      page.locator(`${tid('login-card')} ${tid('totp-form')}`).waitFor().then(() => 'totp'),
      page.locator(`${tid('login-card')} ${tid('totp-secret')}`).waitFor().then(() => 'enrol'),
      page.locator(`${tid('login-card')} ${tid('login-error')}`).waitFor().then(() => 'error'),
    ]);
    if (step === 'shell') {
      await page.locator(tid('menu-/')).click();
      await page.locator(tid('home-title')).waitFor();
      return;
    }
    if (step === 'error') assert.fail(`sign-in of ${username} failed: ${await page.locator(tid('login-error')).innerText()}`);
    if (step === 'change') {
      assert.ok(newPassword, `${username} was asked to change the password unexpectedly`);
      await page.locator(tid('password-current')).fill(password);
      await page.locator(tid('password-new')).fill(newPassword);
      await page.locator(tid('password-confirm')).fill(newPassword);
      await page.locator(tid('password-submit')).click();
      await page.locator(tid('password-form')).waitFor({ state: 'detached' });
    }
    if (step === 'totp') {
      assert.ok(secrets.has(username), `${username} was asked for a TOTP code without being enrolled`);
      await page.locator(tid('login-totp-code')).fill(await totpFor(username));
      await page.locator(tid('login-totp-submit')).click();
      await page.locator(tid('totp-form')).waitFor({ state: 'detached' });
    }
    if (step === 'enrol') await enrolTotp(username);
  }
  assert.fail(`sign-in of ${username} did not reach the console`);
}

async function signOut() {
  await page.locator(tid('user-menu')).click();
  await page.locator(tid('user-menu-logout')).click();
  await page.locator(tid('login-form')).waitFor();
}

async function openMenu(path) {
  await page.locator(tid(`menu-${path}`)).click();
  await page.waitForURL(base + path);
}

describe('console journeys', () => {
  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    for (const old of (await readdir(SHOTS)).filter((f) => f.endsWith('.png'))) await rm(join(SHOTS, old));
    // TIANSHU_BASE_URL + TIANSHU_INITIAL_PASSWORD: run against a server already started (fresh!)
    server = process.env.TIANSHU_BASE_URL
      ? { baseUrl: process.env.TIANSHU_BASE_URL, readyAfterMs: 0, adminPassword: async () => process.env.TIANSHU_INITIAL_PASSWORD, stop: async () => {} }
      : await startServer({ jar: JAR, logFile: join(SHOTS, 'server.log') });
    base = server.baseUrl;
    console.log(`server ready after ${server.readyAfterMs} ms at ${base}`);
    browser = await launchBrowser({ executablePath: CHROMIUM });
    page = browser.page;
    page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  journey('1. first login as the bootstrap admin: forced change, TOTP enrolment, sign in with password + TOTP', async () => {
    const initial = await server.adminPassword();
    await page.goto('about:blank'); // the browser process is warm: what is measured is the console
    // three first loads, each with an empty browser cache and no cookies; the first one right after
    // readiness. One sample on a 2-core machine whose server JVM is still compiling is noise, so the
    // median is what the budget is held to; all three are printed.
    const cdp = await page.context().newCDPSession(page);
    const loads = [];
    for (let i = 0; i < 3; i++) {
      await page.goto('about:blank');
      await page.context().clearCookies();
      await cdp.send('Network.clearBrowserCache');
      const start = Date.now();
      await page.goto(base + '/');
      await page.locator(tid('login-form')).waitFor();
      const wall = Date.now() - start;
      const rendered = await page.evaluate(() => window.__tianshuRenderedAt);
      const timing = await page.evaluate(() => ({
        html: Math.round(performance.getEntriesByType('navigation')[0].responseEnd),
        scripts: Math.round(
          Math.max(...performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).map((e) => e.responseEnd)),
        ),
      }));
      console.log(
        `console first load #${i + 1}: ${rendered} ms (navigation start → login rendered; index.html by ${timing.html} ms, ` +
          `scripts by ${timing.scripts} ms, ${wall} ms wall clock)`,
      );
      loads.push(rendered);
    }
    await cdp.detach();
    const rendered = [...loads].sort((a, b) => a - b)[1];
    console.log(`console first load: ${rendered} ms (median of ${loads.join(', ')} ms)`);
    firstLoadMs = rendered;
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');

    await signIn(ADMIN, initial, { newPassword: ADMIN_PASSWORD });
    if (!secrets.has(ADMIN)) {
      // the role did not force enrolment during sign-in: enrol from My account
      await page.locator(tid('user-menu')).click();
      await page.locator(tid('user-menu-account')).click();
      await page.locator(tid('account-tab-totp')).click();
      await page.locator(tid('totp-enable')).click();
      await enrolTotp(ADMIN);
      await page.locator(tid('totp-status')).filter({ hasText: '已启用' }).waitFor();
    }
    await assertClean('enrolment');
    await signOut();

    await signIn(ADMIN, ADMIN_PASSWORD);
    assert.ok(secrets.has(ADMIN));
    await page.locator(tid('health-card')).getByText('正常').waitFor();
    await assertClean('home after TOTP sign-in');
    await shot('journey-1-admin-signed-in-with-totp');
  });

  journey('2. an operator has no administration menu, and an admin URL shows the forbidden page', async () => {
    await openMenu('/admin/users');
    await page.locator(tid('user-create')).click();
    await page.locator(tid('user-username')).fill(OPERATOR);
    await page.locator(tid('user-display-name')).fill('值班操作员');
    await page.locator(tid('user-email')).fill(`${OPERATOR}@example.com`);
    await page.locator(tid('user-password')).fill(OPERATOR_INITIAL);
    await page.locator(tid('user-role')).click();
    await page.locator('.ant-select-item-option', { hasText: /^operator$/ }).click();
    await page.locator(tid('user-create-submit')).click();
    await page.locator(tid('user-create-form')).waitFor({ state: 'detached' });
    await page.locator(tid('user-table')).getByText(OPERATOR, { exact: true }).waitFor();
    const row = page.locator(`${tid('user-table')} tr`, { hasText: OPERATOR });
    await row.getByText('operator', { exact: true }).waitFor();
    await assertClean('users page');
    await signOut();

    await signIn(OPERATOR, OPERATOR_INITIAL, { newPassword: OPERATOR_PASSWORD });
    assert.equal(await page.locator(tid('menu-group-admin')).count(), 0, 'no administration group for an operator');
    // what operators maintain (calendars, guard policies) is under 运维配置, which they do see
    assert.equal(await page.locator(tid('menu-group-ops')).count(), 1, 'the operations settings group for an operator');
    assert.ok(!(await page.locator(tid('side-menu')).innerText()).includes('平台管理'));
    assert.equal(await page.locator(tid('posture-card')).count(), 0, 'no security posture for an operator');

    await go('/admin/users');
    await page.locator(tid('forbidden-page')).waitFor();
    await go('/admin/audit');
    await page.locator(tid('forbidden-page')).waitFor();
    await assertClean('forbidden page');
    await shot('journey-2-operator-forbidden');
    await signOut();
  });

  journey('3. the audit log lists the previous actions and the chain verifies intact', async () => {
    await signIn(ADMIN, ADMIN_PASSWORD);
    await openMenu('/admin/audit');
    const table = page.locator(tid('audit-table'));
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const text = await table.innerText();
    const rows = await table.locator('tbody tr.ant-table-row').count();
    assert.ok(rows >= 3, `the audit log lists the earlier actions (found ${rows} rows)`);
    assert.match(text, /user/i, 'user administration is in the audit log');
    assert.ok(text.includes(ADMIN), 'the admin appears as an actor');
    assert.ok(text.includes(OPERATOR), `the operator ${OPERATOR} appears in the audit log (as a target or actor)`);

    await page.locator(tid('audit-verify')).click();
    const result = page.locator(tid('audit-verify-result'));
    await result.waitFor();
    assert.equal(await result.getAttribute('data-intact'), 'true', await result.innerText());
    assert.match(await result.innerText(), /审计链完整/);
    await assertClean('audit page');
    await shot('journey-3-audit-verified');
  });

  journey('4. English and back: no untranslated keys on any page', async () => {
    await page.locator(tid('language-switch')).getByText('English').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const pages = [
      ['/', 'home-title'],
      ['/account', 'account-profile'],
      ['/admin/users', 'user-table'],
      ['/admin/audit', 'audit-table'],
      ['/admin/org', null],
      ['/admin/roles', null],
      ['/admin/calendars', null],
      ['/admin/guard', null],
      ['/no/such/page', 'not-found-page'],
    ];
    for (const [path, ready] of pages) {
      await go(path);
      if (ready) await page.locator(tid(ready)).waitFor();
      else await page.locator(tid('breadcrumb')).waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en', `${path} stays in English`);
      if (path === '/account') {
        for (const tab of ['account-tab-totp', 'account-tab-tokens', 'account-tab-password']) {
          await page.locator(tid(tab)).click();
          await assertClean(`${path} ${tab}`);
        }
      }
      if (path === '/admin/users') {
        await page.locator(tid('user-create')).click();
        await page.locator(tid('user-create-form')).waitFor();
        await page.keyboard.press('Escape');
      }
      if (path === '/admin/audit') {
        await page.locator(tid('audit-verify')).click();
        await page.locator(tid('audit-verify-result')).getByText('intact').waitFor();
      }
      await assertClean(`${path} in English`);
    }
    await go('/');
    await page.locator(tid('home-title')).waitFor();
    assert.match(await page.locator(tid('side-menu')).innerText(), /Home[\s\S]*Administration/);
    await shot('journey-4-english-home');
    await signOut();
    assert.match(await page.locator(tid('login-step')).innerText(), /Sign in/);
    await assertClean('login in English');

    await page.locator(tid('language-switch')).getByText('中文').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    assert.match(await page.locator(tid('login-step')).innerText(), /登录/);
    await signIn(ADMIN, ADMIN_PASSWORD);
    assert.match(await page.locator(tid('side-menu')).innerText(), /首页[\s\S]*平台管理/);
    await assertClean('home back in Chinese');
    await shot('journey-4-back-in-chinese');
  });

  test('5. the first load of the console took less than 2 s', () => {
    assert.ok(firstLoadMs !== undefined, 'journey 1 measured the first load');
    assert.ok(firstLoadMs < FIRST_LOAD_BUDGET_MS, `first load took ${firstLoadMs} ms, budget ${FIRST_LOAD_BUDGET_MS} ms`);
  });
});
