import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { s3Client } from '../../shared/adapters/aws-clients';
import type { Principal } from '../../shared/auth/principal';
import { accessibilityViolations, newContext, screenshot, signInAs } from '../support/browser';
import { acceptedFoodCase } from '../support/cases';
import { USCC } from '../support/food-case';
import { eventually } from '../support/http';
import { startWebCloud, type WebCloud } from '../support/web-cloud';

/**
 * The department's area (统一待办) in a real browser: the to-do list, a task with its case and materials, claiming,
 * suspending for an on-site verification (现场核查) and resuming by keyboard alone, approving with the licence's
 * contents (an invalid code refused at its field first), and the licence issued; another department's officer finds
 * nothing at the task's address; the integration page of a to-do department and of an exchange-folder department.
 */
jest.setTimeout(300_000);

const ENTERPRISE: Principal = { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: USCC };
const WINDOW: Principal = { sub: 'demo-window-07', role: 'window', name: '综合窗口7号' };
const SAMR: Principal = { sub: 'demo-samr-registrar', role: 'department', department: 'SAMR' };
const HEALTH: Principal = { sub: 'demo-health-officer', role: 'department', department: 'HEALTH' };
const ADMIN: Principal = { sub: 'demo-admin', role: 'admin' };

let web: WebCloud;
let caseId: string;
let caseNumber: string;
const samrTask = () => `${caseId}.0.SAMR`;

beforeAll(async () => {
  web = await startWebCloud();
  caseId = await acceptedFoodCase(web.baseURL, await web.token(ENTERPRISE), await web.token(WINDOW), () =>
    web.cloud.idle(),
  );
  await eventually('the SAMR task', async () => {
    const page = await web.call<{ items: { id: string; caseNumber: string }[] }>(SAMR, 'GET', '/tasks');
    const task = page.items.find((t) => t.id === samrTask());
    if (task) caseNumber = task.caseNumber;
    return task;
  });
});
afterAll(() => web?.stop());

async function checkAxe(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The element that has focus: its tag, id and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = (
      globalThis as unknown as {
        document: { activeElement: { tagName: string; id: string; textContent: string | null } | null };
      }
    ).document.activeElement;
    return { tag: element?.tagName ?? '', id: element?.id ?? '', text: element?.textContent?.trim() ?? '' };
  });

/** From the page's heading, Tab to the skip link and follow it: focus lands on the decision's first control. */
async function skipToDecision(page: Page) {
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('跳到审查决定');
  await page.keyboard.press('Enter');
  expect((await focused(page)).id).toBe('field-decision');
}

