import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../test/support/browser';

/**
 * `tsx scripts/readme-screenshots.ts`: the README's pictures, cut from the browser tests' full-page screenshots
 * (test-results/screenshots, written by `npm test`): the top of each page, desktop ones at half size. Chromium does
 * the cutting, since it is here anyway.
 */
const FROM = 'test-results/screenshots';
const TO = 'docs/screenshots';
const SHOTS: [from: string, to: string, width: number, height: number, scale: number][] = [
  ['journey-01-home', 'hall-home', 360, 720, 1],
  ['journey-03-guide', 'hall-guide', 360, 720, 1],
  ['journey-04-form', 'hall-form', 360, 720, 1],
  ['journey-07-receipt', 'hall-receipt', 360, 720, 1],
  ['journey-08-case-issued', 'hall-case-issued', 360, 720, 1],
  ['journey-10-verify', 'hall-verify', 360, 720, 1],
  ['workbench-window-case-desktop', 'workbench-window-case', 1280, 800, 0.5],
  ['workbench-department-task-desktop', 'workbench-department-task', 1280, 800, 0.5],
  ['workbench-supervisor-board-desktop', 'workbench-supervisor-board', 1280, 800, 0.5],
  ['workbench-supervisor-indicators-desktop', 'workbench-supervisor-indicators', 1280, 800, 0.5],
  ['workbench-admin-calendar-missing-desktop', 'workbench-admin-calendar', 1280, 800, 0.5],
  ['workbench-admin-entry-publish-check-desktop', 'workbench-admin-catalogue-entry', 1280, 800, 0.5],
  ['hall-commitment-panel', 'hall-commitment', 360, 720, 1],
  ['workbench-post-check', 'workbench-post-check', 1280, 800, 0.5],
  ['workbench-licence-import-report-desktop', 'workbench-admin-licence-import', 1280, 800, 0.5],
];

const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  for (const [from, to, width, height, scale] of SHOTS) {
    let png: Buffer;
    try {
      png = readFileSync(join(FROM, `${from}.png`));
    } catch {
      console.warn(`missing ${from}.png: run the browser tests first`);
      continue;
    }
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    await page.setViewportSize({ width: w, height: h });
    await page.setContent(
      `<body style="margin:0"><img style="display:block;width:${w}px" src="data:image/png;base64,${png.toString('base64')}"></body>`,
    );
    await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    await page.screenshot({ path: join(TO, `${to}.png`), clip: { x: 0, y: 0, width: w, height: h } });
    console.log(`${TO}/${to}.png`);
  }
} finally {
  await browser.close();
}
