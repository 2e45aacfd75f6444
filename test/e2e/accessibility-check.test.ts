import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from '../support/browser';

/**
 * The pages' tests trust accessibilityViolations() to fail them: it must find what axe finds, whether it runs
 * axe in the page (no frames) or in every frame (a page with frames).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const FLAWS = '<img src="/x.png"><p style="color:#aaa;background:#fff">浅灰色的字</p><button></button>';

async function violationsOf(html: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(html);
    return (await accessibilityViolations(page)).map((v) => v.slice(0, v.indexOf(' (')));
  } finally {
    await context.close();
  }
}

it('finds the serious and critical violations of a page without frames', async () => {
  expect(await violationsOf(`<html lang="zh-CN"><title>t</title><body>${FLAWS}</body></html>`)).toEqual([
    'button-name',
    'color-contrast',
    'image-alt',
  ]);
});

it('finds them inside a frame too', async () => {
  const framed = `<html lang="zh-CN"><title>t</title><body><iframe title="材料" srcdoc='<html lang="zh-CN"><title>f</title><body><button></button></body></html>'></iframe></body></html>`;
  expect(await violationsOf(framed)).toEqual(['button-name']);
});
