import type { BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The service catalogue in a real browser: the home page's search and browsing, the search page's filters and
 * pagination, the 办事指南 of a matter and of a 一件事, not found, and the English switch; axe on every page.
 */
jest.setTimeout(180_000);

let web: WebCloud;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  web = await startWebCloud();
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(() => web.stop());

async function open(path: string, options: { desktop?: boolean } = {}): Promise<Page> {
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: options.desktop });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The section a guide shows under an h2 (a region named by its heading). */
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a person searches 食品 on the home page, finds 食品经营许可 and reads its guide', async () => {
  const page = await open('/');
  await page.getByRole('heading', { level: 1, name: '网上办事大厅' }).waitFor();
  await page.getByRole('link', { name: '开餐馆一件事' }).waitFor();
  await page.getByRole('link', { name: '市场监督管理局' }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'catalogue-home-phone');

  await page.getByLabel('搜索事项或一件事').fill('食品');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '食品');
  await page.getByRole('heading', { level: 1, name: '“食品”的搜索结果' }).waitFor();
  const result = page.getByRole('link', { name: '食品经营许可', exact: true });
  await result.waitFor();
  await expect(page.getByRole('status').filter({ hasText: '找到' }).textContent()).resolves.toContain('找到 1 个事项');
  const item = page.getByRole('listitem').filter({ has: result });
  await expect(item.textContent()).resolves.toMatch(/市场监督管理局.*行政许可.*5 个工作日/);
  await expect(page.getByLabel('关键词').inputValue()).resolves.toBe('食品');
  await expectAccessible(page);
  await screenshot(page, 'catalogue-search-phone');

  await result.click();
  await page.waitForURL('**/matters/FOOD-BUSINESS-LICENCE');
  await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();

  // Materials: 免证 names the e-licence that replaces the upload, 容缺 the one that may follow.
  const materials = section(page, '申请材料');
  const material = (name: string) =>
    materials.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
  await expect(materials.textContent()).resolves.toContain('共 8 项材料');
  const licence = await material('营业执照').textContent();
  expect(licence).toContain('必须提交');
  expect(licence).toContain('免证');
  expect(licence).toContain('已有「营业执照」电子证照的，免于提交此材料');
  expect(licence).toContain('复印件');
  expect(licence).toContain('PDF、JPG、PNG、OFD');
  expect(licence).toContain('每个文件不超过 10 MB');
  const idCard = await material('法定代表人（负责人）身份证件').textContent();
  expect(idCard).toContain('已有「居民身份证」电子证照的');
  const health = await material('从业人员健康证明').textContent();
  expect(health).toContain('容缺');
  expect(health).not.toContain('免证');
  const optional = await material('食品安全管理人员任命文件').textContent();
  expect(optional).toContain('按需提交');

  // Time limits in working days, and what is not counted.
  const time = await section(page, '办理时限').textContent();
  expect(time).toMatch(/法定办结时限\s*10 个工作日/);
  expect(time).toMatch(/承诺办结时限\s*5 个工作日/);
  expect(time).toContain('现场核查所需时间不计入办理时限');

  // Conditions, procedure (parallel stage and its departments), the hall that serves it, result, legal basis.
  await expect(section(page, '受理条件').textContent()).resolves.toContain('已取得营业执照等合法主体资格');
  const procedure = await section(page, '办理流程').textContent();
  expect(procedure).toContain('并联审批');
  expect(procedure).toContain('从业人员健康证明核验 — 卫生健康委员会');
  await expect(section(page, '收费标准').textContent()).resolves.toContain('不收费');
  await expect(section(page, '办理地点').textContent()).resolves.toMatch(
    /福州市行政服务中心.*福州市鼓楼区示例路1号.*09:00–12:00/,
  );
  await expect(section(page, '办理结果').textContent()).resolves.toMatch(/食品经营许可证（电子证照）.*5 年/);
  await expect(section(page, '设定依据').textContent()).resolves.toContain('《中华人民共和国食品安全法》第三十五条');

  // The calls to action: apply online, and book (the matter takes appointments and a hall serves it).
  const apply = page.getByRole('link', { name: '在线申请：食品经营许可' }).first();
  await expect(apply.getAttribute('href')).resolves.toBe('/apply/matter/FOOD-BUSINESS-LICENCE');
  await expect(page.getByRole('link', { name: '预约办理：食品经营许可' }).first().getAttribute('href')).resolves.toBe(
    '/appointments/new?matter=FOOD-BUSINESS-LICENCE',
  );
  await expectAccessible(page);
  await screenshot(page, 'catalogue-guide-phone');

  await apply.click();
  await page.waitForURL('**/apply/matter/FOOD-BUSINESS-LICENCE');
});

