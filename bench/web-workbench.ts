import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { DEMO_IDENTITIES } from '../infra/local/demo-identities';
import { newContext, signInAs } from '../test/support/browser';
import { FOOD_FORM, PDF, sha256, USCC } from '../test/support/food-case';
import { eventually } from '../test/support/http';
import type { WebCloud } from '../test/support/web-cloud';
import type { components } from '../web/src/api/schema';

/**
 * The workbench's part of `npm run bench:web`: the acceptance queue and the to-do list rendering 500 open items, the
 * real cases the staff pages are audited with, and which built chunks are the workbench's (never the hall's).
 */

type CaseView = components['schemas']['Case'];
type TaskView = components['schemas']['DepartmentTask'];

const identity = (id: string) => DEMO_IDENTITIES.find((i) => i.id === id)!;
const ENTERPRISE = identity('enterprise').principal;
const WINDOW = identity('window').principal;
const SAMR = identity('samr').principal;

/** The real cases the staff pages show: one waiting for acceptance, one accepted with its SAMR task open. */
export interface StaffFixtures {
  readonly submitted: CaseView;
  readonly acceptedId: string;
  readonly task: TaskView;
}

/** A 食品经营许可 case of the demo enterprise with its licences referenced and its materials uploaded, then submitted. */
async function submittedFoodCase(web: WebCloud, tag: string): Promise<string> {
  const draft = await web.call<{ id: string }>(ENTERPRISE, 'POST', '/applications', {
    matterCode: 'FOOD-BUSINESS-LICENCE',
    form: FOOD_FORM,
  });
  for (const [material, licenceNo] of [
    ['businessLicence', USCC],
    ['legalRepIdCard', 'RID-350100-0001'],
  ] as const) {
    await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/licence-references`, { material, licenceNo });
  }
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates']) {
    const slot = await web.call<{ uploadId: string; url: string; fields: Record<string, string> }>(
      ENTERPRISE,
      'POST',
      `/applications/${draft.id}/attachments`,
      {
        material,
        fileName: `${material}.pdf`,
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: sha256(PDF),
      },
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(slot.fields)) form.append(k, v);
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${material}.pdf`);
    const uploaded = await fetch(slot.url, { method: 'POST', body: form });
    if (uploaded.status >= 300) throw new Error(`upload of ${material}: ${uploaded.status} ${await uploaded.text()}`);
    await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/attachments/${slot.uploadId}/confirm`);
  }
  await web.call(
    ENTERPRISE,
    'POST',
    `/applications/${draft.id}/submit`,
    {},
    { 'idempotency-key': `bench-web-${tag}-${draft.id}` },
  );
  return draft.id;
}

/** Submits two cases and accepts one at the window: the shapes the generated lists copy, and pages to audit. */
export async function staffFixtures(web: WebCloud): Promise<StaffFixtures> {
  const waitingId = await submittedFoodCase(web, 'waiting');
  const acceptedId = await submittedFoodCase(web, 'accepted');
  await web.call(WINDOW, 'POST', `/applications/${acceptedId}/acceptance`, { decision: 'accept' });
  await web.cloud.idle();
  const queue = await web.call<{ items: CaseView[] }>(WINDOW, 'GET', '/acceptance/queue?limit=100');
  const submitted = queue.items.find((c) => c.id === waitingId);
  if (!submitted) throw new Error(`the submitted case ${waitingId} is not in the acceptance queue`);
  const task = await eventually(
    'the SAMR task of the accepted case',
    async () =>
      (await web.call<{ items: TaskView[] }>(SAMR, 'GET', '/tasks?status=WAITING&limit=100')).items.find(
        (t) => t.caseId === acceptedId,
      ),
    30_000,
  );
  return { submitted, acceptedId, task };
}

/**
 * Waits until `expression` (evaluated in the page at each animation frame) is truthy and returns its value. Not
 * page.waitForFunction: Playwright compiles a string predicate with `new Function`, which the pages' CSP (no
 * 'unsafe-eval') refuses; an evaluated expression is not compiled by the page.
 */
export async function until<T>(page: Page, expression: string, timeoutMs = 30_000): Promise<T> {
  return (await page.evaluate(`new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out after ${timeoutMs} ms waiting for: ' + ${JSON.stringify(expression)})), ${timeoutMs});
    const check = () => {
      const value = (${expression});
      if (value) { clearTimeout(timer); resolve(value); } else requestAnimationFrame(check);
    };
    check();
  })`)) as T;
}

// ——— 500 generated items ———

const DAY = 86_400_000;

/** The same kind of value (a date, or an instant) `days` later. */
function shift(value: string, days: number): string {
  const moved = new Date(Date.parse(value) + days * DAY).toISOString();
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? moved.slice(0, 10) : moved;
}
const today = () => new Date().toISOString().slice(0, 10);
/** The real number with its last run of digits replaced by a sequence: distinct numbers of the real shape. */
const numbered = (number: string, i: number) =>
  number.replace(/\d+$/, (digits) => String(i + 1).padStart(Math.max(digits.length, 4), '0'));
const SURNAMES = ['林', '陈', '黄', '张', '李', '王', '吴', '刘', '蔡', '杨'];

/** 500 cases waiting for acceptance, copied from a real one: distinct ids and numbers, deadlines from 10 days past to 20 ahead. */
export function generatedQueue(real: CaseView, n = 500): CaseView[] {
  const due = real.deadlines.acceptance ?? today();
  return Array.from({ length: n }, (_, i) => {
    const window = i % 4 === 3;
    const citizen = i % 3 === 2;
    return {
      ...real,
      id: `bench-case-${String(i).padStart(4, '0')}`,
      number: numbered(real.number, i),
      channel: window ? 'window' : 'online',
      applicant: window
        ? {
            type: citizen ? 'citizen' : 'enterprise',
            name: citizen ? `${SURNAMES[i % SURNAMES.length]}晓${i}` : `福州市鼓楼区第${i}号小吃店`,
            identifier: citizen ? '3501**********0041' : USCC,
          }
        : real.applicant,
      submittedAt: shift(real.submittedAt ?? new Date().toISOString(), -((i * 7) % 30)),
      deadlines: { ...real.deadlines, acceptance: shift(due, (i % 31) - 10) },
    } satisfies CaseView;
  });
}

/** Open SAMR tasks copied from a real one: distinct ids and case numbers, due dates from 10 days past to 30 ahead, some claimed. */
export function generatedTasks(
  real: TaskView,
  status: TaskView['status'],
  from: number,
  n: number,
  me: string,
): TaskView[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      ...real,
      id: `bench-case-${String(i).padStart(4, '0')}.0.SAMR`,
      caseId: `bench-case-${String(i).padStart(4, '0')}`,
      caseNumber: numbered(real.caseNumber, i),
      status,
      openedAt: shift(real.openedAt, -((i * 3) % 20)),
      dueDate: shift(real.dueDate, (i % 41) - 10),
      ...(status === 'CLAIMED' ? { claimedBy: i % 2 === 0 ? me : 'demo-samr-colleague' } : {}),
    } satisfies TaskView;
  });
}

/** Answers a list request from `items` as the API pages them (its `limit`, an offset cursor, `nextCursor` while more remain). */
async function answerPage(route: Route, items: readonly unknown[]) {
  const url = new URL(route.request().url());
  const limit = Number(url.searchParams.get('limit') ?? 100) || 100;
  const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
  const next = offset + limit < items.length ? String(offset + limit) : undefined;
  await route.fulfill({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ items: items.slice(offset, offset + limit), ...(next ? { nextCursor: next } : {}) }),
  });
}

interface RenderList {
  readonly name: string;
  readonly who: string;
  readonly path: string;
  /** The API path whose answers are replaced. */
  readonly api: string;
  /** The table's rows. */
  readonly rows: string;
  readonly answer: (route: Route) => Promise<void>;
}

export interface RenderResult {
  readonly name: string;
  readonly path: string;
  readonly as: string;
  readonly items: number;
  readonly rows: number;
  readonly listRequests: number;
  /** From the last list answer's arrival (its responseEnd) to 500 rows in the table. */
  readonly renderMsMedian: number;
  readonly renderMsRuns: number[];
  /** From the navigation's start to 500 rows, for context. */
  readonly loadMsRuns: number[];
}

/** One list, `runs` times: a fresh document each run, the answers replaced; the time from the data's arrival to its rows. */
async function measureList(page: Page, list: RenderList, runs: number): Promise<RenderResult> {
  await page.route((url) => url.pathname === list.api, list.answer);
  const samples: { ms: number; load: number; rows: number; requests: number }[] = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(list.path, { waitUntil: 'commit' });
    // The table's body commits in one go: the first frame it has rows, it has all of them.
    const { rows, at } = await until<{ rows: number; at: number }>(
      page,
      `(() => { const rows = document.querySelectorAll(${JSON.stringify(list.rows)}).length; return rows > 0 && { rows, at: performance.now() }; })()`,
      60_000,
    );
    const arrived = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === ${JSON.stringify(list.api)}).map((e) => e.responseEnd)`,
    )) as number[];
    if (arrived.length === 0) throw new Error(`${list.name}: no resource timing for ${list.api}`);
    samples.push({ ms: at - Math.max(...arrived), load: at, rows, requests: arrived.length });
  }
  await page.unroute((url) => url.pathname === list.api);
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rows = Math.min(...samples.map((s) => s.rows));
  if (samples.some((s) => s.rows !== 500))
    throw new Error(`${list.name}: ${samples.map((s) => s.rows).join(', ')} rows rendered, not 500`);
  return {
    name: list.name,
    path: list.path,
    as: list.who,
    items: 500,
    rows,
    listRequests: samples[0]!.requests,
    renderMsMedian: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    renderMsRuns: samples.map((s) => Math.round(s.ms)),
    loadMsRuns: samples.map((s) => Math.round(s.load)),
  };
}

