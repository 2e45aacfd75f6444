import { type HistoryEntry, verifyChain } from '../shared/domain/applications/case';

/**
 * The soak's audit (`npm run soak`): the end state of the platform against what the applicants were told. Pure: it
 * reads a scan of the main table and the event archive, so a unit test can give it a state with a fault in it.
 *
 * Every finding is either `lost` (something the platform owes an applicant is missing) or `duplicated` (an effect
 * that happened more than once); the run passes only with none of either and every hash chain intact.
 */

/** A case whose submission the platform confirmed to its applicant (the submit answered 200). */
export interface ToldCase {
  readonly caseId: string;
  readonly matterCode: string;
  /** The driver approves every task, so the case must end with its licence. */
  readonly expectsLicence: boolean;
}

/** An event as the bus archived it (the local bus's archive.jsonl line). */
export interface ArchivedEvent {
  readonly 'detail-type': string;
  readonly detail: Record<string, unknown>;
}

export interface AuditInput {
  readonly told: readonly ToldCase[];
  /** Every item of the main table (a scan), with its pk, sk and type. */
  readonly items: readonly Record<string, unknown>[];
  readonly archive: readonly ArchivedEvent[];
}

export type FindingKind = 'lost' | 'duplicated' | 'broken';
export interface Finding {
  readonly kind: FindingKind;
  readonly check: AuditCheck;
  readonly subject: string;
  readonly detail: string;
}

export const AUDIT_CHECKS = [
  'terminal state',
  'licence per approved matter',
  'hash chain',
  'case events',
  'inbox messages',
  'unread counters',
  'statistics',
  'fees paid',
] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

export interface AuditReport {
  readonly lost: number;
  readonly duplicated: number;
  readonly broken: number;
  readonly ok: boolean;
  /** Per check: how many subjects it looked at, and its findings by kind. */
  readonly checks: Record<AuditCheck, { checked: number; lost: number; duplicated: number; broken: number }>;
  readonly findings: readonly Finding[];
}

