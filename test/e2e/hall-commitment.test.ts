import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { approveAll, issuedCase } from '../support/approvals';
import { accessibilityViolations, newContext, SCREENSHOTS, screenshot, signInAs } from '../support/browser';
import { USCC } from '../support/food-case';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * 告知承诺制 in the hall, on a phone (360 px): the demo enterprise reads the 告知承诺 section of the 公共场所卫生许可
 * guide, applies, chooses to replace the test report and the hygiene rules by the written commitment, is told next to
 * the box that it has to tick 我已阅读并承诺, confirms, sees both materials marked 已承诺 (no upload), withdraws and
 * confirms again, uploads the rest as real PDFs, finds the commitment on the review page and submits. The case
 * carries the commitment; once the window accepts and the health commission approves, the case page says it was
 * approved on commitment with the post-check to follow, and the wallet's licence says 依告知承诺制核发.
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window' };
const MATTER = 'PUBLIC-HYGIENE-LICENCE';
const REPORT = '公共场所卫生检测或者评价报告';
const RULES = '公共场所卫生管理制度';
/** A minimal, valid PDF: the platform checks the real type by its first bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

let web: WebCloud;

beforeAll(async () => {
  web = await startWebCloud();
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The text of what describes a control (its hint and its problems), as assistive technology reads it. */
const description = (target: Locator) =>
  target.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
const isFocused = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);

