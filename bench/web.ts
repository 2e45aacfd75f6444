import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../infra/local/web-build';
import { DEMO_IDENTITIES } from '../infra/local/demo-identities';
import { accessibilityViolations, newContext, signInAs } from '../test/support/browser';
import { type WebCloud, startWebCloud } from '../test/support/web-cloud';
import {
  loadedScripts,
  measureWeight,
  measureWorkbenchLists,
  type StaffFixtures,
  staffFixtures,
  until,
  workbenchChunks,
} from './web-workbench';

/**
 * `npm run bench:web` (also the last part of `npm run bench`): the web pages' budgets, printed and written as JSON.
 * - Weight: compressed JavaScript each entry page loads (budget: 150 KB for the home and guide pages); staff pages
 *   load the workbench's own chunks, which no page of the hall loads (budget: none), and what /workbench loads for a
 *   window officer.
 * - Speed: time until the page is usable in headless Chromium with a slow-4G network and a 4× slower CPU (budget 2 s).
 * - Accessibility: axe-core's serious and critical WCAG 2.1 AA violations on every page, the hall's and every staff
 *   page of each role, with real cases on them (budget: none).
 * - The workbench: how long the acceptance queue and the to-do list take to render 500 open items once the data
 *   has arrived (budget 1 s), measured with the API's answers replaced by 500 generated items (bench/web-workbench.ts).
 */
const { values: args } = parseArgs({
  options: { json: { type: 'string', default: 'bench/results/web.json' }, runs: { type: 'string', default: '3' } },
});
const RUNS = Number(args.runs);

/** Lighthouse's "slow 4G" (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) and its 4× CPU slowdown. */
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const KB = 1024;

interface Entry {
  readonly name: string;
  readonly path: string;
  /** Evaluated in the page: truthy once a person can use it. */
  readonly usable: string;
}
const ENTRIES: Entry[] = [
  {
    name: 'home',
    path: '/',
    usable: `document.querySelector('main input[type=search], main input[name=q]') && !document.querySelector('.loading')`,
  },
  {
    name: 'guide',
    path: '/matters/FOOD-BUSINESS-LICENCE',
    usable: `document.querySelector('main a[href="/apply/matter/FOOD-BUSINESS-LICENCE"]')`,
  },
  {
    name: 'bundle guide',
    path: '/bundles/OPEN-RESTAURANT',
    usable: `document.querySelector('main a[href="/apply/bundle/OPEN-RESTAURANT"]')`,
  },
  {
    name: 'verification',
    path: '/verify/91350100M000100Y43',
    usable: `document.querySelector('main h2, main .tag') && !document.querySelector('.loading')`,
  },
];

async function measureEntry(browser: Browser, baseURL: string, entry: Entry) {
  const samples: { ms: number; jsBytes: number; requests: number }[] = [];
  // One visit first, not counted: the local cloud compresses each file at its first request, which CloudFront's
  // edge cache has long done before a visitor arrives.
  for (let run = -1; run < RUNS; run++) {
    const context = await newContext(browser, { baseURL });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(entry.path, { waitUntil: 'commit' });
    const ms = await until<number>(page, `(${entry.usable}) && performance.now()`, 60_000);
    // Evaluated in the page (a string: this file is type-checked without the DOM's types).
    const { jsBytes, requests } = (await page.evaluate(`(() => {
      const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js'));
      return { jsBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0), requests: scripts.length };
    })()`)) as { jsBytes: number; requests: number };
    if (run >= 0) samples.push({ ms, jsBytes, requests });
    await context.close();
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    name: entry.name,
    path: entry.path,
    usableMsMedian: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    usableMsRuns: samples.map((s) => Math.round(s.ms)),
    jsGzipBytes: samples[0]!.jsBytes,
    jsRequests: samples[0]!.requests,
  };
}

interface Audit {
  page: string;
  as: string;
  violations: string[];
}
const HALL = new Set(['anyone', 'enterprise', 'citizen']);

/**
 * Every page, as the person it is for: axe's serious and critical violations (a page that does not reach its ready
 * state counts as one). The hall's pages also note the JavaScript files they load (none may be the workbench's).
 */
