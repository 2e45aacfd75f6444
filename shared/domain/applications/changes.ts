import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal';
import type { OutboxEvent } from '../../adapters/outbox';
import type { TransactItem } from '../../adapters/event-ledger';
import { ConcurrentChangeError } from '../errors';
import type { DepartmentTask } from '../workflow/task';
import { type Actor, type CaseAction, type HistoryEntry, nextEntry } from './case';
import type { ApplicationDeps, CaseCommit, IdempotencyRecord } from './commands';
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

/**
 * Applies history entries to a case, with its events (outbox) and task changes, in one transaction. The case's
 * sequence number guards the whole change: a concurrent change makes it fail with ConflictError, never half-apply.
 */
export async function apply(
  record: CaseRecord,
  changes: readonly CaseChange[],
  deps: Pick<ApplicationDeps, 'cases' | 'now'>,
  events: readonly OutboxEvent[] = [],
  options: {
    idempotency?: (after: CaseRecord) => IdempotencyRecord;
    tasks?: readonly { before?: DepartmentTask; after: DepartmentTask }[];
    /** Other items (each with its own condition) committed in the same transaction as the case. */
    items?: readonly TransactItem[];
  } = {},
): Promise<CaseRecord> {
  const at = deps.now().toISOString();
  const entries: HistoryEntry[] = [];
  let after = record;
  let previous: HistoryEntry | undefined = { seq: record.seq, hash: record.lastHash } as HistoryEntry;
  for (const change of changes) {
    const entry = nextEntry(previous, after.status, { ...change, at });
    entries.push(entry);
    previous = entry;
    after = { ...after, ...change.patch, status: entry.to ?? after.status, seq: entry.seq, lastHash: entry.hash, updatedAt: at };
  }
  const change: CaseCommit = {
    before: record,
    after,
    entries,
    events,
    ...(options.idempotency ? { idempotency: options.idempotency(after) } : {}),
    ...(options.tasks ? { tasks: options.tasks } : {}),
    ...(options.items?.length ? { items: options.items } : {}),
  };
  await deps.cases.commit(change);
  return after;
}

/** A case event: the contract's own fields plus the dimensions every case event carries. */
export function caseEvent(contract: { source: string; detailType: string; detail: { parse(v: unknown): unknown } }, record: CaseRecord, at: string, data: Record<string, unknown>): OutboxEvent {
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