describe('统一待办', () => {
  it('lists the task, claims it, suspends it for 现场核查 and resumes it by keyboard, approves it with the licence’s contents; the licence is issued', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /市场监管局审批员/, '/workbench/tasks');
    await page.getByRole('heading', { level: 1, name: '统一待办' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: caseNumber });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('食品经营许可');
    expect(text).toContain('食品经营许可材料审查');
    expect(text).toContain('待认领');
    expect(text).toContain('未认领');
    await checkAxe(page);
    await screenshot(page, 'workbench-department-todo-desktop');

    // The filter goes through the address.
    await page.getByLabel('状态', { exact: true }).selectOption('SUSPENDED');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL('**/workbench/tasks?status=SUSPENDED');
    await page.getByText('没有符合条件的任务。').waitFor();
    await page.getByLabel('状态', { exact: true }).selectOption('');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByRole('row').filter({ hasText: caseNumber }).waitFor();

    await page.getByRole('link', { name: caseNumber }).click();
    await page.waitForURL(`**/workbench/tasks/${samrTask()}`);
    await page.getByRole('heading', { level: 1, name: '食品经营许可：食品经营许可材料审查' }).waitFor();
    // The answers under the form's labels, the materials previewed, no earlier decision yet.
    const answers = page.locator('section[aria-labelledby="case-answers-title"]');
    await answers.getByText('福州市鼓楼区榕城小吃店').first().waitFor();
    expect(await answers.textContent()).toContain('经营者名称');
    // Images load as they come near the screen; a PDF when asked for.
    await page.locator('[data-material="equipmentList"]').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: '在此预览 PDF：equipmentList.pdf' }).click();
    const frame = page.locator('iframe[title="主要设备设施清单：equipmentList.pdf"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await page.getByText('这是本办件的第一个审查环节，尚无前序意见。').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await checkAxe(page);
    await screenshot(page, 'workbench-department-task-desktop');

    // Keyboard alone: the skip link to the claim button, Enter.
    await skipToDecision(page);
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '认领此任务' });
    await page.keyboard.press('Enter');
    await page.getByText('您已认领此任务，可以作出审查决定。').waitFor();
    expect(await page.locator('.summary').first().textContent()).toContain('认领人我');

    // Suspend: arrow to the fourth choice; the only special procedure is chosen already; Tab, the days left empty.
    await skipToDecision(page);
    expect(
      await page
        .getByRole('radio')
        .evaluateAll((radios) =>
          radios.map((r) => (r as unknown as { labels: { textContent: string }[] }).labels[0]!.textContent),
        ),
    ).toEqual(['审查通过（准予）', '不予许可', '退回补正', '中止审查（特别程序）', '申请延期']);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: '中止审查（特别程序）' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: '现场核查' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('field-specialProcedure');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('field-expectedDays');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('field-reason');
    await page.keyboard.type('需对经营场所进行现场核查');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: '确认中止' });
    await page.keyboard.press('Enter');
    // The problem next to the field and in the summary, which takes focus; its link leads to the field.
    const summary = page.getByRole('alert').filter({ hasText: '请修改以下问题' });
    await summary.waitFor();
    expect(await page.locator('#field-expectedDays-error').textContent()).toBe(
      '预计所需工作日须为 1 至 365 之间的整数。',
    );
    expect(await page.locator('#field-expectedDays').getAttribute('aria-invalid')).toBe('true');
    await checkAxe(page);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('预计所需工作日须为 1 至 365 之间的整数。');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('field-expectedDays');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.getByText('审查已中止（特别程序），中止期间不计入办理时限。结束后请恢复审查。').waitFor();
    await page.getByText(/现场核查，预计 5 个工作日/).waitFor();
    const suspended = await web.call<{
      task: { status: string; pause: { specialProcedure: string; expectedDays: number } };
    }>(SAMR, 'GET', `/tasks/${samrTask()}`);
    expect(suspended.task).toMatchObject({
      status: 'SUSPENDED',
      pause: { specialProcedure: 'on-site-verification', expectedDays: 5 },
    });
    await checkAxe(page);
    await screenshot(page, 'workbench-department-suspended-desktop');

    // Resume: only what a suspended task allows; Space on the first choice, Tab past the note, Enter.
    await skipToDecision(page);
    expect(await page.getByRole('radio').count()).toBe(3);
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: '恢复审查' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('field-reason');
    await page.keyboard.type('现场核查完毕，符合要求');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText(/审查已恢复，办理期限顺延至/).waitFor();
    expect((await web.call<{ task: { status: string } }>(SAMR, 'GET', `/tasks/${samrTask()}`)).task.status).toBe(
      'CLAIMED',
    );

    // Approve with the licence's contents, pre-filled from the form; a wrong credit code is refused at its field.
    await skipToDecision(page);
    await page.keyboard.press('Space');
    expect(await page.getByLabel('经营者名称').inputValue()).toBe('福州市鼓楼区榕城小吃店');
    expect(await page.getByLabel('社会信用代码').inputValue()).toBe(USCC);
    expect(await page.getByLabel('经营场所').inputValue()).toBe('福建省福州市鼓楼区五四路88号一层');
    await page.getByLabel('主体业态').fill('餐饮服务经营者');
    await page.getByLabel('经营项目').fill('热食类食品制售；自制饮品制售');
    await page.getByLabel('社会信用代码').fill('91350100M000100Y44');
    await checkAxe(page);
    await page.getByRole('button', { name: '确认通过' }).click();
    await summary.waitFor();
    expect(await page.locator('#field-result-uscc-error').textContent()).toBeTruthy();
    expect(await page.locator('#field-result-uscc').getAttribute('aria-invalid')).toBe('true');
    expect(await summary.getByRole('link').count()).toBe(1);
    await screenshot(page, 'workbench-department-approve-error-desktop');
    await page.getByLabel('社会信用代码').fill(USCC);
    await page.getByRole('button', { name: '确认通过' }).click();
    await page.getByText(/本环节审查通过。办件 .* 转入下一环节/).waitFor();
    // Only the latest decision's notice stands (one heading to focus), and nothing more to decide.
    expect(await page.getByRole('heading', { name: '决定已提交' }).count()).toBe(1);
    expect(await page.getByRole('radio').count()).toBe(0);
    await checkAxe(page);
    await context.close();

    // The stage's other department, then the later steps, decide through the API; the licence is issued.
    await web.call(HEALTH, 'POST', `/tasks/${caseId}.0.HEALTH/claim`);
    await web.call(HEALTH, 'POST', `/tasks/${caseId}.0.HEALTH/decision`, { decision: 'approve' });
    for (const stage of [1, 2]) {
      const id = `${caseId}.${stage}.SAMR`;
      await eventually(
        `task ${id}`,
        async () => {
          await web.cloud.idle();
          return (
            await fetch(`${web.baseURL}/tasks/${id}`, { headers: { authorization: `Bearer ${await web.token(SAMR)}` } })
          ).ok
            ? true
            : undefined;
        },
        30_000,
      );
      await web.call(SAMR, 'POST', `/tasks/${id}/decision`, { decision: 'approve' });
    }
    const issued = await eventually(
      'the licence',
      async () => {
        await web.cloud.idle();
        const c = await web.call<{ status: string; licenceNo?: string }>(ENTERPRISE, 'GET', `/applications/${caseId}`);
        return c.status === 'ISSUED' && c.licenceNo ? c : undefined;
      },
      30_000,
    );
    const verified = await web.call<{ status: string; signatureValid: boolean }>(
      undefined,
      'GET',
      `/verify/${issued.licenceNo}`,
    );
    expect(verified).toMatchObject({ status: 'valid', signatureValid: true });
    const licence = await web.call<{ content: Record<string, unknown> }>(
      ENTERPRISE,
      'GET',
      `/licences/${issued.licenceNo}`,
    );
    expect(licence.content).toMatchObject({
      mainBusiness: '餐饮服务经营者',
      businessItems: '热食类食品制售；自制饮品制售',
      operatorName: '福州市鼓楼区榕城小吃店',
    });
  });

  it('shows the decided task on a phone, with its earlier decisions for the next step', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /市场监管局审批员/, '/workbench/tasks?status=APPROVED');
    await page.getByRole('row').filter({ hasText: caseNumber }).first().waitFor();
    await checkAxe(page);
    await screenshot(page, 'workbench-department-todo-phone');
    await page.goto(`/workbench/tasks/${caseId}.2.SAMR`);
    await page.getByRole('heading', { level: 1, name: '食品经营许可：许可审批决定' }).waitFor();
    const earlier = page.locator('section[aria-labelledby="earlier-title"]');
    await earlier.getByText(/第 1 环节 · 市场监督管理局：中止审查/).waitFor();
    expect(await earlier.textContent()).toContain('第 1 环节 · 卫生健康委员会：审查通过');
    expect(await earlier.textContent()).toContain('第 2 环节 · 市场监督管理局：审查通过');
    expect(await page.getByRole('radio').count()).toBe(0);
    await checkAxe(page);
    await screenshot(page, 'workbench-department-task-phone');
    await context.close();
  });

  it('tells another department’s officer the task is not found, as the API does', async () => {
    const response = await fetch(`${web.baseURL}/tasks/${samrTask()}`, {
      headers: { authorization: `Bearer ${await web.token(HEALTH)}` },
    });
    expect(response.status).toBe(404);
    const context = await newContext(web.browser, { baseURL: web.baseURL });
    const page = await context.newPage();
    await signInAs(page, /卫健委审批员/, `/workbench/tasks/${samrTask()}`);
    await page.getByRole('heading', { level: 1, name: '未找到' }).waitFor();
    expect(await page.getByText('食品经营许可材料审查').count()).toBe(0);
    await checkAxe(page);
    await context.close();
  });
});