/**
 * The acceptance queue (window officer) and the to-do list (SAMR officer) with 500 open items each, in desktop
 * Chromium without throttling (staff work at office computers): the lists' answers replaced by generated items
 * shaped like the real ones, 100 a page as the API gives them; the matters' names still come from the API.
 */
export async function measureWorkbenchLists(
  web: WebCloud,
  fixtures: StaffFixtures,
  runs: number,
): Promise<RenderResult[]> {
  const queue = generatedQueue(fixtures.submitted);
  const me = identity('samr').principal.sub;
  const tasks: Partial<Record<TaskView['status'], TaskView[]>> = {
    WAITING: generatedTasks(fixtures.task, 'WAITING', 0, 300, me),
    CLAIMED: generatedTasks(fixtures.task, 'CLAIMED', 300, 200, me),
  };
  const lists: (RenderList & { identity: string })[] = [
    {
      name: 'acceptance queue',
      who: 'window',
      identity: 'window',
      path: '/workbench/queue',
      api: '/acceptance/queue',
      rows: 'table.queue > tbody > tr',
      answer: (route) => answerPage(route, queue),
    },
    {
      name: 'to-do list',
      who: 'samr',
      identity: 'samr',
      path: '/workbench/tasks',
      api: '/tasks',
      rows: 'table.todo > tbody > tr',
      answer: (route) =>
        answerPage(route, tasks[new URL(route.request().url()).searchParams.get('status') as TaskView['status']] ?? []),
    },
  ];
  const out: RenderResult[] = [];
  for (const list of lists) {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, identity(list.identity).label.zh);
    out.push(await measureList(page, list, runs));
    await context.close();
  }
  return out;
}

