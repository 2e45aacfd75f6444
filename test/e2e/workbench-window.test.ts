import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { acceptedFoodCase, uploadMaterial } from '../support/cases';
import { FOOD_FORM, PDF, USCC } from '../support/food-case';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The window officer's area (综合受理) in a real browser: the acceptance queue, a case with its materials previewed
 * and its licences verified, 容缺 acceptance by keyboard alone, a correction request (一次性告知) and its printable
 * notice and PDF, a walk-in case registered for a citizen who then finds it online, and a result handed over.
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const CITIZEN: Principal = { sub: 'demo-citizen-lin', role: 'applicant', idNumber: '11010519491231002X' };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window', name: '综合窗口7号' };
const department = (code: string): Principal => ({
  sub: `e2e-${code.toLowerCase()}`,
  role: 'department',
  department: code,
});

/** A real 8×6 grey PNG (the browser decodes it: the preview's naturalWidth is 8). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(6, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: 6 }, () => Buffer.concat([Buffer.from([0]), Buffer.alloc(8, 0x80)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PNG = png();

let web: WebCloud;

/** A 食品经营许可 case of the demo enterprise, submitted without its 从业人员健康证明 (tolerable, 容缺); the floor plan a PNG. */
async function submittedFoodCase(): Promise<{ id: string; number: string }> {
  const draft = await web.call<{ id: string; number: string }>(ENTERPRISE, 'POST', '/applications', {
    matterCode: 'FOOD-BUSINESS-LICENCE',
    form: FOOD_FORM,
  });
  await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/licence-references`, {
    material: 'businessLicence',
    licenceNo: USCC,
  });
  await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/licence-references`, {
    material: 'legalRepIdCard',
    licenceNo: 'RID-350100-0001',
  });
  const token = await web.token(ENTERPRISE);
  await uploadMaterial(web.baseURL, token, draft.id, 'floorPlan', {
    bytes: PNG,
    fileName: '平面图.png',
    contentType: 'image/png',
  });
  for (const material of ['equipmentList', 'foodSafetyRules'])
    await uploadMaterial(web.baseURL, token, draft.id, material);
  const submitted = await web.call<{ status: string }>(
    ENTERPRISE,
    'POST',
    `/applications/${draft.id}/submit`,
    {},
    { 'idempotency-key': `e2e-window-${draft.id}` },
  );
  expect(submitted.status).toBe('SUBMITTED');
  return draft;
}

let toleratedCase: { id: string; number: string };
let correctedCase: { id: string; number: string };

beforeAll(async () => {
  web = await startWebCloud();
  toleratedCase = await submittedFoodCase();
  correctedCase = await submittedFoodCase();
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The element that has focus: its tag, and its accessible text or label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = (
      globalThis as unknown as {
        document: { activeElement: { tagName: string; id: string; textContent: string | null } | null };
      }
    ).document.activeElement;
    return { tag: element?.tagName ?? '', id: element?.id ?? '', text: element?.textContent?.trim() ?? '' };
  });