describe('系统对接', () => {
  it('tells a to-do department it has nothing connected, and shows an exchange-folder department its failed files with the reason', async () => {
    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /市场监管局审批员/, '/workbench/integration');
    await page.getByRole('heading', { level: 1, name: '系统对接' }).waitFor();
    await page.getByText(/本部门通过统一待办办理审查任务/).waitFor();
    await checkAxe(page);
    await context.close();

    // URBAN reached through its exchange folder, where a decision file failed (as the minute's pick-up leaves one).
    await web.call(ADMIN, 'PUT', '/admin/integrations/URBAN', { mode: 'exchange' });
    const bucket = process.env.EXCHANGE_BUCKET_NAME!;
    await s3Client().send(
      new PutObjectCommand({ Bucket: bucket, Key: 'error/URBAN/decision-0012.json', Body: '{ not json' }),
    );
    await s3Client().send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'error/URBAN/decision-0012.json.reason.txt',
        Body: 'The file is not JSON\n',
      }),
    );

    const urban = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const urbanPage = await urban.newPage();
    await signInAs(urbanPage, /城管局审批员/, '/workbench/integration');
    await urbanPage.getByRole('heading', { level: 2, name: '处理失败的文件' }).waitFor();
    const failedRow = urbanPage.getByRole('row').filter({ hasText: 'error/URBAN/decision-0012.json' });
    await failedRow.waitFor();
    expect(await failedRow.textContent()).toContain('The file is not JSON');
    await urbanPage.getByText('没有等待处理的文件。').waitFor();
    await checkAxe(urbanPage);
    await screenshot(urbanPage, 'workbench-department-integration-desktop');
    await urban.close();
  });

  it('shows a webhook department its delivery log, and delivers a failed one again', async () => {
    // SAMR's system at an address where nothing listens: the new task's delivery fails and waits for its retry.
    await web.call(ADMIN, 'PUT', '/admin/integrations/SAMR', { mode: 'webhook', endpoint: 'http://127.0.0.1:9/tasks' });
    const second = await acceptedFoodCase(web.baseURL, await web.token(ENTERPRISE), await web.token(WINDOW), () =>
      web.cloud.idle(),
    );
    const taskId = `${second}.0.SAMR`;
    await eventually(
      'the failed attempt',
      async () => {
        await web.cloud.idle();
        const log = await web.call<{ items: { taskId?: string; attempts: unknown[] }[] }>(
          SAMR,
          'GET',
          '/integration/SAMR/deliveries?status=pending',
        );
        return log.items.some((d) => d.taskId === taskId && d.attempts.length > 0) ? true : undefined;
      },
      30_000,
    );

    const context = await newContext(web.browser, { baseURL: web.baseURL, desktop: true });
    const page = await context.newPage();
    await signInAs(page, /市场监管局审批员/, '/workbench/integration');
    await page.getByText(/本部门业务系统通过推送接口（Webhook）接收审查任务/).waitFor();
    await page.getByText('没有此状态的投递记录。').waitFor();
    await page.getByLabel('投递状态', { exact: true }).selectOption('pending');
    await page.getByRole('button', { name: '显示' }).click();
    await page.waitForURL('**/workbench/integration?status=pending');
    const row = page.getByRole('row').filter({ hasText: taskId });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/最近一次：.*无响应/);
    await checkAxe(page);
    await screenshot(page, 'workbench-department-deliveries-desktop');
    await row.getByRole('button', { name: /^重新投递 msg_/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /已重新投递 msg_/ })
      .waitFor();
    await checkAxe(page);
    await context.close();
  });
});
