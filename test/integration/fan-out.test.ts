import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { LocalCloud } from '../../infra/local/cloud';
import { eventBridgeClient } from '../../shared/adapters/aws-clients';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * Issue 8's "done when", tried as its users would against the whole platform on a local cloud: every event fans out
 * to supervision, messaging and analytics on their own rules. The clock starts on Monday 2 March 2026.
 */
let cloud: LocalCloud;
const USCC = '91350100M000100Y43';
const DAY = '2026-03-02';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date(`${DAY}T09:00:00+08:00`), seed: true });
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  for (const dept of ['TAX', 'PSB', 'HRSS'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const settle = () => cloud.idle();
/** Today in Asia/Shanghai on the cloud's clock. */
const today = () => new Date(cloud.clock.now()).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The matters whose materials a licence reference meets, so a case needs no upload; each one's reviewing department. */
const MATTERS = {
  'INVOICE-APPLICATION': {
    department: 'TAX',
    references: { handlerIdCard: 'RID-350100-0001' },
    overrides: { uscc: USCC, handlerIdNumber: '11010519491231002X' },
  },
  'SEAL-FILING': {
    department: 'PSB',
    references: { businessLicence: USCC, legalRepIdCard: 'RID-350100-0001' },
    overrides: { uscc: USCC },
  },
  'SOCIAL-INSURANCE-REGISTRATION': {
    department: 'HRSS',
    references: { businessLicence: USCC },
    overrides: { uscc: USCC, bankAccount: '6222021001234567890' },
  },
} as const;
type MatterCode = keyof typeof MATTERS;

const forms = new Map<string, Record<string, unknown>>();
async function formFor(matter: MatterCode) {
  if (!forms.has(matter)) {
    const guide = (await api('GET', `/matters/${matter}`)).json;
    forms.set(matter, sampleAnswers(guide.form, { today: DAY, overrides: MATTERS[matter].overrides }));
  }
  return forms.get(matter)!;
}

/** A case submitted and accepted (by the window when the matter does not accept on its own). */
async function acceptedCase(matter: MatterCode): Promise<{ id: string; number: string }> {
  const draft = await api('POST', '/applications', 'applicant', { matterCode: matter, form: await formFor(matter) });
  expect(draft.status).toBe(201);
  const id = draft.json.id as string;
  for (const [material, licenceNo] of Object.entries(MATTERS[matter].references)) {
    expect(
      (await api('POST', `/applications/${id}/licence-references`, 'applicant', { material, licenceNo })).status,
    ).toBe(200);
  }
  const submitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
    token: tokens.applicant,
    headers: { 'idempotency-key': `k-${id}` },
  });
  expect([matter, submitted.status, submitted.json.error]).toEqual([matter, 200, undefined]);
  if (submitted.json.status === 'SUBMITTED')
    expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
  return { id, number: draft.json.number as string };
}

async function openTaskOf(caseId: string, department: string) {
  return eventually(`${department}'s task of ${caseId}`, async () => {
    await settle();
    return ((await api('GET', '/tasks', department)).json.items as any[]).find((t) => t.caseId === caseId);
  });
}

async function approved(caseId: string, department: string) {
  const task = await openTaskOf(caseId, department);
  expect(
    (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, department, { decision: 'approve' })).status,
  ).toBe(200);
  return eventually(`the licence of ${caseId}`, async () => {
    await settle();
    const record = (await api('GET', `/applications/${caseId}`, 'applicant')).json;
    return record.status === 'ISSUED' ? record : undefined;
  });
}

const outboxDir = () => fileURLToPath(cloud.env.SMS_CHANNEL!);
const outboxFiles = (channel: 'sms' | 'email') => {
  try {
    return readdirSync(join(outboxDir(), channel)).map((f) => readFileSync(join(outboxDir(), channel, f), 'utf8'));
  } catch {
    return [];
  }
};
const inbox = async (who: string) =>
  (await api('GET', '/me/inbox?limit=100', who)).json as { items: any[]; unread: number };

