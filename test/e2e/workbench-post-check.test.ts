import type { Locator, Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { uploadMaterial } from '../support/cases';
import { USCC } from '../support/food-case';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * 告知承诺制的事后核查 in a real browser: an enterprise's 公共场所卫生许可, applied for on its written commitment in place
 * of the test report and the hygiene rules, is approved by the health commission and issued; its post-check waits in
 * the commission's 事后核查. The demo officer finds it, opens it, is refused 承诺不实 without the facts and reasons (in
 * Chinese, next to the field), then records it by keyboard: the licence is revoked at once.
 */
jest.setTimeout(300_000);

const MATTER = 'PUBLIC-HYGIENE-LICENCE';
const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window', name: '综合窗口7号' };
const HEALTH: Principal = {
  sub: 'demo-health-officer',
  role: 'department',
  department: 'HEALTH',
  name: '卫健委审批员',
};
const OFFICER = '卫健委审批员';
const REASON = '现场核查发现未建立卫生管理制度，从业人员亦未接受卫生知识培训';

interface Guide {
  name: string;
  form: never;
  materials: { code: string; name: string }[];
  commitment: { textHash: string };
}
interface PostCheckView {
  id: string;
  caseId: string;
  status: string;
  result?: string;
  reason?: string;
}

let web: WebCloud;
let guide: Guide;
const made = { caseId: '', number: '', licenceNo: '', checkId: '' };

const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const materialName = (code: string) => guide.materials.find((m) => m.code === code)!.name;

/** The enterprise applies on commitment, the window accepts, the health commission approves its three stages. */
beforeAll(async () => {
  web = await startWebCloud();

  guide = await web.call<Guide>(undefined, 'GET', `/matters/${MATTER}`);
  const draft = await web.call<{ id: string; number: string }>(ENTERPRISE, 'POST', '/applications', {
    matterCode: MATTER,
    form: sampleAnswers(guide.form, { today: shanghaiToday(), overrides: { uscc: USCC } }),
  });
  made.caseId = draft.id;
  made.number = draft.number;
  await web.call(ENTERPRISE, 'PUT', `/applications/${draft.id}/commitment`, {
    materials: ['hygieneTestReport', 'hygieneRules'],
    accepted: true,
    textHash: guide.commitment.textHash,
  });
  await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/licence-references`, {
    material: 'businessLicence',
    licenceNo: USCC,
  });
  const token = await web.token(ENTERPRISE);
  for (const material of ['legalRepIdCard', 'floorPlan', 'healthCertificates'])
    await uploadMaterial(web.baseURL, token, draft.id, material);
  await web.call(
    ENTERPRISE,
    'POST',
    `/applications/${draft.id}/submit`,
    {},
    { 'idempotency-key': `e2e-post-check-${draft.id}` },
  );
  await web.call(WINDOW, 'POST', `/applications/${draft.id}/acceptance`, { decision: 'accept' });

  for (let stage = 0; stage < 3; stage++) {
    const task = await eventually(
      `the health commission's stage ${stage}`,
      async () => {
        await web.cloud.idle();
        const tasks = await web.call<{ items: { id: string; caseId: string; stageIndex: number; status: string }[] }>(
          HEALTH,
          'GET',
          '/tasks?limit=100',
        );
        return tasks.items.find((t) => t.caseId === draft.id && t.stageIndex === stage && t.status === 'WAITING');
      },
      60_000,
    );
    await web.call(HEALTH, 'POST', `/tasks/${encodeURIComponent(task.id)}/decision`, { decision: 'approve' });
  }
  const issued = await eventually(
    'the licence',
    async () => {
      await web.cloud.idle();
      const c = await web.call<{ status: string; licenceNo?: string }>(ENTERPRISE, 'GET', `/applications/${draft.id}`);
      return c.status === 'ISSUED' ? c : undefined;
    },
    60_000,
  );
  made.licenceNo = issued.licenceNo!;
  const open = await web.call<{ items: PostCheckView[] }>(HEALTH, 'GET', '/post-checks?status=open&limit=100');
  made.checkId = open.items.find((c) => c.caseId === draft.id)!.id;
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

const hasFocus = (locator: Locator) => locator.evaluate((el) => el === el.ownerDocument.activeElement);
const checkNow = () => web.call<PostCheckView>(HEALTH, 'GET', `/post-checks/${made.checkId}`);
const verifyStatus = async () =>
  (await web.call<{ status: string }>(undefined, 'GET', `/verify/${made.licenceNo}`)).status;
const checkPath = () => `/workbench/post-checks/${encodeURIComponent(made.checkId)}`;

