import type { Principal } from '../../../shared/auth/principal';
import type { ApplicationDeps } from '../../../shared/domain/applications/ports';
import { SHIPPED_CALENDARS } from '../../../shared/domain/calendar/holidays';
import { toShanghaiDate, WorkingDayCalendar } from '../../../shared/domain/calendar/working-days';
import { InMemoryAttachmentStore } from './attachments';
import { InMemoryCaseStore } from './case-store';
import { demoTemplateReader } from './catalogue';
import { InMemoryLicenceRegister, InMemoryPostCheckStore, InMemoryProvisionalIndex } from './side-stores';
import { RecordingWorkflowEngine } from './workflow-engine';

/** A clock the test moves by hand. */
export class ManualClock {
  #now: Date;
  constructor(start: string) {
    this.#now = new Date(start);
  }
  readonly now = (): Date => new Date(this.#now);
  set(instant: string): void {
    this.#now = new Date(instant);
  }
}

/**
 * Everything the applications and workflow use cases are given (ApplicationDeps), in memory, over the demo catalogue
 * and the shipped holiday calendars, with the default limits of application-deps.ts (30-day drafts, 5 working days
 * for acceptance, a 10-day extension). The clock starts on Monday 2 March 2026, 09:00 in Shanghai.
 */
export function inMemoryWorld(start = '2026-03-02T01:00:00Z') {
  const clock = new ManualClock(start);
  const cases = new InMemoryCaseStore();
  const attachments = new InMemoryAttachmentStore(clock.now);
  const licences = new InMemoryLicenceRegister();
  const postChecks = new InMemoryPostCheckStore();
  const provisional = new InMemoryProvisionalIndex();
  const calendar = new WorkingDayCalendar(SHIPPED_CALENDARS);
  const deps: ApplicationDeps = {
    cases,
    matters: demoTemplateReader(() => toShanghaiDate(clock.now())),
    calendar: async () => calendar,
    attachments,
    now: clock.now,
    draftTtlDays: 30,
    acceptanceDays: 5,
    extensionDays: 10,
    licences,
    postChecks,
    provisional,
  };
  return { deps, clock, cases, attachments, licences, postChecks, provisional, engine: new RecordingWorkflowEngine() };
}
export type InMemoryWorld = ReturnType<typeof inMemoryWorld>;

/** The demo enterprise (its 统一社会信用代码 is test/support/food-case.ts's USCC) and the staff of 福州 (350100). */
export const PRINCIPALS = {
  enterprise: { sub: 'ent-1', role: 'applicant', uscc: '91350100M000100Y43', name: '福州市鼓楼区榕城小吃店' },
  otherEnterprise: { sub: 'ent-2', role: 'applicant', uscc: '91350100MA2Y0K0Q3K' },
  agent: { sub: 'agent-7', role: 'agent' },
  window: { sub: 'window-1', role: 'window', region: '350100' },
  otherWindow: { sub: 'window-2', role: 'window', region: '350100' },
  farWindow: { sub: 'window-9', role: 'window', region: '110000' },
  supervisor: { sub: 'sup-1', role: 'supervisor', region: '350100' },
  samr: { sub: 'staff-SAMR', role: 'department', department: 'SAMR', name: 'SAMR 审批员' },
  samrColleague: { sub: 'staff-SAMR-2', role: 'department', department: 'SAMR' },
  health: { sub: 'staff-HEALTH', role: 'department', department: 'HEALTH' },
  urban: { sub: 'staff-URBAN', role: 'department', department: 'URBAN' },
} as const satisfies Record<string, Principal>;
