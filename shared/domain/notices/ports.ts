import type { CaseStore } from '../applications/ports';
import type { TemplateReader } from '../applications/template';
import type { WorkingDayCalendar } from '../calendar/working-days';

/** What the notices (notices.ts) read: the case and its history, its matter, the calendar, department names. */
export interface NoticeDeps {
  readonly cases: Pick<CaseStore, 'get' | 'history' | 'getAuthorisation'>;
  readonly now: () => Date;
  readonly matters: TemplateReader;
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly departmentName: (code: string) => Promise<string>;
  /** The case's page in the online hall (`${PUBLIC_WEB_URL ?? PUBLIC_API_URL}/cases/<id>`), which the QR code carries. */
  readonly caseUrl: (caseId: string) => string;
}
