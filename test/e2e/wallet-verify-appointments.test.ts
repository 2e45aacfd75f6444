import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Principal } from '../../shared/auth/principal';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * 我的证照, public verification, 预约, 消息中心, 联系方式 and 代办 in a real browser (360 px phone; desktop screenshots at
 * the end): the demo enterprise's imported 营业执照 in its wallet with a QR code and its PDF; verification without
 * signing in (valid, holder masked, a made-up number not found, a pasted credential, a tampered one, a suspension);
 * the citizen books 不动产登记 (a slot filled meanwhile says so beside it), sees the check-in QR code, cancels; opens
 * a message in the inbox, which marks it read; sets contact details (the server's field errors beside the fields);
 * authorises the agent 陈晓红, who sees how to apply for him, and revokes it. axe on every page.
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: '91350100M000100Y43' };
const CITIZEN: Principal = { sub: 'demo-citizen-lin', role: 'applicant', idNumber: '11010519491231002X' };
const ADMIN: Principal = { sub: 'e2e-admin', role: 'admin' };
const SAMR: Principal = { sub: 'demo-samr-registrar', role: 'department', department: 'SAMR' };
const BUSINESS_LICENCE = '91350100M000100Y43';
const ID_CARD = 'RID-350100-0001';
const ESTATE = 'REAL-ESTATE-REGISTRATION'; // one window at 福州市行政服务中心, 3 places a slot, open to citizens

let web: WebCloud;
let phone: BrowserContext;

/** Today in Asia/Shanghai, where the halls are. */
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

beforeAll(async () => {
  web = await startWebCloud();
  // The next working days may run into next year (late December): give that year a calendar if none is loaded.
  const next = Number(shanghaiToday().slice(0, 4)) + 1;
  if ((await fetch(`${web.baseURL}/calendars/${next}`)).status === 404)
    await web.call(ADMIN, 'PUT', `/admin/calendars/${next}`, { year: next, holidays: [], workdays: [] });
  phone = await newContext(web.browser, { baseURL: web.baseURL });
});
afterAll(async () => {
  await phone?.close().catch(() => undefined);
  await web?.stop();
});

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** A fresh page in a fresh context (its own session), signed in as a demo identity unless anonymous. */
async function pageAs(
  browser: Browser,
  label: RegExp | undefined,
  options: { desktop?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { baseURL: web.baseURL, ...options });
  const page = await context.newPage();
  if (label) await signInAs(page, label);
  return { context, page };
}

describe('my licences', () => {
  it('shows the enterprise its imported 营业执照 with its status, a QR code of the verification page, and the PDF', async () => {
    const page = await phone.newPage();
    await signInAs(page, /榕城小吃店/, '/wallet');
    await page.getByRole('heading', { level: 1, name: '我的证照' }).waitFor();
    const card = page.getByRole('article', { name: '营业执照' });
    await card.waitFor();
    await card.getByText(BUSINESS_LICENCE).first().waitFor();
    await card.getByText('福州市鼓楼区榕城小吃店').first().waitFor();
    await card.getByText('市场监督管理局').waitFor();
    await expect(card.locator('.tag').first().textContent()).resolves.toBe('有效');
    // The QR code encodes this site's verification page of the licence; its alt text names it.
    const verifyUrl = `${web.baseURL}/verify/${BUSINESS_LICENCE}`;
    const qr = card.getByRole('img', { name: /核验二维码/ });
    await qr.waitFor();
    expect(await qr.getAttribute('alt')).toContain(verifyUrl);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expect(card.getByLabel('核验链接').inputValue()).resolves.toBe(verifyUrl);
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-wallet-phone');

    // The PDF: a five-minute link, which the browser downloads.
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: '下载证照 PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/营业执照-91350100M000100Y43\.pdf$/);
    await card.getByRole('link', { name: /下载已开始/ }).waitFor();

    // Sharing: no Web Share in headless Chromium, so the link is copied (or, without clipboard access, shown to copy).
    await card.getByRole('button', { name: '分享核验链接' }).click();
    await card
      .getByRole('status')
      .filter({ hasText: /核验链接已复制|请手动复制/ })
      .first()
      .waitFor();
    await page.close();
  });
});

