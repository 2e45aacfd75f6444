import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { dynamoDocumentClient, eventBridgeClient } from '../../shared/adapters/aws-clients';
import { ledgerKey } from '../../shared/adapters/event-ledger';
import { decodeWords } from '../../shared/adapters/message-channels';
import { notifyDeps } from '../../shared/adapters/messaging-deps';
import { messageItems } from '../../shared/db/keys';
import type { EmailSender, NotifyDeps, SmsSender } from '../../shared/domain/messaging/ports';
import { DeliveryIncompleteError, messageId, notify } from '../../shared/domain/messaging/notify';
import { NOTIFIED_CONTRACTS } from '../../shared/domain/messaging/templates';
import { eventFixture } from '../fixtures/events';
import { call } from '../support/http';

/**
 * 统一消息 on a local cloud with the platform's topology: the messaging functions, routes and rule as deployed. Events go through the local bus; SMS and e-mail land in the local outbox folder.
 */

const PHONE = '13812345678';
const ADDRESS = 'lin.xiaoming@example.cn';
const HEAD_PHONE = '13900001111';
const HEAD_ADDRESS = 'samr.head@example.gov.cn';
const COMPLAINANT_PHONE = '15011112222';
const COMPLAINANT_ADDRESS = 'complainant@example.com';

let cloud: LocalCloud;
let outbox: string;
const captured: string[] = [];

beforeAll(async () => {
  // Everything the platform logs while these tests run, to check that no number or address is among it.
  const capture = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return true;
  };
  jest.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  jest.spyOn(process.stderr, 'write').mockImplementation(capture as never);
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest
      .spyOn(console, method)
      .mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
  cloud = await LocalCloud.start({
    clock: 'manual',
    startTime: new Date('2026-03-04T10:30:00+08:00'),
    seed: true,
    retryDelaysMs: [1, 1],
  });
  outbox = fileURLToPath(cloud.env.SMS_CHANNEL!);
});
afterAll(async () => {
  await cloud?.stop();
  jest.restoreAllMocks();
});

const token = (principal: Parameters<LocalCloud['issueToken']>[0]) => cloud.issueToken(principal);
const applicant = (sub: string) => token({ sub, role: 'applicant' });
const api = async (method: string, path: string, who: Promise<string> | string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: await who, ...(body !== undefined ? { body } : {}) });

async function publish(detailType: string, detail: Record<string, unknown>) {
  const contract = NOTIFIED_CONTRACTS.find((c) => c.detailType === detailType)!;
  const out = await eventBridgeClient().send(
    new PutEventsCommand({
      Entries: [
        {
          Source: contract.source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
          EventBusName: process.env.EVENT_BUS_NAME,
        },
      ],
    }),
  );
  expect(out.FailedEntryCount ?? 0).toBe(0);
  await cloud.idle();
}

const files = (channel: 'sms' | 'email') =>
  existsSync(join(outbox, channel)) ? readdirSync(join(outbox, channel)).sort() : [];
let serial = 0;
const fresh = (
  detailType: string,
  changes: Record<string, unknown> = {},
): Record<string, any> & { eventId: string } => ({
  ...eventFixture(detailType),
  eventId: `evt-msg-${++serial}-${Date.now()}`,
  ...changes,
});

