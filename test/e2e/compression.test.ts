import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_CATALOGUE } from '../../infra/seed/demo-catalogue';
import type { Principal } from '../../shared/auth/principal';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * Compressed time limits (压缩办理时限) in a real browser, with the local cloud's default rule (a warning at 50 %):
 * the administrator publishing a matter that promises 8 of 10 legal working days sees the warning next to the
 * promised limit and next to an acknowledgement, ticks it and publishes; the supervisor reads the compression per
 * department and per matter. Both pages pass axe on a phone and a desktop.
 */
jest.setTimeout(300_000);

const ADMIN: Principal = { sub: 'demo-admin', role: 'admin', name: '系统管理员' };
const CODE = 'SLOW-FOOD-LICENCE';
const NAME = '慢速食品经营许可';

let web: WebCloud;

beforeAll(async () => {
  web = await startWebCloud();
  const food = DEMO_CATALOGUE.matters.find((m) => m.code === 'FOOD-BUSINESS-LICENCE')!.content as Record<
    string,
    unknown
  >;
  await web.call(ADMIN, 'POST', '/admin/matters', {
    code: CODE,
    content: { ...food, name: NAME, promisedLimitDays: 8 },
  });
  await web.call(ADMIN, 'POST', `/admin/matters/${CODE}/versions/1/submit`, {});
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

async function pageAs(who: RegExp, desktop: boolean, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
  const page = await context.newPage();
  await signInAs(page, who, path);
  return { context, page };
}

describe('the administrator publishing a matter that breaks the compression rule', () => {
  it('sees the warning at the promised limit, acknowledges it and publishes', async () => {
    const { context, page } = await pageAs(/系统管理员/, true, `/workbench/catalogue/matters/${CODE}/1`);
    await page.getByRole('heading', { level: 1, name: `${NAME}（第 1 版）` }).waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();

    const summary = page.getByRole('alert').filter({ hasText: '发布检查未通过：1 个问题' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('压缩50%以上');
    await page.getByText('承诺办结时限不符合本地区的压缩时限要求。').waitFor();
    // The warning stands next to the promised limit …
    const promised = page.getByRole('textbox', { name: '承诺办结时限（工作日）' });
    expect(await promised.getAttribute('aria-invalid')).toBe('true');
    const promisedError = (await promised.getAttribute('aria-describedby'))!
      .split(' ')
      .find((i) => i.endsWith('-error'))!;
    expect(await page.locator(`[id="${promisedError}"]`).textContent()).toContain('法定 10 个工作日，承诺至多 5 个');
    // … and next to the acknowledgement, which the summary's link leads to.
    const box = page.getByRole('checkbox', { name: '我已知悉承诺办结时限未达到压缩要求，仍要发布此版本' });
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link').first().click();
    expect(await box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await checkAxe(page);
    await screenshot(page, 'workbench-admin-compression-warning-desktop');

    await box.check();
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已发布（已确认压缩时限提示）' }).waitFor();
    await page.getByText(/demo-admin 于 .* 确认发布：承诺 8 个工作日，法定 10 个工作日（80%，规则上限 50%）/).waitFor();
    await checkAxe(page);
    await context.close();

    const version = await web.call<{ status: string; compressionAcknowledgement?: { by: string; ratio: number } }>(
      ADMIN,
      'GET',
      `/admin/matters/${CODE}/versions/1`,
    );
    expect(version.status).toBe('published');
    expect(version.compressionAcknowledgement).toMatchObject({ by: 'demo-admin', ratio: 0.8 });
  });
});

describe('the supervisor', () => {
  it('reads the compression per department and per matter', async () => {
    for (const desktop of [false, true]) {
      const { context, page } = await pageAs(/效能监督员/, desktop, '/workbench/deadlines');
      await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '时限压缩' }).click();
      await page.getByRole('heading', { level: 1, name: '承诺时限压缩' }).waitFor();
      await page
        .getByText(
          '规则：承诺办结时限不超过法定办结时限的 50%（较法定时限压缩50%以上）。发布不符合规则的事项时须由发布人确认提示。',
        )
        .waitFor();
      const matters = page.getByRole('table', { name: '已发布事项的法定时限、承诺时限与压缩比例（工作日）' });
      const slow = matters.getByRole('row').filter({ hasText: NAME });
      await slow.waitFor();
      expect((await slow.textContent())!.replace(/\s+/g, '')).toContain('10880%20%不符合');
      await matters
        .getByRole('row')
        .filter({ hasText: '食品经营许可' })
        .filter({ hasText: '50%' })
        .filter({ hasText: '符合' })
        .first()
        .waitFor();
      const departments = page.getByRole('table', { name: '各部门已发布事项的承诺时限压缩情况' });
      await departments.getByRole('row').filter({ hasText: '市场监督管理局' }).waitFor();
      await checkAxe(page);
      await screenshot(page, `workbench-supervisor-compression-${desktop ? 'desktop' : 'phone'}`);
      await context.close();
    }
  });
});