describe('public verification (not signed in)', () => {
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => ({ context, page } = await pageAs(web.browser, undefined)));
  afterAll(() => context.close());

  it('says a genuine licence is valid, in big words, with whose and which it is', async () => {
    await page.goto(`/verify/${BUSINESS_LICENCE}`);
    const verdict = page.getByRole('heading', { level: 2, name: /有效/ });
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/有效$/);
    await page.getByText('签名真实：由发证机关签发，内容未被篡改').waitFor();
    await page.getByText('营业执照', { exact: true }).waitFor();
    await page.getByText('福州市鼓楼区榕城小吃店', { exact: true }).waitFor();
    await page.getByText('市场监督管理局', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: '退出' }).count()).resolves.toBe(0);
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-verify-valid-phone');
  });

  it('shows a citizen holder masked, as the API gives it', async () => {
    await page.goto(`/verify/${ID_CARD}`);
    await page.getByRole('heading', { level: 2, name: /有效/ }).waitFor();
    await page.getByText('林*明').waitFor();
    await page.getByText('110***********002X').waitFor();
    await expect(page.getByText('林晓明').count()).resolves.toBe(0);
    await expect(page.getByText('11010519491231002X').count()).resolves.toBe(0);
    await checkAxe(page);
  });

  it('says a made-up number is not found, and the form checks another number', async () => {
    await page.goto('/verify/ZZ-NOT-A-LICENCE-42');
    await page.getByRole('heading', { level: 2, name: /未找到/ }).waitFor();
    await page.getByText(/证照库中没有此编号的证照/).waitFor();
    await expect(page.getByText('营业执照', { exact: true }).count()).resolves.toBe(0);
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-verify-unknown-phone');

    await page.getByLabel('证照编号').fill(BUSINESS_LICENCE);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.waitForURL(`**/verify/${BUSINESS_LICENCE}`);
    await page.getByRole('heading', { level: 2, name: /有效/ }).waitFor();
  });

  it('verifies a pasted credential, and a tampered one cannot be confirmed', async () => {
    const { items } = await web.call<{ items: { licenceNo: string; credential: string }[] }>(
      ENTERPRISE,
      'GET',
      '/me/licences',
    );
    const credential = items.find((l) => l.licenceNo === BUSINESS_LICENCE)!.credential;
    await page.goto('/verify');
    await page.getByRole('heading', { level: 1, name: '证照核验' }).waitFor();
    // Nothing pasted: the error stands next to the field and in the summary.
    await page.getByRole('button', { name: '核验凭证' }).click();
    await page.getByRole('alert').filter({ hasText: '请粘贴电子证照凭证' }).waitFor();
    await expect(page.getByRole('textbox', { name: '电子证照凭证' }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await checkAxe(page);

    await page.getByRole('textbox', { name: '电子证照凭证' }).fill(credential);
    await page.getByRole('button', { name: '核验凭证' }).click();
    await page.getByRole('heading', { level: 3, name: /有效/ }).waitFor();
    await page.getByText(BUSINESS_LICENCE).first().waitFor();
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-verify-credential-phone');

    // One character of the signature changed.
    const tampered = credential.slice(0, -2) + (credential.at(-2) === 'A' ? 'B' : 'A') + credential.at(-1);
    await page.getByRole('textbox', { name: '电子证照凭证' }).fill(tampered);
    await page.getByRole('button', { name: '核验凭证' }).click();
    await page.getByRole('heading', { level: 3, name: /无法确认/ }).waitFor();
    await page.getByText('签名无法验证：不能证明此证照由发证机关签发').waitFor();
    await page.getByText(/签名不符|不是有效的电子证照/).waitFor();
  });
  it('says so at once when the issuing department suspends the licence, and valid again when it resumes', async () => {
    await web.call(SAMR, 'POST', `/licences/${BUSINESS_LICENCE}/suspend`, { reason: '责令停业整顿' });
    await page.goto(`/verify/${BUSINESS_LICENCE}`);
    await page.getByRole('heading', { level: 2, name: /已中止/ }).waitFor();
    await page.getByText(/目前处于中止状态/).waitFor();
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-verify-suspended-phone');
    await web.call(SAMR, 'POST', `/licences/${BUSINESS_LICENCE}/resume`, {});
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /有效/ }).waitFor();
  });
});

