import type { CaseStatus } from './case';

/** An uploaded file that passed the platform's checks (type by magic bytes, size, checksum). */
export interface StoredFile {
  readonly uploadId: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: string;
}

export interface MaterialRecord {
  readonly files: readonly StoredFile[];
  /** 免证: a licence of the type the matter accepts instead of an upload; checked against the licence register. */
  readonly licenceNo?: string;
}

export interface CorrectionItem {
  readonly target: 'material' | 'field';
  readonly code: string;
  readonly message: string;
}

/** The current state of a case (its projection); the history is the record of how it got there. */
export interface CaseRecord {
  readonly id: string;
  readonly number: string;
  readonly matterCode: string;
  readonly matterVersion: number;
  readonly regionCode: string;
  readonly department: string;
  readonly channel: 'online';
  readonly status: CaseStatus;
  /** Sequence number of the last history entry (optimistic concurrency) and its hash (the chain's head). */
  readonly seq: number;
  readonly lastHash: string;
  readonly ownerKey: string;
  /** `sub` is the applicant's own subject, also when an agent started the case (from the authorisation). */
  readonly applicant: { readonly type: 'citizen' | 'enterprise'; readonly sub: string; readonly name?: string };
  readonly agentSub?: string;
  readonly form: Record<string, unknown>;
  readonly materials: Readonly<Record<string, MaterialRecord>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt?: string;
  readonly acceptanceDue?: string;
  readonly acceptedAt?: string;
  readonly tolerated?: readonly string[];
  readonly corrections?: readonly CorrectionItem[];
  /** Departments that review the case (from the pinned procedure), set at acceptance. */
  readonly departments?: readonly string[];
  /** Drafts expire when abandoned (epoch seconds; DynamoDB TTL removes them, reads ignore them before that). */
  readonly expiresAt?: number;
}

/** An agent's written authorisation (委托书) to act for a citizen or an enterprise. */
export interface Authorisation {
  readonly principalKey: string;
  readonly principalSub: string;
  readonly agentSub: string;
  /** Matter codes, or ['*'] for all. */
  readonly matters: readonly string[];
  readonly until: string;
  readonly createdAt: string;
}

/** A pending upload slot, between the presigned POST and its confirmation. */
export interface PendingUpload {
  readonly caseId: string;
  readonly uploadId: string;
  readonly material: string;
  readonly key: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
}
