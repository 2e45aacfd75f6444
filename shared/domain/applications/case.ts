import { createHash } from 'node:crypto';
import type { Role } from '../../auth/principal';
import { ConflictError } from '../errors';

/**
 * A case (办件) and its append-only history. The status is derived from the history by a pure reducer; every
 * command first checks that its transition is allowed from the current status. Each history entry carries the hash
 * of the previous one, so any edit of the stored history is detectable (verifyChain).
 */
export const CASE_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'CORRECTION_REQUESTED',
  'ACCEPTED',
  'REFUSED',
  'IN_REVIEW',
  /** A department returned the case to the applicant for correction during review; its task waits (clock paused). */
  'RETURNED',
  'APPROVED',
  'REJECTED',
  'ISSUED',
  'DELIVERED',
  'WITHDRAWN',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What happened; those with a target status are transitions, the others record facts about a draft. */
export const CASE_ACTIONS = {
  created: { from: [], to: 'DRAFT' },
  'draft-updated': { from: ['DRAFT'], to: undefined },
  // 容缺 materials arrive after acceptance, and corrections during review may bring files.
  'material-added': { from: ['DRAFT', 'CORRECTION_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED'], to: undefined },
  'licence-referenced': { from: ['DRAFT', 'CORRECTION_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED'], to: undefined },
  // 告知承诺制: the applicant confirms (or withdraws) a written commitment in place of listed materials.
  'commitment-made': { from: ['DRAFT', 'CORRECTION_REQUESTED'], to: undefined },
  'commitment-withdrawn': { from: ['DRAFT', 'CORRECTION_REQUESTED'], to: undefined },
  submitted: { from: ['DRAFT'], to: 'SUBMITTED' },
  'correction-requested': { from: ['SUBMITTED'], to: 'CORRECTION_REQUESTED' },
  resubmitted: { from: ['CORRECTION_REQUESTED'], to: 'SUBMITTED' },
  accepted: { from: ['SUBMITTED'], to: 'ACCEPTED' },
  // 即办件: a window officer decides it on the spot under the departments' delegation (its tasks open approved).
  'decided-on-the-spot': { from: ['ACCEPTED', 'IN_REVIEW'], to: undefined },
  refused: { from: ['SUBMITTED'], to: 'REFUSED' },
  // 后台分类审批: the procedure's departments review the case.
  'review-started': { from: ['ACCEPTED'], to: 'IN_REVIEW' },
  'task-opened': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-claimed': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-approved': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-rejected': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-suspended': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-resumed': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-escalated': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'task-cancelled': { from: ['IN_REVIEW', 'RETURNED', 'REJECTED', 'WITHDRAWN'], to: undefined },
  returned: { from: ['IN_REVIEW', 'RETURNED'], to: 'RETURNED' },
  // A failed step after the decision (the licence, the fee) is recorded too, so the timeline shows it.
  'review-failed': { from: ['IN_REVIEW', 'RETURNED', 'APPROVED'], to: undefined },
  'correction-submitted': { from: ['RETURNED'], to: 'IN_REVIEW' },
  'extension-requested': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'extension-granted': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  'extension-denied': { from: ['IN_REVIEW', 'RETURNED'], to: undefined },
  // A holiday notice was loaded: deadlines counted Monday to Friday in its year are re-dated by it.
  'deadlines-redated': {
    from: ['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'ISSUED', 'DELIVERED'],
    to: undefined,
  },
  // 一件事: a bundle case's member cases.
  'member-started': { from: ['IN_REVIEW'], to: undefined },
  'member-completed': { from: ['IN_REVIEW'], to: undefined },
  // A member case records the bundle's re-opened wait (its new token), so no concurrent change can undo it.
  'bundle-wait-renewed': {
    from: ['ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'ISSUED', 'REJECTED', 'WITHDRAWN'],
    to: undefined,
  },
  approved: { from: ['IN_REVIEW'], to: 'APPROVED' },
  rejected: { from: ['IN_REVIEW', 'RETURNED'], to: 'REJECTED' },
  // 电子证照: issued at the decision.
  'licence-issued': { from: ['APPROVED'], to: 'ISSUED' },
  // 告知承诺制的事后核查: its result, after the decision (a false commitment has revoked the licence).
  'post-check-recorded': { from: ['APPROVED', 'ISSUED', 'DELIVERED'], to: undefined },
  // 非税支付: the fee order is made at acceptance; it is paid during review; the licence waits for it.
  'payment-ordered': { from: ['ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED'], to: undefined },
  // Notifications may come late (a payment for a case rejected meanwhile is then refunded).
  'payment-updated': {
    from: ['ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'ISSUED', 'DELIVERED', 'REJECTED', 'WITHDRAWN'],
    to: undefined,
  },
  'refund-requested': { from: ['REJECTED', 'WITHDRAWN'], to: undefined },
  // 统一出件: the applicant chooses window pickup or post until the result is issued; then it is shipped or picked up.
  'delivery-chosen': {
    from: ['DRAFT', 'SUBMITTED', 'CORRECTION_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED'],
    to: undefined,
  },
  'delivery-updated': { from: ['APPROVED', 'ISSUED'], to: undefined },
  /** 送达: the result reached the applicant (picked up at the window, or delivered by post). */
  delivered: { from: ['APPROVED', 'ISSUED'], to: 'DELIVERED' },
  /** 一窗出件: a bundle case records which of its members' results the window handed over at once (each member is DELIVERED). */
  'results-handed-over': { from: ['IN_REVIEW', 'APPROVED', 'REJECTED'], to: undefined },
  // 好差评: once per case, after completion (办结); a bad rating's rectification is recorded on the case too.
  rated: { from: ['APPROVED', 'ISSUED', 'DELIVERED', 'REJECTED', 'REFUSED'], to: undefined },
  'rectification-opened': { from: ['APPROVED', 'ISSUED', 'DELIVERED', 'REJECTED', 'REFUSED'], to: undefined },
  'rectification-answered': { from: ['APPROVED', 'ISSUED', 'DELIVERED', 'REJECTED', 'REFUSED'], to: undefined },
  // Until a decision (行政许可法: an application may be withdrawn before the decision).
  withdrawn: {
    from: ['DRAFT', 'SUBMITTED', 'CORRECTION_REQUESTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED'],
    to: 'WITHDRAWN',
  },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus | undefined }>;
export type CaseAction = keyof typeof CASE_ACTIONS;

export interface Actor {
  readonly sub: string;
  readonly role: Role | 'system';
}

export interface HistoryEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  readonly action: CaseAction;
  readonly from?: CaseStatus;
  readonly to?: CaseStatus;
  readonly reason?: string;
  readonly data?: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The status after a history: the target of the last transition. */
export function statusOf(history: readonly Pick<HistoryEntry, 'to'>[]): CaseStatus | undefined {
  return history.reduce<CaseStatus | undefined>((status, entry) => entry.to ?? status, undefined);
}

/** Throws ConflictError unless `action` is allowed from `status`. */
export function checkTransition(status: CaseStatus | undefined, action: CaseAction): void {
  const allowed: readonly string[] = CASE_ACTIONS[action].from;
  if (status === undefined ? action !== 'created' : !allowed.includes(status)) {
    throw new ConflictError(
      `A case in status ${status ?? '(none)'} cannot be ${action.replaceAll('-', ' ')}${allowed.length ? ` (only from ${allowed.join(', ')})` : ''}`,
    );
  }
}

/** Canonical JSON: keys sorted at every level, so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashEntry(entry: Omit<HistoryEntry, 'hash'>): string {
  return createHash('sha256').update(canonical(entry)).digest('hex');
}

/** The next history entry after `previous` (undefined for the first), checked against the transition table. */
export function nextEntry(
  previous: HistoryEntry | undefined,
  status: CaseStatus | undefined,
  change: { action: CaseAction; actor: Actor; at: string; reason?: string; data?: Record<string, unknown> },
): HistoryEntry {
  checkTransition(status, change.action);
  const to = CASE_ACTIONS[change.action].to;
  const unhashed: Omit<HistoryEntry, 'hash'> = {
    seq: (previous?.seq ?? 0) + 1,
    at: change.at,
    actor: change.actor,
    action: change.action,
    ...(to && status ? { from: status } : {}),
    ...(to ? { to } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.data ? { data: change.data } : {}),
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  return { ...unhashed, hash: hashEntry(unhashed) };
}

/** Verifies the chain: sequence numbers without gaps, each entry's hash, and each link to the previous hash. */
export function verifyChain(
  history: readonly HistoryEntry[],
): { valid: true; entries: number } | { valid: false; brokenAt: number; reason: string } {
  let prevHash = GENESIS_HASH;
  for (const [i, entry] of history.entries()) {
    if (entry.seq !== i + 1) return { valid: false, brokenAt: entry.seq, reason: `entry ${i + 1} is missing` };
    if (entry.prevHash !== prevHash)
      return { valid: false, brokenAt: entry.seq, reason: 'the link to the previous entry is broken' };
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash)
      return { valid: false, brokenAt: entry.seq, reason: 'the entry was changed after it was written' };
    prevHash = hash;
  }
  return { valid: true, entries: history.length };
}
