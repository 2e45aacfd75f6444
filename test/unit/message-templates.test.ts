import { ALL_EVENT_CONTRACTS } from '../../shared/contracts/all-events';
import { AUDIENCES, type Language, LANGUAGES } from '../../shared/domain/messaging/model';
import { messageId } from '../../shared/domain/messaging/notify';
import {
  fill,
  MESSAGE_TEMPLATES,
  NOTIFIED_CONTRACTS,
  placeholdersOf,
  render,
  templateFor,
} from '../../shared/domain/messaging/templates';
import { type EventNames, templateValues } from '../../shared/domain/messaging/values';
import { eventFixture } from '../fixtures/events';

/** The fixture of a contract; licence events have none in test/fixtures/events yet, so theirs is built here. */
function detailOf(detailType: string): Record<string, any> {
  if (detailType.startsWith('Licence.')) {
    return {
      eventId: `0c1d2e3f-4a5b-4c6d-8e7f-${detailType.length.toString().padStart(12, '0')}`,
      occurredAt: '2026-03-12T10:00:00+08:00',
      licenceNo: 'JY235010020260001',
      version: 2,
      licenceType: 'FOOD_BUSINESS_LICENCE',
      issuingDepartment: 'SAMR',
      holderType: 'enterprise',
      caseId: '3f9a2c4e-8b1d-4e6f-9a7c-2d5b8e1f4a60',
      reason: '以欺骗手段取得',
    };
  }
  return eventFixture(detailType);
}

const NAMES: EventNames = {
  matterName: { zh: '食品经营许可', en: 'Food business licence' },
  departmentNames: new Map([
    ['SAMR', { zh: '市场监督管理局', en: 'Administration for Market Regulation' }],
    ['HEALTH', { zh: '卫生健康委员会', en: 'Health Commission' }],
  ]),
  licenceTypeName: { zh: '食品经营许可证', en: 'Food business licence' },
  caseNumber: '350100-20260302-30007',
  hall: { name: '福州市行政服务中心', address: '福州市鼓楼区示例路1号' },
};
/** Values that are empty by design for some events (a note that applies only sometimes). */
const MAY_BE_EMPTY = new Set(['acceptedNote', 'caseNote', 'dueSoonNote']);
const CJK = /[\u4e00-\u9fff]/;

const texts = (detailType: string, language: Language) => {
  const t = MESSAGE_TEMPLATES[detailType]!;
  return [
    t.inbox[language].title,
    t.inbox[language].body,
    ...(t.sms ? [t.sms[language]] : []),
    ...(t.email ? [t.email[language].title, t.email[language].body] : []),
  ];
};