describe('受理 at the window', () => {
  it('lists the case in the queue, previews its materials, verifies its licences, and accepts it with 容缺 by keyboard alone', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /综合窗口7号/, '/workbench/queue');
    await page.getByRole('heading', { level: 1, name: '受理队列' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: toleratedCase.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('食品经营许可');
    expect(await row.textContent()).toContain('网上');
    expect(await row.textContent()).toContain('法人');
    expect(await page.getByRole('row').filter({ hasText: correctedCase.number }).count()).toBe(1);
    await checkAxe(page);
    await screenshot(page, 'workbench-window-queue-desktop');

    await row.getByRole('link', { name: toleratedCase.number }).click();
    await page.waitForURL(`**/workbench/cases/${toleratedCase.id}`);
    await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();

    // The floor plan inline as an image, decoded; a PDF in a frame from a blob: URL when asked for; the 免证 licences verified.
    const image = page.getByRole('img', { name: /经营场所平面图：平面图\.png/ });
    await image.scrollIntoViewIfNeeded();
    await eventually(
      'the image preview',
      async () =>
        (await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)) > 0
          ? true
          : undefined,
      20_000,
    );
    // A PDF opens on request (its viewer would take the officer's focus as it loads).
    expect(await page.locator('iframe').count()).toBe(0);
    await page.getByRole('button', { name: '在此预览 PDF：equipmentList.pdf' }).click();
    const frame = page.locator('iframe[title="主要设备设施清单：equipmentList.pdf"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    const licence = page.locator('[data-material="businessLicence"]');
    await licence.getByText('有效', { exact: true }).waitFor();
    expect(await licence.textContent()).toContain('福州市鼓楼区榕城小吃店');
    expect(await page.locator('[data-material="healthCertificates"]').textContent()).toContain('未提交（可容缺）');
    await checkAxe(page);
    await screenshot(page, 'workbench-window-case-desktop');

    // Keyboard alone: from the page's heading, Tab to the skip link, Enter, Space on 受理, Tab, Space on the 容缺
    // material, Tab to the button, Enter.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('跳到受理决定');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('field-decision');
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: '受理', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { labels?: { textContent: string }[] } } }).document
            .activeElement.labels?.[0]?.textContent,
      ),
    ).toBe('容缺受理：从业人员健康证明');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '确认受理' });
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: '决定已作出' }).waitFor();
    await page.getByText('容缺受理的材料：从业人员健康证明。').waitFor();
    expect(await page.getByRole('link', { name: '查看并打印受理通知书' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '确认受理' }).count()).toBe(0);
    const accepted = await web.call<{ status: string; tolerated: string[] }>(
      ENTERPRISE,
      'GET',
      `/applications/${toleratedCase.id}`,
    );
    expect(accepted.tolerated).toEqual(['healthCertificates']);
    expect(['ACCEPTED', 'IN_REVIEW']).toContain(accepted.status);
    await checkAxe(page);
    await screenshot(page, 'workbench-window-accepted-desktop');

    await page.getByRole('link', { name: '查看并打印受理通知书' }).click();
    await page.getByRole('heading', { level: 1, name: '受理通知书' }).waitFor();
    expect(await page.locator('.notice-doc__items').textContent()).toContain('从业人员健康证明');
    await checkAxe(page);
    await context.close();
  });

  it('asks for two corrections at once; the printed notice lists both, and so do its PDF and JSON', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    // The PDF may open in a tab of its own (a blob: URL): closed, the page under test stays (axe opens pages too).
    context.on(
      'page',
      (opened) =>
        void opened
          .waitForLoadState()
          .then(() => (opened.url().startsWith('blob:') ? opened.close() : undefined))
          .catch(() => undefined),
    );
    await signInAs(page, /综合窗口7号/, '/workbench/queue');
    await page.getByRole('row').filter({ hasText: correctedCase.number }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-window-queue-phone');
    await page.getByRole('link', { name: correctedCase.number }).click();
    await page.waitForURL(`**/workbench/cases/${correctedCase.id}`);
    await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();
    await page.getByRole('radio', { name: /要求补正/ }).check();

    // Nothing ticked: the problem stands next to the items and in the summary.
    await page.getByRole('button', { name: '发出补正通知' }).click();
    await page.getByRole('alert').filter({ hasText: '请修改以下问题' }).waitFor();
    expect(await page.locator('#field-corrections-error').textContent()).toBe(
      '请至少选择一项需要补正的材料或填报内容。',
    );
    expect(await page.getByRole('link', { name: '请至少选择一项需要补正的材料或填报内容。' }).count()).toBe(1);

    await page.getByRole('checkbox', { name: /^经营场所平面图/ }).check();
    await page.getByLabel('经营场所平面图的补正要求').fill('平面图未标注食品处理区和清洗消毒区，请重新绘制');
    await page.getByRole('checkbox', { name: '经营场所面积（平方米）' }).check();
    await page.getByLabel('经营场所面积（平方米）的补正要求').fill('经营面积与平面图不符，请核实后填写');
    await page.getByLabel('其他说明（选填）').fill('请一次补齐后重新提交');
    await checkAxe(page);
    await page.getByRole('button', { name: '发出补正通知' }).click();

    await page.getByRole('heading', { name: '决定已作出' }).waitFor();
    await page.getByText(`已向申请人一次性告知 2 项需要补正的内容；办件 ${correctedCase.number} 等待补正。`).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-window-corrected-phone');

    await page.getByRole('link', { name: '查看并打印补正材料通知书（一次性告知书）' }).click();
    await page.waitForURL(`**/workbench/cases/${correctedCase.id}/notices/correction`);
    await page.getByRole('heading', { level: 1, name: '补正材料通知书（一次性告知书）' }).waitFor();
    const items = page.locator('.notice-doc__items li');
    expect(await items.allTextContents()).toEqual([
      '1. 【材料】经营场所平面图：平面图未标注食品处理区和清洗消毒区，请重新绘制',
      '2. 【填报内容】经营场所面积（平方米）：经营面积与平面图不符，请核实后填写',
    ]);
    expect(await page.locator('.notice-doc').textContent()).toContain('说明：请一次补齐后重新提交');
    await page.getByRole('button', { name: '打印' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-window-notice-phone');

    // Printing leaves the site's header, the workbench navigation and the buttons out.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header').first().isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: '工作台导航' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await items.first().isVisible()).toBe(true);
    await screenshot(page, 'workbench-window-notice-print');
    await page.emulateMedia({ media: 'screen' });

    // The PDF through the API client, with the token, opened from an object URL.
    let pdf: { status: number; authorization: string | undefined; bytes: Buffer } | undefined;
    await page.route(`**/applications/${correctedCase.id}/notices/correction?format=pdf`, async (route) => {
      const answer = await route.fetch();
      pdf = {
        status: answer.status(),
        authorization: route.request().headers().authorization,
        bytes: await answer.body(),
      };
      await route.fulfill({ response: answer });
    });
    await page.getByRole('button', { name: '补正材料通知书（一次性告知书） PDF' }).click();
    const link = page.getByRole('link', { name: '打开补正材料通知书（一次性告知书） PDF' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    expect(pdf?.status).toBe(200);
    expect(pdf?.authorization).toMatch(/^Bearer /);
    expect(pdf?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.close();

    // The same notice straight from the API: the PDF's header, and the JSON variant's two items.
    const response = await fetch(`${web.baseURL}/applications/${correctedCase.id}/notices/correction`, {
      headers: { authorization: `Bearer ${await web.token(WINDOW)}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const notice = await web.call<{ items: { target: string; code: string; message: string }[] }>(
      WINDOW,
      'GET',
      `/applications/${correctedCase.id}/notices/correction?format=json`,
    );
    expect(notice.items.map((i) => `${i.target}:${i.code}`)).toEqual(['material:floorPlan', 'field:premisesArea']);
  });
});

describe('窗口收件', () => {
  it('registers a walk-in case for 林晓明, fills it in, submits it; the citizen finds it under 我的办件', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /综合窗口7号/, '/workbench/walk-in');
    await page.getByRole('heading', { level: 1, name: '窗口收件' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-window-walk-in-desktop');

    await page.getByLabel('搜索事项').fill('居住证');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByRole('radio', { name: /居住证办理/ }).check();
    // The check digit is judged at the 18th character, as typed, before the field is left.
    const idNumber = page.getByLabel('公民身份号码');
    await idNumber.pressSequentially('110105194912310021');
    await page.getByText('公民身份号码校验位不正确，请核对证件。').waitFor();
    expect(await idNumber.getAttribute('aria-invalid')).toBe('true');
    await idNumber.fill('');
    await idNumber.pressSequentially('11010519491231002X');
    await page.getByText('校验码正确').waitFor();
    expect(await idNumber.getAttribute('aria-invalid')).toBeNull();
    await page.getByLabel('姓名').fill('林晓明');
    await page.getByLabel('手机号码（选填）').fill('13812345678');
    await page.getByRole('button', { name: '登记收件' }).click();

    await page.getByRole('heading', { level: 1, name: '窗口收件：居住证办理' }).waitFor();
    expect(page.url()).toMatch(/\/workbench\/walk-in\?case=[0-9a-f-]{36}$/);
    const caseId = new URL(page.url()).searchParams.get('case')!;
    // Pre-filled with the applicant's identity (not the officer's).
    expect(await page.getByLabel('姓名', { exact: true }).inputValue()).toBe('林晓明');
    expect(await page.getByLabel('身份证号码').inputValue()).toBe('11010519491231002X');
    for (const [group, detail] of [
      ['居住地住址', '五四路88号'],
      ['户籍地址', '解放路1号'],
    ] as const) {
      const box = page.getByRole('group', { name: group });
      await box.getByLabel('省（自治区、直辖市）').fill('福建省');
      await box.getByLabel('市（地区、州）').fill('福州市');
      await box.getByLabel('区（县）').fill('鼓楼区');
      await box.getByLabel('详细地址').fill(detail);
    }
    await page.getByLabel('在本市居住起始日期').fill('2024-01-15');
    await page.getByRole('radio', { name: '合法稳定就业' }).check();
    await page.getByRole('radio', { name: '到居住地派出所领取' }).check();

    // 免证 by the number the applicant shows, and the scanned papers.
    await page.getByLabel('居民身份证：电子证照编号').fill('RID-350100-0001');
    await page.getByRole('button', { name: '使用此证照' }).click();
    await page.getByText('居民身份证已使用电子证照 RID-350100-0001。').waitFor();
    await page
      .getByLabel('上传近期免冠彩色证件照片')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.getByText('photo.png 已上传').waitFor();
    await page
      .getByLabel('上传居住证明')
      .setInputFiles({ name: '租赁合同.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('租赁合同.pdf 已上传').waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-window-walk-in-form-desktop');

    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { level: 1, name: '收件回执' }).waitFor();
    const submitted = await web.call<{ number: string; status: string; channel: string; applicant: { name: string } }>(
      CITIZEN,
      'GET',
      `/applications/${caseId}`,
    );
    expect(submitted).toMatchObject({ status: 'SUBMITTED', channel: 'window', applicant: { name: '林晓明' } });
    expect(await page.locator('.confirmation__number').textContent()).toBe(submitted.number);
    expect(await page.locator('.receipt').textContent()).toContain('居民身份证（电子证照 RID-350100-0001）');
    await page.getByRole('button', { name: '打印回执' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-window-walk-in-receipt-desktop');

    // The officer's list of walk-ins has it.
    await page.getByRole('link', { name: '新的收件' }).click();
    await page.getByRole('heading', { name: '我最近的收件' }).waitFor();
    await page.getByRole('row').filter({ hasText: submitted.number }).getByText('已提交').waitFor();
    await context.close();

    // The citizen, signed in on the hall, sees it under 我的办件.
    const citizen = await newContext(web.browser, { baseURL: web.baseURL });
    const hall = await citizen.newPage();
    await signInAs(hall, /林晓明/, '/cases');
    await hall.getByRole('heading', { level: 1, name: '我的办件' }).waitFor();
    await hall.getByRole('listitem').filter({ hasText: submitted.number }).waitFor();
    await checkAxe(hall);
    await screenshot(hall, 'workbench-window-walk-in-citizen-phone');
    await citizen.close();
  });
});

describe('出件', () => {
  /** Every task of every department of the case approved, stage by stage, until a decision. */
  async function approveAll(id: string) {
    await eventually(
      'the decision',
      async () => {
        await web.cloud.idle();
        const c = await web.call<{ status: string; departments?: string[] }>(ENTERPRISE, 'GET', `/applications/${id}`);
        if (['APPROVED', 'ISSUED', 'DELIVERED'].includes(c.status)) return c;
        for (const dept of c.departments ?? []) {
          const tasks = await web.call<{ items: { id: string; caseId: string; status: string }[] }>(
            department(dept),
            'GET',
            '/tasks',
          );
          for (const task of tasks.items.filter(
            (t) => t.caseId === id && (t.status === 'WAITING' || t.status === 'CLAIMED'),
          )) {
            await web.call(department(dept), 'POST', `/tasks/${encodeURIComponent(task.id)}/decision`, {
              decision: 'approve',
              reason: '审查通过',
            });
          }
        }
        return undefined;
      },
      120_000,
    );
  }

  it('finds a result by the case link its QR code carries and hands it over, recording who received it', async () => {
    const id = await acceptedFoodCase(web.baseURL, await web.token(ENTERPRISE), await web.token(WINDOW), () =>
      web.cloud.idle(),
    );
    await approveAll(id);
    await eventually(
      'the result at the window',
      async () => {
        await web.cloud.idle();
        const delivery = await web.call<{ status: string }>(WINDOW, 'GET', `/applications/${id}/delivery`);
        return delivery.status === 'READY_FOR_PICKUP' ? delivery : undefined;
      },
      60_000,
    );

    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /综合窗口7号/, '/workbench/results');
    await page.getByRole('heading', { level: 1, name: '出件' }).waitFor();
    await page.getByLabel('流水号或办件二维码').fill(`${web.baseURL}/cases/${id}`);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByText('待领取').first().waitFor();

    const receiverId = page.getByLabel('领取人公民身份号码');
    await receiverId.pressSequentially('110105194912310021');
    await page.getByText('公民身份号码校验位不正确，请核对证件。').waitFor();
    await receiverId.fill('11010519491231002X');
    await page.getByLabel('领取人姓名').fill('林晓明');
    await checkAxe(page);
    await screenshot(page, 'workbench-window-results-phone');
    await page.getByRole('button', { name: '确认交付' }).click();
    await page.getByText(/已交付：办件 .* 的结果已由 林晓明 领取/).waitFor();
    expect(await web.call(ENTERPRISE, 'GET', `/applications/${id}/delivery`)).toMatchObject({
      status: 'DELIVERED',
      receivedBy: '林晓明',
      receiverIdNumber: expect.stringMatching(/\*/),
    });
    await checkAxe(page);
    await context.close();
  });
});