test('browsing by 法人 lists enterprise matters, page by page, and the filters stay in the address', async () => {
  const page = await open('/', { desktop: true });
  await page.getByRole('link', { name: '开餐馆一件事' }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'catalogue-home-desktop');

  await page.getByRole('link', { name: '法人办事' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('audience') === 'enterprise');
  const matters = section(page, '事项（9 项）');
  await matters.waitFor();
  await expect(page.getByLabel('服务对象').inputValue()).resolves.toBe('enterprise');
  await expect(page.getByRole('status').filter({ hasText: '找到' }).textContent()).resolves.toContain('条件：法人');
  const names = () => matters.locator('.cat-result__title a').allTextContents();
  const firstPage = await names();
  expect(firstPage).toHaveLength(8);
  expect(firstPage).toEqual(expect.arrayContaining(['企业设立登记', '食品经营许可']));
  expect(firstPage).not.toContain('居住证办理'); // for citizens only
  await expect(section(page, '一件事（2 项）').textContent()).resolves.toContain('开餐馆一件事');
  await expect(matters.textContent()).resolves.toContain('已显示 8 / 9');
  await expectAccessible(page);
  await screenshot(page, 'catalogue-search-desktop');

  // "More" appends the next page (the API's cursor) and takes the focus to the first new result.
  await page.getByRole('button', { name: '显示更多事项' }).click();
  await page.getByRole('button', { name: '显示更多事项' }).waitFor({ state: 'detached' });
  // The button goes while the next page loads: wait for its first result rather than race the render.
  await matters.locator('.cat-result__title a').nth(8).waitFor();
  const all = await names();
  expect(all).toHaveLength(9);
  expect(new Set(all).size).toBe(9);
  // The focus moves in an effect after the render that removed the button: wait for it rather than race it.
  await page.waitForFunction(`document.activeElement?.textContent === ${JSON.stringify(all[8])}`);

  // The filters are a GET form: a theme narrows the results and lands in the address.
  await page.getByLabel('主题').selectOption('餐饮');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await page.waitForURL(
    (url) => url.searchParams.get('theme') === '餐饮' && url.searchParams.get('audience') === 'enterprise',
  );
  await section(page, '事项（3 项）').waitFor();
  expect((await section(page, '事项（3 项）').locator('.cat-result__title a').allTextContents()).sort()).toEqual(
    ['公共场所卫生许可', '户外广告设置许可', '食品经营许可'].sort(),
  );
  await expect(section(page, '一件事（1 项）').textContent()).resolves.toContain('开餐馆一件事');

  // The same address opened afresh shows the same search (bookmarkable).
  const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
  await section(again, '事项（3 项）').waitFor();
  await expect(again.getByLabel('主题').inputValue()).resolves.toBe('餐饮');
});

test('a search that finds nothing says so and suggests browsing', async () => {
  const page = await open('/search?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E7%A7%8D%E4%BA%8B%E9%A1%B9');
  await page.getByRole('heading', { name: '没有找到符合条件的事项或一件事' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: '找到' }).textContent()).resolves.toContain(
    '找到 0 个事项、0 个一件事',
  );
  await expect(page.getByRole('link', { name: '法人办事' }).getAttribute('href')).resolves.toBe(
    '/search?audience=enterprise',
  );
  await expect(page.getByRole('link', { name: '全部事项和一件事' }).getAttribute('href')).resolves.toBe('/search');
  await expectAccessible(page);
});

