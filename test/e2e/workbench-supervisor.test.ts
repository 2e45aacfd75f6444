import type { Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { acceptedFoodCase } from '../support/cases';
import { USCC } from '../support/food-case';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The supervisor's area (电子监察 and 数据分析) in a real browser: the deadline board shows a yellow warning with its
 * department, the indicators page draws its charts with their tables and drills a number down to the cases behind
 * it, and an extension a department asked for is granted on the page (reason required first).
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window', name: '综合窗口7号' };
const SUPERVISOR: Principal = { sub: 'demo-supervisor', role: 'supervisor', name: '效能监督员' };
const SAMR: Principal = { sub: 'demo-samr-registrar', role: 'department', department: 'SAMR' };
const ADMIN: Principal = { sub: 'demo-admin', role: 'admin', name: '系统管理员' };

let web: WebCloud;
let warned: { id: string; number: string };
let extended: { id: string; number: string };
let samrName: string;

const numberOf = async (id: string) =>
  (await web.call<{ number: string }>(SUPERVISOR, 'GET', `/applications/${id}`)).number;

beforeAll(async () => {
  web = await startWebCloud();
  const accepted = async () => {
    const id = await acceptedFoodCase(web.baseURL, await web.token(ENTERPRISE), await web.token(WINDOW), () =>
      web.cloud.idle(),
    );
    return { id, number: await numberOf(id) };
  };
  // A food case's first stage gives SAMR 2 working days: its task is yellow from the start.
  warned = await accepted();
  extended = await accepted();
  const task = await eventually('SAMR’s task', async () =>
    (await web.call<{ items: { id: string; caseId: string }[] }>(SAMR, 'GET', '/tasks')).items.find(
      (t) => t.caseId === extended.id,
    ),
  );
  await web.call(SAMR, 'POST', `/tasks/${encodeURIComponent(task.id)}/decision`, {
    decision: 'extend',
    reason: '需组织专家论证',
  });
  await web.cloud.idle();
  samrName = (await web.call<{ items: { code: string; name: string }[] }>(undefined, 'GET', '/departments')).items.find(
    (d) => d.code === 'SAMR',
  )!.name;
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe('the supervisor', () => {
  it('sees the yellow warning on the board, with its department', async () => {
    for (const desktop of [true, false]) {
      const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
      const page = await context.newPage();
      await signInAs(page, /效能监督员/, '/workbench/deadlines');
      await page.getByRole('heading', { level: 1, name: '时限预警' }).waitFor();
      // The case's SAMR task (HEALTH's is on the list too).
      const row = page
        .getByRole('row')
        .filter({ hasText: warned.number })
        .filter({ hasText: '审批任务' })
        .filter({ hasText: samrName });
      await row.waitFor();
      expect(await row.textContent()).toContain('黄色预警');
      const counts = page.getByRole('table', { name: '按部门' }).getByRole('row').filter({ hasText: samrName });
      expect(Number((await counts.getByRole('cell').first().textContent())!.trim())).toBeGreaterThanOrEqual(1);
      await checkAxe(page);
      await screenshot(page, `workbench-supervisor-board-${desktop ? 'desktop' : 'phone'}`);
      if (desktop) {
        await row.getByRole('link', { name: warned.number }).click();
        await page.waitForURL(`**/workbench/cases/${warned.id}`);
      }
      await context.close();
    }
  });

  it('sees the indicators as charts with their tables, and drills a number down to its cases', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const stats = await web.call<{ rows: { accepted: number }[] }>(
      SUPERVISOR,
      'GET',
      `/stats?from=${today}&to=${today}`,
    );
    for (const desktop of [true, false]) {
      const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
      const page = await context.newPage();
      await signInAs(page, /效能监督员/, `/workbench/indicators?from=${today}&to=${today}`);
      await page.getByRole('heading', { level: 1, name: '统计指标' }).waitFor();
      // ECharts drew into its container (SVG renderer).
      await page.getByTestId('chart').first().locator('svg').first().waitFor();
      const accepted = page.getByRole('table', { name: '总体指标' }).getByRole('row', { name: /^受理件数/ });
      expect((await accepted.getByRole('cell').first().textContent())!.trim()).toBe(String(stats.rows[0]!.accepted));
      expect(stats.rows[0]!.accepted).toBeGreaterThanOrEqual(2);
      await checkAxe(page);
      await screenshot(page, `workbench-supervisor-indicators-${desktop ? 'desktop' : 'phone'}`);
      if (desktop) {
        await accepted.getByRole('link').click();
        await page.getByRole('heading', { level: 1, name: '受理件数：办件明细' }).waitFor();
        expect(new URL(page.url()).searchParams.get('indicator')).toBe('accepted');
        await page.getByRole('link', { name: warned.number }).waitFor();
        await page.getByRole('link', { name: extended.number }).waitFor();
        expect(await page.getByRole('status').textContent()).toContain(`合计 ${stats.rows[0]!.accepted}`);
        await checkAxe(page);
        await screenshot(page, 'workbench-supervisor-drill-down-desktop');
      }
      await context.close();
    }
  });

  it('reads a department name with markup in it as text in the chart’s tooltip: nothing is drawn or run', async () => {
    // An administrator types department names, and the charts show them in their labels and their tooltip.
    const departments = await web.call<{ items: { code: string; name: string }[] }>(undefined, 'GET', '/departments');
    const samr = departments.items.find((d) => d.code === 'SAMR')!;
    const marked = '市场监管<img src=x onerror="window.__xss=1">';
    await web.call(ADMIN, 'PUT', '/admin/departments/SAMR', { ...samr, name: marked });
    try {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
      const page = await context.newPage();
      await signInAs(page, /效能监督员/, `/workbench/indicators?from=${today}&to=${today}`);
      const figure = page.locator('figure.chart').filter({ hasText: '各部门平均办理时长与时限（工作日）' });
      const chart = figure.getByTestId('chart');
      await chart.locator('svg').first().waitFor();
      // The table under the chart has the name once it arrives: the chart's labels follow it.
      await figure.getByRole('table').getByText(marked, { exact: true }).waitFor();
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      const tooltip = figure.locator('.chart__tooltip');
      // An axis tooltip: move across the plot until the renamed department's bars are under the pointer.
      for (let x = box.x + box.width * 0.1; x < box.x + box.width; x += box.width / 40) {
        await page.mouse.move(x, box.y + box.height * 0.6);
        const shown = await tooltip.waitFor({ state: 'visible', timeout: 500 }).then(
          () => true,
          () => false,
        );
        if (shown && (await tooltip.textContent())?.includes('市场监管')) break;
      }
      await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await tooltip.textContent()).toContain(marked);
      await screenshot(page, 'workbench-supervisor-chart-tooltip');
      expect(await tooltip.locator('img').count()).toBe(0);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
      await context.close();
    } finally {
      await web.call(ADMIN, 'PUT', '/admin/departments/SAMR', samr);
    }
  });

  it('sees complaints with their deadlines', async () => {
    await web.call(undefined, 'POST', '/complaints', {
      about: { caseNumber: warned.number },
      category: 'delay',
      content: '审批时间太长，至今没有结果。',
      contact: { name: '王先生', phone: '13800138000' },
    });
    await web.cloud.idle();
    for (const desktop of [true, false]) {
      const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
      const page = await context.newPage();
      await signInAs(page, /效能监督员/, '/workbench/complaints');
      await page.getByRole('heading', { level: 1, name: '投诉与整改' }).waitFor();
      const row = page.getByRole('row').filter({ hasText: warned.number });
      await row.waitFor();
      expect(await row.textContent()).toContain('办理超时');
      expect(await row.textContent()).toContain('审批时间太长');
      await checkAxe(page);
      await screenshot(page, `workbench-supervisor-complaints-${desktop ? 'desktop' : 'phone'}`);
      await context.close();
    }
  });

  it('grants the extension a department asked for, once it has a reason', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /效能监督员/, '/workbench/extensions');
    await page.getByRole('heading', { level: 1, name: '延期审批' }).waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: extended.number }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('需组织专家论证');
    await checkAxe(page);
    await card.getByRole('radio', { name: '批准延期' }).check();
    await card.getByRole('button', { name: '提交决定' }).click();
    // The reason is required: the error stands at the field and in the summary.
    await card.getByRole('alert').waitFor();
    expect(await card.getByLabel('审批意见').getAttribute('aria-invalid')).toBe('true');
    expect(await card.textContent()).toContain('请填写审批意见');
    await checkAxe(page);
    await card.getByLabel('审批意见').fill('论证确需时间');
    await card.getByRole('button', { name: '提交决定' }).click();
    await page.getByText(`已批准 ${extended.number} 的延期`).waitFor();
    // The decided request leaves the list (the list refreshes after the notice; wait for it rather than read once).
    await page.getByRole('heading', { name: extended.number }).waitFor({ state: 'detached' });
    await checkAxe(page);
    await screenshot(page, 'workbench-supervisor-extensions-desktop');
    const record = await web.call<{ review: { extension: { status: string } } }>(
      SUPERVISOR,
      'GET',
      `/applications/${extended.id}`,
    );
    expect(record.review.extension.status).toBe('granted');
    await context.close();
  });
});
