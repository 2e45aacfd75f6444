import type { Locator, Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { uploadMaterial } from '../support/cases';
import { FOOD_FORM, USCC } from '../support/food-case';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The apply path in a real browser: the demo enterprise applies for 食品经营许可 with the keyboard alone (Tab,
 * typing, Space, Enter), sees a wrong ID number flagged next to its field, uploads real small PDFs with the file
 * chooser, reuses its 营业执照 from the wallet (免证), finds its draft restored after a reload, reviews and submits
 * (a double click submits once) and gets its receipt. Then: a file that lies about its type is refused on its row,
 * the review lists what is missing with links back, an agent applies for the enterprise it acts for, and a 一件事
 * bundle gets the merged form with its shared materials.
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window' };
const MATTER = 'FOOD-BUSINESS-LICENCE';
/** A minimal, valid PDF: the platform checks the real type by its first bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
/** An executable renamed .pdf. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);

let web: WebCloud;
let submittedId: string;

beforeAll(async () => {
  web = await startWebCloud();
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

// In the page, through the element's own document (these tests type-check without the DOM library).
const isFocused = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has the focus: the control is reachable by keyboard, in order. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs to a text control and types into it, replacing what was there. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Tabs to a file input, opens its chooser with the Space key and picks a PDF; waits for the row to say it arrived. */
async function uploadWithKeyboard(page: Page, label: string, name: string, bytes = PDF): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await tabTo(page, input);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({ name, mimeType: 'application/pdf', buffer: bytes });
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

describe('applying online', () => {
  it('the enterprise applies for 食品经营许可 with the keyboard alone, from the form to its receipt', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    // Listening from the start has the browser hand its file chooser to the test whenever it opens.
    page.on('filechooser', () => undefined);
    await signInAs(page, /榕城小吃店/, `/apply/matter/${MATTER}`);
    await page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/);
    const caseId = page.url().split('/').at(-2)!;
    await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();

    // Pre-filled from the profile: the enterprise's code and name.
    expect(await page.getByRole('textbox', { name: '统一社会信用代码' }).inputValue()).toBe(USCC);
    expect(await page.getByRole('textbox', { name: '经营者名称' }).inputValue()).toBe('福州市鼓楼区榕城小吃店');
    await checkAxe(page);
    await screenshot(page, 'apply-edit-phone');

    await typeInto(page, page.getByRole('textbox', { name: '法定代表人姓名' }), '林晓明');
    // A wrong check digit, flagged next to the field as soon as the applicant leaves it.
    const idNumber = page.getByRole('textbox', { name: '法定代表人身份证号码' });
    await typeInto(page, idNumber, '110105194912310021');
    await page.keyboard.press('Tab');
    expect(await idNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await description(idNumber)).toContain('校验位不正确');
    await checkAxe(page);
    await tabTo(page, idNumber, true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('11010519491231002X');
    await page.keyboard.press('Tab');
    expect(await idNumber.getAttribute('aria-invalid')).toBeNull();

    const premises = page.getByRole('group', { name: '经营场所' });
    await typeInto(page, premises.getByRole('textbox', { name: '省（自治区、直辖市）' }), '福建省');
    await typeInto(page, premises.getByRole('textbox', { name: '市（地区、州）' }), '福州市');
    await typeInto(page, premises.getByRole('textbox', { name: '区（县）' }), '鼓楼区');
    await typeInto(page, premises.getByRole('textbox', { name: '详细地址' }), '五四路88号一层');
    await tabTo(page, page.getByRole('radio', { name: '餐饮服务经营者' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('checkbox', { name: '热食类食品制售' }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('checkbox', { name: '自制饮品制售' }));
    await page.keyboard.press('Space');
    await typeInto(page, page.getByRole('textbox', { name: '经营场所面积（平方米）' }), '60');
    await typeInto(page, page.getByRole('textbox', { name: '食品安全管理人员' }), '陈静');
    // A repeating group: Enter on "add" opens an item and puts the cursor in its first field.
    await tabTo(page, page.getByRole('button', { name: '添加从业人员' }));
    await page.keyboard.press('Enter');
    const staff = page.getByRole('group', { name: '从业人员：第 1 项' });
    await staff.waitFor();
    expect(await isFocused(staff.getByRole('textbox', { name: '姓名' }))).toBe(true);
    await page.keyboard.type('王芳');
    await typeInto(page, staff.getByRole('textbox', { name: '身份证号码' }), '11010519491231002X');
    await tabTo(page, staff.getByRole('radio', { name: '厨师' }));
    await page.keyboard.press('Space');
    await typeInto(page, page.getByRole('textbox', { name: '联系电话' }), '13812345678');
    await page.keyboard.press('Tab');

    // 免证: the 营业执照 from the wallet, picked (not typed) and used with Enter.
    const licenceRow = page.locator('#field-materials-businessLicence');
    await tabTo(page, licenceRow.getByRole('button', { name: '使用所选证照' }));
    await page.keyboard.press('Enter');
    await licenceRow.getByText(`已使用电子证照：营业执照 ${USCC}`).waitFor();
    // Real PDFs through the file chooser, opened with the keyboard; each row reports its own file.
    for (const [material, label] of [
      ['legalRepIdCard', '上传法定代表人（负责人）身份证件'],
      ['floorPlan', '上传经营场所平面图'],
      ['equipmentList', '上传主要设备设施清单'],
      ['foodSafetyRules', '上传食品安全管理制度'],
    ] as const) {
      await uploadWithKeyboard(page, label, `${material}.pdf`);
      await page.locator(`#field-materials-${material}`).getByText(`${material}.pdf 已上传`).waitFor();
    }
    await page
      .getByRole('status')
      .filter({ hasText: /^已保存 \d{2}:\d{2}$/ })
      .waitFor();
    await checkAxe(page);

    // Coming back later, even with nothing kept on this device: the draft comes from the server.
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('one-stop.draft.')) localStorage.removeItem(k);
    });
    await page.reload();
    await page.getByRole('textbox', { name: '食品安全管理人员' }).waitFor();
    expect(await page.getByRole('textbox', { name: '法定代表人身份证号码' }).inputValue()).toBe('11010519491231002X');
    expect(await page.getByRole('textbox', { name: '经营场所面积（平方米）' }).inputValue()).toBe('60');
    expect(await page.getByRole('checkbox', { name: '自制饮品制售' }).isChecked()).toBe(true);
    expect(
      await page.getByRole('group', { name: '从业人员：第 1 项' }).getByRole('textbox', { name: '姓名' }).inputValue(),
    ).toBe('王芳');
    await page.locator('#field-materials-floorPlan').getByText('floorPlan.pdf').waitFor();
    await page.locator('#field-materials-businessLicence').getByText(`已使用电子证照：营业执照 ${USCC}`).waitFor();

    await tabTo(page, page.getByRole('button', { name: '保存并继续' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/cases/${caseId}/review`);
    await page.getByRole('heading', { level: 1, name: '检查并提交' }).waitFor();
    const answers = page.locator('dl.answers').first();
    for (const text of [
      '林晓明',
      '11010519491231002X',
      '福建省 福州市 鼓楼区 五四路88号一层',
      '餐饮服务经营者',
      '热食类食品制售、自制饮品制售',
      '王芳',
      '厨师',
    ])
      await answers.getByText(text, { exact: true }).first().waitFor();
    await page.getByText(`电子证照 ${USCC}`).waitFor();
    await page.getByText('未提交（可容缺受理，须在审批决定前补交）').waitFor();
    expect(await page.getByRole('link', { name: /修改\s*法定代表人身份证号码/ }).getAttribute('href')).toBe(
      `/cases/${caseId}/edit#field-form-legalRepIdNumber`,
    );
    await checkAxe(page);
    await screenshot(page, 'apply-review-phone');

    // A double click submits once: one request, one 'submitted' in the case's history.
    let submits = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/applications/${caseId}/submit`)) submits++;
    });
    await page.getByRole('button', { name: '确认提交' }).dblclick();
    await page.waitForURL(`**/cases/${caseId}/receipt`);
    await page.getByRole('heading', { level: 1, name: '申请已提交' }).waitFor();
    const submitted = await web.call<{ number: string; status: string }>(ENTERPRISE, 'GET', `/applications/${caseId}`);
    expect(submitted.status).toBe('SUBMITTED');
    expect(submits).toBe(1);
    const timeline = await web.call<{ items: { action: string }[] }>(
      ENTERPRISE,
      'GET',
      `/applications/${caseId}/timeline`,
    );
    expect(timeline.items.filter((e) => e.action === 'submitted')).toHaveLength(1);
    expect(await page.locator('.confirmation__number').textContent()).toBe(submitted.number);
    await page.getByText('已提交，待受理').waitFor();
    await page.getByText(/综合窗口将在 .+ 前完成受理审查/).waitFor();
    expect(await page.getByRole('link', { name: '查看办件进度' }).getAttribute('href')).toBe(`/cases/${caseId}`);
    // Submitted: nothing of it is kept on this device any more.
    expect(
      await page.evaluate(
        (id) => localStorage.getItem(`one-stop.draft.${id}`) ?? sessionStorage.getItem(`one-stop.submit-key.${id}`),
        caseId,
      ),
    ).toBeNull();
    await checkAxe(page);
    await screenshot(page, 'apply-receipt-phone');
    submittedId = caseId;
    await context.close();
  });

  it('on a desktop: refuses a file that lies about its type on its own row, and the review sends the applicant back to what is missing', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, `/apply/matter/${MATTER}`);
    // A draft left over (when the first test failed half-way) is offered; this test starts its own.
    const fresh = page.getByRole('button', { name: '新建申请' });
    await Promise.race([
      page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/).catch(() => undefined),
      fresh.waitFor().catch(() => undefined),
    ]);
    if (await fresh.isVisible()) await fresh.click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/);
    const caseId = page.url().split('/').at(-2)!;
    await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();

    await page
      .getByLabel('上传主要设备设施清单', { exact: true })
      .setInputFiles({ name: 'equipment.pdf', mimeType: 'application/pdf', buffer: ELF });
    const row = page.locator('#field-materials-equipmentList');
    await row
      .getByRole('alert')
      .getByText(/equipment\.pdf：文件内容与其格式不符/)
      .waitFor();
    expect(await row.getByText('equipment.pdf', { exact: true }).count()).toBe(0);
    await page
      .getByLabel('上传经营场所平面图', { exact: true })
      .setInputFiles({ name: 'plan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('#field-materials-floorPlan').getByText('plan.pdf 已上传').waitFor();
    await checkAxe(page);
    await screenshot(page, 'apply-edit-desktop');

    // The network fails while typing: nothing is lost, a retry is offered, and a reload brings the typing back.
    await page.route('**/applications/*', (route) =>
      route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.continue(),
    );
    await page.getByRole('textbox', { name: '食品安全管理人员' }).fill('陈静');
    await page.getByRole('status').filter({ hasText: '网络连接失败，未能保存。您填写的内容已保存在本机。' }).waitFor();
    await page.reload();
    await page.getByText('已恢复您在本机上尚未保存的内容。').waitFor();
    expect(await page.getByRole('textbox', { name: '食品安全管理人员' }).inputValue()).toBe('陈静');
    await page.getByRole('button', { name: '重试保存' }).waitFor();
    await page.unroute('**/applications/*');
    await page.getByRole('button', { name: '重试保存' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^已保存 \d{2}:\d{2}$/ })
      .waitFor();
    expect(
      (await web.call<{ form: Record<string, unknown> }>(ENTERPRISE, 'GET', `/applications/${caseId}`)).form
        .foodSafetyManager,
    ).toBe('陈静');
    await page.getByRole('textbox', { name: '食品安全管理人员' }).fill('');
    await page
      .getByRole('status')
      .filter({ hasText: /^已保存 \d{2}:\d{2}$/ })
      .waitFor();

    // Continuing with gaps: every problem at once, each linking to its field or material.
    await page.getByRole('button', { name: '保存并继续' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: '法定代表人姓名：请填写此项' }).getAttribute('href')).toBe(
      '#field-form-legalRepName',
    );
    expect(await summary.getByRole('link', { name: '缺少材料：主要设备设施清单' }).getAttribute('href')).toBe(
      '#field-materials-equipmentList',
    );
    expect(await page.getByRole('textbox', { name: '法定代表人姓名' }).getAttribute('aria-invalid')).toBe('true');
    await checkAxe(page);

    // The review of an incomplete draft lists the problems with links back, and offers no submission.
    await page.goto(`/cases/${caseId}/review`);
    await page.getByRole('heading', { level: 1, name: '检查并提交' }).waitFor();
    const problems = page.locator('.error-summary');
    await problems.getByRole('link', { name: '缺少材料：主要设备设施清单' }).waitFor();
    expect(await page.getByRole('button', { name: '确认提交' }).count()).toBe(0);
    await checkAxe(page);
    await screenshot(page, 'apply-review-desktop');
    await problems.getByRole('link', { name: '法定代表人姓名：请填写此项' }).click();
    await page.waitForURL(`**/cases/${caseId}/edit?check=1#field-form-legalRepName`);
    const name = page.getByRole('textbox', { name: '法定代表人姓名' });
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ===
        'field-form-legalRepName',
    );
    expect(await description(name)).toContain('请填写此项');

    await page.goto(`/cases/${submittedId}/receipt`);
    await page.getByRole('heading', { level: 1, name: '申请已提交' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'apply-receipt-desktop');
    await context.close();
  });

  it('an agent applies for the enterprise that authorised them, and is told when no authorisation covers it', async () => {
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await web.call(ENTERPRISE, 'POST', '/me/authorisations', { agentSub: 'demo-agent-chen', matters: [MATTER], until });
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();

    await signInAs(page, /陈晓红/, '/apply/matter/PUBLIC-HYGIENE-LICENCE');
    await page.getByRole('radio', { name: '企业' }).check();
    await page.getByRole('textbox', { name: '委托人统一社会信用代码' }).fill(USCC);
    await page.getByRole('button', { name: '开始代办申请' }).click();
    await page.getByText('您没有该申请人对此事项的有效委托', { exact: false }).waitFor();

    await page.goto(`/apply/matter/${MATTER}`);
    const code = page.getByRole('textbox', { name: '委托人统一社会信用代码' });
    await code.fill('91350100M000100Y44');
    await page.getByRole('button', { name: '开始代办申请' }).click();
    // The principal's code is checked with the same engine (check character) before anything is sent.
    expect(await description(code)).toContain('校验位不正确');
    await checkAxe(page);
    await code.fill(USCC);
    await page.getByRole('button', { name: '开始代办申请' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/);
    // For the enterprise: its code pre-filled, not the agent's own name.
    expect(await page.getByRole('textbox', { name: '统一社会信用代码' }).inputValue()).toBe(USCC);
    expect(await page.getByRole('textbox', { name: '经营者名称' }).inputValue()).toBe('');
    // An agent has no wallet of the enterprise's to pick from: uploads only.
    expect(await page.getByRole('button', { name: '使用所选证照' }).count()).toBe(0);
    await checkAxe(page);
    await context.close();
  });

  it('answers a correction request (补正): every item listed, the field and the material fixed, then resubmitted with the corrected answers', async () => {
    const draft = await web.call<{ id: string }>(ENTERPRISE, 'POST', '/applications', {
      matterCode: MATTER,
      form: FOOD_FORM,
    });
    const id = draft.id;
    await web.call(ENTERPRISE, 'POST', `/applications/${id}/licence-references`, {
      material: 'businessLicence',
      licenceNo: USCC,
    });
    const token = await web.token(ENTERPRISE);
    for (const material of ['legalRepIdCard', 'floorPlan', 'equipmentList', 'foodSafetyRules'])
      await uploadMaterial(web.baseURL, token, id, material, { bytes: PDF });
    await web.call(ENTERPRISE, 'POST', `/applications/${id}/submit`, {}, { 'idempotency-key': `e2e-correction-${id}` });
    await web.call(WINDOW, 'POST', `/applications/${id}/acceptance`, {
      decision: 'correct',
      corrections: [
        { target: 'field', code: 'premisesArea', message: '经营面积与平面图不符，请核实后填写' },
        { target: 'material', code: 'floorPlan', message: '平面图未标注操作区域' },
      ],
    });

    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, `/cases/${id}/edit`);
    const corrections = page.getByRole('region', { name: '需要补正的内容' });
    await corrections.waitFor();
    await corrections.getByRole('link', { name: '经营场所面积（平方米）：经营面积与平面图不符，请核实后填写' }).click();
    const area = page.getByRole('textbox', { name: '经营场所面积（平方米）' });
    expect(await isFocused(area)).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('58');
    await page.getByRole('status').filter({ hasText: '修改暂存在本机，将在重新提交时一并提交。' }).waitFor();
    await page.locator('#field-materials-floorPlan').getByText('需补正：平面图未标注操作区域').waitFor();
    await page.getByLabel('为经营场所平面图再上传一个文件', { exact: true }).setInputFiles({
      name: 'floorPlan-v2.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([PDF, Buffer.from('% v2\n')]),
    });
    await page.locator('#field-materials-floorPlan').getByText('floorPlan-v2.pdf 已上传').waitFor();
    await checkAxe(page);
    await screenshot(page, 'apply-correction-phone');

    await page.getByRole('button', { name: '检查补正内容' }).click();
    await page.waitForURL(`**/cases/${id}/review`);
    await page.getByRole('heading', { level: 1, name: '检查并重新提交' }).waitFor();
    await page.locator('dl.answers').first().getByText('58', { exact: true }).waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: '重新提交' }).click();
    await page.waitForURL(`**/cases/${id}/receipt`);
    const resubmitted = await web.call<{
      status: string;
      form: Record<string, unknown>;
      materials: Record<string, { files: unknown[] }>;
    }>(ENTERPRISE, 'GET', `/applications/${id}`);
    expect(resubmitted.status).toBe('SUBMITTED');
    expect(resubmitted.form.premisesArea).toBe(58);
    expect(resubmitted.materials.floorPlan!.files).toHaveLength(2);
    await context.close();
  });

  it('a submission whose answer the network lost is found submitted, not made twice', async () => {
    const draft = await web.call<{ id: string }>(ENTERPRISE, 'POST', '/applications', {
      matterCode: MATTER,
      form: FOOD_FORM,
    });
    const id = draft.id;
    await web.call(ENTERPRISE, 'POST', `/applications/${id}/licence-references`, {
      material: 'businessLicence',
      licenceNo: USCC,
    });
    const token = await web.token(ENTERPRISE);
    for (const material of ['legalRepIdCard', 'floorPlan', 'equipmentList', 'foodSafetyRules'])
      await uploadMaterial(web.baseURL, token, id, material, { bytes: PDF });
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, `/cases/${id}/review`);
    // The platform receives the submission, but its answer never reaches the browser.
    let lost = 0;
    await page.route(`**/applications/${id}/submit`, async (route) => {
      await route.fetch();
      lost++;
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL(`**/cases/${id}/receipt`);
    expect(lost).toBe(1);
    const timeline = await web.call<{ items: { action: string }[] }>(ENTERPRISE, 'GET', `/applications/${id}/timeline`);
    expect(timeline.items.filter((e) => e.action === 'submitted')).toHaveLength(1);
    await context.close();
  });

  it('a 一件事 bundle gets its merged form and its shared materials, asked once', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /榕城小吃店/, '/apply/bundle/OPEN-RESTAURANT');
    await page.waitForURL(/\/cases\/[0-9a-f-]+\/edit$/);
    await page.getByRole('heading', { level: 1, name: '开餐馆一件事' }).waitFor();
    await page.getByText(/这件事包括以下事项/).waitFor();
    // Fields of several members in one form, and a repeating group of shareholders.
    for (const label of ['企业名称', '经营场所面积（平方米）', '公共场所类别', '广告内容'])
      await page.getByText(label, { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '添加股东（出资人）' }).waitFor();
    // The floor plan once for the food and hygiene licences; a member's own material under its matter's name.
    expect(await page.getByRole('heading', { name: /^经营场所平面图（含设备布局和卫生设施）/ }).count()).toBe(1);
    await page.getByRole('heading', { name: /^食品经营许可：主要设备设施清单/ }).waitFor();
    await checkAxe(page);
    await context.close();
  });
});