describe('an applicant’s messages', () => {
  const sub = 'msg-applicant-1';
  let messageIdInInbox: string;

  it('reach the inbox once, and SMS and e-mail once, when the same event is delivered twice', async () => {
    const contact = await api('PUT', '/me/contact', applicant(sub), {
      phone: PHONE,
      email: ADDRESS,
      language: 'zh',
      optIn: { sms: true, email: true },
    });
    expect(contact.status).toBe(200);
    expect(contact.json).toMatchObject({
      phone: PHONE,
      email: ADDRESS,
      language: 'zh',
      optIn: { sms: true, email: true },
    });

    const [smsBefore, emailBefore] = [files('sms'), files('email')];
    const calls = cloud.functions.invocations.get('notify') ?? 0;
    const approved = fresh('Application.Approved.v1', { applicantSub: sub });
    await publish('Application.Approved.v1', approved);
    await publish('Application.Approved.v1', approved);
    expect(cloud.functions.invocations.get('notify')).toBe(calls + 2);

    const inbox = await api('GET', '/me/inbox', applicant(sub));
    expect(inbox.status).toBe(200);
    expect(inbox.json.unread).toBe(1);
    expect(inbox.json.items).toHaveLength(1);
    const [message] = inbox.json.items;
    expect(message).toMatchObject({
      detailType: 'Application.Approved.v1',
      language: 'zh',
      title: '审批通过',
      read: false,
      caseId: approved.caseId,
      caseNumber: approved.caseNumber,
    });
    // The matter's name comes from the catalogue, not its code.
    expect(message.body).toContain('食品经营许可');
    expect(message).not.toHaveProperty('recipientKey');
    messageIdInInbox = message.id;

    const smsId = messageId(approved.eventId, approved.occurredAt, sub, 'sms');
    const emailId = messageId(approved.eventId, approved.occurredAt, sub, 'email');
    expect(files('sms')).toEqual([...smsBefore, `${smsId}.json`].sort());
    expect(files('email')).toEqual([...emailBefore, `${emailId}.eml`].sort());
    const sms = JSON.parse(readFileSync(join(outbox, 'sms', `${smsId}.json`), 'utf8'));
    expect(sms).toMatchObject({ phoneNumber: `+86${PHONE}`, smsType: 'Transactional' });
    expect(sms.text).toMatch(/^【一网通办】.*审批通过/);
    const eml = readFileSync(join(outbox, 'email', `${emailId}.eml`), 'utf8');
    expect(eml).toContain(`To: <${ADDRESS}>`);
    expect(decodeWords(/^Subject: (.*(?:\r\n .*)*)/m.exec(eml)![1]!.replace(/\r\n /g, ' '))).toBe(
      '【一网通办】审批通过',
    );
    expect(eml).toContain(approved.caseNumber);
  });

  it('marks a message read: the unread count goes down once, and nobody else can touch it', async () => {
    expect((await api('POST', `/me/inbox/${messageIdInInbox}/read`, applicant('someone-else'))).status).toBe(404);
    expect(
      (
        await api(
          'POST',
          `/me/inbox/${messageIdInInbox}/read`,
          token({ sub: 'staff-SAMR', role: 'department', department: 'SAMR' }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await api('POST', `/me/inbox/${messageIdInInbox}/read`, token({ sub: 'window-1', role: 'window' }))).status,
    ).toBe(403);

    const read = await api('POST', `/me/inbox/${messageIdInInbox}/read`, applicant(sub));
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: messageIdInInbox, read: true, readAt: expect.any(String) });
    expect((await api('GET', '/me/inbox', applicant(sub))).json.unread).toBe(0);
    expect((await api('GET', '/me/inbox?unread=true', applicant(sub))).json.items).toEqual([]);
    // Again: the same answer, the count stays.
    expect((await api('POST', `/me/inbox/${messageIdInInbox}/read`, applicant(sub))).status).toBe(200);
    const after = await api('GET', '/me/inbox', applicant(sub));
    expect(after.json).toMatchObject({ unread: 0, items: [{ id: messageIdInInbox, read: true }] });
  });

  it('lists newest first, pages with a cursor, and refuses a cursor of another inbox', async () => {
    await publish(
      'Application.ReviewStarted.v1',
      fresh('Application.ReviewStarted.v1', { applicantSub: sub, occurredAt: '2026-03-05T09:00:00+08:00' }),
    );
    const first = await api('GET', '/me/inbox?limit=1', applicant(sub));
    expect(first.json.items.map((m: any) => m.detailType)).toEqual(['Application.ReviewStarted.v1']);
    expect(first.json.unread).toBe(1);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await api(
      'GET',
      `/me/inbox?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      applicant(sub),
    );
    expect(second.json.items.map((m: any) => m.id)).toEqual([messageIdInInbox]);
    const foreign = await api(
      'GET',
      `/me/inbox?cursor=${encodeURIComponent(first.json.nextCursor)}`,
      applicant('someone-else'),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.json.error.details[0].path).toBe('query.cursor');
  });

  it('speaks English to someone who chose it, and sends no SMS or e-mail without consent', async () => {
    const sub2 = 'msg-applicant-en';
    expect(
      (
        await api('PUT', '/me/contact', applicant(sub2), {
          phone: '13700001234',
          email: 'en@example.org',
          language: 'en',
          optIn: { sms: false, email: false },
        })
      ).status,
    ).toBe(200);
    const [smsBefore, emailBefore] = [files('sms'), files('email')];
    await publish('Application.Refused.v1', fresh('Application.Refused.v1', { applicantSub: sub2 }));
    const inbox = await api('GET', '/me/inbox', applicant(sub2));
    expect(inbox.json.items).toMatchObject([{ language: 'en', title: 'Application not accepted' }]);
    expect(inbox.json.items[0].body).toContain('Food business licence');
    expect([files('sms'), files('email')]).toEqual([smsBefore, emailBefore]);
  });
});

describe('contact preferences', () => {
  const sub = 'msg-applicant-contact';

  it('answer defaults before anything is set', async () => {
    const got = await api('GET', '/me/contact', applicant(sub));
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ language: 'zh', optIn: { sms: false, email: false } });
  });

  it('refuse a bad phone with 400 naming phone, and change nothing', async () => {
    expect(
      (
        await api('PUT', '/me/contact', applicant(sub), {
          email: ADDRESS,
          language: 'en',
          optIn: { sms: false, email: true },
        })
      ).status,
    ).toBe(200);
    const bad = await api('PUT', '/me/contact', applicant(sub), {
      phone: '12812345678',
      language: 'zh',
      optIn: { sms: true, email: false },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: any) => d.path)).toEqual(['phone']);
    const noPhone = await api('PUT', '/me/contact', applicant(sub), {
      language: 'zh',
      optIn: { sms: true, email: false },
    });
    expect(noPhone.status).toBe(400);
    expect(noPhone.json.error.details.map((d: any) => d.path)).toEqual(['optIn.sms']);
    const badEmail = await api('PUT', '/me/contact', applicant(sub), { email: 'not-an-address', language: 'zh' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.error.details.map((d: any) => d.path)).toEqual(['email']);
    expect((await api('GET', '/me/contact', applicant(sub))).json).toMatchObject({
      email: ADDRESS,
      language: 'en',
      optIn: { sms: false, email: true },
    });
  });

  it('are an applicant’s or an agent’s own: other roles are refused', async () => {
    expect((await api('GET', '/me/contact', token({ sub: 'agent-1', role: 'agent' }))).status).toBe(200);
    expect(
      (await api('PUT', '/me/contact', token({ sub: 'sup-1', role: 'supervisor' }), { language: 'zh' })).status,
    ).toBe(403);
    expect(
      (await api('GET', '/me/contact', token({ sub: 'staff-SAMR', role: 'department', department: 'SAMR' }))).status,
    ).toBe(403);
  });
});

describe('a department’s messages', () => {
  const admin = () => token({ sub: 'admin-1', role: 'admin' });
  const samr = () => token({ sub: 'staff-SAMR', role: 'department', department: 'SAMR' });
  const health = () => token({ sub: 'staff-HEALTH', role: 'department', department: 'HEALTH' });

  it('sets the department head’s contact for escalations (admin only, known departments only)', async () => {
    expect((await api('GET', '/admin/departments/SAMR/contact', admin())).json).toEqual({
      department: 'SAMR',
      language: 'zh',
    });
    const put = await api('PUT', '/admin/departments/SAMR/contact', admin(), {
      phone: HEAD_PHONE,
      email: HEAD_ADDRESS,
      language: 'zh',
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ department: 'SAMR', phone: HEAD_PHONE, email: HEAD_ADDRESS, language: 'zh' });
    expect((await api('PUT', '/admin/departments/NOPE/contact', admin(), { language: 'zh' })).status).toBe(404);
    expect(
      (await api('PUT', '/admin/departments/SAMR/contact', admin(), { phone: '555-0100', language: 'zh' })).json.error
        .details[0].path,
    ).toBe('phone');
    expect((await api('PUT', '/admin/departments/SAMR/contact', samr(), { language: 'zh' })).status).toBe(403);
  });

  it('shows an escalation in the department’s inbox after Task.Escalated, and tells its head by SMS and e-mail', async () => {
    const [smsBefore, emailBefore] = [files('sms'), files('email')];
    const escalated = fresh('Task.Escalated.v1');
    await publish('Task.Escalated.v1', escalated);
    const inbox = await api('GET', '/me/inbox', samr());
    expect(inbox.status).toBe(200);
    const mine = inbox.json.items.filter((m: any) => m.detailType === 'Task.Escalated.v1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '任务督办', caseNumber: escalated.caseNumber, read: false });
    expect(mine[0].body).toContain(escalated.taskName);
    expect(inbox.json.unread).toBeGreaterThanOrEqual(1);
    // Another department's inbox is its own.
    expect(
      (await api('GET', '/me/inbox', health())).json.items.some((m: any) => m.detailType === 'Task.Escalated.v1'),
    ).toBe(false);

    const key = 'DEPT#SAMR';
    expect(files('sms')).toEqual(
      [...smsBefore, `${messageId(escalated.eventId, escalated.occurredAt, key, 'sms')}.json`].sort(),
    );
    expect(files('email')).toEqual(
      [...emailBefore, `${messageId(escalated.eventId, escalated.occurredAt, key, 'email')}.eml`].sort(),
    );
    const sms = JSON.parse(
      readFileSync(
        join(outbox, 'sms', `${messageId(escalated.eventId, escalated.occurredAt, key, 'sms')}.json`),
        'utf8',
      ),
    );
    expect(sms.phoneNumber).toBe(`+86${HEAD_PHONE}`);
  });

  it('puts a new to-do in the inbox only, without waking the head', async () => {
    // Opened Wednesday 4 March, due Friday 20 March: eleven working days, far from its warning days.
    const opened = fresh('Task.Opened.v1', { taskName: '新任务-只进收件箱', dueDate: '2026-03-20' });
    await publish('Task.Opened.v1', opened);
    const inbox = await api('GET', '/me/inbox?unread=true', samr());
    const message = inbox.json.items.find(
      (m: any) => m.detailType === 'Task.Opened.v1' && m.body.includes('新任务-只进收件箱'),
    );
    expect(message.body).toContain('请于2026年3月20日前办理。');
    expect(message.body).not.toContain('黄灯');
    expect(files('sms')).not.toContain(`${messageId(opened.eventId, opened.occurredAt, 'DEPT#SAMR', 'sms')}.json`);
    expect(files('email')).not.toContain(`${messageId(opened.eventId, opened.occurredAt, 'DEPT#SAMR', 'email')}.eml`);
  });

  it('says a new to-do that arrives within its warning days is urgent, and e-mails the head (supervision does not warn again)', async () => {
    // Opened Wednesday 4 March, due Friday 6 March: 2 working days, within the default warning days.
    const opened = fresh('Task.Opened.v1', { taskName: '新任务-临近期限', dueDate: '2026-03-06' });
    const emailBefore = files('email');
    await publish('Task.Opened.v1', opened);
    const inbox = await api('GET', '/me/inbox?unread=true', samr());
    const message = inbox.json.items.find(
      (m: any) => m.detailType === 'Task.Opened.v1' && m.body.includes('新任务-临近期限'),
    );
    expect(message.body).toContain('请于2026年3月6日前办理。仅剩2个工作日，已进入临近期限预警（黄灯），请抓紧办理。');
    const mail = `${messageId(opened.eventId, opened.occurredAt, 'DEPT#SAMR', 'email')}.eml`;
    expect(files('email')).toEqual([...emailBefore, mail].sort());
    const eml = readFileSync(join(outbox, 'email', mail), 'utf8');
    expect(eml).toContain(HEAD_ADDRESS);
    // Only the e-mail: a new to-do sends no SMS.
    expect(files('sms')).not.toContain(`${messageId(opened.eventId, opened.occurredAt, 'DEPT#SAMR', 'sms')}.json`);
  });

  it('lets a department user mark the shared inbox’s messages read', async () => {
    const before = await api('GET', '/me/inbox?unread=true', samr());
    const target = before.json.items[0];
    expect((await api('POST', `/me/inbox/${target.id}/read`, samr())).json.read).toBe(true);
    expect((await api('GET', '/me/inbox', samr())).json.unread).toBe(before.json.unread - 1);
  });
});

describe('the use case against the real store', () => {
  let deps: NotifyDeps;
  beforeAll(() => {
    deps = notifyDeps();
  });

  it('retries on redelivery only the send that failed, and throws so that EventBridge redelivers', async () => {
    const sub = 'msg-applicant-flaky';
    expect(
      (
        await api('PUT', '/me/contact', applicant(sub), {
          phone: PHONE,
          email: ADDRESS,
          language: 'zh',
          optIn: { sms: true, email: true },
        })
      ).status,
    ).toBe(200);
    let attempts = 0;
    const flaky: SmsSender = {
      kind: 'flaky',
      async send() {
        attempts += 1;
        if (attempts === 1) throw Object.assign(new Error(`cannot reach +86${PHONE}`), { name: 'ThrottlingException' });
        return { providerMessageId: 'p-1' };
      },
    };
    const event = {
      detailType: 'Application.Extended.v1',
      detail: fresh('Application.Extended.v1', { applicantSub: sub }),
    };
    const failed = await notify(event, { ...deps, sms: flaky }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryIncompleteError);
    expect((failed as DeliveryIncompleteError).message).not.toContain(PHONE);
    expect((failed as DeliveryIncompleteError).outcome).toMatchObject({
      inbox: 'written',
      deliveries: [
        { channel: 'sms', status: 'failed' },
        { channel: 'email', status: 'sent' },
      ],
    });

    const retried = await notify(event, { ...deps, sms: flaky });
    expect(retried).toMatchObject({
      inbox: 'duplicate',
      deliveries: [
        { channel: 'sms', status: 'sent' },
        { channel: 'email', status: 'already-sent' },
      ],
    });
    const again = await notify(event, { ...deps, sms: flaky });
    expect(again.deliveries.map((d) => d.status)).toEqual(['already-sent', 'already-sent']);
    expect(attempts).toBe(2);
    expect((await api('GET', '/me/inbox', applicant(sub))).json).toMatchObject({
      unread: 1,
      items: [{ detailType: 'Application.Extended.v1' }],
    });
  });

  it('writes one message and sends each channel once when the same event is delivered three times at once', async () => {
    const sub = 'msg-applicant-concurrent';
    expect(
      (
        await api('PUT', '/me/contact', applicant(sub), {
          phone: PHONE,
          email: ADDRESS,
          language: 'zh',
          optIn: { sms: true, email: true },
        })
      ).status,
    ).toBe(200);
    const sent: string[] = [];
    const slow = async (what: string) => {
      sent.push(what);
      // Long enough for the other deliveries to find the claim taken.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { providerMessageId: `p-${what}` };
    };
    const channels = {
      sms: { kind: 'counting', send: () => slow('sms') } satisfies SmsSender,
      email: { kind: 'counting', send: () => slow('email') } satisfies EmailSender,
    };
    const event = {
      detailType: 'Application.Approved.v1',
      detail: fresh('Application.Approved.v1', { applicantSub: sub }),
    };
    const outcomes = await Promise.all(
      [1, 2, 3].map(() =>
        notify(event, { ...deps, ...channels }).catch((e: unknown) => (e as DeliveryIncompleteError).outcome),
      ),
    );
    // One delivery wrote the message and sent both; the others found them written, and sending or sent.
    expect(outcomes.filter((o) => o.inbox === 'written')).toHaveLength(1);
    expect(outcomes.filter((o) => o.inbox === 'duplicate')).toHaveLength(2);
    expect(sent.sort()).toEqual(['email', 'sms']);
    for (const channel of ['sms', 'email'])
      expect(
        outcomes.flatMap((o) => o.deliveries).filter((d) => d.channel === channel && d.status === 'sent'),
      ).toHaveLength(1);
    // A redelivery once they are done sends nothing more.
    const again = await notify(event, { ...deps, ...channels });
    expect(again).toMatchObject({ inbox: 'duplicate' });
    expect(again.deliveries.map((d) => d.status)).toEqual(['already-sent', 'already-sent']);
    expect(sent).toHaveLength(2);
    const inbox = await api('GET', '/me/inbox', applicant(sub));
    expect(inbox.json).toMatchObject({ unread: 1, items: [{ detailType: 'Application.Approved.v1' }] });
    expect(inbox.json.items).toHaveLength(1);
    // The message is its own guard: no ledger marker and no unread counter beside it.
    const table = { TableName: cloud.env.MAIN_TABLE_NAME };
    expect(
      (
        await dynamoDocumentClient().send(
          new GetCommand({ ...table, Key: ledgerKey('notify-inbox', event.detail.eventId) }),
        )
      ).Item,
    ).toBeUndefined();
    expect(
      (await dynamoDocumentClient().send(new GetCommand({ ...table, Key: messageItems.unreadCounter.key(sub) }))).Item,
    ).toBeUndefined();
  });

  it('tells the applicant of a licence event through its case, and skips an imported licence quietly', async () => {
    const sub = 'msg-licence-holder';
    const caseId = 'msg-case-licence-1';
    // The case as the applications context stores it (only what messaging reads of it).
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: cloud.env.MAIN_TABLE_NAME,
        Item: {
          pk: `CASE#${caseId}`,
          sk: 'CASE',
          type: 'Case',
          id: caseId,
          number: '350100-20260304-00001',
          matterCode: 'FOOD-BUSINESS-LICENCE',
          applicant: { type: 'enterprise', sub },
        },
      }),
    );
    const licence = {
      eventId: `evt-lic-${Date.now()}`,
      occurredAt: '2026-03-04T11:00:00+08:00',
      licenceNo: 'JY23501002026000001',
      version: 1,
      licenceType: 'FOOD_BUSINESS_LICENCE',
      issuingDepartment: 'SAMR',
      holderType: 'enterprise',
      caseId,
    };
    await publish('Licence.Issued.v1', licence);
    const inbox = await api('GET', '/me/inbox', applicant(sub));
    expect(inbox.json.items).toMatchObject([
      {
        detailType: 'Licence.Issued.v1',
        licenceNo: licence.licenceNo,
        caseNumber: '350100-20260304-00001',
        title: '电子证照已签发',
      },
    ]);
    expect(inbox.json.items[0].body).toContain('市场监督管理局');

    const { caseId: _none, ...imported } = { ...licence, eventId: `evt-imp-${Date.now()}` };
    await expect(notify({ detailType: 'Licence.Revoked.v1', detail: imported }, deps)).resolves.toEqual({
      skipped: 'no-recipient',
      inbox: 'none',
      deliveries: [],
    });
  });

  it('tells the applicant of a resumed review only when the department resumed it', async () => {
    const sub = 'msg-applicant-resumed';
    await expect(
      notify(
        { detailType: 'Task.Resumed.v1', detail: fresh('Task.Resumed.v1', { applicantSub: sub, cause: 'applicant' }) },
        deps,
      ),
    ).resolves.toMatchObject({ skipped: 'not-relevant' });
    await expect(
      notify(
        { detailType: 'Task.Resumed.v1', detail: fresh('Task.Resumed.v1', { applicantSub: sub, cause: 'department' }) },
        deps,
      ),
    ).resolves.toMatchObject({ inbox: 'written' });
    expect((await api('GET', '/me/inbox', applicant(sub))).json.items).toMatchObject([
      { detailType: 'Task.Resumed.v1', title: '审查已恢复' },
    ]);
  });

  it('answers a complainant at the contact on the complaint, in their language, and in their inbox when they have an account', async () => {
    const complaintId = `cmp-${Date.now()}`;
    await dynamoDocumentClient().send(
      new PutCommand({
        TableName: cloud.env.MAIN_TABLE_NAME,
        Item: {
          pk: `COMPLAINT#${complaintId}`,
          sk: 'COMPLAINT',
          type: 'Complaint',
          contact: { name: '王芳', phone: COMPLAINANT_PHONE, email: COMPLAINANT_ADDRESS },
          complainantSub: 'msg-complainant',
          language: 'en',
        },
      }),
    );
    const [smsBefore, emailBefore] = [files('sms'), files('email')];
    await publish('Complaint.Answered.v1', fresh('Complaint.Answered.v1', { complaintId }));
    expect((await api('GET', '/me/inbox', applicant('msg-complainant'))).json.items).toMatchObject([
      { detailType: 'Complaint.Answered.v1', complaintId, language: 'en', title: 'Your complaint was answered' },
    ]);
    expect(files('sms').length).toBe(smsBefore.length + 1);
    expect(files('email').length).toBe(emailBefore.length + 1);
    // Without the complaint item there is nobody to answer: skipped, not retried forever.
    await expect(
      notify(
        { detailType: 'Complaint.Answered.v1', detail: fresh('Complaint.Answered.v1', { complaintId: 'cmp-unknown' }) },
        deps,
      ),
    ).resolves.toMatchObject({ skipped: 'no-recipient' });
  });
});

describe('logs', () => {
  it('carry ids, detail-types and channels, and never a phone number or an e-mail address', () => {
    const text = captured.join('\n');
    expect(text).toContain('"notified"');
    expect(text).toContain('outbox folder');
    for (const secret of [
      PHONE,
      ADDRESS,
      HEAD_PHONE,
      HEAD_ADDRESS,
      COMPLAINANT_PHONE,
      COMPLAINANT_ADDRESS,
      '13700001234',
      'en@example.org',
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });
});
