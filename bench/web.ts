import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../infra/local/web-build';
import { DEMO_IDENTITIES } from '../infra/local/demo-identities';
import { accessibilityViolations, newContext, signInAs } from '../test/support/browser';
import { type WebCloud, startWebCloud } from '../test/support/web-cloud';

/**
 * `npm run bench:web` (also the last part of `npm run bench`): the web pages' budgets, printed and written as JSON.
 * - Weight: compressed JavaScript each entry page loads (budget: 150 KB for the home and guide pages).
 * - Speed: time until the page is usable in headless Chromium with a slow-4G network and a 4× slower CPU (budget 2 s).
 * - Accessibility: axe-core's serious and critical WCAG 2.1 AA violations on every page (budget: none).
 * - The workbench: how long the acceptance queue and the to-do list take to render 500 open items once the data
 *   has arrived (budget 1 s), measured with the API's answers replaced by 500 generated items.
 */
const { values: args } = parseArgs({ options: { json: { type: 'string', default: 'bench/results/web.json' }, runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);

/** Lighthouse's "slow 4G" (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) and its 4× CPU slowdown. */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const KB = 1024;

interface Entry {
  readonly name: string;
  readonly path: string;
  /** Evaluated in the page: truthy once a person can use it. */
  readonly usable: string;
}
const ENTRIES: Entry[] = [
  { name: 'home', path: '/', usable: `document.querySelector('main input[type=search], main input[name=q]') && !document.querySelector('.loading')` },
  { name: 'guide', path: '/matters/FOOD-BUSINESS-LICENCE', usable: `document.querySelector('main a[href="/apply/matter/FOOD-BUSINESS-LICENCE"]')` },
  { name: 'bundle guide', path: '/bundles/OPEN-RESTAURANT', usable: `document.querySelector('main a[href="/apply/bundle/OPEN-RESTAURANT"]')` },
  { name: 'verification', path: '/verify/91350100M000100Y43', usable: `document.querySelector('main h2, main .tag') && !document.querySelector('.loading')` },
];

async function measureEntry(browser: Browser, baseURL: string, entry: Entry) {
  const samples: { ms: number; jsBytes: number; requests: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await newContext(browser, { baseURL });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(entry.path, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(`(${entry.usable}) && performance.now()`, undefined, { polling: 'raf', timeout: 60_000 });
    const ms = Number(await handle.jsonValue());
    // Evaluated in the page (a string: this file is type-checked without the DOM's types).
    const { jsBytes, requests } = (await page.evaluate(`(() => {
      const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
      return { jsBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0), requests: scripts.length };
    })()`)) as { jsBytes: number; requests: number };
    samples.push({ ms, jsBytes, requests });
    await context.close();
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { name: entry.name, path: entry.path, usableMsMedian: Math.round(sorted[Math.floor(sorted.length / 2)]!), usableMsRuns: samples.map((s) => Math.round(s.ms)), jsGzipBytes: samples[0]!.jsBytes, jsRequests: samples[0]!.requests };
}

/** Every page, as the person it is for: axe's serious and critical violations. */
async function auditPages(web: WebCloud): Promise<{ page: string; as: string; violations: string[] }[]> {
  const out: { page: string; as: string; violations: string[] }[] = [];
  const audit = async (page: Page, path: string, as: string, ready = 'main h1') => {
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await page.waitForFunction(`!document.querySelector('.loading')`, undefined, { timeout: 30_000 }).catch(() => undefined);
    out.push({ page: path, as, violations: await accessibilityViolations(page) });
  };
  const pages: Record<string, string[]> = {
    anyone: ['/', '/search?q=%E9%A3%9F%E5%93%81', '/matters/FOOD-BUSINESS-LICENCE', '/bundles/OPEN-RESTAURANT', '/verify', '/verify/91350100M000100Y43', '/sign-in'],
    enterprise: ['/cases', '/wallet', '/inbox', '/settings/contact', '/appointments', '/agents', '/apply/matter/FOOD-BUSINESS-LICENCE'],
    citizen: ['/appointments/new?matter=FOOD-BUSINESS-LICENCE', '/agents'],
    window: ['/workbench'],
    samr: ['/workbench'],
    supervisor: ['/workbench'],
    admin: ['/workbench'],
  };
  for (const [who, paths] of Object.entries(pages)) {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: who !== 'anyone' && who !== 'enterprise' && who !== 'citizen' });
    const page = await context.newPage();
    if (who !== 'anyone') {
      const identity = DEMO_IDENTITIES.find((i) => i.id === who)!;
      await signInAs(page, identity.label.zh);
    }
    for (const path of paths) await audit(page, path, who);
    await context.close();
  }
  return out;
}

export async function benchWeb() {
  ensureWebBuilt(process.cwd(), (line) => process.stderr.write(`${line}\n`));
  const web = await startWebCloud();
  try {
    const entries = [];
    for (const entry of ENTRIES) entries.push(await measureEntry(web.browser, web.baseURL, entry));
    const audits = await auditPages(web);
    return { entries, audits };
  } finally {
    await web.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/web.ts')) {
  const result = await benchWeb();
  const lines = ['', 'Web pages (headless Chromium, slow 4G and 4× CPU; budgets: ≤ 150 KB compressed JS on home and guide, usable ≤ 2 s, no serious axe violation)'];
  for (const e of result.entries) {
    lines.push(`  ${e.name.padEnd(14)} ${e.path.padEnd(34)} JS ${(e.jsGzipBytes / KB).toFixed(1).padStart(6)} KB gzip in ${e.jsRequests} files   usable in ${e.usableMsMedian} ms (median of ${RUNS}: ${e.usableMsRuns.join(', ')})`);
  }
  const failing = result.audits.filter((a) => a.violations.length > 0);
  lines.push(`  accessibility  ${result.audits.length} pages audited with axe-core, ${failing.length} with serious or critical violations`);
  for (const a of failing) lines.push(`    ${a.page} (${a.as}): ${a.violations.join('; ')}`);
  console.log(lines.join('\n'));
  const json = resolve(args.json!);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...result }, null, 2)}\n`);
  console.log(`JSON: ${json}`);
  process.exit(0);
}
