import type { BrowserContext, Locator, Page } from 'playwright-core';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * 存量入库 in a real browser: the administrator chooses a CSV file of existing licences, watches the import move in
 * parts, and reads every bad row at its number in the file, in Chinese; the same file again registers nothing twice;
 * a JSON Lines file's unreadable line is named by its line. axe on a phone and a desktop.
 */
jest.setTimeout(300_000);

let web: WebCloud;

beforeAll(async () => {
  web = await startWebCloud();
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

async function adminPage(desktop: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(web.browser, { baseURL: web.baseURL, desktop });
  const page = await context.newPage();
  await signInAs(page, /系统管理员/, '/workbench/licence-import');
  await page.getByRole('heading', { level: 1, name: '证照导入' }).waitFor();
  return { context, page };
}

const HOLDER = '11010519491231002X';
/** 230 rows (three requests of at most 100): rows 2–231 in the file, after the header. Four of them are bad. */
const ROWS = 230;
const BAD = { 12: 'idNumber', 57: 'type', 150: 'longName', 200: 'validity' } as Record<number, string>;
function csvFile(): string {
  const lines = ['type,holderType,holderId,holderName,validFrom,validUntil,licenceNo'];
  for (let i = 0; i < ROWS; i++) {
    const row = i + 2;
    const bad = BAD[row];
    lines.push(
      [
        bad === 'type' ? 'NO_SUCH_TYPE' : 'RESIDENT_ID',
        'citizen',
        bad === 'idNumber' ? '110105194912310021' : HOLDER,
        bad === 'longName' ? '长'.repeat(101) : `存量居民${i}`,
        '2021-01-01',
        bad === 'validity' ? '2020-01-01' : '2041-01-01',
        `RID-PAGE-${String(i).padStart(4, '0')}`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

const fileInput = (page: Page) => page.getByLabel('选择文件');
const isFocused = (locator: Locator) => locator.evaluate((element) => element === element.ownerDocument.activeElement);

describe('the administrator’s licence import', () => {
  it('names a missing file next to the field, on a phone', async () => {
    const { context, page } = await adminPage(false);
    await page.getByRole('table', { name: '证照类型' }).getByRole('row').filter({ hasText: 'RESIDENT_ID' }).waitFor();
    await checkAxe(page);
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('alert').filter({ hasText: '请选择要导入的文件。' }).waitFor();
    const input = fileInput(page);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await input.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('请选择要导入的文件。');
    // A file of another kind is refused before anything is sent.
    await input.setInputFiles({
      name: 'licences.xlsx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('x'),
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('alert').filter({ hasText: '请选择 .csv 或 .jsonl 文件。' }).waitFor();
    // A CSV saved as GBK (Excel's plain "CSV" on a Chinese Windows) is refused before anything is sent.
    await input.setInputFiles({
      name: 'gbk.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([...Buffer.from('type,holderName\nRESIDENT_ID,'), 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]),
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('alert').filter({ hasText: '文件不是 UTF-8 编码' }).waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-licence-import-error-phone');
    await context.close();
  });

  it('imports a CSV file in parts with the keyboard, lists the bad rows by their number in Chinese, and registers nothing twice', async () => {
    const { context, page } = await adminPage(true);
    await fileInput(page).setInputFiles({
      name: '存量证照.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csvFile()),
    });
    // The keyboard from the file field: Tab to the button, Enter.
    await fileInput(page).focus();
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('button', { name: '开始导入' }))).toBe(true);
    // Counted at the browser: the file goes in parts of 100 rows.
    let parts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/admin/licences/import') parts++;
    });
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { level: 2, name: '导入完成' });
    await done.waitFor({ timeout: 120_000 });
    expect(await isFocused(done)).toBe(true);
    expect(parts).toBe(3);
    const report = page.getByRole('status').filter({ has: done });
    expect(await report.textContent()).toContain(`新登记 ${ROWS - 4} 份证照；0 行此前已导入；4 行有问题。`);
    const failed = page.getByRole('table', { name: '有问题的行（4 行）' });
    const rowText = async (n: number) =>
      failed
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: String(n), exact: true }) })
        .textContent();
    expect(await rowText(12)).toContain('持证人证件号：不是有效的居民身份证号');
    expect(await rowText(57)).toContain('证照类型：没有代码为 NO_SUCH_TYPE 的证照类型');
    expect(await rowText(200)).toContain('有效期至：早于生效日期');
    expect(await rowText(150)).toContain('持证人名称：太长，最多 100 个字');
    await checkAxe(page);
    await screenshot(page, 'workbench-licence-import-report-desktop');

    // Registered and signed: the public verification finds a row of the last part.
    const verified = await web.call<{ status: string; signatureValid: boolean }>(
      undefined,
      'GET',
      `/verify/RID-PAGE-${String(ROWS - 1).padStart(4, '0')}`,
    );
    expect(verified).toMatchObject({ status: 'valid', signatureValid: true });

    // The same file again: every good row was imported before.
    await page.getByRole('button', { name: '开始导入' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `新登记 0 份证照；${ROWS - 4} 行此前已导入；4 行有问题。` })
      .waitFor({ timeout: 120_000 });
    await context.close();
  });

  it('names an unreadable JSON Lines line by its line number', async () => {
    const { context, page } = await adminPage(true);
    const line = (n: number) =>
      JSON.stringify({
        type: 'RESIDENT_ID',
        holderType: 'citizen',
        holderId: HOLDER,
        holderName: `行${n}`,
        validFrom: '2022-01-01',
        licenceNo: `RID-JSONL-${n}`,
      });
    const data = [line(1), '', line(3), '{ broken', line(5)].join('\n');
    await fileInput(page).setInputFiles({
      name: 'licences.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(data),
    });
    // The server fails the first request once: the page tries the part again, and nothing is lost.
    let refused = 0;
    await page.route('**/admin/licences/import', (route) =>
      refused++ === 0 ? route.fulfill({ status: 503, body: '' }) : route.continue(),
    );
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('heading', { level: 2, name: '导入完成' }).waitFor({ timeout: 60_000 });
    expect(refused).toBe(2);
    await page.unroute('**/admin/licences/import');
    const failed = page.getByRole('table', { name: '有问题的行（1 行）' });
    expect(
      await failed.getByRole('row').filter({ hasText: '这一行不是 JSON 对象' }).getByRole('rowheader').textContent(),
    ).toBe('4');
    expect(await page.getByRole('status').filter({ hasText: '导入完成' }).textContent()).toContain(
      '新登记 3 份证照；0 行此前已导入；1 行有问题。',
    );
    await checkAxe(page);

    // A refusal that another try would not change stops the import: the alert takes the focus, and what the rows
    // processed so far gave stays on the page.
    await page.route('**/admin/licences/import', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'ForbiddenError', message: 'Forbidden', details: [] } }),
      }),
    );
    await page.getByRole('button', { name: '开始导入' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '导入在处理了 1 / 4 行后中断' });
    await alert.waitFor();
    expect(await isFocused(alert)).toBe(true);
    await page.getByRole('heading', { level: 2, name: '已处理部分的结果' }).waitFor();
    await checkAxe(page);
    await page.unroute('**/admin/licences/import');
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByRole('heading', { level: 2, name: '导入完成' }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('status').filter({ hasText: '导入完成' }).textContent()).toContain(
      '新登记 0 份证照；3 行此前已导入；1 行有问题。',
    );

    // In English the report says the same, in the API's own words.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Licence import' }).waitFor();
    await page
      .getByRole('table', { name: 'Rows with problems (1)' })
      .getByRole('row')
      .filter({ hasText: 'not a JSON object' })
      .waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Import finished' }).textContent()).toContain(
      'Licences registered: 0; rows imported before: 3; rows with problems: 1.',
    );
    await context.close();
  });
});