async function auditPages(
  web: WebCloud,
  fixtures: StaffFixtures,
): Promise<{ audits: Audit[]; hallScripts: Map<string, string[]> }> {
  const out: Audit[] = [];
  const hallScripts = new Map<string, string[]>();
  const audit = async (page: Page, path: string, as: string, ready = 'main h1') => {
    try {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
    } catch (error) {
      out.push({
        page: path,
        as,
        violations: [`not ready: ${ready} did not appear (${String(error).split('\n')[0]})`],
      });
      return;
    }
    await until(page, `!document.querySelector('.loading')`).catch(() => undefined);
    out.push({ page: path, as, violations: await accessibilityViolations(page) });
    if (HALL.has(as))
      hallScripts.set(
        `${as} ${path}`,
        (await loadedScripts(page)).map((s) => s.file),
      );
  };
  const { submitted, acceptedId, task } = fixtures;
  const pages: Record<string, string[]> = {
    anyone: [
      '/',
      '/search?q=%E9%A3%9F%E5%93%81',
      '/matters/FOOD-BUSINESS-LICENCE',
      '/bundles/OPEN-RESTAURANT',
      '/verify',
      '/verify/91350100M000100Y43',
      '/sign-in',
    ],
    enterprise: [
      '/cases',
      '/wallet',
      '/inbox',
      '/settings/contact',
      '/appointments',
      '/agents',
      '/apply/matter/FOOD-BUSINESS-LICENCE',
    ],
    citizen: ['/appointments/new?matter=FOOD-BUSINESS-LICENCE', '/agents'],
    window: [
      '/workbench/queue',
      `/workbench/cases/${submitted.id}`,
      `/workbench/cases/${acceptedId}`,
      `/workbench/cases/${acceptedId}/notices/acceptance`,
      '/workbench/walk-in',
      '/workbench/results',
    ],
    samr: ['/workbench/tasks', `/workbench/tasks/${encodeURIComponent(task.id)}`, '/workbench/integration'],
    supervisor: [
      '/workbench/deadlines',
      '/workbench/indicators',
      '/workbench/indicators/cases?indicator=accepted',
      '/workbench/complaints',
      '/workbench/extensions',
      `/workbench/cases/${acceptedId}`,
    ],
    admin: [
      '/workbench/catalogue',
      `/workbench/catalogue/matters/${submitted.matterCode}/${submitted.matterVersion}`,
      '/workbench/calendar',
      '/workbench/departments',
      '/workbench/integrations',
      '/workbench/audit',
    ],
  };
  for (const [who, paths] of Object.entries(pages)) {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: !HALL.has(who) });
    const page = await context.newPage();
    if (who !== 'anyone') {
      const identity = DEMO_IDENTITIES.find((i) => i.id === who)!;
      await signInAs(page, identity.label.zh);
    }
    for (const path of paths) await audit(page, path, who);
    await context.close();
  }
  return { audits: out, hallScripts };
}

export async function benchWeb() {
  ensureWebBuilt(process.cwd(), (line) => process.stderr.write(`${line}\n`));
  // The budgets hold in the browser people use: the full Chromium, not the tests' headless shell.
  const web = await startWebCloud({ fullBrowser: true });
  try {
    const entries = [];
    for (const entry of ENTRIES) entries.push(await measureEntry(web.browser, web.baseURL, entry));
    const fixtures = await staffFixtures(web);
    const { audits, hallScripts } = await auditPages(web, fixtures);
    const weight = await measureWeight(web.browser, web.baseURL, workbenchChunks(), hallScripts);
    const workbench = await measureWorkbenchLists(web, fixtures, RUNS);
    return { entries, audits, weight, workbench };
  } finally {
    await web.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/web.ts')) {
  const result = await benchWeb();
  const lines = [
    '',
    'Web pages (headless Chromium, slow 4G and 4× CPU; budgets: ≤ 150 KB compressed JS on home and guide, usable ≤ 2 s, no serious axe violation; no workbench chunk on the hall’s pages; the workbench’s lists in desktop Chromium without throttling, 500 rows ≤ 1 s after the data arrived)',
  ];
  for (const e of result.entries) {
    lines.push(
      `  ${e.name.padEnd(14)} ${e.path.padEnd(34)} JS ${(e.jsGzipBytes / KB).toFixed(1).padStart(6)} KB compressed (Brotli) in ${e.jsRequests} files   usable in ${e.usableMsMedian} ms (median of ${RUNS}: ${e.usableMsRuns.join(', ')})`,
    );
  }
  const w = result.weight;
  lines.push(
    `  workbench      ${'/workbench (window officer)'.padEnd(34)} JS ${(w.workbench.jsGzipBytes / KB).toFixed(1).padStart(6)} KB compressed (Brotli) in ${w.workbench.jsFiles} files, of which the workbench’s own ${(w.workbench.workbenchGzipBytes / KB).toFixed(1)} KB in ${w.workbench.workbenchFiles} (landed on ${w.workbench.landedOn})`,
  );
  lines.push(
    `  workbench chunks loaded by the home page: ${w.home.workbenchChunksLoaded.length} (of its ${w.home.jsFiles.length} JS files: ${w.home.jsFiles.join(', ')}; ${w.workbenchChunksBuilt} workbench chunks built)`,
  );
  lines.push(
    `  workbench chunks loaded by the hall’s ${w.hallPagesChecked} audited pages: ${w.hallWorkbenchChunksLoaded.length}${w.hallWorkbenchChunksLoaded.length ? ` (${w.hallWorkbenchChunksLoaded.join(', ')})` : ''}`,
  );
  for (const r of result.workbench) {
    lines.push(
      `  ${r.name.padEnd(16)} ${r.path.padEnd(32)} ${r.rows} rows (${r.listRequests} list answers) rendered ${r.renderMsMedian} ms after the data arrived (median of ${RUNS}: ${r.renderMsRuns.join(', ')}; from navigation ${r.loadMsRuns.join(', ')} ms)${r.renderMsMedian > 1000 ? '  OVER the 1 s budget' : ''}`,
    );
  }
  const failing = result.audits.filter((a) => a.violations.length > 0);
  lines.push(
    `  accessibility  ${result.audits.length} pages audited with axe-core, ${failing.length} with serious or critical violations`,
  );
  for (const a of failing) lines.push(`    ${a.page} (${a.as}): ${a.violations.join('; ')}`);
  console.log(lines.join('\n'));
  const json = resolve(args.json!);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...result }, null, 2)}\n`);
  console.log(`JSON: ${json}`);
  process.exit(0);
}
