import type { Principal } from '../../shared/auth/principal';
import type { CaseCommit } from '../../shared/domain/applications/ports';
import { commitTogether, itemsOfCommit, MAX_TRANSACTION_ITEMS } from '../../shared/domain/applications/changes';
import type { BundleMember, CaseRecord } from '../../shared/domain/applications/model';
import { memberResultState } from '../../shared/domain/delivery/bundle';
import type { DeliveryDeps } from '../../shared/domain/delivery/ports';
import { confirmPickup } from '../../shared/domain/delivery/pickup';
import { ConflictError, ValidationError } from '../../shared/domain/errors';

const NOW = new Date('2026-03-10T02:00:00Z');
const windowOfficer: Principal = { sub: 'window-1', role: 'window', region: '350100' };

const base = (id: string, overrides: Partial<CaseRecord>): CaseRecord =>
  ({
    id,
    number: `350100-20260302-${id}`,
    matterCode: 'SEAL-FILING',
    matterVersion: 1,
    regionCode: '350100',
    department: 'PSB',
    channel: 'window',
    status: 'ISSUED',
    seq: 7,
    lastHash: 'a'.repeat(64),
    ownerKey: 'E#91350100M000100Y43',
    applicant: { type: 'enterprise', sub: 'walk-in:b' },
    form: {},
    materials: {},
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    ...overrides,
  }) as CaseRecord;

const ready = (id: string, matterCode: string, status: 'ISSUED' | 'APPROVED' = 'ISSUED') =>
  base(id, {
    matterCode,
    status,
    parent: { caseId: 'b', bundleCode: 'OPEN-COMPANY', taskToken: 't' },
    delivery: {
      method: 'window',
      status: 'READY_FOR_PICKUP',
      chosenAt: '2026-03-05T01:00:00.000Z',
      decidedAt: '2026-03-05T01:00:00.000Z',
      dueDate: '2026-03-19',
      dispatchedAt: '2026-03-05T01:00:00.000Z',
    },
  });

function bundleOf(members: { matterCode: string; record?: CaseRecord; status: BundleMember['status'] }[]) {
  return base('b', {
    kind: 'bundle',
    matterCode: 'OPEN-COMPANY',
    department: 'SAMR',
    status: 'IN_REVIEW',
    members: members.map((m, i) => ({
      matterCode: m.matterCode,
      wave: i === 0 ? 0 : 1,
      status: m.status,
      ...(m.record ? { caseId: m.record.id, caseNumber: m.record.number } : {}),
    })),
  });
}

function store(records: CaseRecord[]) {
  const byId = new Map(records.map((r) => [r.id, r]));
  const transactions: CaseCommit[][] = [];
  const cases = {
    get: async (id: string) => byId.get(id),
    commit: async (c: CaseCommit) => cases.commitAll([c]),
    commitAll: async (changes: readonly CaseCommit[]) => {
      for (const c of changes) if (c.before && byId.get(c.after.id)?.seq !== c.before.seq) throw new Error('conflict');
      transactions.push([...changes]);
      for (const c of changes) byId.set(c.after.id, c.after);
    },
  };
  const deps = { cases, now: () => NOW } as unknown as DeliveryDeps;
  return { deps, byId, transactions };
}

describe('where a bundle member’s result is', () => {
  it('reads ready, delivered, by post, none and still to come from the member and its case', () => {
    const running: BundleMember = { matterCode: 'X', wave: 1, status: 'RUNNING', caseId: 'x' };
    expect(memberResultState(running, ready('x', 'X'))).toBe('ready');
    expect(
      memberResultState(
        running,
        base('x', { status: 'DELIVERED', delivery: { method: 'window', status: 'DELIVERED', chosenAt: '' } }),
      ),
    ).toBe('delivered');
    expect(
      memberResultState(
        running,
        base('x', { status: 'IN_REVIEW', delivery: { method: 'post', status: 'CHOSEN', chosenAt: '' } }),
      ),
    ).toBe('by-post');
    expect(memberResultState(running, base('x', { status: 'REJECTED' }))).toBe('no-result');
    expect(memberResultState(running, base('x', { status: 'IN_REVIEW' }))).toBe('not-ready');
    // Issued, but not yet at the window: still to come (dispatch follows the licence's event).
    expect(memberResultState(running, base('x', { status: 'ISSUED' }))).toBe('not-ready');
    expect(memberResultState({ matterCode: 'Y', wave: 1, status: 'NOT_STARTED' }, undefined)).toBe('no-result');
    expect(memberResultState({ matterCode: 'Y', wave: 1, status: 'PENDING' }, undefined)).toBe('not-ready');
  });
});