// ——— Weight: which chunks are the workbench's ———

/**
 * The built JavaScript files only the workbench reaches: from the workbench's chunk, every file it names (static and
 * dynamic imports, Vite's preload lists), less those the hall's entry reaches without passing through it.
 */
export function workbenchChunks(dist = join(process.cwd(), 'web', 'dist')): {
  entry: string;
  workbench: Set<string>;
  all: string[];
} {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const refs = new Map(
    files.map((f) => {
      const text = readFileSync(join(assets, f), 'utf8');
      return [f, files.filter((g) => g !== f && text.includes(`/${g}`))] as const;
    }),
  );
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1];
  if (!entry) throw new Error('web/dist/index.html names no entry script');
  const roots = files.filter((f) => /^workbench-[\w-]+\.js$/.test(f));
  if (roots.length === 0) throw new Error('web/dist has no workbench chunk');
  const reach = (from: readonly string[], blocked: ReadonlySet<string>) => {
    const seen = new Set<string>();
    const stack = from.filter((f) => !blocked.has(f));
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const g of refs.get(f) ?? []) if (!blocked.has(g)) stack.push(g);
    }
    return seen;
  };
  const hall = reach([entry], new Set(roots));
  return { entry, workbench: new Set([...reach(roots, new Set())].filter((f) => !hall.has(f))), all: files };
}

