import type { Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { acceptedFoodCase } from '../support/cases';
import { USCC } from '../support/food-case';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The department's other decisions in a real browser, each on a case of its own, each refused first without what it
 * needs (the problem at its field, in Chinese) and then recorded: 不予许可 with its reason (the case is decided),
 * 退回补正 item by item (the case goes back to the applicant), and 申请延期 (a window or a supervisor then decides it).
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window', name: '综合窗口7号' };
const SAMR: Principal = { sub: 'demo-samr-registrar', role: 'department', department: 'SAMR' };
const SUPERVISOR: Principal = { sub: 'demo-supervisor', role: 'supervisor' };

let web: WebCloud;
const cases: { reject: string; return: string; extend: string } = { reject: '', return: '', extend: '' };
const taskOf = (caseId: string) => `${caseId}.0.SAMR`;

beforeAll(async () => {
  web = await startWebCloud();
  for (const key of Object.keys(cases) as (keyof typeof cases)[]) {
    cases[key] = await acceptedFoodCase(web.baseURL, await web.token(ENTERPRISE), await web.token(WINDOW), () =>
      web.cloud.idle(),
    );
  }
  for (const caseId of Object.values(cases)) {
    await eventually(`the SAMR task of ${caseId}`, async () => {
      await web.cloud.idle();
      return (
        await fetch(`${web.baseURL}/tasks/${taskOf(caseId)}`, {
          headers: { authorization: `Bearer ${await web.token(SAMR)}` },
        })
      ).ok
        ? true
        : undefined;
    });
    await web.call(SAMR, 'POST', `/tasks/${taskOf(caseId)}/claim`);
  }
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

async function openTask(caseId: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
  const page = await context.newPage();
  await signInAs(page, /市场监管局审批员/, `/workbench/tasks/${taskOf(caseId)}`);
  await page.getByRole('heading', { level: 1, name: '食品经营许可：食品经营许可材料审查' }).waitFor();
  await page.getByRole('radio', { name: '不予许可' }).waitFor();
  return { page, close: () => context.close() };
}

const caseStatus = async (caseId: string) =>
  (await web.call<{ status: string }>(ENTERPRISE, 'GET', `/applications/${caseId}`)).status;

describe('统一待办: rejecting, returning, asking for the extension', () => {
  it('rejects only with a reason, and the case is decided', async () => {
    const { page, close } = await openTask(cases.reject);
    await page.getByRole('radio', { name: '不予许可' }).check();
    await page.getByRole('button', { name: '确认不予许可' }).click();
    await page.getByRole('alert').filter({ hasText: '请修改以下问题' }).waitFor();
    await page.locator('#field-reason-error').filter({ hasText: '请写明理由。' }).waitFor();
    expect(await page.locator('#field-reason').getAttribute('aria-invalid')).toBe('true');
    expect(
      (await web.call<{ task: { status: string } }>(SAMR, 'GET', `/tasks/${taskOf(cases.reject)}`)).task.status,
    ).toBe('CLAIMED');
    await checkAxe(page);

    await page.getByLabel('不予许可的理由').fill('经营场所位于居民住宅楼内，不符合食品经营场所设置要求');
    await page.getByRole('button', { name: '确认不予许可' }).click();
    await page.getByText(/已作出不予许可决定，办件 .* 办结/).waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await checkAxe(page);
    await screenshot(page, 'workbench-department-rejected-desktop');
    expect(
      (await web.call<{ task: { status: string } }>(SAMR, 'GET', `/tasks/${taskOf(cases.reject)}`)).task.status,
    ).toBe('REJECTED');
    await eventually(
      'the case rejected',
      async () => {
        await web.cloud.idle();
        return (await caseStatus(cases.reject)) === 'REJECTED' ? true : undefined;
      },
      30_000,
    );
    await close();
  });

  it('returns the case for correction with every item at once, and the applicant is asked for them', async () => {
    const { page, close } = await openTask(cases.return);
    await page.getByRole('radio', { name: '退回补正' }).check();
    await page.getByRole('button', { name: '退回补正' }).click();
    await page
      .locator('[id$="-error"]')
      .filter({ hasText: '请至少选择一项需要补正的材料或填报内容。' })
      .first()
      .waitFor();

    await page.getByRole('checkbox', { name: /^经营场所平面图/ }).check();
    await page.getByLabel('经营场所平面图的补正要求').fill('平面图未标注食品处理区，请重新绘制');
    await checkAxe(page);
    await page.getByRole('button', { name: '退回补正' }).click();
    await page.getByText(/已退回申请人补正，办件 .* 的审查时限暂停/).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-department-returned-desktop');
    expect(
      (await web.call<{ task: { status: string } }>(SAMR, 'GET', `/tasks/${taskOf(cases.return)}`)).task.status,
    ).toBe('RETURNED');
    const returned = await eventually(
      'the case returned',
      async () => {
        await web.cloud.idle();
        const view = await web.call<{ status: string; corrections?: unknown }>(
          ENTERPRISE,
          'GET',
          `/applications/${cases.return}`,
        );
        return view.status === 'RETURNED' ? view : undefined;
      },
      30_000,
    );
    expect(JSON.stringify(returned)).toContain('平面图未标注食品处理区，请重新绘制');
    await close();
  });

  it('asks for the one extension with its reason and days; the supervisor sees it pending', async () => {
    const { page, close } = await openTask(cases.extend);
    await page.getByRole('radio', { name: '申请延期' }).check();
    await page.getByLabel('延长的工作日').fill('45');
    await page.getByRole('button', { name: '提交延期申请' }).click();
    await page.locator('#field-days-error').filter({ hasText: '延长的工作日须为 1 至 30 之间的整数。' }).waitFor();
    await page.locator('#field-reason-error').filter({ hasText: '请写明理由。' }).waitFor();
    await checkAxe(page);

    await page.getByLabel('延长的工作日').fill('10');
    await page.getByLabel('延期的理由').fill('需组织专家对加工工艺进行论证');
    await page.getByRole('button', { name: '提交延期申请' }).click();
    await page.getByText('延期申请已提交，等待窗口或监督人员批准。').waitFor();
    await checkAxe(page);
    const pending = await web.call<{ items: { id: string }[] }>(SUPERVISOR, 'GET', '/supervision/extensions');
    expect(pending.items.map((i) => i.id)).toContain(cases.extend);
    await close();
  });
});
