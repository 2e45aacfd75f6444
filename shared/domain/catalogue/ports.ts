import type { CompressionRule } from '../analytics/compression';
import type { YearCalendar } from '../calendar/working-days';
import type { OutboxEvent } from '../events';
import type { CatalogueVersion, Department, EntryKind, LicenceType, MatterContent } from './model';

/** One audited change: who did what to which entry, when. */
export interface AuditEntry {
  readonly entity: string;
  readonly action: string;
  readonly actor: string;
  readonly at: string;
  readonly detail?: Record<string, unknown>;
}

export interface EntryHead {
  readonly latestVersion: number;
  readonly publishedVersion?: number;
}

/** The catalogue's storage port; every write carries its audit entry and happens in one transaction with it. */
export interface CatalogueStore {
  /** Moves on every change; readers cache the published catalogue until it does. */
  revision(): Promise<number>;
  head(kind: EntryKind, code: string): Promise<EntryHead | undefined>;
  getVersion(kind: EntryKind, code: string, version: number): Promise<CatalogueVersion | undefined>;
  listVersions(kind: EntryKind, code: string): Promise<CatalogueVersion[]>;
  /** Creates the version after `previousLatest` (0 for a new entry); ConflictError if another writer got there first. */
  createVersion(version: CatalogueVersion, previousLatest: number, audit: AuditEntry): Promise<void>;
  /** Replaces a version if it still has `expectedUpdatedAt`; `retiring` is the previously published version. */
  saveVersion(
    version: CatalogueVersion,
    expectedUpdatedAt: string,
    audit: AuditEntry,
    retiring?: CatalogueVersion,
  ): Promise<void>;
  listPublished(kind: EntryKind): Promise<CatalogueVersion[]>;
  /** Every entry of a kind, drafts included, with its head and latest version, by code. */
  listEntries(kind: EntryKind): Promise<(EntryHead & { code: string; latest: CatalogueVersion })[]>;
  getDepartment(code: string): Promise<Department | undefined>;
  putDepartment(department: Department, audit: AuditEntry): Promise<void>;
  listDepartments(): Promise<Department[]>;
  getLicenceType(code: string): Promise<LicenceType | undefined>;
  putLicenceType(licenceType: LicenceType, audit: AuditEntry): Promise<void>;
  listLicenceTypes(): Promise<LicenceType[]>;
  getCalendar(year: number): Promise<YearCalendar | undefined>;
  /** With Calendar.Loaded.v1 in the same transaction (the outbox), so re-dating follows every load. */
  putCalendar(calendar: YearCalendar, audit: AuditEntry, event?: OutboxEvent): Promise<void>;
  listCalendars(): Promise<YearCalendar[]>;
  listAudit(
    entity: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<{ items: AuditEntry[]; nextCursor?: string }>;
}

export interface CatalogueDeps {
  readonly store: CatalogueStore;
  readonly now: () => Date;
  /** The region's compression rule, checked when a matter is published (the stage setting; the seed passes none). */
  readonly compressionRule?: CompressionRule;
}

/** What the publish check needs to know about the rest of the catalogue. */
export interface CatalogueLookups {
  department(code: string): Promise<Department | undefined>;
  licenceType(code: string): Promise<LicenceType | undefined>;
  publishedMatter(code: string): Promise<MatterContent | undefined>;
}