/** The JavaScript files the page's document has loaded: file name and compressed bytes. */
export async function loadedScripts(page: Page): Promise<{ file: string; bytes: number }[]> {
  return (await page.evaluate(
    `performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('.js')).map((e) => ({ file: new URL(e.name).pathname.split('/').pop(), bytes: e.encodedBodySize }))`,
  )) as { file: string; bytes: number }[];
}

export interface WeightResult {
  readonly workbenchChunksBuilt: number;
  readonly home: { readonly jsFiles: string[]; readonly workbenchChunksLoaded: string[] };
  /** Every hall page the audit visited, as its person: the workbench chunks any of them loaded (none is the budget). */
  readonly hallPagesChecked: number;
  readonly hallWorkbenchChunksLoaded: string[];
  readonly workbench: {
    readonly path: string;
    readonly as: string;
    readonly landedOn: string;
    readonly jsGzipBytes: number;
    readonly jsFiles: number;
    readonly workbenchGzipBytes: number;
    readonly workbenchFiles: number;
  };
}

/** The home page as an anonymous visitor: its JS files, none the workbench's. /workbench as a window officer: its JS, cache off. */
export async function measureWeight(
  browser: Browser,
  baseURL: string,
  chunks: ReturnType<typeof workbenchChunks>,
  hallScripts: ReadonlyMap<string, readonly string[]>,
) {
  const home = await newContext(browser, { baseURL });
  const homePage = await home.newPage();
  await homePage.goto('/');
  await until(
    homePage,
    `document.querySelector('main input[type=search], main input[name=q]') && !document.querySelector('.loading')`,
    60_000,
  );
  const homeFiles = (await loadedScripts(homePage)).map((s) => s.file);
  await home.close();

  const staff = await newContext(browser, { baseURL, desktop: true });
  const page = await staff.newPage();
  await signInAs(page, identity('window').label.zh);
  const cdp = await staff.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto('/workbench');
  await page.locator('main h1').first().waitFor();
  await until(page, `!document.querySelector('.loading')`).catch(() => undefined);
  const scripts = await loadedScripts(page);
  const landedOn = new URL(page.url()).pathname;
  await staff.close();
  const own = scripts.filter((s) => chunks.workbench.has(s.file));
  const hallLoaded = new Set([...hallScripts.values()].flat().filter((f) => chunks.workbench.has(f)));
  return {
    workbenchChunksBuilt: chunks.workbench.size,
    home: { jsFiles: homeFiles, workbenchChunksLoaded: homeFiles.filter((f) => chunks.workbench.has(f)) },
    hallPagesChecked: hallScripts.size,
    hallWorkbenchChunksLoaded: [...hallLoaded],
    workbench: {
      path: '/workbench',
      as: 'window',
      landedOn,
      jsGzipBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
      jsFiles: scripts.length,
      workbenchGzipBytes: own.reduce((sum, s) => sum + s.bytes, 0),
      workbenchFiles: own.length,
    },
  } satisfies WeightResult;
}
