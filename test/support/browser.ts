import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Headless Chromium from Debian's packages, driven by playwright-core: a real browser for the web pages' tests. The
 * flags keep it off the closed network's background services (see DESIGN.md).
 *
 * The tests run in Chromium's headless shell when it is installed (chromium-headless-shell; what Playwright itself
 * runs for headless tests): the same Blink and V8 without the full browser around them, a fifth less CPU over the
 * browser tests on two cores. `full` asks for the whole browser, as people have it (the pages' speed budgets).
 * CHROMIUM_PATH overrides both.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export async function launchBrowser(options: { full?: boolean } = {}): Promise<Browser> {
  const path =
    process.env.CHROMIUM_PATH ?? (!options.full && existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_CHROMIUM);
  if (!existsSync(path))
    throw new Error(
      `No Chromium at ${path}: install it with \`sudo apt-get install -y chromium chromium-headless-shell fonts-noto-cjk\` (or set CHROMIUM_PATH)`,
    );
  return chromium.launch({
    executablePath: path,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A phone-sized page (360 px wide) unless `desktop`; Chinese first, as the site is. */
export async function newContext(
  browser: Browser,
  options: { desktop?: boolean; baseURL: string },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: options.desktop ? { width: 1280, height: 900 } : { width: 360, height: 780 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(30_000);
  return context;
}

/** Saves a full-page screenshot as a test artifact under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now (empty when it passes). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // A page without frames (most of ours) is checked with axe.run in the page itself (legacy mode): the same rules
  // and results in half the time, since the default (axe.runPartial per frame, then finishRun in a blank page it
  // opens) costs a page per check. A page with frames (the PDF previews) gets the default, which checks inside them.
  const frameless = page.frames().length === 1;
  // Only the violations with all their elements: the passes come back as one element per rule, not thousands.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(frameless)
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Signs in on the local cloud's sign-in page as one of its demo identities (by its label's text). */
export async function signInAs(page: Page, label: RegExp | string, returnTo = '/'): Promise<void> {
  await page.goto(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('button', { name: label }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