describe('messaging: the applicant hears of every status change', () => {
  it('puts a message in the inbox for each status change of the case, and the SMS and e-mail bodies in the local outbox', async () => {
    const contact = await api('PUT', '/me/contact', 'applicant', {
      phone: '13800138000',
      email: 'owner@example.com',
      language: 'zh',
      optIn: { sms: true, email: true },
    });
    expect(contact.status).toBe(200);

    const { id, number } = await acceptedCase('SOCIAL-INSURANCE-REGISTRATION');
    const issued = await approved(id, 'HRSS');
    await settle();

    const timeline = (await api('GET', `/applications/${id}/timeline`, 'applicant')).json.items as any[];
    const statusChanges = timeline.filter((e) => e.to).map((e) => e.to);
    expect(statusChanges).toEqual(expect.arrayContaining(['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'APPROVED', 'ISSUED']));

    const mine = (await inbox('applicant')).items.filter((m) => m.caseId === id || m.licenceNo === issued.licenceNo);
    const about = mine.map((m) => m.detailType);
    // One message per status change: submitted, accepted, in review, approved, the licence issued.
    expect(about).toEqual(
      expect.arrayContaining([
        'Application.Submitted.v1',
        'Application.Accepted.v1',
        'Application.ReviewStarted.v1',
        'Application.Approved.v1',
        'Licence.Issued.v1',
      ]),
    );
    expect(new Set(about).size).toBe(about.length);
    expect(mine.every((m) => m.language === 'zh' && m.title && m.body)).toBe(true);
    expect(mine.find((m) => m.detailType === 'Application.Approved.v1')!.body).toContain(number);

    const sms = outboxFiles('sms').filter((text) => text.includes(number));
    const email = outboxFiles('email').filter((text) => text.includes(number));
    expect(sms.length).toBeGreaterThanOrEqual(4);
    expect(email.length).toBeGreaterThanOrEqual(4);
    expect(email[0]).toMatch(/^To: .*owner@example\.com/m);
  });
});

describe('supervision: a case past its deadline', () => {
  it('shows red for its department, and the department head gets the escalation', async () => {
    expect(
      (
        await api('PUT', '/admin/departments/TAX/contact', 'admin', {
          phone: '13900139000',
          email: 'head@tax.example.gov.cn',
          language: 'zh',
        })
      ).status,
    ).toBe(200);
    const { id, number } = await acceptedCase('INVOICE-APPLICATION');
    const task = await openTaskOf(id, 'TAX');
    const caseDue = (await api('GET', `/applications/${id}`, 'applicant')).json.deadlines.review as string;

    // Two working days after the case's due date: the hourly sweep has run for every hour in between.
    cloud.clock.advanceTo(new Date(`${caseDue}T09:00:00+08:00`));
    await settle();
    cloud.clock.advanceTo(new Date(new Date(`${caseDue}T09:00:00+08:00`).getTime() + 4 * 24 * 3600_000));
    await settle();
    await freshTokens();

    const overdue = await eventually('the overdue list', async () => {
      await settle();
      const items = (await api('GET', '/supervision/overdue?department=TAX', 'supervisor')).json.items as any[];
      return items.some((w) => w.caseId === id && w.kind === 'case') && items.some((w) => w.subjectId === task.id)
        ? items
        : undefined;
    });
    expect(overdue.filter((w) => w.caseId === id).every((w) => w.department === 'TAX' && w.level === 'red')).toBe(true);
    expect(((await api('GET', '/supervision/overdue', 'PSB')).json.items as any[]).some((w) => w.caseId === id)).toBe(
      false,
    );

    const escalations = (await inbox('TAX')).items.filter(
      (m) => m.detailType === 'Supervision.DeadlineOverdue.v1' && m.caseNumber === number,
    );
    expect(escalations.length).toBeGreaterThanOrEqual(1);
    expect(outboxFiles('email').some((text) => text.includes('head@tax.example.gov.cn') && text.includes(number))).toBe(
      true,
    );
    expect(outboxFiles('sms').some((text) => text.includes('13900139000') && text.includes(number))).toBe(true);

    // The supervisor's warning list and the overdue list never hold the same watch.
    const warnings = (await api('GET', '/supervision/warnings?department=TAX', 'supervisor')).json.items as any[];
    expect(warnings.some((w) => w.caseId === id)).toBe(false);
  });
});

describe('analytics', () => {
  const stats = async (groupBy: string, on = today()) =>
    (await api('GET', `/stats?from=${on}&to=${on}&groupBy=${groupBy}`, 'supervisor')).json.rows as any[];

  it('statistics for a day of 50 cases across 3 matters add up', async () => {
    const plan: MatterCode[] = Array.from(
      { length: 50 },
      (_, i) => (['INVOICE-APPLICATION', 'SEAL-FILING', 'SOCIAL-INSURANCE-REGISTRATION'] as const)[i % 3]!,
    );
    const before = await stats('matter');
    for (let i = 0; i < plan.length; i += 5) await Promise.all(plan.slice(i, i + 5).map((m) => acceptedCase(m)));
    await settle();

    const rows = await eventually('the day’s counters', async () => {
      await settle();
      const now = await stats('matter');
      const total = now.reduce((sum, r) => sum + r.submitted, 0) - before.reduce((sum, r) => sum + r.submitted, 0);
      return total === 50 ? now : undefined;
    });
    const sent = (m: MatterCode) => plan.filter((p) => p === m).length;
    for (const matter of Object.keys(MATTERS) as MatterCode[]) {
      const was = before.find((r) => r.matter === matter)?.submitted ?? 0;
      expect([matter, rows.find((r) => r.matter === matter)!.submitted - was]).toEqual([matter, sent(matter)]);
    }
    const [total] = await stats('');
    expect(total.submitted).toBe(rows.reduce((sum, r) => sum + r.submitted, 0));
    expect(total.accepted).toBe(rows.reduce((sum, r) => sum + r.accepted, 0));
  });

  it('leaves every counter as once when the same event is delivered twice', async () => {
    const { id } = await acceptedCase('SEAL-FILING');
    await settle();
    const before = await stats('matter,department,channel');
    const inboxBefore = (await inbox('applicant')).items.length;
    const submitted = cloud.bus.archive.find(
      (e) => e['detail-type'] === 'Application.Submitted.v1' && e.detail.caseId === id,
    )!;
    expect(submitted).toBeDefined();
    // The same event again, as an at-least-once relay would put it: a new envelope, the same detail (and eventId).
    const put = await eventBridgeClient().send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: cloud.env.EVENT_BUS_NAME,
            Source: submitted.source,
            DetailType: submitted['detail-type'],
            Detail: JSON.stringify(submitted.detail),
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await settle();
    expect(await stats('matter,department,channel')).toEqual(before);
    expect((await inbox('applicant')).items.length).toBe(inboxBefore);
  });
});

describe('好差评: a bad rating', () => {
  it('opens a rectification task for the case’s department, which counts in the statistics', async () => {
    const { id } = await acceptedCase('SEAL-FILING');
    await approved(id, 'PSB');
    const rated = await api('POST', `/applications/${id}/rating`, 'applicant', {
      ability: 4,
      attitude: 1,
      effect: 2,
      comment: '窗口态度差',
    });
    expect(rated.status).toBe(201);
    expect(rated.json.rectification).toMatchObject({ status: 'open', department: 'PSB' });
    await settle();
    const open = (await api('GET', '/rectifications?status=open', 'PSB')).json.items as any[];
    expect(open.some((r) => r.caseId === id)).toBe(true);
    const [psb] = (
      await api('GET', `/stats?from=${today()}&to=${today()}&groupBy=department`, 'supervisor')
    ).json.rows.filter((r: any) => r.department === 'PSB');
    expect(psb.badRatings).toBeGreaterThanOrEqual(1);
    expect(psb.rectificationsOpened).toBeGreaterThanOrEqual(1);
    expect((await inbox('PSB')).items.some((m) => m.detailType === 'Rectification.Opened.v1' && m.caseId === id)).toBe(
      true,
    );
  });
});
