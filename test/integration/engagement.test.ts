import { LocalCloud } from '../../infra/local/cloud';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * 好差评, 差评整改 and complaints against a local cloud with the demo catalogue: real 发票申领 cases (TAX, accepted
 * automatically) are driven to approval over HTTP, then rated; complaints come in without a login.
 */
let cloud: LocalCloud;
const USCC = '91350100M000100Y43';
const INVOICE = 'INVOICE-APPLICATION';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // Monday 2 March 2026: no holiday in the next weeks, so 15 working days end on Monday 23 March, 10 on 16 March.
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T09:00:00+08:00'), seed: true });
  await importDemoLicences(cloud);
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.stranger = await cloud.issueToken({ sub: 'ent-2', role: 'applicant', uscc: '91350102MA2YQ6KX0A' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['TAX', 'PSB', 'SAMR'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const events = (type: string, match: (d: Record<string, unknown>) => boolean) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && match(e.detail));

/** A 发票申领 case, submitted and accepted automatically: TAX reviews it. */
async function caseInReview(): Promise<{ id: string; number: string }> {
  const guide = (await api('GET', `/matters/${INVOICE}`)).json;
  const form = sampleAnswers(guide.form, {
    today: '2026-03-02',
    overrides: { uscc: USCC, handlerIdNumber: '11010519491231002X' },
  });
  const draft = await api('POST', '/applications', 'applicant', { matterCode: INVOICE, form });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  expect(
    (
      await api('POST', `/applications/${id}/licence-references`, 'applicant', {
        material: 'handlerIdCard',
        licenceNo: 'RID-350100-0001',
      })
    ).status,
  ).toBe(200);
  expect((await api('POST', `/applications/${id}/submit`, 'applicant', {})).json.status).toBe('ACCEPTED');
  await cloud.idle();
  return { id, number: draft.json.number as string };
}

async function approve(id: string) {
  const task = await eventually('TAX’s task', async () => {
    await cloud.idle();
    return ((await api('GET', '/tasks', 'TAX')).json.items as any[]).find((t) => t.caseId === id);
  });
  expect(
    (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, 'TAX', { decision: 'approve' })).status,
  ).toBe(200);
  await eventually('the approval', async () => {
    await cloud.idle();
    return (await api('GET', `/applications/${id}`, 'applicant')).json.status === 'APPROVED' ? true : undefined;
  });
}

describe('好差评', () => {
  let good: { id: string; number: string };
  let bad: { id: string; number: string };

  it('refuses a rating before the case is completed, naming its status', async () => {
    good = await caseInReview();
    const early = await api('POST', `/applications/${good.id}/rating`, 'applicant', {
      ability: 5,
      attitude: 5,
      effect: 5,
    });
    expect(early.status).toBe(409);
    expect(early.json.error.message).toMatch(/IN_REVIEW/);
    await approve(good.id);
  });

  it('refuses scores outside 1 to 5 and other people’s ratings, and changes nothing', async () => {
    const outOfRange = await api('POST', `/applications/${good.id}/rating`, 'applicant', {
      ability: 5,
      attitude: 6,
      effect: 5,
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.json.error.details.map((d: any) => d.path)).toEqual(['attitude']);
    const fractional = await api('POST', `/applications/${good.id}/rating`, 'applicant', {
      ability: 0,
      attitude: 3,
      effect: 2.5,
    });
    expect(fractional.json.error.details.map((d: any) => d.path).sort()).toEqual(['ability', 'effect']);
    expect(
      (await api('POST', `/applications/${good.id}/rating`, 'stranger', { ability: 5, attitude: 5, effect: 5 })).status,
    ).toBe(404);
    expect(
      (await api('POST', `/applications/${good.id}/rating`, 'TAX', { ability: 5, attitude: 5, effect: 5 })).status,
    ).toBe(403);
    expect((await api('GET', `/applications/${good.id}/rating`, 'applicant')).status).toBe(404);
  });

  it('takes a good rating once and opens nothing', async () => {
    const rated = await api('POST', `/applications/${good.id}/rating`, 'applicant', {
      ability: 5,
      attitude: 4,
      effect: 3,
      comment: '办理很快',
    });
    expect(rated.status).toBe(201);
    expect(rated.json).toMatchObject({
      caseId: good.id,
      rating: { ability: 5, attitude: 4, effect: 3, comment: '办理很快', bad: false },
    });
    expect(rated.json).not.toHaveProperty('rectification');
    const again = await api('POST', `/applications/${good.id}/rating`, 'applicant', {
      ability: 1,
      attitude: 1,
      effect: 1,
    });
    expect(again.status).toBe(409);
    expect((await api('GET', `/applications/${good.id}/rating`, 'applicant')).json.rating).toMatchObject({
      ability: 5,
      bad: false,
    });
    await cloud.idle();
    const submitted = events('Rating.Submitted.v1', (d) => d.caseId === good.id);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.detail).toMatchObject({
      bad: false,
      hasComment: true,
      caseStatus: 'APPROVED',
      department: 'TAX',
    });
    expect(submitted[0]!.detail).not.toHaveProperty('comment');
    expect(events('Rectification.Opened.v1', (d) => d.caseId === good.id)).toHaveLength(0);
    expect(((await api('GET', '/rectifications', 'TAX')).json.items as any[]).some((r) => r.caseId === good.id)).toBe(
      false,
    );
    const timeline = (await api('GET', `/applications/${good.id}/timeline`, 'applicant')).json;
    expect((timeline.items as any[]).map((e) => e.action).slice(-1)).toEqual(['rated']);
    expect(timeline.integrity.valid).toBe(true);
  });

  it('a bad rating opens a rectification for the case’s department, due in 15 working days, in the same change', async () => {
    bad = await caseInReview();
    await approve(bad.id);
    const rated = await api('POST', `/applications/${bad.id}/rating`, 'applicant', {
      ability: 4,
      attitude: 2,
      effect: 3,
      comment: '窗口人员态度差',
    });
    expect(rated.status).toBe(201);
    expect(rated.json.rating.bad).toBe(true);
    expect(rated.json.rectification).toMatchObject({
      id: `${bad.id}.R`,
      status: 'open',
      department: 'TAX',
      dueDate: '2026-03-23',
      scores: { ability: 4, attitude: 2, effect: 3 },
    });

    const tax = (await api('GET', '/rectifications?status=open', 'TAX')).json.items as any[];
    expect(tax.find((r) => r.caseId === bad.id)).toMatchObject({
      id: `${bad.id}.R`,
      caseNumber: bad.number,
      dueDate: '2026-03-23',
      comment: '窗口人员态度差',
    });
    expect(((await api('GET', '/rectifications', 'PSB')).json.items as any[]).some((r) => r.caseId === bad.id)).toBe(
      false,
    );
    expect((await api('GET', '/rectifications?department=TAX', 'PSB')).status).toBe(403);
    expect(
      ((await api('GET', '/rectifications', 'supervisor')).json.items as any[]).some((r) => r.caseId === bad.id),
    ).toBe(true);
    expect(
      ((await api('GET', '/rectifications?department=PSB', 'supervisor')).json.items as any[]).some(
        (r) => r.caseId === bad.id,
      ),
    ).toBe(false);
    expect((await api('GET', '/rectifications', 'applicant')).status).toBe(403);

    const timeline = (await api('GET', `/applications/${bad.id}/timeline`, 'applicant')).json;
    const last = (timeline.items as any[]).slice(-2);
    expect(last.map((e) => e.action)).toEqual(['rated', 'rectification-opened']);
    expect(last[1].data).toMatchObject({ rectificationId: `${bad.id}.R`, department: 'TAX', dueDate: '2026-03-23' });
    expect(JSON.stringify(timeline.items)).not.toContain('窗口人员态度差');
    expect(timeline.integrity.valid).toBe(true);

    await cloud.idle();
    expect(events('Rating.Submitted.v1', (d) => d.caseId === bad.id)[0]!.detail).toMatchObject({
      bad: true,
      attitude: 2,
      rectificationId: `${bad.id}.R`,
    });
    expect(events('Rectification.Opened.v1', (d) => d.caseId === bad.id).map((e) => e.detail)).toEqual([
      expect.objectContaining({
        rectificationId: `${bad.id}.R`,
        responsibleDepartment: 'TAX',
        dueDate: '2026-03-23',
        caseNumber: bad.number,
      }),
    ]);
    expect(
      (await api('POST', `/applications/${bad.id}/rating`, 'applicant', { ability: 5, attitude: 5, effect: 5 })).status,
    ).toBe(409);
  });

  it('writes nothing of a bad rating when its rectification cannot be written (one transaction)', async () => {
    const other = await caseInReview();
    await approve(other.id);
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { dynamoDocumentClient } = await import('../../shared/adapters/aws-clients');
    // A stray item where the rectification would go: its condition fails, so the whole change must.
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: cloud.env.MAIN_TABLE_NAME,
        Item: { pk: `RECTIFICATION#${other.id}.R`, sk: 'RECTIFICATION', type: 'Stray' },
      }),
    );
    expect(
      (await api('POST', `/applications/${other.id}/rating`, 'applicant', { ability: 1, attitude: 1, effect: 1 }))
        .status,
    ).toBe(409);
    expect((await api('GET', `/applications/${other.id}/rating`, 'applicant')).status).toBe(404);
    expect(
      ((await api('GET', `/applications/${other.id}/timeline`, 'applicant')).json.items as any[]).some(
        (e) => e.action === 'rated',
      ),
    ).toBe(false);
    await cloud.idle();
    expect(events('Rating.Submitted.v1', (d) => d.caseId === other.id)).toHaveLength(0);
  });

  it('the department answers, once; the applicant sees the answer and Rectification.Answered.v1 is published', async () => {
    const id = encodeURIComponent(`${bad.id}.R`);
    expect((await api('POST', `/rectifications/${id}/answer`, 'PSB', { answer: '不是我们的' })).status).toBe(404);
    expect((await api('POST', `/rectifications/${id}/answer`, 'TAX', { answer: '' })).status).toBe(400);
    const answered = await api('POST', `/rectifications/${id}/answer`, 'TAX', {
      answer: '已约谈窗口人员并加强培训',
      measures: '每周服务规范考核',
    });
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({
      status: 'answered',
      answer: '已约谈窗口人员并加强培训',
      measures: '每周服务规范考核',
      onTime: true,
    });
    expect((await api('POST', `/rectifications/${id}/answer`, 'TAX', { answer: '再答一次' })).status).toBe(409);

    expect((await api('GET', `/applications/${bad.id}/rating`, 'applicant')).json.rectification).toMatchObject({
      status: 'answered',
      answer: '已约谈窗口人员并加强培训',
    });
    expect((await api('GET', `/applications/${bad.id}/rating`, 'stranger')).status).toBe(404);
    expect(
      ((await api('GET', '/rectifications?status=open', 'TAX')).json.items as any[]).some((r) => r.caseId === bad.id),
    ).toBe(false);
    expect(
      ((await api('GET', '/rectifications?status=answered', 'TAX')).json.items as any[]).some(
        (r) => r.caseId === bad.id,
      ),
    ).toBe(true);
    expect((await api('GET', `/applications/${bad.id}/timeline`, 'applicant')).json.items.at(-1)).toMatchObject({
      action: 'rectification-answered',
      actor: { role: 'department' },
    });
    await cloud.idle();
    expect(events('Rectification.Answered.v1', (d) => d.caseId === bad.id).map((e) => e.detail)).toEqual([
      expect.objectContaining({
        rectificationId: `${bad.id}.R`,
        responsibleDepartment: 'TAX',
        dueDate: '2026-03-23',
        onTime: true,
      }),
    ]);
  });
});