test('the enterprise applies for 公共场所卫生许可 on its written commitment, and is approved on it', async () => {
  const context = await newContext(web.browser, { baseURL: web.baseURL });
  const page = await context.newPage();

  // 1. The guide: what the commitment replaces, what one commits to, the text, what follows if it is false.
  await signInAs(page, /榕城小吃店/, `/matters/${MATTER}`);
  await page.getByRole('heading', { level: 1, name: '公共场所卫生许可' }).waitFor();
  const guideSection = page.getByRole('region', { name: '告知承诺', exact: true });
  await guideSection.waitFor();
  await guideSection.getByRole('heading', { name: '可以承诺代替的材料' }).waitFor();
  expect(await guideSection.getByRole('listitem').filter({ hasText: REPORT }).count()).toBe(1);
  expect(await guideSection.getByRole('listitem').filter({ hasText: RULES }).count()).toBe(1);
  await guideSection.getByText('已建立卫生管理制度，配备专（兼）职卫生管理人员').waitFor();
  await guideSection.getByText(/本单位愿意接受发证机关的事后核查/).waitFor();
  await guideSection.getByText(/承诺不实的，发证机关依法撤销许可决定/).waitFor();
  await guideSection.getByText(/在作出许可决定后 30 个工作日内核查承诺内容/).waitFor();
  expect(
    await page
      .getByRole('navigation', { name: '本页内容' })
      .getByRole('link', { name: '告知承诺' })
      .getAttribute('href'),
  ).toBe('#commitment');
  await checkAxe(page);

  // 2. Apply: the form, pre-filled from the profile and the business licence, completed.
  await page.getByRole('link', { name: '在线申请：公共场所卫生许可' }).first().click();
  await page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/);
  const caseId = page.url().split('/').at(-2)!;
  await page.getByRole('heading', { level: 1, name: '公共场所卫生许可' }).waitFor();
  expect(await page.getByRole('textbox', { name: '统一社会信用代码' }).inputValue()).toBe(USCC);
  const legalRep = page.getByRole('textbox', { name: '法定代表人姓名' });
  if (!(await legalRep.inputValue())) await legalRep.fill('林晓明');
  const venue = page.getByRole('group', { name: '场所地址' });
  await venue.getByRole('textbox', { name: '省（自治区、直辖市）' }).fill('福建省');
  await venue.getByRole('textbox', { name: '市（地区、州）' }).fill('福州市');
  await venue.getByRole('textbox', { name: '区（县）' }).fill('鼓楼区');
  await venue.getByRole('textbox', { name: '详细地址' }).fill('五四路88号一层');
  await page.getByRole('combobox', { name: '公共场所类别' }).selectOption({ label: '饭馆（餐厅）' });
  await page.getByRole('textbox', { name: '经营面积（平方米）' }).fill('60');
  await page.getByRole('textbox', { name: '从业人员人数' }).fill('6');
  const mobile = page.getByRole('textbox', { name: '联系电话' });
  if (!(await mobile.inputValue())) await mobile.fill('13812345678');
  await mobile.blur();
  expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);

  // 3. 以告知承诺代替: the text and its consequences, both materials chosen by default.
  const panel = page.getByRole('region', { name: '以告知承诺代替材料（可选）' });
  await panel.waitFor();
  const open = panel.getByRole('button', { name: '以告知承诺代替' });
  expect(await open.getAttribute('aria-expanded')).toBe('false');
  await open.click();
  expect(await open.getAttribute('aria-expanded')).toBe('true');
  await panel.getByText(/本单位愿意接受发证机关的事后核查/).waitFor();
  await panel.getByText(/承诺不实的，发证机关依法撤销许可决定/).waitFor();
  const choices = panel.getByRole('group', { name: '以承诺代替哪些材料' });
  expect(await choices.getByRole('checkbox', { name: REPORT }).isChecked()).toBe(true);
  expect(await choices.getByRole('checkbox', { name: RULES }).isChecked()).toBe(true);

  // Confirming without ticking the box: nothing is sent, the problem stands next to the box, in Chinese.
  let puts = 0;
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().endsWith(`/applications/${caseId}/commitment`)) puts++;
  });
  const accept = panel.getByRole('checkbox', { name: '我已阅读并承诺' });
  await panel.getByRole('button', { name: '确认承诺' }).click();
  await panel.locator('.field-error').filter({ hasText: '请阅读承诺书并勾选“我已阅读并承诺”' }).waitFor();
  expect(await accept.getAttribute('aria-invalid')).toBe('true');
  expect(await description(accept)).toContain('请阅读承诺书并勾选“我已阅读并承诺”');
  expect(await isFocused(accept)).toBe(true);
  expect(puts).toBe(0);
  await checkAxe(page);
  // The README's picture: the panel as the applicant reads it (its top: what it replaces, conditions, the 承诺书).
  await panel.screenshot({ path: join(SCREENSHOTS, 'hall-commitment-panel.png') });

  await accept.check();
  expect(await accept.getAttribute('aria-invalid')).toBeNull();
  await panel.getByRole('button', { name: '确认承诺' }).click();
  const made = page.getByRole('region', { name: '已以告知承诺代替材料' });
  await made.waitFor();
  await made.getByText('已确认告知承诺。').waitFor();
  expect(puts).toBe(1);

  // Both rows say 已承诺 and ask for no upload.
  for (const [code, name] of [
    ['hygieneTestReport', REPORT],
    ['hygieneRules', RULES],
  ] as const) {
    const row = page.locator(`#field-materials-${code}`);
    await row.getByText('已承诺', { exact: true }).waitFor();
    await row.getByText('已以告知承诺代替，无需上传。').waitFor();
    expect(await page.getByLabel(`上传${name}`, { exact: true }).count()).toBe(0);
  }

  // Withdrawn, the hygiene rules need an upload again; committed again, they do not.
  await made.getByRole('button', { name: '撤回承诺' }).click();
  await page.getByText('已撤回告知承诺，请上传相应材料。').waitFor();
  await page.getByLabel(`上传${RULES}`, { exact: true }).waitFor();
  expect(
    (await web.call<{ commitment?: unknown }>(ENTERPRISE, 'GET', `/applications/${caseId}`)).commitment,
  ).toBeUndefined();
  await panel.getByRole('button', { name: '以告知承诺代替' }).click();
  await panel.getByRole('checkbox', { name: '我已阅读并承诺' }).check();
  await panel.getByRole('button', { name: '确认承诺' }).click();
  await made.waitFor();
  await page.locator('#field-materials-hygieneRules').getByText('已承诺', { exact: true }).waitFor();

  // 4. The other materials: the business licence from the wallet, real PDFs for the rest.
  const licenceRow = page.locator('#field-materials-businessLicence');
  await licenceRow.getByRole('button', { name: '使用所选证照' }).click();
  await licenceRow.getByText(`已使用电子证照：营业执照 ${USCC}`).waitFor();
  for (const [material, label] of [
    ['legalRepIdCard', '上传法定代表人（负责人）身份证件'],
    ['floorPlan', '上传公共场所地址方位示意图、平面图和卫生设施平面布局图'],
    ['healthCertificates', '上传从业人员健康合格证明'],
  ] as const) {
    await page
      .getByLabel(label, { exact: true })
      .setInputFiles({ name: `${material}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await page.locator(`#field-materials-${material}`).getByText(`${material}.pdf 已上传`).waitFor();
  }
  await page
    .getByRole('status')
    .filter({ hasText: /^已保存 \d{2}:\d{2}$/ })
    .waitFor();
  await checkAxe(page);
  await made.scrollIntoViewIfNeeded();
  await screenshot(page, 'hall-commitment');

  // 5. The review shows the commitment; nothing blocks the submission.
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.waitForURL(`**/cases/${caseId}/review`);
  await page.getByRole('heading', { level: 1, name: '检查并提交' }).waitFor();
  const reviewed = page.getByRole('region', { name: '告知承诺', exact: true });
  await reviewed.waitFor();
  await reviewed.getByText(`${REPORT}、${RULES}`).waitFor();
  await reviewed.getByText('确认承诺时间').waitFor();
  expect(await page.getByText('已承诺（以告知承诺代替，无需提交）').count()).toBe(2);
  expect(await page.locator('.error-summary').count()).toBe(0);
  await checkAxe(page);
  await page.getByRole('button', { name: '确认提交' }).click();
  await page.waitForURL(`**/cases/${caseId}/receipt`);
  await page.getByRole('heading', { level: 1, name: '申请已提交' }).waitFor();

  const submitted = await web.call<{ status: string; commitment?: { materials: string[]; textHash: string } }>(
    ENTERPRISE,
    'GET',
    `/applications/${caseId}`,
  );
  expect(submitted.status).toBe('SUBMITTED');
  expect([...(submitted.commitment?.materials ?? [])].sort()).toEqual(['hygieneRules', 'hygieneTestReport']);
  const guide = await web.call<{ commitment: { textHash: string } }>(undefined, 'GET', `/matters/${MATTER}`);
  expect(submitted.commitment?.textHash).toBe(guide.commitment.textHash);

  // 6. The case page: applied for on commitment.
  await page.goto(`/cases/${caseId}`);
  const onCase = page.getByRole('region', { name: '告知承诺', exact: true });
  await onCase.getByText(/本件以告知承诺制申请/).waitFor();
  expect(await onCase.getByText('已依告知承诺制准予许可。').count()).toBe(0);

  // 7. Accepted and approved: approved on commitment, the post-check to follow; the licence says so.
  await web.call(WINDOW, 'POST', `/applications/${caseId}/acceptance`, { decision: 'accept' });
  await approveAll(web, caseId, ENTERPRISE);
  const issued = await issuedCase(web, caseId, ENTERPRISE);
  await page.reload();
  await onCase.getByText('已依告知承诺制准予许可。').waitFor();
  await onCase.getByText(/30 个工作日内核查承诺内容/).waitFor();
  await checkAxe(page);
  await screenshot(page, 'hall-commitment-case');

  await page.goto('/wallet');
  const card = page.getByRole('article').filter({ hasText: issued.licenceNo });
  await card.getByText('依告知承诺制核发').waitFor();
  // A licence issued the ordinary way says nothing of the kind.
  const businessLicence = page.getByRole('article', { name: '营业执照', exact: true });
  await businessLicence.waitFor();
  expect(await businessLicence.getByText('依告知承诺制核发').count()).toBe(0);
  await context.close();
});
