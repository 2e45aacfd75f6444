import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../events';
import type { StoreWrite } from '../store-write';
import { ConcurrentChangeError } from '../errors';
import type { DepartmentTask } from '../workflow/task';
import { type Actor, type CaseAction, type HistoryEntry, nextEntry } from './case';
import type { ApplicationDeps, CaseCommit, IdempotencyRecord } from './ports';
import type { CaseRecord } from './model';

export const actorOf = (p: Pick<Principal, 'sub' | 'role'>): Actor => ({ sub: p.sub, role: p.role });
export const SYSTEM: Actor = { sub: 'system', role: 'system' };

export interface CaseChange {
  readonly action: CaseAction;
  readonly actor: Actor;
  readonly reason?: string;
  readonly data?: Record<string, unknown>;
  readonly patch?: Partial<CaseRecord>;
}

export interface ApplyOptions {
  idempotency?: (after: CaseRecord) => IdempotencyRecord;
  tasks?: readonly { before?: DepartmentTask; after: DepartmentTask }[];
  /** Other items (each with its own condition) committed in the same transaction as the case. */
  items?: readonly StoreWrite[];
}

/**
 * The change of a case as one commit: its new history entries (each checked against the transition table), the
 * projection after them, its events and other items. Nothing is written; `apply` or a multi-case commit writes it.
 */
export function prepare(
  record: CaseRecord,
  changes: readonly CaseChange[],
  at: string,
  events: readonly OutboxEvent[] = [],
  options: ApplyOptions = {},
): CaseCommit {
  const entries: HistoryEntry[] = [];
  let after = record;
  let previous: HistoryEntry | undefined = { seq: record.seq, hash: record.lastHash } as HistoryEntry;
  for (const change of changes) {
    const entry = nextEntry(previous, after.status, { ...change, at });
    entries.push(entry);
    previous = entry;
    after = {
      ...after,
      ...change.patch,
      status: entry.to ?? after.status,
      seq: entry.seq,
      lastHash: entry.hash,
      updatedAt: at,
    };
  }
  return {
    before: record,
    after,
    entries,
    events,
    ...(options.idempotency ? { idempotency: options.idempotency(after) } : {}),
    ...(options.tasks ? { tasks: options.tasks } : {}),
    ...(options.items?.length ? { items: options.items } : {}),
  };
}

/**
 * Applies history entries to a case, with its events (outbox) and task changes, in one transaction. The case's
 * sequence number guards the whole change: a concurrent change makes it fail with ConflictError, never half-apply.
 */
export async function apply(
  record: CaseRecord,
  changes: readonly CaseChange[],
  deps: Pick<ApplicationDeps, 'cases' | 'now'>,
  events: readonly OutboxEvent[] = [],
  options: ApplyOptions = {},
): Promise<CaseRecord> {
  const change = prepare(record, changes, deps.now().toISOString(), events, options);
  await deps.cases.commit(change);
  return change.after;
}

/** DynamoDB's limit on the items of one transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

/** The items a case commit writes (the case, its entries, events, tasks and other items; a new case's pointers are not counted). */
export const itemsOfCommit = (c: CaseCommit) =>
  1 + c.entries.length + c.events.length + (c.tasks?.length ?? 0) + (c.items?.length ?? 0) + (c.idempotency ? 1 : 0);

/**
 * Commits the changes of several cases in as few transactions as DynamoDB allows (100 items each): in one, all or
 * nothing, whenever they fit (a bundle's members always do).
 */
export async function commitTogether(
  commits: readonly CaseCommit[],
  deps: Pick<ApplicationDeps, 'cases'>,
): Promise<void> {
  let batch: CaseCommit[] = [];
  let size = 0;
  for (const commit of commits) {
    const n = itemsOfCommit(commit);
    if (batch.length > 0 && size + n > MAX_TRANSACTION_ITEMS) {
      await deps.cases.commitAll(batch);
      batch = [];
      size = 0;
    }
    batch.push(commit);
    size += n;
  }
  if (batch.length > 0) await deps.cases.commitAll(batch);
}

/** A case event: the contract's own fields plus the dimensions every case event carries. */
export function caseEvent(
  contract: { source: string; detailType: string; detail: { parse(v: unknown): unknown } },
  record: CaseRecord,
  at: string,
  data: Record<string, unknown>,
): OutboxEvent {
  const eventId = randomUUID();
  const detail = contract.detail.parse({
    eventId,
    occurredAt: at,
    caseId: record.id,
    caseNumber: record.number,
    matterCode: record.matterCode,
    matterVersion: record.matterVersion,
    regionCode: record.regionCode,
    department: record.department,
    channel: record.channel,
    applicantSub: record.applicant.sub,
    ...(record.kind === 'bundle' ? { kind: 'bundle' } : {}),
    ...(record.parent ? { parentCaseId: record.parent.caseId } : {}),
    ...data,
  }) as Record<string, unknown>;
  return { eventId, source: contract.source, detailType: contract.detailType, detail, occurredAt: at };
}

/**
 * Runs a read-modify-write again when another writer got there first (parallel tasks of one case write the same
 * case item). Each attempt re-reads, so a change that is no longer allowed fails with its own error.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}