describe('appointments, the inbox and contact details (the citizen)', () => {
  let page: Page;
  let booked: { id: string; checkInCode: string; date: string; start: string };

  beforeAll(async () => {
    page = await phone.newPage();
    await signInAs(page, /林晓明/, '/');
  });

  it('books 不动产登记: hall, working day and a free slot; a slot filled meanwhile says so beside it', async () => {
    await page.goto(`/appointments/new?matter=${ESTATE}`);
    await page.getByText('预约事项：不动产登记').waitFor();
    // The one hall serving the matter is chosen already.
    await expect(page.getByRole('radio', { name: /福州市行政服务中心/ }).isChecked()).resolves.toBe(true);
    // The second working day offered: never today, so its slots have not begun.
    const days = page.getByRole('group', { name: '选择日期' }).getByRole('radio');
    await days.nth(1).waitFor();
    await days.nth(1).check();
    const slots = page.getByRole('group', { name: /选择时段/ }).getByRole('radio');
    await slots.first().waitFor();
    expect(await slots.count()).toBe(12);
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-book-phone');

    // Someone else takes the last places of the chosen slot first.
    const chosen = slots.first();
    await chosen.check();
    const start = (await chosen.getAttribute('value'))!;
    const date = (await days.nth(1).getAttribute('value'))!;
    for (let i = 0; i < 3; i++)
      await web.call({ sub: `e2e-rush-${i}`, role: 'applicant' }, 'POST', '/appointments', {
        hallId: 'FUZHOU-CENTRE',
        matterCode: ESTATE,
        date,
        start,
      });
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.getByText('该时段刚刚约满，请选择其他时段。').first().waitFor();
    await page.getByRole('alert').filter({ hasText: '该时段刚刚约满' }).waitFor();
    await expect(page.getByRole('radio', { name: new RegExp(`^${start}.*已约满`) }).isDisabled()).resolves.toBe(true);
    await checkAxe(page);

    // Another slot of that day.
    await slots.nth(1).check();
    const second = (await slots.nth(1).getAttribute('value'))!;
    await page.getByRole('button', { name: '确认预约' }).click();
    await page.getByRole('heading', { name: '预约成功' }).waitFor();
    await page.getByRole('img', { name: /签到二维码，签到码 [2-9A-HJKMNP-Z]{8}/ }).waitFor();
    const mine = await web.call<{
      items: { id: string; status: string; checkInCode: string; date: string; start: string }[];
    }>(CITIZEN, 'GET', '/me/appointments');
    expect(mine.items).toHaveLength(1);
    booked = mine.items[0]!;
    expect(booked).toMatchObject({ status: 'BOOKED', date, start: second });
    await page.getByText(booked.checkInCode).waitFor();
    await checkAxe(page);
  });

  it('lists the booking with its check-in QR code and code, and cancels it after confirmation', async () => {
    await page.goto('/appointments');
    const card = page.getByRole('article', { name: '不动产登记' });
    await card.waitFor();
    await card.getByText('已预约').waitFor();
    await card.getByText('福州市行政服务中心').waitFor();
    await card.getByText(booked.checkInCode).waitFor();
    await card.getByRole('img', { name: `签到二维码，签到码 ${booked.checkInCode}` }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-appointments-phone');

    await card.getByRole('button', { name: '取消预约' }).click();
    await card.getByText(/确定要取消/).waitFor();
    await checkAxe(page);
    await card.getByRole('button', { name: '确认取消' }).click();
    await card.getByText('预约已取消。').waitFor();
    await expect(card.locator('.tag').textContent()).resolves.toBe('已取消');
    await expect(card.getByRole('button', { name: '取消预约' }).count()).resolves.toBe(0);
    await expect(card.getByRole('img').count()).resolves.toBe(0);
    const after = await web.call<{ items: { id: string; status: string }[] }>(CITIZEN, 'GET', '/me/appointments');
    expect(after.items.map((a) => [a.id, a.status])).toEqual([[booked.id, 'CANCELLED']]);
  });

  it('shows the messages newest first, unread marked in words; opening one marks it read', async () => {
    // The booking and the cancellation each notify the citizen.
    const inbox = await eventually(
      'the two messages',
      async () => {
        await web.cloud.idle();
        const page1 = await web.call<{ items: { id: string; title: string; read: boolean }[]; unread: number }>(
          CITIZEN,
          'GET',
          '/me/inbox',
        );
        return page1.items.length >= 2 ? page1 : undefined;
      },
      30_000,
    );
    expect(inbox.items.map((m) => m.title).slice(0, 2)).toEqual(['预约已取消', '预约成功']);
    const unreadBefore = inbox.unread;
    expect(unreadBefore).toBeGreaterThanOrEqual(2);

    await page.goto('/inbox');
    await page.getByText(`${unreadBefore} 条未读消息`).waitFor();
    const toggles = page.locator('.inbox__toggle');
    await expect(toggles.allTextContents()).resolves.toEqual(['未读预约已取消', '未读预约成功']);
    await page.getByRole('link', { name: /设置接收短信和邮件/ }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-inbox-phone');

    const opened = page.getByRole('button', { name: /预约成功/ });
    await expect(opened.getAttribute('aria-expanded')).resolves.toBe('false');
    await opened.click();
    await expect(opened.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByText(/您已预约.*办理不动产登记/).waitFor();
    await page.getByText(`${unreadBefore - 1} 条未读消息`).waitFor();
    await expect(opened.getByText('未读').count()).resolves.toBe(0);
    await page.getByRole('link', { name: '查看我的预约' }).first().waitFor();
    await checkAxe(page);
    const after = await web.call<{ items: { title: string; read: boolean }[]; unread: number }>(
      CITIZEN,
      'GET',
      '/me/inbox',
    );
    expect(after.unread).toBe(unreadBefore - 1);
    expect(after.items.find((m) => m.title === '预约成功')?.read).toBe(true);

    // The header's count follows on the next navigation.
    await page.getByRole('link', { name: /设置接收短信和邮件/ }).click();
    await page.waitForURL('**/settings/contact');
    await page
      .locator('.header__inbox .badge')
      .filter({ hasText: new RegExp(`^${unreadBefore - 1}$`) })
      .waitFor();
  });

  it('sets contact details: the server’s field errors stand next to the fields', async () => {
    await page.goto('/settings/contact');
    await page.getByLabel('手机号码').waitFor();
    await page.getByLabel('手机号码').fill('12345');
    await page.getByLabel('电子邮箱').fill('not-an-address');
    await page.getByRole('checkbox', { name: '短信' }).check();
    await page.getByRole('button', { name: '保存设置' }).click();
    const phoneField = page.getByLabel('手机号码');
    await page.locator('.field-error').first().waitFor();
    await expect(phoneField.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = (await phoneField.getAttribute('aria-describedby'))!.split(' ');
    const phoneError = await page.locator(`#${described.find((id) => id.endsWith('-error'))}`).textContent();
    expect(phoneError).toBe('请输入 11 位中国大陆手机号码，以 13 至 19 开头');
    await page.getByRole('alert').filter({ hasText: '请输入有效的电子邮箱地址' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-contact-errors-phone');

    await phoneField.fill('13800138000');
    await page.getByLabel('电子邮箱').fill('lin@example.com');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存。').waitFor();
    expect(await web.call(CITIZEN, 'GET', '/me/contact')).toMatchObject({
      phone: '13800138000',
      email: 'lin@example.com',
      language: 'zh',
      optIn: { sms: true, email: false },
    });
  });
});

describe('agents', () => {
  let page: Page;
  beforeAll(async () => {
    page = await phone.newPage();
    await signInAs(page, /林晓明/, '/agents');
  });

  it('the citizen authorises 陈晓红 for all matters until a date', async () => {
    await page.getByRole('heading', { level: 1, name: '代办授权' }).waitFor();
    await page.getByText('您还没有授权任何代办员。').waitFor();
    await page.getByRole('button', { name: '授权', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '请输入代办员账号' }).waitFor();
    await checkAxe(page);

    const until = `${Number(shanghaiToday().slice(0, 4)) + 1}-06-30`;
    await page.getByLabel('代办员账号').fill('demo-agent-chen');
    await page.getByLabel('授权截止日期').fill(until);
    await page.getByRole('button', { name: '授权', exact: true }).click();
    await page.getByText(/已授权 demo-agent-chen 代办/).waitFor();
    await page.getByRole('heading', { level: 3, name: /demo-agent-chen/ }).waitFor();
    await page
      .getByRole('article', { name: /demo-agent-chen/ })
      .getByText('全部事项')
      .waitFor();
    expect((await web.call<{ items: unknown[] }>(CITIZEN, 'GET', '/me/authorisations')).items).toEqual([
      expect.objectContaining({ agentSub: 'demo-agent-chen', matters: ['*'], until: `${until}T23:59:59+08:00` }),
    ]);
    await checkAxe(page);
    await screenshot(page, 'wallet-verify-agents-phone');
  });

  it('the agent sees the account to give out and starts an application for the citizen', async () => {
    const { context, page: agentPage } = await pageAs(web.browser, /陈晓红/);
    await agentPage.goto('/agents');
    await agentPage.getByRole('heading', { level: 1, name: '我代办的事项' }).waitFor();
    await agentPage.getByText('demo-agent-chen', { exact: true }).waitFor();
    await agentPage.getByLabel('委托人证件号码').fill('11010519491231002X');
    await agentPage
      .getByRole('combobox', { name: '申请事项' })
      .locator(`option[value="${ESTATE}"]`)
      .waitFor({ state: 'attached' });
    await agentPage.getByRole('combobox', { name: '申请事项' }).selectOption(ESTATE);
    await checkAxe(agentPage);
    await screenshot(agentPage, 'wallet-verify-agent-phone');
    // The apply page (another area) may move on at once: record where the button led.
    // (A string: the test's TypeScript has no DOM types.)
    await agentPage.evaluate(`(() => {
      window.visited = [];
      const push = history.pushState.bind(history);
      history.pushState = (data, unused, url) => { window.visited.push(String(url)); push(data, unused, url); };
    })()`);
    await agentPage.getByRole('button', { name: '开始代为申请' }).click();
    const visited = await eventually(
      'the apply page',
      async () => ((await agentPage.evaluate('window.visited')) as string[]).at(0),
      10_000,
    );
    const target = new URL(visited, web.baseURL);
    expect(target.pathname).toBe(`/apply/matter/${ESTATE}`);
    expect(target.searchParams.get('onBehalfOf')).toBe('idNumber:11010519491231002X');
    await context.close();
  });

  it('the citizen revokes the authorisation after confirming', async () => {
    await page.reload();
    const item = page.getByRole('article', { name: /demo-agent-chen/ });
    await item.waitFor();
    await item.getByRole('button', { name: /撤销授权/ }).click();
    await item.getByText(/确定撤销 demo-agent-chen 的代办授权吗/).waitFor();
    await item.getByRole('button', { name: '确认撤销' }).click();
    await page.getByText('您还没有授权任何代办员。').waitFor();
    expect((await web.call<{ items: unknown[] }>(CITIZEN, 'GET', '/me/authorisations')).items).toEqual([]);
    await checkAxe(page);
  });
});

describe('on a desktop', () => {
  it('lays out the main pages at 1280 px, still axe clean', async () => {
    const enterprise = await pageAs(web.browser, /榕城小吃店/, { desktop: true });
    await enterprise.page.goto('/wallet');
    await enterprise.page.getByRole('img', { name: /核验二维码/ }).waitFor();
    await checkAxe(enterprise.page);
    await screenshot(enterprise.page, 'wallet-verify-wallet-desktop');
    await enterprise.page.goto(`/verify/${BUSINESS_LICENCE}`);
    await enterprise.page.getByRole('heading', { level: 2, name: /有效/ }).waitFor();
    await checkAxe(enterprise.page);
    await screenshot(enterprise.page, 'wallet-verify-verify-desktop');
    await enterprise.context.close();

    const citizen = await pageAs(web.browser, /林晓明/, { desktop: true });
    await citizen.page.goto(`/appointments/new?matter=${ESTATE}`);
    const days = citizen.page.getByRole('group', { name: '选择日期' }).getByRole('radio');
    await days.nth(2).waitFor();
    await days.nth(2).check();
    await citizen.page
      .getByRole('group', { name: /选择时段/ })
      .getByRole('radio')
      .first()
      .waitFor();
    await checkAxe(citizen.page);
    await screenshot(citizen.page, 'wallet-verify-book-desktop');
    for (const [path, name, ready] of [
      ['/appointments', 'appointments', '.appointment'],
      ['/inbox', 'inbox', '.inbox__toggle'],
      ['/agents', 'agents', 'form'],
    ] as const) {
      await citizen.page.goto(path);
      await citizen.page.locator(ready).first().waitFor();
      await checkAxe(citizen.page);
      await screenshot(citizen.page, `wallet-verify-${name}-desktop`);
    }
    await citizen.context.close();
  });
});
