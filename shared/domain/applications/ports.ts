import type { StoreWrite } from '../store-write';
import type { OutboxEvent } from '../events';
import type { ProvisionalIndex } from '../calendar/ports';
import type { WorkingDayCalendar } from '../calendar/working-days';
import type { LicenceStore } from '../licences/ports';
import type { PostCheckStore } from '../workflow/ports';
import type { DepartmentTask, TaskStatus } from '../workflow/task';
import type { AttachmentStore } from './attachment-port';
import type { HistoryEntry } from './case';
import type { Authorisation, CaseRecord, PendingUpload } from './model';
import type { TemplateReader } from './template';

/**
 * The applications context's ports: the case store and everything a use case of applications/ and workflow/ is
 * given (ApplicationDeps).
 */
export interface IdempotencyRecord {
  readonly key: string;
  readonly sub: string;
  readonly requestHash: string;
  readonly caseId: string;
  readonly response: unknown;
}

/** Storage of cases; every change is one transaction: the case, its new history entries, its events (outbox). */
export interface CaseCommit {
  readonly before?: CaseRecord;
  readonly after: CaseRecord;
  readonly entries: readonly HistoryEntry[];
  readonly events: readonly OutboxEvent[];
  readonly idempotency?: IdempotencyRecord;
  readonly tasks?: readonly { before?: DepartmentTask; after: DepartmentTask }[];
  readonly items?: readonly StoreWrite[];
}

/** A step that failed after its retries, as recorded on its case (the cause is not kept: it may hold personal data). */
export interface StepFailureMarker {
  readonly caseId: string;
  readonly step: string;
  readonly error: string;
  /** The case's seq and status when the step failed. */
  readonly seq: number;
  readonly status: string;
  readonly at: string;
}

export interface CaseStore {
  /** A readable, date-ordered case number from a sharded daily counter (no single hot item). */
  nextNumber(regionCode: string, date: string): Promise<string>;
  get(id: string): Promise<CaseRecord | undefined>;
  history(id: string): Promise<HistoryEntry[]>;
  /**
   * `tasks` are written in the same transaction, each conditional on its previous version (or on not existing);
   * `items` are other items of the same change (e.g. a bad rating's rectification), so neither exists without the other.
   */
  commit(change: CaseCommit): Promise<void>;
  /** Changes of several cases in one transaction (e.g. 一窗出件 of a bundle's members): all of them or none; at most 100 items. */
  commitAll(changes: readonly CaseCommit[]): Promise<void>;
  /**
   * The write that marks a state machine step as failed on a case, once per step and case state (a second marker of
   * the same step and seq fails its condition), for the failure's commit.
   */
  stepFailureMarker(failure: StepFailureMarker): StoreWrite;
  getTask(id: string): Promise<DepartmentTask | undefined>;
  /** A case's department tasks, stage by stage. */
  tasksOf(caseId: string): Promise<DepartmentTask[]>;
  /** A department's to-do list in one status, the earliest due date first. */
  listTasks(
    department: string,
    status: TaskStatus,
    limit: number,
    cursor?: string,
  ): Promise<{ items: DepartmentTask[]; nextCursor?: string }>;
  /** Replaces a task's token alone (a re-opened wait); conditional on its version. */
  putTask(change: { before: DepartmentTask; after: DepartmentTask }): Promise<void>;
  getIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined>;
  listByOwner(ownerKey: string, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  listByAgent(agentSub: string, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  /** 窗口收件: the walk-in cases a window officer registered, newest first. */
  listByIntakeOfficer(
    officerSub: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  /** The cases created on a day (YYYY-MM-DD, Asia/Shanghai), newest first. */
  listByDay(date: string, limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  /** The cases whose extension (延期) waits for a decision, newest request first. */
  listPendingExtensions(limit: number, cursor?: string): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  /** Cases waiting for a window decision, the most urgent acceptance deadline first; `dueBefore` for the sweep. */
  listAcceptanceQueue(
    limit: number,
    cursor?: string,
    dueBefore?: string,
  ): Promise<{ items: CaseRecord[]; nextCursor?: string }>;
  putUpload(upload: PendingUpload): Promise<void>;
  getUpload(caseId: string, uploadId: string): Promise<PendingUpload | undefined>;
  deleteUpload(caseId: string, uploadId: string): Promise<void>;
  getAuthorisation(principalKey: string, agentSub: string): Promise<Authorisation | undefined>;
  putAuthorisation(authorisation: Authorisation): Promise<void>;
  listAuthorisations(principalKey: string): Promise<Authorisation[]>;
  deleteAuthorisation(principalKey: string, agentSub: string): Promise<void>;
}

export interface ApplicationDeps {
  readonly cases: CaseStore;
  /** The pinned matter version, with its compiled form validator (cached by the catalogue reader). */
  readonly matters: TemplateReader;
  readonly calendar: () => Promise<WorkingDayCalendar>;
  readonly attachments: AttachmentStore;
  readonly now: () => Date;
  readonly draftTtlDays: number;
  /** Working days the window has to decide on acceptance before the case counts as accepted (行政许可法 art. 32). */
  readonly acceptanceDays: number;
  /** Working days of the one extension (延期) a case may get (行政许可法 art. 42). */
  readonly extensionDays: number;
  /** The licence register, for 免证 (a licence instead of a material). */
  readonly licences: Pick<LicenceStore, 'get'>;
  /** 告知承诺制: the post-checks that follow decisions made on commitment. */
  readonly postChecks: PostCheckStore;
  /** Cases with a deadline counted Monday to Friday in a year whose holiday notice is not loaded (re-dated when it is). */
  readonly provisional?: ProvisionalIndex;
}
