import type { Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { uploadMaterial } from '../support/cases';
import { FOOD_FORM, USCC } from '../support/food-case';
import { approveAll as approveAllFor } from '../support/approvals';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * 我的办件 in a real browser: the enterprise follows its 食品经营许可 case through a correction request (补正), resubmits
 * on the case page and watches the status change without reloading, chooses delivery by post (the server's address
 * errors next to the fields), receives the licence and rates the case once. A stranger gets 未找到 for its address.
 */
jest.setTimeout(240_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const CITIZEN: Principal = { sub: 'demo-citizen-lin', role: 'applicant', idNumber: '11010519491231002X' };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window' };

let web: WebCloud;
let caseId: string;
let caseNumber: string;

beforeAll(async () => {
  web = await startWebCloud();
  // A complete 食品经营许可 case of the demo enterprise, submitted: it waits for the window.
  const draft = await web.call<{ id: string; number: string }>(ENTERPRISE, 'POST', '/applications', {
    matterCode: 'FOOD-BUSINESS-LICENCE',
    form: FOOD_FORM,
  });
  caseId = draft.id;
  caseNumber = draft.number;
  await web.call(ENTERPRISE, 'POST', `/applications/${caseId}/licence-references`, {
    material: 'businessLicence',
    licenceNo: USCC,
  });
  await web.call(ENTERPRISE, 'POST', `/applications/${caseId}/licence-references`, {
    material: 'legalRepIdCard',
    licenceNo: 'RID-350100-0001',
  });
  const token = await web.token(ENTERPRISE);
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'])
    await uploadMaterial(web.baseURL, token, caseId, material);
  await web.call(ENTERPRISE, 'POST', `/applications/${caseId}/submit`, {}, { 'idempotency-key': `e2e-${caseId}` });
  // 一次性告知: the window asks for every correction at once.
  await web.call(WINDOW, 'POST', `/applications/${caseId}/acceptance`, {
    decision: 'correct',
    reason: '部分材料不符合要求',
    corrections: [
      { target: 'material', code: 'floorPlan', message: '经营场所平面图不清晰，请重新上传清晰的平面图' },
      { target: 'material', code: 'healthCertificates', message: '王芳的健康证明已过期，请上传有效的健康证明' },
      { target: 'field', code: 'premisesArea', message: '经营面积与平面图不符，请核实后填写' },
    ],
  });
});
afterAll(() => web?.stop());

const approveAll = (id: string) => approveAllFor(web, id, ENTERPRISE);

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** Waits for a text to show (the pages load and poll asynchronously). */
const visible = (page: Page, text: string | RegExp, timeout = 30_000) =>
  page.getByText(text).first().waitFor({ state: 'visible', timeout });

async function statusTag(page: Page): Promise<string> {
  return (await page.locator('.case-facts .tag').first().textContent()) ?? '';
}

/** A 不动产登记 case of the citizen (80 yuan for a residential property), accepted at the window; returns it once its fee order exists. */
async function realEstateCaseAwaitingPayment(): Promise<{ id: string; number: string; payUrl: string }> {
  const guide = await web.call<{ form: never }>(undefined, 'GET', '/matters/REAL-ESTATE-REGISTRATION');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const form = sampleAnswers(guide.form, {
    today,
    overrides: { applicantType: 'citizen', propertyUsage: 'residential', registrationType: 'transfer' },
  });
  const draft = await web.call<{ id: string; number: string }>(CITIZEN, 'POST', '/applications', {
    matterCode: 'REAL-ESTATE-REGISTRATION',
    form,
  });
  await web.call(CITIZEN, 'POST', `/applications/${draft.id}/licence-references`, {
    material: 'idCard',
    licenceNo: 'RID-350100-0001',
  });
  const token = await web.token(CITIZEN);
  for (const material of ['applicationForm', 'registrationCause', 'taxProof'])
    await uploadMaterial(web.baseURL, token, draft.id, material);
  await web.call(CITIZEN, 'POST', `/applications/${draft.id}/submit`, {}, { 'idempotency-key': `e2e-${draft.id}` });
  await web.call(WINDOW, 'POST', `/applications/${draft.id}/acceptance`, { decision: 'accept' });
  const payment = await eventually(
    'the fee order',
    async () => {
      await web.cloud.idle();
      return web
        .call<{ order: { status: string; payUrl?: string } }>(CITIZEN, 'GET', `/applications/${draft.id}/payment`)
        .catch(() => undefined);
    },
    30_000,
  );
  expect(payment.order.status).toBe('AWAITING');
  return { ...draft, payUrl: payment.order.payUrl! };
}

describe('我的办件', () => {
  it('lists the case as 待补正 with what to do; the case page lists every item, and offers resubmission only once the materials arrived', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, '/cases');
    await page.getByRole('heading', { level: 1, name: '我的办件' }).waitFor();
    const item = page.getByRole('listitem').filter({ hasText: caseNumber });
    await item.getByText('待补正').waitFor();
    expect(await item.textContent()).toContain('需要您补正：共 3 项');
    await item.getByRole('link', { name: '食品经营许可' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'cases-list-phone');

    await item.getByRole('link', { name: '食品经营许可' }).click();
    await page.waitForURL(`**/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();
    await page.getByRole('heading', { name: '需要补正的内容' }).waitFor();
    const corrections = page.locator('.corrections__item');
    expect(await corrections.count()).toBe(3);
    expect(await corrections.nth(0).textContent()).toContain('经营场所平面图');
    expect(await corrections.nth(0).textContent()).toContain('经营场所平面图不清晰，请重新上传清晰的平面图');
    expect(await corrections.nth(1).textContent()).toContain('从业人员健康证明');
    expect(await corrections.nth(1).textContent()).toContain('王芳的健康证明已过期');
    expect(await corrections.nth(2).textContent()).toContain('经营场所面积（平方米）');
    expect(await corrections.nth(2).textContent()).toContain('请在申请表中修改');
    expect(await page.getByRole('link', { name: '修改申请表和材料' }).getAttribute('href')).toBe(
      `/cases/${caseId}/edit`,
    );
    // Nothing provided yet: no resubmission to click.
    await visible(page, '还有 2 项材料尚未补充');
    expect(await page.getByRole('button', { name: '提交补正' }).count()).toBe(0);
    expect(await statusTag(page)).toBe('待补正');
    await visible(page, /哈希链校验通过/);
    await checkAxe(page);
    await screenshot(page, 'cases-corrections-phone');
    await context.close();
  });

  it('resubmits on the case page once the materials are uploaded, and shows each next status without a reload', async () => {
    // The corrected files, uploaded through the API (as the form page does).
    const token = await web.token(ENTERPRISE);
    await uploadMaterial(web.baseURL, token, caseId, 'floorPlan');
    await uploadMaterial(web.baseURL, token, caseId, 'healthCertificates');

    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, `/cases/${caseId}`);
    await page.getByRole('heading', { name: '需要补正的内容' }).waitFor();
    expect(await page.locator('.corrections__item .tag--green').count()).toBe(2);
    // The form page keeps a correction's answers on this device until they are resubmitted (apply/local-copy.ts).
    await page.evaluate(
      ([id, form]) =>
        localStorage.setItem(
          `one-stop.draft.${id}`,
          JSON.stringify({ form, base: 'typed-over-the-server-form', at: new Date().toISOString() }),
        ),
      [caseId, { ...FOOD_FORM, premisesArea: 80 }] as const,
    );
    await page.reload();
    await page.getByRole('heading', { name: '需要补正的内容' }).waitFor();
    expect(await page.locator('.corrections__item .tag--green').count()).toBe(3);
    await visible(page, '您在本设备上修改的申请表内容将随补正一并提交。');
    await screenshot(page, 'cases-corrections-answered-desktop');
    await page.getByRole('button', { name: '提交补正' }).click();
    await visible(page, '办件状态已更新：已提交');
    expect(await statusTag(page)).toBe('已提交');
    expect(await page.getByRole('heading', { name: '需要补正的内容' }).count()).toBe(0);
    await visible(page, '补正后重新提交');
    // The corrected answer reached the server with the resubmission, and the device's copy is gone.
    expect(
      (await web.call<{ form: { premisesArea: number } }>(ENTERPRISE, 'GET', `/applications/${caseId}`)).form
        .premisesArea,
    ).toBe(80);
    expect(await page.evaluate((id) => localStorage.getItem(`one-stop.draft.${id}`), caseId)).toBeNull();

    // The window accepts while the page is open: the page polls and shows it.
    await web.call(WINDOW, 'POST', `/applications/${caseId}/acceptance`, { decision: 'accept' });
    await page.locator('.case-facts .tag', { hasText: /已受理|审查中/ }).waitFor({ timeout: 30_000 });
    await visible(page, /办件状态已更新：(已受理|审查中)/);
    await visible(page, /哈希链校验通过/);
    await checkAxe(page);
    await screenshot(page, 'cases-case-desktop');
    await context.close();
  });

  it('chooses delivery by post: the server’s address errors stand next to their fields, then the choice is saved', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, `/cases/${caseId}`);
    await page.getByRole('heading', { name: '结果送达' }).waitFor();
    await page.getByRole('radio', { name: '邮寄送达' }).check();
    await page.getByLabel('收件人').fill('陈静');
    await page.getByLabel('手机号码').fill('12345');
    await page.getByLabel('区县行政区划代码').fill('990000');
    await page.getByLabel('详细地址').fill('五四路88号一层');
    await page.getByLabel('邮政编码').fill('350001');
    await page.getByRole('button', { name: '保存送达方式' }).click();
    await page.getByRole('alert').filter({ hasText: '请修改以下问题' }).waitFor();
    const phone = page.getByLabel('手机号码');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await phone.getAttribute('id')}-error`).textContent()).toBe('请填写11位大陆手机号码');
    expect(await page.getByLabel('区县行政区划代码').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('收件人').getAttribute('aria-invalid')).toBeNull();
    await checkAxe(page);
    await screenshot(page, 'cases-delivery-errors-phone');

    await phone.fill('13812345678');
    await page.getByLabel('区县行政区划代码').fill('350102');
    await page.getByRole('button', { name: '保存送达方式' }).click();
    await visible(page, '送达方式已保存。');
    expect(await web.call(ENTERPRISE, 'GET', `/applications/${caseId}/delivery`)).toMatchObject({
      method: 'post',
      address: { phone: '13812345678', regionCode: '350102' },
    });
    await context.close();
  });

  it('shows 未找到 to another applicant who opens the case’s address', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /林晓明/, `/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
    expect(await page.getByText(caseNumber).count()).toBe(0);
    await checkAxe(page);
    await context.close();
  });

  it('once issued, links the licence to the wallet and to verification, and takes one rating', async () => {
    await approveAll(caseId);
    const issued = await eventually(
      'the licence',
      async () => {
        await web.cloud.idle();
        const c = await web.call<{ status: string; licenceNo?: string }>(ENTERPRISE, 'GET', `/applications/${caseId}`);
        return c.licenceNo ? c : undefined;
      },
      60_000,
    );
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, `/cases/${caseId}`);
    await page.getByRole('heading', { name: '办理结果：电子证照' }).waitFor();
    expect(await page.getByRole('link', { name: '在“我的证照”中查看和下载' }).getAttribute('href')).toBe('/wallet');
    expect(await page.getByRole('link', { name: '核验此证照' }).getAttribute('href')).toBe(
      `/verify/${encodeURIComponent(issued.licenceNo!)}`,
    );
    await visible(page, issued.licenceNo!);

    // 好差评: every score is needed; the errors are summarised and shown at each group.
    await page.getByRole('heading', { name: '好差评' }).waitFor();
    await page.getByRole('group', { name: '能力' }).getByRole('radio', { name: '5 分' }).check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('alert').filter({ hasText: '请选择“态度”的评分' }).waitFor();
    await visible(page, '请选择“效果”的评分');
    await checkAxe(page);
    await page.getByRole('group', { name: '态度' }).getByRole('radio', { name: '4 分' }).check();
    await page.getByRole('group', { name: '效果' }).getByRole('radio', { name: '5 分' }).check();
    await page.getByLabel('评价内容（选填）').fill('补正一次说清楚，办理很快');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '您的评价' }).waitFor();
    await visible(page, '补正一次说清楚，办理很快');
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await visible(page, /提交评价（能力 5，态度 4，效果 5）/);
    await visible(page, /哈希链校验通过/);
    await checkAxe(page);
    await screenshot(page, 'cases-issued-rated-desktop');

    // Once only: after a reload the rating stands and no form is offered; the API refuses a second one.
    await page.reload();
    await page.getByRole('heading', { name: '您的评价' }).waitFor();
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await expect(
      web.call(ENTERPRISE, 'POST', `/applications/${caseId}/rating`, { ability: 1, attitude: 1, effect: 1 }),
    ).rejects.toThrow(/409/);

    // The list says it is done.
    await page.goto('/cases');
    const item = page.getByRole('listitem').filter({ hasText: caseNumber });
    await item.getByText(/已出证|已送达/).waitFor();
    await screenshot(page, 'cases-list-desktop');
    await checkAxe(page);
    await context.close();
  });

  it('shows the fee to pay with the cashier link, and withdraws the case after a confirmation', async () => {
    const estate = await realEstateCaseAwaitingPayment();
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /林晓明/, '/cases');
    const item = page.getByRole('listitem').filter({ hasText: estate.number });
    await item.getByText(/需要您缴费：.*80\.00/).waitFor();

    await page.goto(`/cases/${estate.id}`);
    await page.getByRole('heading', { name: '缴费' }).waitFor();
    const fees = page.locator('section', { has: page.getByRole('heading', { name: '缴费' }) });
    await fees.getByText('待缴费').waitFor();
    expect(await fees.locator('tfoot').textContent()).toContain('80.00');
    expect(await fees.getByRole('link', { name: '去缴费' }).getAttribute('href')).toBe(estate.payUrl);
    expect(await fees.getByRole('button', { name: '重新生成缴费订单' }).count()).toBe(0);
    await checkAxe(page);
    await screenshot(page, 'cases-payment-phone');

    // Withdrawal takes a second, deliberate step.
    await page.getByRole('button', { name: '撤回申请…' }).click();
    await page.getByLabel('撤回原因（选填）').fill('已与买方协商暂缓过户');
    await checkAxe(page);
    await page.getByRole('button', { name: '确认撤回' }).click();
    await visible(page, '办件状态已更新：已撤回');
    expect(await statusTag(page)).toBe('已撤回');
    await page.getByRole('heading', { name: '申请已撤回' }).waitFor();
    expect(await page.getByRole('button', { name: /撤回申请/ }).count()).toBe(0);
    await visible(page, '说明：已与买方协商暂缓过户');
    await context.close();
  });
});