test('the 开餐馆 bundle guide lists its members in their order, the merged materials and the way to apply', async () => {
  const page = await open('/');
  await page.getByRole('link', { name: '开餐馆一件事' }).click();
  await page.waitForURL('**/bundles/OPEN-RESTAURANT');
  await page.getByRole('heading', { level: 1, name: '开餐馆一件事' }).waitFor();

  const order = section(page, '办理顺序');
  await order.getByRole('link', { name: '户外广告设置许可' }).waitFor();
  const steps = order.locator('.cat-steps > li');
  await expect(steps.count()).resolves.toBe(2);
  await expect(steps.nth(0).getByRole('link').allTextContents()).resolves.toEqual(['企业设立登记']);
  await expect(steps.nth(1).getByRole('link').allTextContents()).resolves.toEqual([
    '食品经营许可',
    '公共场所卫生许可',
    '户外广告设置许可',
  ]);
  await expect(steps.nth(1).textContent()).resolves.toMatch(/并联办理.*上一步办结后开始/);
  await expect(order.getByRole('link', { name: '食品经营许可' }).getAttribute('href')).resolves.toBe(
    '/matters/FOOD-BUSINESS-LICENCE',
  );

  // The members' limits added up by step: 1 + max(5, 5, 7) promised working days.
  await expect(section(page, '办理时限').textContent()).resolves.toMatch(/承诺办结时限（合计）\s*8 个工作日/);

  // A shared material is asked once and says which members it serves.
  const materials = section(page, '申请材料');
  const shared = materials
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: '法定代表人身份证件', exact: true }) });
  await expect(shared.textContent()).resolves.toContain(
    '共用材料：只需提交一次，同时用于：企业设立登记、食品经营许可、公共场所卫生许可',
  );
  await expect(shared.textContent()).resolves.toContain('已有「居民身份证」电子证照的');

  await expect(page.getByRole('link', { name: '在线申请：开餐馆一件事' }).first().getAttribute('href')).resolves.toBe(
    '/apply/bundle/OPEN-RESTAURANT',
  );
  await expectAccessible(page);
  await screenshot(page, 'catalogue-bundle-phone');
});

test('an unknown matter or bundle code shows 未找到', async () => {
  const page = await open('/matters/NO-SUCH-MATTER');
  await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
  await expectAccessible(page);
  await page.goto('/bundles/NO-SUCH-BUNDLE');
  await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
  await page.goto('/matters/not-a-code');
  await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
});

test('the English switch shows the guide and the home page in English', async () => {
  const page = await open('/matters/FOOD-BUSINESS-LICENCE', { desktop: true });
  await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();
  await expectAccessible(page);
  await screenshot(page, 'catalogue-guide-desktop');

  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Food business licence' }).waitFor();
  const materials = section(page, 'Documents to provide');
  const licence = materials
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: '营业执照', exact: true }) });
  await expect(licence.textContent()).resolves.toContain('E-licence accepted');
  await expect(licence.textContent()).resolves.toContain('If you hold the e-licence “Business licence”');
  await expect(section(page, 'Time limits').textContent()).resolves.toMatch(/Legal time limit\s*10 working days/);
  await expect(
    page.getByRole('link', { name: 'Apply online: Food business licence' }).first().getAttribute('href'),
  ).resolves.toBe('/apply/matter/FOOD-BUSINESS-LICENCE');
  await expect(page.locator('h2').allTextContents()).resolves.toEqual(
    expect.arrayContaining(['Who can apply', 'How it works', 'Where to go', 'Legal basis']),
  );
  await expectAccessible(page);
  await screenshot(page, 'catalogue-guide-desktop-en');

  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { level: 1, name: 'Online service hall' }).waitFor();
  await page.getByRole('link', { name: 'Services for businesses' }).waitFor();
  await page.getByRole('link', { name: 'Administration for Market Regulation' }).waitFor();
  await page.getByRole('link', { name: 'Food and catering' }).waitFor();
  await expectAccessible(page);
});

test('a citizen signed in is not offered to apply for a matter only enterprises may apply for', async () => {
  const context = await newContext(web.browser, { baseURL: web.baseURL });
  contexts.push(context);
  const page = await context.newPage();
  await signInAs(page, /林晓明/, '/matters/FOOD-BUSINESS-LICENCE');
  await page.getByRole('heading', { level: 1, name: '食品经营许可' }).waitFor();
  await page.getByText('本事项面向法人办理，您当前登录的身份不能申请。').first().waitFor();
  await expect(page.getByRole('link', { name: /在线申请/ }).count()).resolves.toBe(0);
  // Booking is still possible: the API takes appointments from any applicant.
  await expect(page.getByRole('link', { name: /预约办理/ }).count()).resolves.toBeGreaterThan(0);
  await expectAccessible(page);
});