describe.each(NOTIFIED_CONTRACTS.map((c) => [c.detailType, c] as const))('the %s messages', (detailType, contract) => {
  const template = templateFor(detailType)!;

  it('name their audience and have every channel in Chinese and English, English without Chinese text', () => {
    expect(AUDIENCES).toContain(template.audience);
    for (const language of LANGUAGES) {
      for (const text of texts(detailType, language)) expect(text.trim()).not.toBe('');
    }
    for (const text of texts(detailType, 'zh')) expect(text).toMatch(CJK);
    for (const text of texts(detailType, 'en')) expect(text).not.toMatch(CJK);
  });

  it('use the same placeholders in both languages', () => {
    const [zh, en] = LANGUAGES.map((l) => texts(detailType, l).map((t) => placeholdersOf(t).sort()));
    expect(zh).toEqual(en);
  });

  it.each(LANGUAGES)('fill every placeholder from the event’s fixture (%s)', (language) => {
    const detail = detailOf(detailType);
    expect(contract.detail.safeParse(detail).success).toBe(true);
    const values = templateValues(detail, language, NAMES);
    for (const text of texts(detailType, language)) {
      for (const name of placeholdersOf(text)) {
        expect(values[name]).toBeDefined();
        if (!MAY_BE_EMPTY.has(name)) expect([name, values[name]]).not.toEqual([name, '']);
      }
      const filled = fill(text, values);
      expect(filled).not.toMatch(/\{\w+\}/);
    }
    for (const channel of ['inbox', 'sms', 'email'] as const) {
      const rendered = render(template, channel, language, values);
      if (channel === 'inbox') expect(rendered).toBeDefined();
      if (rendered) expect(`${rendered.title}${rendered.body}`).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('the template catalogue', () => {
  it('has a template for exactly the contracts it consumes, and every template belongs to a real contract', () => {
    const known = new Set(ALL_EVENT_CONTRACTS.map((c) => c.detailType));
    for (const detailType of Object.keys(MESSAGE_TEMPLATES))
      expect([detailType, known.has(detailType)]).toEqual([detailType, true]);
    expect(NOTIFIED_CONTRACTS.map((c) => c.detailType).sort()).toEqual(Object.keys(MESSAGE_TEMPLATES).sort());
  });

  it('covers every status change an applicant must hear of, and leaves out what is not theirs', () => {
    const notified = new Set(NOTIFIED_CONTRACTS.map((c) => c.detailType));
    const applicant = [
      'Application.Submitted.v1',
      'Application.CorrectionRequested.v1',
      'Application.Resubmitted.v1',
      'Application.Accepted.v1',
      'Application.Refused.v1',
      'Application.Withdrawn.v1',
      'Application.ReviewStarted.v1',
      'Task.Returned.v1',
      'Task.Suspended.v1',
      'Task.Resumed.v1',
      'Application.Extended.v1',
      'Application.Approved.v1',
      'Application.Rejected.v1',
      'Licence.Issued.v1',
      'Licence.Suspended.v1',
      'Licence.Revoked.v1',
      'Licence.Expired.v1',
      'Licence.Renewed.v1',
      'Licence.Changed.v1',
      'Rectification.Answered.v1',
    ];
    for (const t of applicant) expect([t, MESSAGE_TEMPLATES[t]?.audience]).toEqual([t, 'applicant']);
    for (const t of [
      'Task.Opened.v1',
      'Task.Escalated.v1',
      'Supervision.DeadlineWarning.v1',
      'Supervision.DeadlineOverdue.v1',
      'Rectification.Opened.v1',
      'Complaint.Received.v1',
    ]) {
      expect([t, MESSAGE_TEMPLATES[t]?.audience]).toEqual([t, 'department']);
    }
    expect(MESSAGE_TEMPLATES['Complaint.Answered.v1']?.audience).toBe('complainant');
    // The extension request goes to the windows, a decision to the workflow, an import has nobody to tell.
    for (const t of [
      'Application.ExtensionRequested.v1',
      'Task.Decided.v1',
      'Licence.Imported.v1',
      'Rating.Submitted.v1',
    ])
      expect(notified.has(t)).toBe(false);
  });

  it('wakes a department head by SMS only for escalations and overdue work, and never for a new to-do', () => {
    const channels = (t: string) =>
      ['sms', 'email'].filter((c) => MESSAGE_TEMPLATES[t]![c as 'sms' | 'email'] !== undefined);
    // A new to-do is e-mailed only when it arrives within its warning days (notify checks; see messaging.test.ts).
    expect(channels('Task.Opened.v1')).toEqual(['email']);
    expect(MESSAGE_TEMPLATES['Task.Opened.v1']!.emailWhenDueSoon).toBe(true);
    expect(Object.values(MESSAGE_TEMPLATES).filter((t) => t.emailWhenDueSoon)).toHaveLength(1);
    expect(channels('Task.Escalated.v1')).toEqual(['sms', 'email']);
    expect(channels('Supervision.DeadlineWarning.v1')).toEqual(['email']);
    expect(channels('Supervision.DeadlineOverdue.v1')).toEqual(['sms', 'email']);
    expect(channels('Rectification.Opened.v1')).toEqual(['email']);
    expect(channels('Complaint.Received.v1')).toEqual(['email']);
    expect(channels('Complaint.Answered.v1')).toEqual(['sms', 'email']);
  });

  it('tells the applicant of a resumed review only when the department ended a special procedure', () => {
    const when = MESSAGE_TEMPLATES['Task.Resumed.v1']!.when!;
    expect(when({ ...eventFixture('Task.Resumed.v1'), cause: 'department' })).toBe(true);
    expect(when({ ...eventFixture('Task.Resumed.v1'), cause: 'applicant' })).toBe(false);
  });
});

describe('rendering', () => {
  it('writes dates the Chinese way in Chinese, names the departments that rejected and why, and signs SMS', () => {
    const rejected = eventFixture('Application.Rejected.v1');
    const zh = render(
      MESSAGE_TEMPLATES['Application.Rejected.v1']!,
      'inbox',
      'zh',
      templateValues(rejected, 'zh', NAMES),
    )!;
    expect(zh.body).toContain('卫生健康委员会：从业人员健康证明已过期');
    expect(zh.body).toContain('食品经营许可');
    const en = render(
      MESSAGE_TEMPLATES['Application.Rejected.v1']!,
      'inbox',
      'en',
      templateValues(rejected, 'en', NAMES),
    )!;
    expect(en.body).toContain('Health Commission: 从业人员健康证明已过期');

    const extended = eventFixture('Application.Extended.v1');
    expect(
      render(MESSAGE_TEMPLATES['Application.Extended.v1']!, 'inbox', 'zh', templateValues(extended, 'zh', NAMES))!.body,
    ).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(
      render(MESSAGE_TEMPLATES['Application.Extended.v1']!, 'inbox', 'en', templateValues(extended, 'en', NAMES))!.body,
    ).toContain(extended.dueDate);

    const sms = render(
      MESSAGE_TEMPLATES['Application.Approved.v1']!,
      'sms',
      'zh',
      templateValues(eventFixture('Application.Approved.v1'), 'zh', NAMES),
    )!;
    expect(sms.body.startsWith('【一网通办】')).toBe(true);
    expect(render(MESSAGE_TEMPLATES['Task.Opened.v1']!, 'sms', 'zh', {})).toBeUndefined();
  });

  it('shows a code when the catalogue does not know the name, and says when an escalated task is overdue', () => {
    const escalated = eventFixture('Task.Escalated.v1');
    const values = templateValues(escalated, 'zh', { departmentNames: new Map() });
    expect(values.matterName).toBe(escalated.matterCode);
    expect(values.dueNote).toContain('已超过办理期限');
    expect(templateValues({ ...escalated, overdue: false }, 'en', { departmentNames: new Map() }).dueNote).toBe(
      `it is due on ${escalated.dueDate}`,
    );
  });

  it('refuses to send a text with a placeholder it cannot fill', () => {
    expect(() => fill('办件{caseNumber}的{nothing}', { caseNumber: 'X' })).toThrow('{nothing}');
  });
});

describe('message ids', () => {
  it('are the same for the same event, recipient and channel, differ otherwise, and sort by the event’s time', () => {
    const a = messageId('evt-1', '2026-03-04T10:15:00+08:00', 'sub-1', 'inbox');
    expect(messageId('evt-1', '2026-03-04T10:15:00+08:00', 'sub-1', 'inbox')).toBe(a);
    expect(a).toMatch(/^20260304021500000-[0-9a-f]{20}$/);
    expect(messageId('evt-1', '2026-03-04T10:15:00+08:00', 'sub-1', 'sms')).not.toBe(a);
    expect(messageId('evt-1', '2026-03-04T10:15:00+08:00', 'sub-2', 'inbox')).not.toBe(a);
    expect(messageId('evt-2', '2026-03-05T09:00:00+08:00', 'sub-1', 'inbox') > a).toBe(true);
  });
});
