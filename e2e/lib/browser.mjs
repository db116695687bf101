// Debian's Chromium driven by playwright-core (which never downloads a browser), one fresh
// profile per run; collects console errors, page errors and missing translation keys.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser({ executablePath }) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'tianshu-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    // the console then turns antd's motion off: a dialog is clicked where it is, not mid-zoom
    reducedMotion: 'reduce',
  });
  const problems = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
  return {
    context,
    page,
    /** Problems seen since the last call (and clears them). */
    takeProblems: () => problems.splice(0, problems.length),
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Presses a dialog's primary button and waits for the dialog to close. A dialog that stays open
 * because the server refused fails at once with the error it shows, not after a timeout.
 * @param {import('playwright-core').Locator} dialog
 */
export async function submitDialog(dialog) {
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  const error = dialog.locator('.ant-alert-error');
  const refused = error.waitFor().then(
    () => error.innerText(),
    () => null,
  );
  const closed = dialog.waitFor({ state: 'hidden' }).then(() => null);
  const message = await Promise.race([closed, refused]);
  if (message != null) throw new Error(`the dialog stayed open: ${message}`);
  await closed;
}

/** The translation keys the console looked up but did not have, on the current document. */
export async function missingKeys(page) {
  return page.evaluate(() => window.__tianshuMissingKeys ?? ['(console did not expose __tianshuMissingKeys)']);
}

const RAW_KEY = /\b(?:app|home|login|account|admin|errors)\.[a-zA-Z][\w-]*(?:\.[\w-]+)+/g;

/** Texts on the page that look like untranslated keys (e.g. "admin.users.menu"). */
export async function rawKeysOnPage(page) {
  const text = await page.locator('body').innerText();
  return [...new Set(text.match(RAW_KEY) ?? [])];
}
