import type { OutboxEvent } from '../events';
import type { StoreWrite } from '../store-write';
import type { ApplicationDeps, CaseStore } from '../applications/ports';
import type { CaseRecord } from '../applications/model';
import type { ProvisionalIndex } from '../calendar/ports';
import type { Department, MatterContent } from '../catalogue/model';
import type { Complaint, ListQuery, Page, Rectification } from './model';

export interface EngagementStore {
  /** The transaction item that writes a rectification: a new one, or an answer conditional on it being open. */
  rectificationPut(rectification: Rectification, expect: 'new' | 'open'): StoreWrite;
  getRectification(id: string): Promise<Rectification | undefined>;
  listRectifications(query: ListQuery): Promise<Page<Rectification>>;
  /** Writes a complaint with its event, or its answer (conditional on it being open) with its event, in one transaction. */
  putComplaint(complaint: Complaint, expect: 'new' | 'open', event: OutboxEvent): Promise<void>;
  getComplaint(id: string): Promise<Complaint | undefined>;
  listComplaints(query: ListQuery): Promise<Page<Complaint>>;
}

export interface EngagementDeps extends Pick<ApplicationDeps, 'calendar' | 'now'> {
  readonly cases: CaseStore & { findByNumber(number: string): Promise<CaseRecord | undefined> };
  readonly engagement: EngagementStore;
  /** The published matter (for a complaint about a matter) and the departments (their regions). */
  readonly catalogue: {
    matter(code: string): Promise<{ content: Pick<MatterContent, 'department' | 'regionCode'> }>;
    departments(): Promise<Pick<Department, 'code' | 'regionCode'>[]>;
  };
  /** Working days a department has to answer a bad rating (差评整改) and a complaint. */
  readonly rectificationDays: number;
  readonly complaintDays: number;
  /** Where a provisional due date is listed for re-dating when its year's notice is loaded (calendar/redate.ts). */
  readonly provisional?: ProvisionalIndex;
}
