import type { StoreWrite } from '../store-write';

/**
 * The workflow context's ports: the post-checks of 告知承诺制 (their store, and the licence register's revocation),
 * and the workflow engine that waits on task tokens. The use cases of workflow/ are otherwise given ApplicationDeps
 * (applications/ports.ts).
 */
export const POST_CHECK_RESULTS = ['true', 'false'] as const;
export type PostCheckResult = (typeof POST_CHECK_RESULTS)[number];

export interface PostCheck {
  /** `<caseId>.C`: one per case. */
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly matterCode: string;
  readonly matterVersion: number;
  readonly regionCode: string;
  readonly department: string;
  readonly status: 'open' | 'done';
  /** The materials the commitment replaced (their codes). */
  readonly materials: readonly string[];
  readonly openedAt: string;
  readonly startDate: string;
  readonly dueDate: string;
  /** The due date falls in a year whose holiday notice was not loaded yet: counted Monday to Friday for now. */
  readonly provisional?: boolean;
  readonly days: number;
  readonly result?: PostCheckResult;
  readonly reason?: string;
  readonly recordedAt?: string;
  readonly recordedBy?: string;
  readonly onTime?: boolean;
  readonly licenceNo?: string;
}

export interface PostCheckStore {
  /** The item to write in the case's own transaction: new, or the open check (conditional on it being open). */
  put(check: PostCheck, expect: 'new' | 'open'): StoreWrite;
  get(id: string): Promise<PostCheck | undefined>;
  /** A department's checks (or every department's), earliest due first. */
  list(query: {
    status: PostCheck['status'];
    department?: string;
    limit: number;
    cursor?: string;
  }): Promise<{ items: PostCheck[]; nextCursor?: string }>;
}

/** Resumes or fails a waiting state machine task; 'gone' when the token no longer waits (answered, timed out). */
export interface WorkflowEngine {
  taskSuccess(token: string, output: unknown): Promise<'done' | 'gone'>;
  taskFailure(token: string, error: string, cause: string): Promise<'done' | 'gone'>;
}

/** What revoking a licence needs: the licence register's revocation, idempotent when it is revoked already. */
export interface LicenceRevoker {
  revoke(licenceNo: string, reason: string): Promise<void>;
}
