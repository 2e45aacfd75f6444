import type { HistoryEntry } from '../../../shared/domain/applications/case';
import { MAX_TRANSACTION_ITEMS } from '../../../shared/domain/applications/changes';
import type { Authorisation, CaseRecord, PendingUpload } from '../../../shared/domain/applications/model';
import type {
  CaseCommit,
  CaseStore,
  IdempotencyRecord,
  StepFailureMarker,
} from '../../../shared/domain/applications/ports';
import { ConcurrentChangeError } from '../../../shared/domain/errors';
import type { OutboxEvent } from '../../../shared/domain/events';
import type { DepartmentTask, TaskStatus } from '../../../shared/domain/workflow/task';
import { pageOf } from './page';
import { inMemoryWrite, isInMemoryWrite, stored } from './writes';

/** One committed transaction: the cases it changed and the events it put in the outbox, in order. */
export interface CommittedTransaction {
  readonly caseIds: readonly string[];
  readonly events: readonly OutboxEvent[];
  readonly taskIds: readonly string[];
}

const newestFirst = (a: CaseRecord, b: CaseRecord) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`);

/**
 * The CaseStore port in memory, with the DynamoDB adapter's contract (shared/adapters/dynamo-case-store.ts):
 * - a commit is one transaction: the case (conditional on its `seq`, or on not existing), its history entries (each
 *   written once), its outbox events (each once), its tasks (conditional on their `version`, or on not existing), the
 *   idempotency record (written once) and the other stores' items (their own conditions). Every condition is checked
 *   first; one that fails throws ConcurrentChangeError and writes nothing.
 * - a transaction holds at most MAX_TRANSACTION_ITEMS items, counted as the adapter writes them.
 * - reads hand out copies without undefined attributes, as the document client does.
 * The outbox is kept in commit order (`events`, `transactions`) for tests to assert on.
 */
export class InMemoryCaseStore implements CaseStore {
  readonly #cases = new Map<string, CaseRecord>();
  readonly #history = new Map<string, HistoryEntry[]>();
  readonly #tasks = new Map<string, DepartmentTask>();
  readonly #idempotency = new Map<string, IdempotencyRecord>();
  readonly #uploads = new Map<string, PendingUpload>();
  readonly #authorisations = new Map<string, Authorisation>();
  readonly #counters = new Map<string, number>();
  readonly #outbox: OutboxEvent[] = [];
  readonly #transactions: CommittedTransaction[] = [];
  #beforeNextCommit: (() => Promise<void>) | undefined;

  /** Every event committed so far, in commit order. */
  get events(): readonly OutboxEvent[] {
    return this.#outbox;
  }

  /** Every transaction committed so far, in order. */
  get transactions(): readonly CommittedTransaction[] {
    return this.#transactions;
  }

  eventsOf(caseId: string): OutboxEvent[] {
    return this.#outbox.filter((e) => e.detail.caseId === caseId);
  }

  /** Everything stored, as a value: a test compares two snapshots to show that nothing changed. */
  snapshot() {
    return stored({
      cases: [...this.#cases.entries()],
      history: [...this.#history.entries()],
      tasks: [...this.#tasks.entries()],
      idempotency: [...this.#idempotency.entries()],
      outbox: this.#outbox,
    });
  }

  /**
   * Another writer's change, run once when the next commit starts (after the use case read what it read): the way
   * to make a use case's write meet a stale version, as two officers deciding at once would.
   */
  beforeNextCommit(competingChange: () => Promise<void>): void {
    this.#beforeNextCommit = competingChange;
  }

  async nextNumber(regionCode: string, date: string): Promise<string> {
    // One shard (0) instead of the adapter's ten random ones: the same shape, and predictable numbers.
    const key = `${regionCode}#${date}`;
    const n = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, n);
    return `${regionCode}-${date}-0${String(n).padStart(4, '0')}`;
  }

  async get(id: string): Promise<CaseRecord | undefined> {
    const found = this.#cases.get(id);
    return found && stored(found);
  }

  async history(id: string): Promise<HistoryEntry[]> {
    return stored(this.#history.get(id) ?? []);
  }

  commit(change: CaseCommit): Promise<void> {
    return this.commitAll([change]);
  }

  async commitAll(changes: readonly CaseCommit[]): Promise<void> {
    const competing = this.#beforeNextCommit;
    this.#beforeNextCommit = undefined;
    if (competing) await competing();

    const items = changes.reduce((n, change) => n + itemCount(change), 0);
    if (items > MAX_TRANSACTION_ITEMS)
      throw new Error(`A transaction holds at most ${MAX_TRANSACTION_ITEMS} items, not ${items}`);
    // DynamoDB refuses a transaction that touches one item twice (a ValidationException, not a failed condition).
    const touched = changes.flatMap((c) => [c.after.id, ...(c.tasks ?? []).map((t) => t.after.id)]);
    if (new Set(touched).size !== touched.length) {
      throw new Error('Transaction request cannot include multiple operations on one item');
    }
    if (!changes.every((change) => this.#conditionsHold(change))) {
      throw new ConcurrentChangeError(
        `Case ${changes.map((c) => c.after.number).join(', ')} changed meanwhile; reload it and try again`,
      );
    }
    for (const change of changes) this.#write(change);
    this.#transactions.push({
      caseIds: changes.map((c) => c.after.id),
      events: changes.flatMap((c) => stored(c.events)),
      taskIds: changes.flatMap((c) => (c.tasks ?? []).map((t) => t.after.id)),
    });
  }

  #conditionsHold({ before, after, entries, events, idempotency, tasks = [], items = [] }: CaseCommit): boolean {
    const current = this.#cases.get(after.id);
    if (before ? current?.seq !== before.seq : current !== undefined) return false;
    const written = new Set((this.#history.get(after.id) ?? []).map((e) => e.seq));
    if (entries.some((e) => written.has(e.seq))) return false;
    if (events.some((e) => this.#outbox.some((o) => o.eventId === e.eventId))) return false;
    for (const { before: was, after: task } of tasks) {
      const now = this.#tasks.get(task.id);
      if (was ? now?.version !== was.version : now !== undefined) return false;
    }
    if (idempotency && this.#idempotency.has(idempotencyKey(idempotency.sub, idempotency.key))) return false;
    return items.every((item) => {
      if (!isInMemoryWrite(item))
        throw new Error(`The in-memory case store cannot write a foreign item: ${JSON.stringify(item).slice(0, 120)}`);
      return item.holds();
    });
  }

  #write({ after, entries, events, idempotency, tasks = [], items = [] }: CaseCommit): void {
    this.#cases.set(after.id, stored(after));
    this.#history.set(after.id, [...(this.#history.get(after.id) ?? []), ...stored(entries)]);
    this.#outbox.push(...stored(events));
    for (const { after: task } of tasks) this.#tasks.set(task.id, stored(task));
    if (idempotency) this.#idempotency.set(idempotencyKey(idempotency.sub, idempotency.key), stored(idempotency));
    for (const item of items) if (isInMemoryWrite(item)) item.apply();
  }

  /** Step-failure markers by `<caseId>#<step>#<seq>`, written once each. */
  readonly stepFailures = new Map<string, StepFailureMarker>();

  stepFailureMarker(marker: StepFailureMarker) {
    const key = `${marker.caseId}#${marker.step}#${marker.seq}`;
    return inMemoryWrite(
      `step failure ${key}`,
      () => !this.stepFailures.has(key),
      () => this.stepFailures.set(key, marker),
    );
  }

  async getTask(id: string): Promise<DepartmentTask | undefined> {
    const found = this.#tasks.get(id);
    return found && stored(found);
  }

  async tasksOf(caseId: string): Promise<DepartmentTask[]> {
    const tasks = [...this.#tasks.values()].filter((t) => t.caseId === caseId);
    return stored(tasks.sort((a, b) => a.stageIndex - b.stageIndex || a.department.localeCompare(b.department)));
  }

  async listTasks(department: string, status: TaskStatus, limit: number, cursor?: string) {
    const tasks = [...this.#tasks.values()].filter((t) => t.department === department && t.status === status);
    tasks.sort((a, b) => `${a.dueDate}#${a.id}`.localeCompare(`${b.dueDate}#${b.id}`));
    return pageOf(stored(tasks), `tasks:${department}#${status}`, limit, cursor);
  }

  async putTask(change: { before: DepartmentTask; after: DepartmentTask }): Promise<void> {
    if (this.#tasks.get(change.after.id)?.version !== change.before.version)
      throw new ConcurrentChangeError(`Task ${change.after.id} changed meanwhile; reload it and try again`);
    this.#tasks.set(change.after.id, stored(change.after));
  }

  async getIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined> {
    const found = this.#idempotency.get(idempotencyKey(sub, key));
    return found && stored(found);
  }

  async listByOwner(ownerKey: string, limit: number, cursor?: string) {
    return pageOf(
      this.#casesWhere((c) => c.ownerKey === ownerKey),
      `owner:${ownerKey}`,
      limit,
      cursor,
    );
  }

  async listByAgent(agentSub: string, limit: number, cursor?: string) {
    return pageOf(
      this.#casesWhere((c) => c.agentSub === agentSub),
      `agent:${agentSub}`,
      limit,
      cursor,
    );
  }

  async listByIntakeOfficer(officerSub: string, limit: number, cursor?: string) {
    return pageOf(
      this.#casesWhere((c) => c.intakeOfficerSub === officerSub),
      `intake:${officerSub}`,
      limit,
      cursor,
    );
  }

  async listByDay(date: string, limit: number, cursor?: string) {
    // The adapter lists a case under the day its number carries (Asia/Shanghai).
    const day = date.replaceAll('-', '');
    return pageOf(
      this.#casesWhere((c) => c.number.split('-')[1] === day),
      `day:${day}`,
      limit,
      cursor,
    );
  }

  async listPendingExtensions(limit: number, cursor?: string) {
    const pending = [...this.#cases.values()].filter((c) => c.review?.extension?.status === 'requested');
    pending.sort((a, b) =>
      `${b.review!.extension!.requestedAt}#${b.id}`.localeCompare(`${a.review!.extension!.requestedAt}#${a.id}`),
    );
    return pageOf(stored(pending), 'extensions', limit, cursor);
  }

  async listAcceptanceQueue(limit: number, cursor?: string, dueBefore?: string) {
    const sortKey = (c: CaseRecord) => `${c.acceptanceDue}#${c.submittedAt}#${c.id}`;
    const queue = [...this.#cases.values()].filter(
      (c) => c.status === 'SUBMITTED' && c.acceptanceDue && (!dueBefore || sortKey(c) < dueBefore),
    );
    queue.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    return pageOf(stored(queue), `acceptance:${dueBefore ?? ''}`, limit, cursor);
  }

  async putUpload(upload: PendingUpload): Promise<void> {
    this.#uploads.set(`${upload.caseId}/${upload.uploadId}`, stored(upload));
  }

  async getUpload(caseId: string, uploadId: string): Promise<PendingUpload | undefined> {
    const found = this.#uploads.get(`${caseId}/${uploadId}`);
    return found && stored(found);
  }

  async deleteUpload(caseId: string, uploadId: string): Promise<void> {
    this.#uploads.delete(`${caseId}/${uploadId}`);
  }

  async getAuthorisation(principalKey: string, agentSub: string): Promise<Authorisation | undefined> {
    const found = this.#authorisations.get(`${principalKey}/${agentSub}`);
    return found && stored(found);
  }

  async putAuthorisation(authorisation: Authorisation): Promise<void> {
    this.#authorisations.set(`${authorisation.principalKey}/${authorisation.agentSub}`, stored(authorisation));
  }

  async listAuthorisations(principalKey: string): Promise<Authorisation[]> {
    return stored([...this.#authorisations.values()].filter((a) => a.principalKey === principalKey));
  }

  async deleteAuthorisation(principalKey: string, agentSub: string): Promise<void> {
    this.#authorisations.delete(`${principalKey}/${agentSub}`);
  }

  #casesWhere(predicate: (record: CaseRecord) => boolean): CaseRecord[] {
    return stored([...this.#cases.values()].filter(predicate).sort(newestFirst));
  }
}

const idempotencyKey = (sub: string, key: string) => `${sub}#${key}`;

/** The items the DynamoDB adapter writes for one case commit, its pointer items included. */
function itemCount({ before, after, entries, events, idempotency, tasks = [], items = [] }: CaseCommit): number {
  const pointers = before ? 0 : 2 + (after.agentSub ? 1 : 0) + (after.intakeOfficerSub ? 1 : 0);
  const pendingBefore =
    before?.review?.extension?.status === 'requested' ? before.review.extension.requestedAt : undefined;
  const pendingAfter = after.review?.extension?.status === 'requested' ? after.review.extension.requestedAt : undefined;
  const extension =
    (pendingAfter && pendingAfter !== pendingBefore ? 1 : 0) +
    (pendingBefore && pendingBefore !== pendingAfter ? 1 : 0);
  return (
    1 + entries.length + events.length + tasks.length + items.length + pointers + extension + (idempotency ? 1 : 0)
  );
}