describe('一窗出件: every ready result of a bundle at once', () => {
  it('answers 409 naming the members still to come, and writes nothing', async () => {
    const reg = ready('r', 'COMPANY-REGISTRATION');
    const seal = base('s', { matterCode: 'SEAL-FILING', status: 'IN_REVIEW' });
    const { deps, transactions } = store([
      bundleOf([
        { matterCode: 'COMPANY-REGISTRATION', record: reg, status: 'APPROVED' },
        { matterCode: 'SEAL-FILING', record: seal, status: 'RUNNING' },
        { matterCode: 'INVOICE-APPLICATION', status: 'PENDING' },
      ]),
      reg,
      seal,
    ]);
    const refused = await confirmPickup('b', {}, windowOfficer, deps).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).details.map((d) => `${d.path}:${d.rule}`)).toEqual([
      'members.SEAL-FILING:ready',
      'members.INVOICE-APPLICATION:ready',
    ]);
    expect((refused as ConflictError).message).toContain('SEAL-FILING 350100-20260302-s (IN_REVIEW)');
    expect(transactions).toEqual([]);
  });

  it('hands over every ready member in one transaction, each with its own entry and event, and records it on the bundle', async () => {
    const reg = ready('r', 'COMPANY-REGISTRATION');
    const invoice = ready('i', 'INVOICE-APPLICATION', 'APPROVED');
    const rejected = base('h', { matterCode: 'SOCIAL-INSURANCE-REGISTRATION', status: 'REJECTED' });
    const { deps, byId, transactions } = store([
      bundleOf([
        { matterCode: 'COMPANY-REGISTRATION', record: reg, status: 'APPROVED' },
        { matterCode: 'INVOICE-APPLICATION', record: invoice, status: 'APPROVED' },
        { matterCode: 'SOCIAL-INSURANCE-REGISTRATION', record: rejected, status: 'REJECTED' },
      ]),
      reg,
      invoice,
      rejected,
    ]);
    const outcome = await confirmPickup(
      'b',
      { receivedBy: '林晓明', receiverIdNumber: '11010519491231002x' },
      windowOfficer,
      deps,
    );
    expect(transactions).toHaveLength(1);
    const [transaction] = transactions;
    expect(transaction!.map((c) => c.after.id)).toEqual(['r', 'i', 'b']);
    for (const id of ['r', 'i']) {
      const commit = transaction!.find((c) => c.after.id === id)!;
      expect(commit.entries.map((e) => e.action)).toEqual(['delivered']);
      expect(commit.events.map((e) => e.detailType)).toEqual(['Delivery.Delivered.v1']);
      expect(commit.events[0]!.detail).toMatchObject({ method: 'window', parentCaseId: 'b', onTime: true });
      // Who received it is on the case, never in the history or the event.
      expect(JSON.stringify([commit.entries, commit.events])).not.toMatch(/林晓明|11010519491231002X/);
      expect(byId.get(id)).toMatchObject({
        status: 'DELIVERED',
        delivery: {
          status: 'DELIVERED',
          receivedBy: '林晓明',
          receiverIdNumber: '11010519491231002X',
          confirmedBy: 'window-1',
          bundleCaseId: 'b',
        },
      });
    }
    expect(transaction!.at(-1)!.entries.map((e) => [e.action, e.data])).toEqual([
      ['results-handed-over', expect.objectContaining({ members: ['COMPANY-REGISTRATION', 'INVOICE-APPLICATION'] })],
    ]);
    expect(outcome.members!.map((m) => [m.member.matterCode, m.state, m.handedOver ?? false])).toEqual([
      ['COMPANY-REGISTRATION', 'delivered', true],
      ['INVOICE-APPLICATION', 'delivered', true],
      ['SOCIAL-INSURANCE-REGISTRATION', 'no-result', false],
    ]);
    // Nothing is left to hand over: a second call is a conflict.
    await expect(confirmPickup('b', {}, windowOfficer, deps)).rejects.toBeInstanceOf(ConflictError);
  });

  it('with partial, hands over what is ready and leaves the rest', async () => {
    const reg = ready('r', 'COMPANY-REGISTRATION');
    const { deps, byId } = store([
      bundleOf([
        { matterCode: 'COMPANY-REGISTRATION', record: reg, status: 'APPROVED' },
        { matterCode: 'SEAL-FILING', status: 'PENDING' },
      ]),
      reg,
    ]);
    const outcome = await confirmPickup('b', { partial: true }, windowOfficer, deps);
    expect(outcome.members!.map((m) => m.state)).toEqual(['delivered', 'not-ready']);
    expect(byId.get('r')!.status).toBe('DELIVERED');
  });

  it('checks the receiver’s ID number and names the field', async () => {
    const { deps } = store([]);
    const refused = await confirmPickup('b', { receiverIdNumber: '110105194912310021' }, windowOfficer, deps).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).details).toEqual([
      expect.objectContaining({ path: 'receiverIdNumber', rule: 'checksum' }),
    ]);
    expect((refused as ValidationError).message).not.toContain('110105194912310021');
  });
});

describe('committing several cases together', () => {
  it('uses one transaction while the items fit in 100, and splits only beyond', async () => {
    const commit = (id: string): CaseCommit => ({
      before: base(id, {}),
      after: base(id, { seq: 8 }),
      entries: [{} as never],
      events: [{} as never],
    });
    expect(itemsOfCommit(commit('a'))).toBe(3);
    const calls: number[] = [];
    const deps = { cases: { commitAll: async (c: readonly CaseCommit[]) => void calls.push(c.length) } } as never;
    await commitTogether(
      Array.from({ length: 33 }, (_, i) => commit(`c${i}`)),
      deps,
    );
    expect(calls).toEqual([33]);
    calls.length = 0;
    await commitTogether(
      Array.from({ length: 40 }, (_, i) => commit(`c${i}`)),
      deps,
    );
    expect(calls).toEqual([Math.floor(MAX_TRANSACTION_ITEMS / 3), 40 - Math.floor(MAX_TRANSACTION_ITEMS / 3)]);
  });
});
