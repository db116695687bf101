// Journey steps that build on each other: after one fails the later ones are skipped (not timed
// out), and the failing page is photographed into the screenshots directory.
import { join } from 'node:path';
import { test } from 'node:test';

/**
 * @param {{ shots: string, prefix: string, page: () => import('playwright-core').Page, what?: string }} options
 *   shots: the screenshots directory; prefix: of the failure screenshot's name; page: the current page;
 *   what: the word the skip message uses ("step", "journey")
 */
export function journeySteps({ shots, prefix, page, what = 'step' }) {
  let failed;
  async function shot(name) {
    await page().screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
  function step(name, fn) {
    test(name, async (t) => {
      if (failed) return t.skip(`${what} "${failed}" failed`);
      try {
        await fn();
      } catch (e) {
        failed = name;
        await shot(`${prefix}failed-${name.slice(0, 2).replace(/\W/g, '')}`).catch(() => undefined);
        throw e;
      }
    });
  }
  return { step, shot };
}
