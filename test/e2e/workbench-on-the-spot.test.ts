import type { Principal } from '../../shared/auth/principal';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { USCC } from '../support/food-case';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * 即办件 at the window in a real browser: the demo window officer, who holds the police's delegation, opens an
 * enterprise's online 公章刻制备案 from the window's queue and decides it on the spot; the licence is issued the same day.
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
let web: WebCloud;

beforeAll(async () => {
  web = await startWebCloud();
});
afterAll(() => web?.stop());

async function sealFilingCase(): Promise<{ id: string; number: string }> {
  const guide = await web.call<{ form: never }>(undefined, 'GET', '/matters/SEAL-FILING');
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const draft = await web.call<{ id: string; number: string }>(ENTERPRISE, 'POST', '/applications', {
    matterCode: 'SEAL-FILING',
    form: sampleAnswers(guide.form, { today, overrides: { uscc: USCC } }),
  });
  await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/licence-references`, {
    material: 'businessLicence',
    licenceNo: USCC,
  });
  await web.call(ENTERPRISE, 'POST', `/applications/${draft.id}/licence-references`, {
    material: 'legalRepIdCard',
    licenceNo: 'RID-350100-0001',
  });
  await web.call(
    ENTERPRISE,
    'POST',
    `/applications/${draft.id}/submit`,
    {},
    { 'idempotency-key': `e2e-spot-${draft.id}` },
  );
  return draft;
}

describe('即办件 decided on the spot', () => {
  it('the delegated window officer decides an online 公章刻制备案 on the spot, and the licence is issued today', async () => {
    const { id, number } = await sealFilingCase();
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    // It waits in the window's second queue, the 即办件 to decide on the spot, and opens from there.
    await signInAs(page, '综合窗口7号', '/workbench/queue');
    const queue = page.locator('section[aria-labelledby="on-the-spot-queue"]');
    await queue.getByRole('heading', { name: '即办件 · 待当场办结' }).waitFor();
    await queue.getByRole('link', { name: new RegExp(number) }).click();
    await page.waitForURL(new RegExp(`/workbench/cases/${id}$`));
    const section = page.locator('#on-the-spot');
    await section.getByRole('heading', { name: '即办件 · 当场办结' }).waitFor();
    await section.getByText('公安局').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'workbench-on-the-spot');

    await section.getByRole('button', { name: '当场办结并签发证照' }).click();
    const done = page.getByRole('heading', { name: '已当场办结' });
    await done.waitFor();
    expect(await done.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.getByText(`办件 ${number} 已受理并批准`).waitFor();
    expect(await section.count()).toBe(0);

    const issued = await eventually(
      'the licence',
      async () => {
        const c = await web.call<{ status: string; licenceNo?: string }>(ENTERPRISE, 'GET', `/applications/${id}`);
        return c.status === 'ISSUED' ? c : undefined;
      },
      60_000,
    );
    const licence = await web.call<{ issuedAt: string }>(ENTERPRISE, 'GET', `/licences/${issued.licenceNo}`);
    expect(licence.issuedAt.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    await context.close();
  });
});
