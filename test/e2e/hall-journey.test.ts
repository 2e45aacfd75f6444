import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { LICENCE_PDF_LAYOUT } from '../../shared/domain/licences/render-pdf';
import { approveAll, issuedCase } from '../support/approvals';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { USCC } from '../support/food-case';
import { decodeQr, extractText, pageCount, smallPdf } from '../support/pdf';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The flagship journey of the online hall, in one go on a phone (360 px): the demo enterprise 榕城小吃店 searches the
 * home page for 食品经营许可, reads the guide, applies (a conditional question revealed by its answer), uploads real
 * PDFs, reuses its 营业执照 from the wallet (免证), reviews and submits; the window accepts and the departments
 * approve through the API (until the staff workbench does it in the browser); the enterprise sees 已出证 on its case
 * page, opens the licence in its wallet, downloads the PDF through the page's link, reads the QR code drawn on it
 * (repainted from the PDF's rectangles and decoded with jsQR, test/support/pdf.ts), opens that address in a browser
 * that is not signed in, and the verification page says 有效. axe on every page; a screenshot of every step
 * (test-results/screenshots/journey-NN-*.png).
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window' };
const MATTER = 'FOOD-BUSINESS-LICENCE';

let web: WebCloud;

beforeAll(async () => {
  web = await startWebCloud();
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

test('an enterprise finds 食品经营许可, applies, is approved, downloads its licence and the QR code on it verifies as valid', async () => {
  const context = await newContext(web.browser, { baseURL: web.baseURL });
  const page = await context.newPage();

  // 1. Home: signed in as the enterprise, one search box over matters and 一件事.
  await signInAs(page, /榕城小吃店/, '/');
  await page.getByRole('heading', { level: 1, name: '网上办事大厅' }).waitFor();
  await page.getByRole('link', { name: '开餐馆一件事' }).waitFor();
  await page.getByLabel('搜索事项或一件事').fill('食品');
  await checkAxe(page);
  await screenshot(page, 'journey-01-home');

  // 2. Search results.
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '食品');
  const result = page.getByRole('link', { name: '食品经营许可', exact: true });
  await result.waitFor();
  await checkAxe(page);
  await screenshot(page, 'journey-02-search');

  // 3. The guide (办事指南), with the button to apply.
  await result.click();
  await page.waitForURL(`**/matters/${MATTER}`);
  await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();
  await page.getByRole('region', { name: '申请材料', exact: true }).getByText('免证').first().waitFor();
  const apply = page.getByRole('link', { name: '在线申请：食品经营许可' }).first();
  await checkAxe(page);
  await screenshot(page, 'journey-03-guide');

  // 4. The form, pre-filled from the profile; a conditional question appears once 是 is chosen.
  await apply.click();
  await page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/);
  const caseId = page.url().split('/').at(-2)!;
  await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();
  expect(await page.getByRole('textbox', { name: '统一社会信用代码' }).inputValue()).toBe(USCC);
  expect(await page.getByRole('textbox', { name: '经营者名称' }).inputValue()).toBe('福州市鼓楼区榕城小吃店');
  await page.getByRole('textbox', { name: '法定代表人姓名' }).fill('林晓明');
  await page.getByRole('textbox', { name: '法定代表人身份证号码' }).fill('11010519491231002X');
  const premises = page.getByRole('group', { name: '经营场所' });
  await premises.getByRole('textbox', { name: '省（自治区、直辖市）' }).fill('福建省');
  await premises.getByRole('textbox', { name: '市（地区、州）' }).fill('福州市');
  await premises.getByRole('textbox', { name: '区（县）' }).fill('鼓楼区');
  await premises.getByRole('textbox', { name: '详细地址' }).fill('五四路88号一层');
  await page.getByRole('radio', { name: '餐饮服务经营者' }).check();
  await page.getByRole('checkbox', { name: '热食类食品制售' }).check();
  await page.getByRole('checkbox', { name: '自制饮品制售' }).check();
  await page.getByRole('textbox', { name: '经营场所面积（平方米）' }).fill('60');
  await page.getByRole('textbox', { name: '食品安全管理人员' }).fill('陈静');
  const platform = page.getByRole('textbox', { name: '网络经营平台名称' });
  expect(await platform.count()).toBe(0);
  await page.getByRole('group', { name: '是否通过网络经营（选填）' }).getByRole('radio', { name: '是' }).check();
  await platform.waitFor();
  await page.getByRole('status').filter({ hasText: '已显示新问题：网络经营平台名称' }).waitFor();
  await platform.fill('美团外卖');
  await page.getByRole('button', { name: '添加从业人员' }).click();
  const staff = page.getByRole('group', { name: '从业人员：第 1 项' });
  await staff.getByRole('textbox', { name: '姓名' }).fill('王芳');
  await staff.getByRole('textbox', { name: '身份证号码' }).fill('11010519491231002X');
  await staff.getByRole('radio', { name: '厨师' }).check();
  await page.getByRole('textbox', { name: '联系电话' }).fill('13812345678');
  await page.getByRole('textbox', { name: '联系电话' }).blur();
  expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
  await checkAxe(page);
  await screenshot(page, 'journey-04-form');

  // 5. Materials: the 营业执照 from the wallet (免证), real PDFs for the rest, each row saying its file arrived.
  const licenceRow = page.locator('#field-materials-businessLicence');
  await licenceRow.getByRole('button', { name: '使用所选证照' }).click();
  await licenceRow.getByText(`已使用电子证照：营业执照 ${USCC}`).waitFor();
  for (const [material, label, title] of [
    ['legalRepIdCard', '上传法定代表人（负责人）身份证件', 'ID card of the legal representative (copy)'],
    ['floorPlan', '上传经营场所平面图', 'Floor plan of the premises'],
    ['equipmentList', '上传主要设备设施清单', 'List of the main equipment'],
    ['foodSafetyRules', '上传食品安全管理制度', 'Food safety management rules'],
    ['healthCertificates', '上传从业人员健康证明', 'Health certificates of the food handlers'],
  ] as const) {
    const pdf = await smallPdf(title);
    expect(pageCount(pdf)).toBe(1);
    await page
      .getByLabel(label, { exact: true })
      .setInputFiles({ name: `${material}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await page.locator(`#field-materials-${material}`).getByText(`${material}.pdf 已上传`).waitFor();
  }
  await page
    .getByRole('status')
    .filter({ hasText: /^已保存 \d{2}:\d{2}$/ })
    .waitFor();
  await checkAxe(page);
  await screenshot(page, 'journey-05-materials');

  // 6. Review: every answer (the revealed one too), the licence reused, then submit.
  await page.getByRole('button', { name: '保存并继续' }).click();
  await page.waitForURL(`**/cases/${caseId}/review`);
  await page.getByRole('heading', { level: 1, name: '检查并提交' }).waitFor();
  const answers = page.locator('dl.answers').first();
  for (const text of [
    '林晓明',
    '福建省 福州市 鼓楼区 五四路88号一层',
    '热食类食品制售、自制饮品制售',
    '美团外卖',
    '王芳',
  ])
    await answers.getByText(text, { exact: true }).first().waitFor();
  await page.getByText(`电子证照 ${USCC}`).waitFor();
  await checkAxe(page);
  await screenshot(page, 'journey-06-review');

  // 7. The receipt with the case number.
  await page.getByRole('button', { name: '确认提交' }).click();
  await page.waitForURL(`**/cases/${caseId}/receipt`);
  await page.getByRole('heading', { level: 1, name: '申请已提交' }).waitFor();
  const submitted = await web.call<{ number: string; status: string; form: Record<string, unknown> }>(
    ENTERPRISE,
    'GET',
    `/applications/${caseId}`,
  );
  expect(submitted.status).toBe('SUBMITTED');
  expect(submitted.form.onlinePlatform).toBe('美团外卖');
  expect(await page.locator('.confirmation__number').textContent()).toBe(submitted.number);
  await checkAxe(page);
  await screenshot(page, 'journey-07-receipt');

  // The staff side, through the API: the window accepts, every department approves, the licence is issued.
  await web.call(WINDOW, 'POST', `/applications/${caseId}/acceptance`, { decision: 'accept' });
  await approveAll(web, caseId, ENTERPRISE);
  const issued = await issuedCase(web, caseId, ENTERPRISE);
  expect(issued.status).toBe('ISSUED');
  const licenceNo = issued.licenceNo;

  // 8. The case page says 已出证 and links the licence to the wallet.
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('heading', { name: '办理结果：电子证照' }).waitFor();
  expect(await page.locator('.case-facts .tag').first().textContent()).toBe('已出证');
  await page.getByText(licenceNo).first().waitFor();
  await page
    .getByText(/哈希链校验通过/)
    .first()
    .waitFor();
  await checkAxe(page);
  await screenshot(page, 'journey-08-case-issued');

  // 9. The wallet: the new licence, valid, with its QR code; its PDF downloaded through the page's link.
  await page.getByRole('link', { name: '在“我的证照”中查看和下载' }).click();
  await page.waitForURL('**/wallet');
  const card = page.getByRole('article', { name: '食品经营许可证' });
  await card.waitFor();
  await card.getByText(licenceNo).first().waitFor();
  expect(await card.locator('.tag').first().textContent()).toBe('有效');
  await card.getByRole('img', { name: /核验二维码/ }).waitFor();
  await checkAxe(page);
  await screenshot(page, 'journey-09-wallet');

  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: '下载证照 PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`食品经营许可证-${licenceNo}\\.pdf$`));
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pageCount(pdf)).toBe(1);
  // The page's own link is what the browser downloaded.
  expect(await card.getByRole('link', { name: /下载已开始/ }).getAttribute('href')).toBe(download.url());

  // The QR code drawn on the PDF, read back as a phone's camera would; the same address is printed under it.
  const verifyUrl = decodeQr(pdf, LICENCE_PDF_LAYOUT.qr);
  expect(verifyUrl).toBe(`${web.baseURL}/verify/${licenceNo}`);
  expect(extractText(pdf)).toContain(verifyUrl);

  // 10. Scanned on another phone, not signed in: the verification page says the licence is valid.
  const scanner = await newContext(web.browser, { baseURL: web.baseURL });
  const scan = await scanner.newPage();
  await scan.goto(verifyUrl!);
  const verdict = scan.getByRole('heading', { level: 2, name: /有效/ });
  await verdict.waitFor();
  expect(await verdict.textContent()).toMatch(/有效$/);
  await scan.getByText('签名真实：由发证机关签发，内容未被篡改').waitFor();
  await scan.getByText('食品经营许可证', { exact: true }).waitFor();
  await scan.getByText('福州市鼓楼区榕城小吃店', { exact: true }).first().waitFor();
  await checkAxe(scan);
  await screenshot(scan, 'journey-10-verify');

  await scanner.close();
  await context.close();
});
