import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The administrator's area of the workbench in a real browser: next year's working-day calendar is loaded from the
 * State Council notice after the page warns it is missing, the audit log shows who loaded it, the catalogue lists its
 * matters by version and status and opens one in its editor, a department's webhook gets a signing secret shown
 * once, and every page passes axe on a phone and a desktop. Another role's officer finds none of it.
 */
jest.setTimeout(300_000);

const ADMIN: Principal = { sub: 'demo-admin', role: 'admin', name: '系统管理员' };

/**
 * The browser's clock is pinned to early December 2026: the local cloud ships the calendars of 2025 and 2026 only,
 * and from November on the page asks for next year's. Timers keep running (only Date is fixed).
 */
const TODAY = new Date('2026-12-05T10:00:00+08:00');
const NEXT = 2027;

/**
 * 2027's holidays and make-up working days as the administrator types them from the notice. Plausible dates (the
 * festivals fall on these days in 2027 and every make-up day is a weekend), not the published notice.
 */
const HOLIDAYS = [
  '# 国务院办公厅关于2027年部分节假日安排的通知',
  '元旦 2027-01-01..2027-01-03',
  '春节 2027-02-05..2027-02-13',
  '清明节 2027-04-03 至 2027-04-05',
  '劳动节 2027-05-01..2027-05-05',
  '端午节 2027-06-09',
  '中秋节 2027-09-15',
  '国庆节 2027-10-01..2027-10-07',
].join('\n');
const WORKDAYS = ['春节 2027-01-31, 2027-02-20', '劳动节 2027-04-25', '国庆节 2027-09-26, 2027-10-09'].join('\n');
const HOLIDAY_COUNT = 3 + 9 + 3 + 5 + 1 + 1 + 7;
const WORKDAY_COUNT = 5;

let web: WebCloud;