describe('事后核查 (post-checks of commitments) in the workbench', () => {
  it('lists the open check with its matter, the materials the commitment replaced and its due date; the case number opens it (phone)', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, OFFICER, '/workbench');
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '事后核查' }).click();
    await page.getByRole('heading', { level: 1, name: '事后核查' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: made.number });
    await row.waitFor();
    await row.getByText(guide.name).waitFor();
    await row.getByText(`${materialName('hygieneTestReport')}、${materialName('hygieneRules')}`).waitFor();
    // The due date, 30 working days on, with the working days left in words, or, when it falls in a year whose
    // holidays are not loaded yet (a December decision), said to be counted Monday to Friday for now.
    await row
      .getByText(/剩余 \d+ 个工作日|暂按周一至周五推算/)
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: '事后核查' }).first().getAttribute('aria-current')).toBe('page');
    await checkAxe(page);

    // Nothing recorded yet: the other view says so.
    await page.getByRole('link', { name: '已核查' }).click();
    await page.getByText('还没有已记录的核查结果。').waitFor();
    expect(await page.getByRole('row').filter({ hasText: made.number }).count()).toBe(0);
    await page.getByRole('link', { name: '待核查' }).click();

    await page.getByRole('row').filter({ hasText: made.number }).getByRole('link', { name: made.number }).click();
    await page.getByRole('heading', { level: 1, name: `事后核查：${guide.name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(checkPath());
    await page.getByRole('radio', { name: '承诺不实' }).check();
    await page.getByText('提交后立即生效，不能撤回：').waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-post-check-phone');

    // The department reviewed the case: its task is a link away.
    await page.getByRole('link', { name: '查看办件的审查任务' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${guide.name}：`) }).waitFor();
    await page.getByText(`流水号 ${made.number}`).first().waitFor();
    await context.close();
  });

  it('refuses 承诺不实 without the facts and reasons, then records it by keyboard and revokes the licence (desktop)', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, OFFICER, checkPath());
    await page.getByRole('heading', { level: 1, name: `事后核查：${guide.name}` }).waitFor();
    const facts = page.locator('section[aria-labelledby="post-check-facts-title"]');
    await facts.getByText(`${materialName('hygieneTestReport')}、${materialName('hygieneRules')}`).waitFor();
    await facts.getByText(made.licenceNo).waitFor();
    // A second tab holds the same form, to be sent after this one.
    const stale = await context.newPage();
    await stale.goto(checkPath());
    await stale.getByRole('radio', { name: '承诺属实' }).waitFor();

    // By keyboard: the skip link, the arrows choose 不实, Tab passes the reason, Enter sends.
    await page.getByRole('link', { name: '跳到核查结果' }).focus();
    await page.keyboard.press('Enter');
    expect(await hasFocus(page.locator('#field-result'))).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: '承诺不实' }).isChecked()).toBe(true);
    const reason = page.getByLabel('核查不实的事实与理由');
    await reason.waitFor();
    await page.getByText('将作为撤销许可、作废电子证照的理由告知申请人。').waitFor();
    await page.getByText('提交后立即生效，不能撤回：').waitFor();
    await page.getByText(`撤销许可 ${made.licenceNo}，作废电子证照；`).waitFor();
    await page.keyboard.press('Tab');
    expect(await hasFocus(reason)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: '请修改以下问题' }).waitFor();
    await page.locator('#field-reason-error').filter({ hasText: '请写明核查不实的事实与理由。' }).waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toContain('field-reason-error');
    expect((await checkNow()).status).toBe('open');
    expect(await verifyStatus()).toBe('valid');
    await checkAxe(page);

    // The summary's link leads to the field; type the reasons, Tab to the button, Enter.
    await page.getByRole('alert').getByRole('link', { name: '请写明核查不实的事实与理由。' }).click();
    expect(await hasFocus(reason)).toBe(true);
    await page.keyboard.type(REASON);
    await screenshot(page, 'workbench-post-check');
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('button', { name: '确认不实并撤销许可' }))).toBe(true);
    await page.keyboard.press('Enter');

    const done = page.getByRole('heading', { name: '核查结果已记录' });
    await done.waitFor();
    expect(await done.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page
      .getByRole('status')
      .filter({ hasText: '许可已撤销、电子证照已作废，已告知申请人并推送信用信息。' })
      .waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await facts.getByText('承诺不实').waitFor();
    await facts.getByText(REASON).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-post-check-recorded');

    expect(await checkNow()).toMatchObject({ status: 'done', result: 'false', reason: REASON });
    // The revocation follows from Commitment.Breached.v1, delivered within moments.
    await eventually(
      'the licence revoked',
      async () => ((await verifyStatus()) === 'revoked' ? true : undefined),
      30_000,
    );

    // The stale tab's 属实 answers 409: it says the result was recorded already and shows it.
    await stale.getByRole('radio', { name: '承诺属实' }).check();
    await stale.getByRole('button', { name: '确认承诺属实' }).click();
    await stale.getByRole('alert').filter({ hasText: '此核查的结果已经记录过了' }).waitFor();
    await stale.locator('section[aria-labelledby="post-check-facts-title"]').getByText('承诺不实').waitFor();
    expect(await stale.getByRole('radio').count()).toBe(0);
    expect((await checkNow()).result).toBe('false');
    await context.close();
  });

  it('moves the check to 已核查 with its result (desktop and phone)', async () => {
    for (const desktop of [true, false]) {
      const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
      const page = await context.newPage();
      await signInAs(page, OFFICER, '/workbench/post-checks');
      await page.getByRole('heading', { level: 1, name: '事后核查' }).waitFor();
      await page.getByText('没有待核查的承诺。').waitFor();
      await page.getByRole('link', { name: '已核查' }).click();
      const row = page.getByRole('row').filter({ hasText: made.number });
      await row.waitFor();
      await row.getByText('承诺不实').waitFor();
      await checkAxe(page);
      if (!desktop) {
        await row.getByRole('link', { name: made.number }).click();
        await page.getByRole('heading', { level: 1, name: `事后核查：${guide.name}` }).waitFor();
        await page.getByText(REASON).waitFor();
        await checkAxe(page);
      }
      await context.close();
    }
  });
});