describe('complaints', () => {
  const contact = { name: '张三', phone: '13900001111', email: 'zhangsan@example.cn' };
  const content = '等了很久没有人处理我的申请，电话也打不通。';
  let caseNumber: string;
  let matterComplaint: { id: string; accessCode: string; department: string; dueDate: string };

  beforeAll(async () => {
    const page = (await api('GET', '/applications', 'applicant')).json.items as any[];
    caseNumber = page.find((c) => c.status === 'APPROVED')!.number;
  });

  it('refuses a complaint without a phone number or an e-mail address, naming contact', async () => {
    const refused = await api('POST', '/complaints', undefined, {
      about: { matterCode: 'SEAL-FILING' },
      category: 'delay',
      content,
      contact: { name: '张三' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details.map((d: any) => d.path)).toEqual(['contact']);
    const badPhone = await api('POST', '/complaints', undefined, {
      about: { matterCode: 'SEAL-FILING' },
      category: 'delay',
      content,
      contact: { name: '张三', phone: '12345' },
    });
    expect(badPhone.json.error.details.map((d: any) => d.path)).toEqual(['contact.phone']);
    expect(JSON.stringify(badPhone.json)).not.toContain('12345');
    expect(
      (
        await api('POST', '/complaints', undefined, {
          about: { matterCode: 'SEAL-FILING' },
          category: 'delay',
          content: '太慢',
          contact,
        })
      ).status,
    ).toBe(400);
  });

  it('routes a complaint about a case to the case’s department, and one about a matter to the matter’s', async () => {
    const aboutCase = await api('POST', '/complaints', undefined, {
      about: { caseNumber },
      category: 'result',
      content,
      contact: { name: '李四', email: 'lisi@example.cn' },
    });
    expect(aboutCase.status).toBe(201);
    expect(aboutCase.json).toEqual({
      id: expect.any(String),
      accessCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/),
      department: 'TAX',
      dueDate: '2026-03-16',
    });
    const aboutMatter = await api('POST', '/complaints', undefined, {
      about: { matterCode: 'SEAL-FILING' },
      category: 'delay',
      content,
      contact,
      language: 'en',
    });
    expect(aboutMatter.status).toBe(201);
    expect(aboutMatter.json).toMatchObject({ department: 'PSB', dueDate: '2026-03-16' });
    matterComplaint = aboutMatter.json as typeof matterComplaint;

    const tax = (await api('GET', '/complaints', 'TAX')).json.items as any[];
    expect(tax.find((c) => c.id === aboutCase.json.id)).toMatchObject({
      caseNumber,
      matterCode: INVOICE,
      contact: { name: '李四', email: 'lisi@example.cn' },
      status: 'open',
    });
    expect(tax.some((c) => c.id === matterComplaint.id)).toBe(false);
    expect(
      ((await api('GET', '/complaints', 'PSB')).json.items as any[]).find((c) => c.id === matterComplaint.id),
    ).toMatchObject({ matterCode: 'SEAL-FILING', contact, language: 'en', regionCode: '350100' });
    expect(((await api('GET', '/complaints', 'supervisor')).json.items as any[]).map((c) => c.id)).toEqual(
      expect.arrayContaining([aboutCase.json.id, matterComplaint.id]),
    );
    expect((await api('GET', '/complaints', 'applicant')).status).toBe(403);

    await cloud.idle();
    expect(events('Complaint.Received.v1', (d) => d.complaintId === aboutCase.json.id)[0]!.detail).toMatchObject({
      responsibleDepartment: 'TAX',
      caseNumber,
      category: 'result',
      dueDate: '2026-03-16',
    });
    expect(events('Complaint.Received.v1', (d) => d.complaintId === matterComplaint.id)[0]!.detail).toMatchObject({
      responsibleDepartment: 'PSB',
      matterCode: 'SEAL-FILING',
      regionCode: '350100',
    });
  });

  it('refuses an unknown case number or matter with 422 naming about, and reveals nothing', async () => {
    const unknownCase = await api('POST', '/complaints', undefined, {
      about: { caseNumber: '350100-20260302-99999' },
      category: 'delay',
      content,
      contact,
    });
    expect(unknownCase.status).toBe(422);
    expect(unknownCase.json.error.details[0].path).toBe('about.caseNumber');
    const unknownMatter = await api('POST', '/complaints', undefined, {
      about: { matterCode: 'NO-SUCH-MATTER' },
      category: 'delay',
      content,
      contact,
    });
    expect(unknownMatter.status).toBe(422);
    expect(unknownMatter.json.error.details[0].path).toBe('about.matterCode');
    // A draft's number was never handed in: the answer is the same as for a number nobody has.
    const guide = (await api('GET', `/matters/${INVOICE}`)).json;
    const draft = await api('POST', '/applications', 'applicant', {
      matterCode: INVOICE,
      form: sampleAnswers(guide.form, { today: '2026-03-02', overrides: { uscc: USCC } }),
    });
    const aboutDraft = await api('POST', '/complaints', undefined, {
      about: { caseNumber: draft.json.number },
      category: 'delay',
      content,
      contact,
    });
    expect(aboutDraft.status).toBe(422);
    expect(aboutDraft.json).toEqual(unknownCase.json);
  });

  it('shows the complaint with its access code, never the contact, and 404 for a wrong code', async () => {
    const shown = await api(
      'GET',
      `/complaints/${matterComplaint.id}?code=${matterComplaint.accessCode.toLowerCase()}`,
    );
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({
      id: matterComplaint.id,
      status: 'open',
      department: 'PSB',
      dueDate: '2026-03-16',
    });
    expect(JSON.stringify(shown.json)).not.toMatch(/13900001111|zhangsan|张三/);
    expect((await api('GET', `/complaints/${matterComplaint.id}?code=AAAA-AAAA-AAAA`)).status).toBe(404);
    expect((await api('GET', `/complaints/${matterComplaint.id}`)).status).toBe(400);
  });

  it('stores the complaint for the messaging consumer as agreed: contact, language and the signed-in complainant', async () => {
    const mine = await api('POST', '/me/complaints', 'applicant', {
      about: { caseNumber },
      category: 'other',
      content,
      contact: { name: '王五', phone: '13700002222' },
    });
    expect(mine.status).toBe(201);
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { dynamoDocumentClient } = await import('../../shared/adapters/aws-clients');
    const item = (
      await dynamoDocumentClient().send(
        new GetCommand({
          TableName: cloud.env.MAIN_TABLE_NAME,
          Key: { pk: `COMPLAINT#${mine.json.id}`, sk: 'COMPLAINT' },
        }),
      )
    ).Item!;
    expect(item).toMatchObject({
      contact: { name: '王五', phone: '13700002222' },
      language: 'zh',
      complainantSub: 'ent-1',
      department: 'TAX',
    });
    expect(JSON.stringify(item)).not.toContain(mine.json.accessCode);
  });

  it('the department it was routed to answers; Complaint.Answered.v1 is published; no event carries a contact detail', async () => {
    expect((await api('POST', `/complaints/${matterComplaint.id}/answer`, 'TAX', { answer: '不归我们' })).status).toBe(
      404,
    );
    const answered = await api('POST', `/complaints/${matterComplaint.id}/answer`, 'PSB', {
      answer: '已核实，窗口将延长服务时间。',
    });
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ status: 'answered', onTime: true });
    expect((await api('POST', `/complaints/${matterComplaint.id}/answer`, 'PSB', { answer: '再答' })).status).toBe(409);
    expect(
      (await api('GET', `/complaints/${matterComplaint.id}?code=${matterComplaint.accessCode}`)).json,
    ).toMatchObject({ status: 'answered', answer: '已核实，窗口将延长服务时间。' });
    expect(
      ((await api('GET', '/complaints?status=answered', 'PSB')).json.items as any[]).some(
        (c) => c.id === matterComplaint.id,
      ),
    ).toBe(true);
    await cloud.idle();
    expect(events('Complaint.Answered.v1', (d) => d.complaintId === matterComplaint.id).map((e) => e.detail)).toEqual([
      expect.objectContaining({ responsibleDepartment: 'PSB', onTime: true, dueDate: '2026-03-16' }),
    ]);
    const engagement = cloud.bus.archive.filter((e) => e.source === 'gov.one-stop.engagement');
    expect(engagement.length).toBeGreaterThanOrEqual(6);
    const published = JSON.stringify(cloud.bus.archive);
    for (const secret of [
      '13900001111',
      'zhangsan@example.cn',
      'lisi@example.cn',
      '13700002222',
      '张三',
      '李四',
      '王五',
      content,
      '窗口人员态度差',
      matterComplaint.accessCode,
    ])
      expect(published).not.toContain(secret);
  });
});