/** Where a case may rest: nothing moves it any more without a person. */
export const TERMINAL_STATUSES = new Set(['ISSUED', 'DELIVERED', 'REJECTED', 'REFUSED', 'WITHDRAWN']);
/** A case that reached acceptance (and so must have its Application.Accepted.v1). */
const PAST_ACCEPTANCE = new Set(['ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED', 'ISSUED', 'DELIVERED']);
/** Events that happen once in a case's life: two distinct event ids of one of them for one case are a duplicate. */
const ONCE_PER_CASE = [
  'Application.Submitted.v1',
  'Application.Accepted.v1',
  'Application.Approved.v1',
  'Licence.Issued.v1',
];

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function audit(input: AuditInput): AuditReport {
  const findings: Finding[] = [];
  const checked = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 0])) as Record<AuditCheck, number>;
  const find = (kind: FindingKind, check: AuditCheck, subject: string, detail: string) =>
    findings.push({ kind, check, subject, detail });
  const told = new Map(input.told.map((c) => [c.caseId, c]));

  const byType = new Map<string, Record<string, unknown>[]>();
  for (const item of input.items) {
    const type = String(item.type ?? '');
    let list = byType.get(type);
    if (!list) {
      list = [];
      byType.set(type, list);
    }
    list.push(item);
  }
  const of = (type: string) => byType.get(type) ?? [];

  // Distinct event ids per (case, detail type): the archive may hold a relayed event twice (at-least-once), with one id.
  const eventIds = new Map<string, Set<string>>();
  const archivedIds = new Set<string>();
  for (const e of input.archive) {
    const eventId = text(e.detail.eventId);
    if (!eventId) continue;
    archivedIds.add(eventId);
    const caseId = text(e.detail.caseId);
    if (!caseId) continue;
    const key = `${caseId} ${e['detail-type']}`;
    let ids = eventIds.get(key);
    if (!ids) {
      ids = new Set();
      eventIds.set(key, ids);
    }
    ids.add(eventId);
  }
  const idsOf = (caseId: string, detailType: string) => eventIds.get(`${caseId} ${detailType}`) ?? new Set<string>();

  // 1. Every submitted case in a terminal state.
  const cases = new Map(of('Case').map((c) => [String(c.id ?? String(c.pk).replace(/^CASE#/, '')), c]));
  for (const c of input.told) {
    checked['terminal state']++;
    const record = cases.get(c.caseId);
    if (!record) find('lost', 'terminal state', c.caseId, 'the case is gone');
    else if (!TERMINAL_STATUSES.has(String(record.status)))
      find('lost', 'terminal state', c.caseId, `stuck in ${String(record.status)}`);
    else if (c.expectsLicence && !['ISSUED', 'DELIVERED'].includes(String(record.status)))
      find('lost', 'terminal state', c.caseId, `ended ${String(record.status)}, though every task was approved`);
  }

  // 2. Exactly one licence per approved matter.
  const licences = new Map<string, string[]>();
  for (const l of of('Licence')) {
    const caseId = text(l.caseId);
    if (!caseId) continue;
    const list = licences.get(caseId) ?? [];
    list.push(String(l.licenceNo ?? l.pk));
    licences.set(caseId, list);
  }
  for (const c of input.told) {
    // A case still in review is lost once already (above); here only the matters that were approved.
    const status = String(cases.get(c.caseId)?.status ?? '');
    if (!['APPROVED', 'ISSUED', 'DELIVERED'].includes(status)) continue;
    checked['licence per approved matter']++;
    const list = licences.get(c.caseId) ?? [];
    if (list.length === 0) find('lost', 'licence per approved matter', c.caseId, 'approved without a licence');
    else if (list.length > 1)
      find('duplicated', 'licence per approved matter', c.caseId, `${list.length} licences: ${list.join(', ')}`);
  }

  // 3. Every hash chain verifies (every case in the table, not only the soak's).
  const histories = new Map<string, HistoryEntry[]>();
  for (const h of of('CaseHistory')) {
    const caseId = String(h.pk).replace(/^CASE#/, '');
    const { pk: _pk, sk: _sk, type: _type, ...entry } = h;
    const list = histories.get(caseId) ?? [];
    list.push(entry as unknown as HistoryEntry);
    histories.set(caseId, list);
  }
  for (const [caseId, history] of histories) {
    checked['hash chain']++;
    const result = verifyChain([...history].sort((a, b) => a.seq - b.seq));
    if (!result.valid) find('broken', 'hash chain', caseId, `broken at entry ${result.brokenAt}: ${result.reason}`);
  }
  for (const c of input.told) if (!histories.has(c.caseId)) find('lost', 'hash chain', c.caseId, 'no history');

  // 4. No accepted case without its events; no once-in-a-life event twice.
  for (const c of input.told) {
    const status = String(cases.get(c.caseId)?.status ?? '');
    checked['case events']++;
    const need = [
      'Application.Submitted.v1',
      ...(PAST_ACCEPTANCE.has(status) ? ['Application.Accepted.v1'] : []),
      ...(['ISSUED', 'DELIVERED'].includes(status) ? ['Licence.Issued.v1'] : []),
    ];
    for (const type of need)
      if (idsOf(c.caseId, type).size === 0) find('lost', 'case events', c.caseId, `${status} without ${type}`);
    for (const type of ONCE_PER_CASE) {
      const n = idsOf(c.caseId, type).size;
      if (n > 1) find('duplicated', 'case events', c.caseId, `${n} distinct ${type}`);
    }
  }

  // 5. Inbox messages: one per (recipient, event); each event that messages its case's applicant did so.
  const messages = of('InboxMessage').filter((m) => !text(m.caseId) || told.has(text(m.caseId)!));
  const perRecipientEvent = new Map<string, number>();
  const perCaseType = new Map<string, Set<string>>();
  const messagedTypes = new Set<string>();
  const messagedEvents = new Set<string>();
  for (const m of messages) {
    const key = `${String(m.recipientKey)} ${String(m.eventId)}`;
    perRecipientEvent.set(key, (perRecipientEvent.get(key) ?? 0) + 1);
    messagedEvents.add(String(m.eventId));
    const caseId = text(m.caseId);
    if (caseId) {
      messagedTypes.add(String(m.detailType));
      const k = `${String(m.recipientKey)} ${caseId} ${String(m.detailType)}`;
      const set = perCaseType.get(k) ?? new Set();
      set.add(String(m.eventId));
      perCaseType.set(k, set);
    }
  }
  checked['inbox messages'] += messages.length;
  for (const [key, n] of perRecipientEvent)
    if (n > 1) find('duplicated', 'inbox messages', key, `${n} messages for one event`);
  for (const [key, ids] of perCaseType) {
    const [, caseId, type] = key.split(' ');
    // More messages of one kind for a case than the case had such events: an event's effect applied twice.
    if (ids.size > Math.max(1, idsOf(caseId!, type!).size))
      find('duplicated', 'inbox messages', key, `${ids.size} messages for ${idsOf(caseId!, type!).size} event(s)`);
  }
  for (const c of input.told) {
    for (const type of messagedTypes) {
      for (const eventId of idsOf(c.caseId, type)) {
        checked['inbox messages']++;
        if (!messagedEvents.has(eventId)) find('lost', 'inbox messages', c.caseId, `no message for ${type} ${eventId}`);
      }
    }
  }

  // 6. Unread counters equal the unread messages they count.
  const unread = new Map<string, number>();
  for (const m of of('InboxMessage'))
    if (!m.read) unread.set(String(m.recipientKey), (unread.get(String(m.recipientKey)) ?? 0) + 1);
  for (const counter of of('InboxCounter')) {
    checked['unread counters']++;
    const recipient = String(counter.pk).replace(/^INBOX#/, '');
    const count = Number(counter.count ?? 0);
    const actual = unread.get(recipient) ?? 0;
    if (count > actual) find('duplicated', 'unread counters', recipient, `counter ${count}, ${actual} unread messages`);
    if (count < actual) find('lost', 'unread counters', recipient, `counter ${count}, ${actual} unread messages`);
  }

  // 7. Statistics: the counters equal the sum of the contributions kept per event, each event counted from the archive.
  const counterSums = new Map<string, number>();
  const add = (sums: Map<string, number>, item: Record<string, unknown>, skip: Set<string>) => {
    for (const [k, v] of Object.entries(item))
      if (typeof v === 'number' && !skip.has(k)) sums.set(k, (sums.get(k) ?? 0) + v);
  };
  const NOT_COUNTERS = new Set(['seq', 'version', 'expiresAt', 'shard']);
  for (const s of of('Stat')) add(counterSums, s, NOT_COUNTERS);
  const memberSums = new Map<string, number>();
  const statEvents = of('StatEvent');
  for (const e of statEvents) add(memberSums, e, NOT_COUNTERS);
  for (const counter of new Set([...counterSums.keys(), ...memberSums.keys()])) {
    checked.statistics++;
    const c = counterSums.get(counter) ?? 0;
    const m = memberSums.get(counter) ?? 0;
    if (c > m) find('duplicated', 'statistics', counter, `counter ${c}, recomputed ${m}`);
    if (c < m) find('lost', 'statistics', counter, `counter ${c}, recomputed ${m}`);
  }
  const counted = new Set(statEvents.map((e) => String(e.eventId ?? e.sk)));
  const countedTypes = new Set(statEvents.map((e) => text(e.detailType)).filter((t): t is string => Boolean(t)));
  for (const e of statEvents) {
    const id = String(e.eventId ?? e.sk);
    if (!id.startsWith('bundle-completed#') && !archivedIds.has(id))
      find('duplicated', 'statistics', id, 'counted, but no such event was published');
  }
  for (const c of input.told) {
    for (const type of countedTypes) {
      for (const eventId of idsOf(c.caseId, type)) {
        checked.statistics++;
        if (!counted.has(eventId)) find('lost', 'statistics', c.caseId, `${type} ${eventId} not counted`);
      }
    }
  }

  // 8. Fees paid once: one paid order per case, one Payment.Paid.v1 per order.
  const paidOrders = new Map<string, number>();
  for (const o of of('PaymentOrder')) {
    checked['fees paid']++;
    if (['PAID', 'REFUNDING', 'REFUNDED'].includes(String(o.status)))
      paidOrders.set(String(o.caseId), (paidOrders.get(String(o.caseId)) ?? 0) + 1);
  }
  for (const [caseId, n] of paidOrders) if (n > 1) find('duplicated', 'fees paid', caseId, `${n} paid orders`);
  const paidEvents = new Map<string, Set<string>>();
  for (const e of input.archive) {
    if (e['detail-type'] !== 'Payment.Paid.v1') continue;
    const order = String(e.detail.orderId ?? e.detail.caseId);
    const set = paidEvents.get(order) ?? new Set();
    set.add(String(e.detail.eventId));
    paidEvents.set(order, set);
  }
  for (const [order, ids] of paidEvents)
    if (ids.size > 1) find('duplicated', 'fees paid', order, `${ids.size} Payment.Paid.v1 events`);

  const count = (kind: FindingKind) => findings.filter((f) => f.kind === kind).length;
  const checks = Object.fromEntries(
    AUDIT_CHECKS.map((c) => {
      const mine = findings.filter((f) => f.check === c);
      return [
        c,
        {
          checked: checked[c],
          lost: mine.filter((f) => f.kind === 'lost').length,
          duplicated: mine.filter((f) => f.kind === 'duplicated').length,
          broken: mine.filter((f) => f.kind === 'broken').length,
        },
      ];
    }),
  ) as AuditReport['checks'];
  const lost = count('lost');
  const duplicated = count('duplicated');
  const broken = count('broken');
  return { lost, duplicated, broken, ok: lost === 0 && duplicated === 0 && broken === 0, checks, findings };
}
