import type { FormField } from '../catalogue/form';
import type { LicenceType } from '../catalogue/model';
import type { OutboxEvent } from '../events';
import type { ContentChoices, ContentValue } from './credential';
import type { LicenceJwks } from './jwks';
import type { LicenceSigner } from './signer';
import type { StatusBitstring, StatusPurpose } from './status-list';

/**
 * The licence register's ports: its store and the dependencies of its use cases, with the record the store keeps
 * (the signed credential and what the platform knows of the licence now). register.ts re-exports them.
 */
export type LicenceState = 'valid' | 'suspended' | 'revoked' | 'superseded';

export interface LicenceRecord {
  readonly licenceNo: string;
  readonly version: number;
  readonly type: string;
  readonly typeName: string;
  readonly issuingDepartment: string;
  /** P#<ID number> or E#<统一社会信用代码>: the same key as a case's owner. */
  readonly holderKey: string;
  readonly holderName: string;
  readonly content: Readonly<Record<string, ContentValue>>;
  /** Codes and labels of the content chosen from the form (as in the credential); absent in older licences. */
  readonly contentChoices?: ContentChoices;
  /** 告知承诺制: issued on the holder's written commitment (its case's post-check may revoke it). */
  readonly issuedOnCommitment?: boolean;
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly state: LicenceState;
  readonly statusIndex: number;
  /** The vc+jwt. */
  readonly credential: string;
  readonly issuedAt: string;
  readonly caseId?: string;
  readonly imported?: boolean;
  readonly documentKey?: string;
  readonly lastAnnualCheck?: string;
  readonly reason?: string;
  /** Licence.Expired.v1 was published. */
  readonly expiredAnnounced?: boolean;
  /** Optimistic concurrency. */
  readonly revision: number;
}

export interface LicenceStore {
  get(licenceNo: string): Promise<LicenceRecord | undefined>;
  /** Creates (no `before`) or replaces (conditional on `before.revision`) the record, with its events, in one transaction. */
  save(change: { before?: LicenceRecord; after: LicenceRecord; events: readonly OutboxEvent[] }): Promise<void>;
  listByHolder(
    holderKey: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: LicenceRecord[]; nextCursor?: string }>;
  /** Reserves an index of a status list; false when taken. */
  reserveStatusIndex(index: number): Promise<boolean>;
  /** The bits of a status list and the revision they were read at. */
  readStatusList(purpose: StatusPurpose): Promise<{ list: StatusBitstring; revision: number }>;
  writeStatusList(purpose: StatusPurpose, list: StatusBitstring, revision: number): Promise<void>;
  putDocument(key: string, pdf: Uint8Array): Promise<void>;
  presignDocument(key: string, fileName: string, expiresInSeconds: number): Promise<{ url: string; expiresAt: string }>;
}

export interface LicenceDeps {
  readonly store: LicenceStore;
  readonly signer: LicenceSigner;
  readonly retiredKeys?: LicenceJwks['keys'];
  readonly holderIdKey: Uint8Array;
  readonly publicApiUrl: string;
  /** The online service hall, where a licence's QR code leads; without it, the API's origin serves the page too. */
  readonly publicWebUrl?: string;
  readonly licenceTypes: (code: string) => Promise<LicenceType>;
  readonly departmentName: (code: string) => Promise<string>;
  /** The 行政区划代码 of a department (for licence numbers). */
  readonly departmentRegion: (code: string) => Promise<string>;
  readonly now: () => Date;
  readonly render?: (record: LicenceRecord) => Promise<Uint8Array>;
  /** The form the licence's case was decided on (its pinned version): older licences' choices are read from it. */
  readonly formOf?: (record: Pick<LicenceRecord, 'caseId'>) => Promise<readonly FormField[] | undefined>;
}

/**
 * Public verification (no login) with only what it needs: the register's records and status bits, the published
 * keys, the licence types and, for licences issued before choices were kept, their case's pinned form. No signer,
 * no holder key, no secrets: the function that serves it cannot sign anything.
 */
export interface PublicVerificationDeps {
  readonly store: Pick<LicenceStore, 'get' | 'readStatusList'>;
  /** The JWKS: the current key's public half and the retired keys. */
  readonly jwks: () => Promise<LicenceJwks>;
  readonly publicApiUrl: string;
  readonly now: () => Date;
  readonly licenceTypes: (code: string) => Promise<LicenceType>;
  readonly formOf?: (record: Pick<LicenceRecord, 'caseId'>) => Promise<readonly FormField[] | undefined>;
}

/** A signed status list as stored: the vc+jwt, its validity, and the revision of the bits it was signed from. */
export interface PublishedStatusList {
  readonly jwt: string;
  readonly validUntil: string;
  readonly revision: number;
  readonly signedAt: string;
}

/** Where signed lists are kept (the licences bucket under `status-lists/` in AWS and in the local cloud). */
export interface StatusListPublications {
  read(id: string): Promise<PublishedStatusList | undefined>;
  write(id: string, list: PublishedStatusList): Promise<void>;
}

/** What the status-list publisher (status-list-publication.ts) needs: the bits, the signing key, the store of lists. */
export interface StatusListPublisherDeps {
  readonly store: Pick<LicenceStore, 'readStatusList'>;
  readonly signer: LicenceSigner;
  readonly publications: StatusListPublications;
  readonly publicApiUrl: string;
  readonly now: () => Date;
}