beforeAll(async () => {
  web = await startWebCloud();
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** A signed-in administrator's page on a phone or a desktop, its clock in December 2026. */
async function adminPage(desktop: boolean, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
  const page = await context.newPage();
  await page.clock.setFixedTime(TODAY);
  await signInAs(page, /系统管理员/, path);
  return { context, page };
}

/** The error a field is described by (the one next to it), once the field is marked invalid. */
async function errorOf(page: Page, field: Locator): Promise<Locator> {
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const id = (await field.getAttribute('aria-describedby'))!.split(' ').find((i) => i.endsWith('-error'))!;
  return page.locator(`[id="${id}"]`);
}

const size = (desktop: boolean) => (desktop ? 'desktop' : 'phone');

describe('the administrator', () => {
  it('is warned that next year’s calendar is missing, and loads it from the State Council notice', async () => {
    await expect(web.call(undefined, 'GET', `/calendars/${NEXT}`)).rejects.toThrow(/404/);
    // This year's calendar, as shipped; the warning about next year's leads to it.
    const { context, page } = await adminPage(true, `/workbench/calendar?year=${NEXT - 1}`);
    await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
    await page
      .getByRole('region', { name: `${NEXT - 1} 年` })
      .getByRole('table', { name: '放假' })
      .getByRole('row')
      .filter({ hasText: '春节' })
      .waitFor();
    const warning = page.getByRole('alert').filter({ hasText: `${NEXT} 年的工作日历尚未载入` });
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`国务院办公厅关于 ${NEXT} 年部分节假日安排的通知`);
    await checkAxe(page);
    await warning.getByRole('link', { name: `载入 ${NEXT} 年日历` }).click();
    await page.getByText(`${NEXT} 年的工作日历尚未载入。`, { exact: true }).waitFor();
    expect(await page.getByRole('region', { name: `${NEXT - 1} 年` }).count()).toBe(0);
    // Next year is the one shown now (as it is by default from November on), with its form.
    const form = page.getByRole('form', { name: `载入 ${NEXT} 年节假日安排` });
    await form.waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-calendar-missing-desktop');

    // A date that does not exist: the error stands at its field, in Chinese, before anything is sent.
    const holidays = form.getByRole('textbox', { name: '放假日期', exact: true });
    const workdays = form.getByRole('textbox', { name: '调休上班日期（周六或周日）', exact: true });
    await holidays.fill('春节 2027-02-30');
    await form.getByRole('button', { name: '载入日历' }).click();
    await (await errorOf(page, holidays))
      .filter({ hasText: '第 1 行：“2027-02-30”不是有效的日期（格式为 YYYY-MM-DD）。' })
      .waitFor();
    expect(await holidays.getAttribute('aria-invalid')).toBe('true');
    await form.getByRole('alert').filter({ hasText: '第 1 行' }).waitFor();
    await checkAxe(page);

    // A make-up working day on a Wednesday: the API refuses it, and the page names it at its line, in Chinese.
    await holidays.fill(HOLIDAYS);
    await workdays.fill(`${WORKDAYS}\n端午节 2027-06-02`);
    await form.getByRole('button', { name: '载入日历' }).click();
    await (await errorOf(page, workdays))
      .filter({ hasText: '第 4 行：2027-06-02 不是周六或周日，不需要调休上班。' })
      .waitFor();
    expect(await workdays.getAttribute('aria-invalid')).toBe('true');
    expect(await holidays.getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'workbench-admin-calendar-error-desktop');

    await workdays.fill(WORKDAYS);
    await form.getByRole('button', { name: '载入日历' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${NEXT} 年的工作日历已载入：放假 ${HOLIDAY_COUNT} 天，调休上班 ${WORKDAY_COUNT} 天。` })
      .waitFor();
    await warning.waitFor({ state: 'detached' });
    const year = page.getByRole('region', { name: `${NEXT} 年` });
    await year
      .getByRole('table', { name: '放假' })
      .getByRole('row')
      .filter({ hasText: '国庆节' })
      .filter({ hasText: '7' })
      .waitFor();
    await year.getByRole('table', { name: '调休上班' }).getByRole('row').filter({ hasText: '劳动节' }).waitFor();
    // The form now holds the calendar as loaded, to correct it if the notice is amended.
    await eventually(
      'the loaded lines in the form',
      async () => ((await holidays.inputValue()).includes('国庆节 2027-10-01..2027-10-07') ? true : undefined),
      15_000,
    );
    expect(await workdays.inputValue()).toBe(WORKDAYS);
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-calendar-loaded-desktop');
    await context.close();

    const loaded = await web.call<{
      year: number;
      holidays: { date: string; name: string }[];
      workdays: { date: string; name: string }[];
    }>(undefined, 'GET', `/calendars/${NEXT}`);
    expect(loaded.year).toBe(NEXT);
    expect(loaded.holidays).toHaveLength(HOLIDAY_COUNT);
    expect(loaded.holidays).toContainEqual({ date: '2027-02-05', name: '春节' });
    expect(loaded.holidays).toContainEqual({ date: '2027-10-07', name: '国庆节' });
    expect(loaded.workdays.map((d) => d.date).sort()).toEqual([
      '2027-01-31',
      '2027-02-20',
      '2027-04-25',
      '2027-09-26',
      '2027-10-09',
    ]);
    // Time limits now run into 2027: 5 working days after 2026-12-29 skip New Year's Day and the weekend.
    const due = await web.call<{ due: string }>(undefined, 'GET', '/calendar/add-working-days?from=2026-12-29&days=5');
    expect(due.due).toBe('2027-01-06');

    // On a phone the warning is gone too, and the year is there.
    const phone = await adminPage(false, '/workbench/calendar');
    await phone.page.getByRole('region', { name: `${NEXT} 年` }).waitFor();
    expect(await phone.page.getByRole('alert').filter({ hasText: '尚未载入' }).count()).toBe(0);
    await checkAxe(phone.page);
    await screenshot(phone.page, 'workbench-admin-calendar-phone');
    await phone.context.close();
  });

  it('finds the calendar’s loading in the audit log', async () => {
    for (const desktop of [true, false]) {
      const { context, page } = await adminPage(desktop, '/workbench/audit');
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
      await page.getByRole('table', { name: '修改记录' }).waitFor();
      await page.getByRole('textbox', { name: '对象' }).fill(`calendar:${NEXT}`);
      await page.getByRole('button', { name: '筛选' }).click();
      const row = page
        .getByRole('table', { name: `calendar:${NEXT} 的修改记录` })
        .getByRole('row')
        .filter({ hasText: '载入工作日历' });
      await row.waitFor();
      expect(await row.textContent()).toContain(`放假天数: ${HOLIDAY_COUNT}; 调休上班天数: ${WORKDAY_COUNT}`);
      expect(await row.textContent()).toContain('demo-admin');
      await checkAxe(page);
      await screenshot(page, `workbench-admin-audit-${size(desktop)}`);
      if (desktop) {
        await row.getByRole('link', { name: `calendar:${NEXT}` }).click();
        await page.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
        expect(new URL(page.url()).searchParams.get('year')).toBe(String(NEXT));
      }
      await context.close();
    }
  });

  it('sees the catalogue’s matters with their versions and status, and opens one in its editor', async () => {
    const matters = await web.call<{
      items: { code: string; name?: string; latestVersion: number; latestStatus: string; publishedVersion?: number }[];
    }>(ADMIN, 'GET', '/admin/matters');
    const matter = matters.items.find((m) => m.latestStatus === 'published' && m.name)!;
    expect(matter).toBeDefined();
    // The phone first: the desktop's round starts the next version.
    for (const desktop of [false, true]) {
      const { context, page } = await adminPage(desktop, '/workbench/catalogue');
      await page.getByRole('heading', { level: 1, name: '事项目录' }).waitFor();
      const table = page.getByRole('table', { name: `事项（${matters.items.length} 项）` });
      const row = table.getByRole('row').filter({ hasText: matter.code });
      await row.waitFor();
      expect(await row.textContent()).toContain(`v${matter.latestVersion}`);
      expect(await row.textContent()).toContain('已发布');
      await checkAxe(page);
      await screenshot(page, `workbench-admin-catalogue-${size(desktop)}`);
      await row.getByRole('link', { name: `查看 ${matter.code} 的全部版本` }).click();
      const versions = page.getByRole('table', { name: `${matter.code} 的版本` });
      await versions
        .getByRole('row')
        .filter({ hasText: `v${matter.latestVersion}` })
        .filter({ hasText: '已发布' })
        .waitFor();
      await checkAxe(page);

      // The published version opens read-only, with the way to its next version.
      await row.getByRole('link', { name: `打开 ${matter.code} 第 ${matter.latestVersion} 版` }).click();
      await page.getByRole('heading', { level: 1, name: `${matter.name}（第 ${matter.latestVersion} 版）` }).waitFor();
      await page.getByText('已发布的版本不再改变；要修改请新建下一版本。').waitFor();
      await checkAxe(page);
      await screenshot(page, `workbench-admin-entry-published-${size(desktop)}`);

      if (desktop) {
        await page.getByRole('button', { name: '基于此版本新建草稿' }).click();
        const next = matter.latestVersion + 1;
        await page.waitForURL(`**/workbench/catalogue/matters/${matter.code}/${next}`);
        await page.getByRole('heading', { level: 1, name: `${matter.name}（第 ${next} 版）` }).waitFor();
        await page.getByRole('button', { name: '保存草稿' }).waitFor();
        await page.getByRole('button', { name: '提交审核' }).waitFor();
        await checkAxe(page);
        await screenshot(page, 'workbench-admin-entry-draft-desktop');

        // Malformed JSON is named at its editor, by line and column, and nothing is saved.
        const other = page.getByRole('textbox', { name: '其他要素（JSON）' });
        const before = await other.inputValue();
        await other.fill('{\n  "subItems": [\n    { "name": "x", }\n  ]\n}');
        await page.getByRole('button', { name: '保存草稿' }).click();
        await (await errorOf(page, other)).filter({ hasText: 'JSON 格式有误：第 3 行第 20 列附近。' }).waitFor();
        await page.getByRole('alert').filter({ hasText: '草稿有 1 个问题' }).waitFor();
        await checkAxe(page);
        await screenshot(page, 'workbench-admin-entry-error-desktop');

        await other.fill(before);
        await page.getByRole('textbox', { name: '名称（中文）' }).fill(`${matter.name}（修订）`);
        await page.getByRole('button', { name: '保存草稿' }).click();
        await page.getByRole('status').filter({ hasText: '草稿已保存。' }).waitFor();
        await page.getByRole('heading', { level: 1, name: `${matter.name}（修订）（第 ${next} 版）` }).waitFor();
        const draft = await web.call<{ status: string; content: { name: string } }>(
          ADMIN,
          'GET',
          `/admin/matters/${matter.code}/versions/${next}`,
        );
        expect(draft.status).toBe('draft');
        expect(draft.content.name).toBe(`${matter.name}（修订）`);

        // Submitted, then published: the publishing check passes, and the list says v2 is the published one.
        await page.getByRole('button', { name: '提交审核' }).click();
        await page.getByRole('status').filter({ hasText: '已提交审核。' }).waitFor();
        await page.getByText('审核中的版本不能修改：发现问题请退回修改。').waitFor();
        await checkAxe(page);
        await page.getByRole('button', { name: '发布' }).click();
        await page.getByRole('status').filter({ hasText: '已发布：新的办件将使用这个版本。' }).waitFor();
        await page.getByRole('link', { name: `返回 ${matter.code} 的全部版本` }).click();
        await page
          .getByRole('table', { name: `${matter.code} 的版本` })
          .getByRole('row')
          .filter({ hasText: `v${next}` })
          .filter({ hasText: '已发布' })
          .waitFor();
        const listed = page
          .getByRole('table', { name: `事项（${matters.items.length} 项）` })
          .getByRole('row')
          .filter({ hasText: matter.code });
        await listed.filter({ hasText: `v${next} 已发布` }).waitFor();
        expect((await listed.getByRole('cell').nth(3).textContent())!.trim()).toBe(`v${next}`);
      }
      await context.close();
    }
  });

  it('starts a new matter, and sees the publishing check’s problems at their fields', async () => {
    const { context, page } = await adminPage(true, '/workbench/catalogue');
    const form = page.getByRole('form', { name: '新建事项草稿' });
    await form.getByRole('textbox', { name: '编码' }).fill('street-stall-permit');
    await form.getByRole('textbox', { name: '名称（中文）' }).fill('临时占道摆摊许可');
    await form.getByRole('button', { name: '新建草稿' }).click();
    await page.waitForURL('**/workbench/catalogue/matters/STREET-STALL-PERMIT/1');
    await page.getByRole('heading', { level: 1, name: '临时占道摆摊许可（第 1 版）' }).waitFor();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByRole('status').filter({ hasText: '已提交审核。' }).waitFor();
    await page.getByRole('button', { name: '发布' }).click();
    const summary = page.getByRole('alert').filter({ hasText: /发布检查未通过：\d+ 个问题/ });
    await summary.waitFor();
    expect(await summary.getByRole('link').count()).toBeGreaterThan(0);
    expect(await summary.textContent()).toContain('缺少必要要素：设定依据');
    expect(await summary.textContent()).toContain('事项类型：请从列表中选择。');
    expect(await summary.textContent()).not.toMatch(/[Ii]nvalid|expected/);
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-entry-publish-check-desktop');
    // Returned to draft, the problems are still listed, and each leads to its field (or the nearest editor).
    await page.getByRole('button', { name: '退回修改' }).click();
    await page.getByRole('status').filter({ hasText: '已退回为草稿。' }).waitFor();
    await page.getByRole('button', { name: '保存草稿' }).waitFor();
    await summary.waitFor();
    const first = summary.getByRole('link').first();
    const target = (await first.getAttribute('href'))!.slice(1);
    await first.click();
    const field = page.locator(`[id="${target}"]`);
    expect(await field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const version = await web.call<{ status: string }>(ADMIN, 'GET', '/admin/matters/STREET-STALL-PERMIT/versions/1');
    expect(version.status).toBe('draft');
    await context.close();
  });

  it('sees the bundles (一件事) and opens one in its editor', async () => {
    const bundles = await web.call<{
      items: { code: string; name?: string; latestVersion: number; latestStatus: string }[];
    }>(ADMIN, 'GET', '/admin/bundles');
    const bundle = bundles.items.find((b) => b.name)!;
    expect(bundle).toBeDefined();
    const { context, page } = await adminPage(true, '/workbench/catalogue');
    await page.getByRole('navigation', { name: '目录类别' }).getByRole('link', { name: '一件事' }).click();
    const row = page
      .getByRole('table', { name: `一件事（${bundles.items.length} 项）` })
      .getByRole('row')
      .filter({ hasText: bundle.code });
    await row.waitFor();
    await row.getByRole('link', { name: `打开 ${bundle.code} 第 ${bundle.latestVersion} 版` }).click();
    await page.getByRole('heading', { level: 1, name: `${bundle.name}（第 ${bundle.latestVersion} 版）` }).waitFor();
    await page.getByRole('textbox', { name: '其他要素（JSON）' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-bundle-desktop');
    await context.close();
  });

  it('sees the departments, adds one, and puts a department on webhooks with its signing secret shown once', async () => {
    for (const desktop of [true, false]) {
      const { context, page } = await adminPage(desktop, '/workbench/departments');
      await page.getByRole('heading', { level: 1, name: '部门' }).waitFor();
      const samr = page.getByRole('table', { name: '部门列表' }).getByRole('row').filter({ hasText: 'SAMR' });
      await samr.waitFor();
      await checkAxe(page);
      await screenshot(page, `workbench-admin-departments-${size(desktop)}`);
      await samr.getByRole('link').click();
      await page
        .getByRole('region', { name: '负责人联系方式' })
        .getByRole('button', { name: '修改联系方式' })
        .waitFor();
      await checkAxe(page);
      if (desktop) {
        // A new department: a wrong region code is named at its field, then it is saved and listed.
        await page.getByRole('link', { name: '新增部门' }).click();
        const form = page.getByRole('form', { name: '新增部门' });
        // A new department under a code in use would replace that department (the API creates or changes).
        const code = form.getByRole('textbox', { name: '代码', exact: true });
        await code.fill('SAMR');
        await form.getByRole('textbox', { name: '名称', exact: true }).fill('文化和旅游局');
        const region = form.getByRole('textbox', { name: '行政区划代码' });
        await region.fill('3501');
        await form.getByRole('textbox', { name: '咨询电话' }).fill('12318');
        await form.getByRole('button', { name: '保存部门' }).click();
        await (await errorOf(page, code)).filter({ hasText: '代码 SAMR 已是市场监督管理局的代码' }).waitFor();
        await (await errorOf(page, region)).filter({ hasText: '请填写六位数字的行政区划代码。' }).waitFor();
        await checkAxe(page);
        await code.fill('CULTURE');
        await region.fill('350100');
        await form.getByRole('button', { name: '保存部门' }).click();
        await page.getByRole('heading', { level: 2, name: '文化和旅游局' }).waitFor();
        await page.getByRole('status').filter({ hasText: '部门已保存。' }).waitFor();
        await page
          .getByRole('table', { name: '部门列表' })
          .getByRole('row')
          .filter({ hasText: 'CULTURE' })
          .filter({ hasText: '12318' })
          .waitFor();
        await checkAxe(page);
        await screenshot(page, 'workbench-admin-department-new-desktop');

        // Its head's contact, for overdue alerts: a wrong number is named at its field; once saved it shows masked.
        const contact = page.getByRole('region', { name: '负责人联系方式' });
        await contact.getByRole('button', { name: '修改联系方式' }).click();
        const phone = contact.getByRole('textbox', { name: '手机号码' });
        await phone.fill('1380013800');
        await contact.getByRole('textbox', { name: '电子邮箱' }).fill('head@culture.example.gov.cn');
        await contact.getByRole('button', { name: '保存联系方式' }).click();
        await (await errorOf(page, phone))
          .filter({ hasText: '请填写 11 位大陆手机号码（以 13 至 19 开头）。' })
          .waitFor();
        await checkAxe(page);
        await phone.fill('13800138000');
        await contact.getByRole('button', { name: '保存联系方式' }).click();
        await contact.getByRole('status').filter({ hasText: '联系方式已保存。' }).waitFor();
        await contact.getByText('138****8000').waitFor();
        await contact.getByText('h***@culture.example.gov.cn').waitFor();
        expect(await contact.getByText('13800138000').count()).toBe(0);
        await checkAxe(page);
        expect(
          (await web.call<{ items: { code: string; name: string }[] }>(undefined, 'GET', '/departments')).items.find(
            (d) => d.code === 'SAMR',
          )!.name,
        ).toBe('市场监督管理局');
      }
      await context.close();
    }

    const { context, page } = await adminPage(true, '/workbench/integrations');
    // The overview is one request, not one per department (each unconfigured one a 404 before).
    const asked: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.includes('/admin/integrations')) asked.push(path);
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '部门对接' }).waitFor();
    const health = page.getByRole('table', { name: '部门' }).getByRole('row').filter({ hasText: 'HEALTH' });
    await health.waitFor();
    await page
      .getByRole('table', { name: '部门' })
      .getByRole('row')
      .filter({ hasText: '未配置（默认统一待办）' })
      .first()
      .waitFor();
    expect(asked.filter((p) => p.endsWith('/admin/integrations/HEALTH'))).toEqual([]);
    expect(asked.filter((p) => p.endsWith('/admin/integrations'))).not.toEqual([]);
    // Staff see the workbench's name in the header, and it leads back to the workbench, not the applicants' hall.
    const brand = page.getByRole('banner').getByRole('link', { name: /一网通办/ });
    expect(await brand.textContent()).toContain('政务服务工作台');
    expect(await brand.getAttribute('href')).toBe('/workbench');
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-integrations-desktop');
    await health.getByRole('link').click();
    const section = page.locator('section.card');
    await section.getByRole('radio', { name: 'Webhook 推送' }).check();
    await section.getByLabel('接收地址（HTTPS）').fill('http://127.0.0.1:9/tasks');
    await section.getByRole('button', { name: '保存对接' }).click();
    const first = page.getByRole('alert').filter({ hasText: '已为该部门生成签名密钥' });
    await first.waitFor();
    const secret = (await first.getByTestId('secret-once').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    expect(await first.textContent()).toContain('这个密钥只显示这一次');
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-integration-secret-desktop');
    // The list says how HEALTH's tasks go now.
    await health.filter({ hasText: 'Webhook 推送' }).waitFor();
    await first.getByRole('button', { name: '我已保存，关闭' }).click();
    await first.waitFor({ state: 'detached' });
    expect(await page.getByText(secret).count()).toBe(0);

    // Rotation: a new secret, once, with the old one's grace period.
    const rotate = page.getByRole('form', { name: '轮换签名密钥' });
    await rotate.getByRole('button', { name: '生成新密钥' }).click();
    const rotated = page.getByRole('alert').filter({ hasText: '旧密钥在' });
    await rotated.waitFor();
    const second = (await rotated.getByTestId('secret-once').textContent())!.trim();
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(secret);
    await checkAxe(page);
    const config = await eventually('HEALTH’s webhook', async () => {
      const c = await web.call<{ mode: string; endpoint?: string }>(ADMIN, 'GET', '/admin/integrations/HEALTH');
      return c.mode === 'webhook' ? c : undefined;
    });
    expect(config.endpoint).toBe('http://127.0.0.1:9/tasks');
    expect(JSON.stringify(config)).not.toContain(second);
    await context.close();

    const phone = await adminPage(false, '/workbench/integrations?dept=HEALTH');
    await phone.page.getByRole('form', { name: '轮换签名密钥' }).waitFor();
    expect(await phone.page.getByTestId('secret-once').count()).toBe(0);
    await checkAxe(phone.page);
    await screenshot(phone.page, 'workbench-admin-integrations-phone');
    await phone.context.close();
  });
});

describe('another role', () => {
  it('finds no administrator’s page', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /综合窗口7号/, '/workbench/calendar');
    await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
    expect(
      await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '工作日历' }).count(),
    ).toBe(0);
    for (const path of [
      '/workbench/catalogue',
      '/workbench/departments',
      '/workbench/integrations',
      '/workbench/audit',
      `/workbench/catalogue/matters/FOOD-BUSINESS-LICENCE/1`,
    ]) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    }
    await context.close();
  });
});
