import { caseCommitItems, LEGACY, recordOf, unpackResponse } from '../../shared/adapters/dynamo-case-items';
import type { CaseRecord } from '../../shared/domain/applications/model';
import type { HistoryEntry } from '../../shared/domain/applications/case';

const at = new Date('2026-12-07T01:00:00Z');
const base: CaseRecord = {
  id: 'c1',
  number: '350100-20261207-10001',
  matterCode: 'SEAL-FILING',
  matterVersion: 1,
  regionCode: '350100',
  department: 'PSB',
  channel: 'online',
  status: 'DRAFT',
  seq: 1,
  lastHash: 'h1',
  ownerKey: 'E#1',
  applicant: { type: 'enterprise', sub: 's1' },
  form: { name: '示例' },
  materials: { seal: { files: [] } },
  createdAt: '2026-12-07T00:00:00Z',
  updatedAt: '2026-12-07T00:00:00Z',
};
const entry = { seq: 2, hash: 'h2', prevHash: 'h1', action: 'submitted' } as unknown as HistoryEntry;
const puts = (items: ReturnType<typeof caseCommitItems>) =>
  items.flatMap((i) => (i.Put ? [i.Put.Item as Record<string, unknown>] : []));
const sortKeys = (items: ReturnType<typeof caseCommitItems>) => puts(items).map((i) => i.sk);

describe('a case as its state, form and materials items', () => {
  it('writes the state alone when only the status changes, without the form and materials in it', () => {
    const after = { ...base, status: 'SUBMITTED' as const, seq: 2, lastHash: 'h2' };
    const items = caseCommitItems('t', { before: base, after, entries: [entry], events: [] }, at);
    expect(sortKeys(items)).toEqual(['CASE', 'H#000002']);
    const state = puts(items)[0]!;
    expect(state.form).toBeUndefined();
    expect(state.materials).toBeUndefined();
    expect(items[0]!.Put!.ConditionExpression).toBe('seq = :seq');
  });

  it('writes the form or the materials item with the change that changes it, in the same transaction', () => {
    const formChanged = { ...base, form: { name: '另一个' }, seq: 2, lastHash: 'h2' };
    expect(
      sortKeys(caseCommitItems('t', { before: base, after: formChanged, entries: [entry], events: [] }, at)),
    ).toEqual(['CASE', 'CASE#FORM', 'H#000002']);
    const file = {
      uploadId: 'u',
      key: 'k',
      fileName: 'f.pdf',
      contentType: 'application/pdf',
      size: 1,
      sha256: 's',
      uploadedAt: 'x',
    };
    const materialAdded = { ...base, materials: { seal: { files: [file] } }, seq: 2, lastHash: 'h2' };
    const items = caseCommitItems('t', { before: base, after: materialAdded, entries: [entry], events: [] }, at);
    expect(sortKeys(items)).toEqual(['CASE', 'CASE#MATERIALS', 'H#000002']);
    expect(puts(items)[1]!.materials).toEqual(materialAdded.materials);
  });

  it('writes all three for a new case, and for a case stored whole before the split', () => {
    expect(sortKeys(caseCommitItems('t', { after: base, entries: [], events: [] }, at)).slice(0, 3)).toEqual([
      'CASE',
      'CASE#FORM',
      'CASE#MATERIALS',
    ]);
    const legacy = recordOf([{ pk: 'CASE#c1', sk: 'CASE', type: 'Case', ...base }])!;
    expect((legacy as { [LEGACY]?: true })[LEGACY]).toBe(true);
    const after = { ...legacy, status: 'SUBMITTED' as const, seq: 2, lastHash: 'h2' };
    expect(sortKeys(caseCommitItems('t', { before: legacy, after, entries: [entry], events: [] }, at))).toEqual([
      'CASE',
      'CASE#FORM',
      'CASE#MATERIALS',
      'OWNER',
      'H#000002',
    ]);
  });

  it('writes no item for a new case’s empty materials, and reads them back empty', () => {
    const fresh = { ...base, materials: {} };
    const items = caseCommitItems('t', { after: fresh, entries: [], events: [] }, at);
    expect(sortKeys(items).slice(0, 2)).toEqual(['CASE', 'CASE#FORM']);
    expect(sortKeys(items)).not.toContain('CASE#MATERIALS');
    expect(recordOf(puts(items))!.materials).toEqual({});
  });

  it("puts the case in its owner's list from an owner item written once, not from the state item", () => {
    const created = puts(caseCommitItems('t', { after: base, entries: [], events: [] }, at));
    const owner = created.find((i) => i.sk === 'OWNER')!;
    expect(owner).toMatchObject({ pk: 'CASE#c1', type: 'CaseOwner', gsi1pk: 'OWNER#E#1' });
    expect(owner.gsi1sk).toBe(`${base.createdAt}#c1`);
    const after = { ...base, status: 'SUBMITTED' as const, seq: 2, lastHash: 'h2' };
    const changed = puts(caseCommitItems('t', { before: base, after, entries: [entry], events: [] }, at));
    expect(changed.map((i) => i.sk)).not.toContain('OWNER');
    expect(changed.find((i) => i.sk === 'CASE')!.gsi1pk).toBeUndefined();
  });

  it('reads the record back from its items, whatever their order', () => {
    const { form, materials, ...state } = base;
    const record = recordOf([
      { pk: 'CASE#c1', sk: 'CASE#MATERIALS', type: 'CaseMaterials', materials },
      { pk: 'CASE#c1', sk: 'CASE', type: 'Case', ...state, gsi1pk: 'OWNER#E#1', gsi1sk: 'x' },
      { pk: 'CASE#c1', sk: 'CASE#FORM', type: 'CaseForm', form },
    ]);
    expect(record).toEqual(base);
    expect(recordOf([{ pk: 'CASE#c1', sk: 'CASE#FORM', form }])).toBeUndefined();
  });

  it("keeps an Idempotency-Key's answer compressed, and reads it back whole", () => {
    const after = { ...base, status: 'SUBMITTED' as const, seq: 2, lastHash: 'h2' };
    const idempotency = { key: 'k', sub: 's1', requestHash: 'r', caseId: 'c1', response: after };
    const items = caseCommitItems('t', { before: base, after, entries: [entry], events: [], idempotency }, at);
    const stored = puts(items).find((i) => i.type === 'Idempotency')!;
    expect(stored.response).toBeInstanceOf(Uint8Array);
    expect((stored.response as Uint8Array).length).toBeLessThan(JSON.stringify(after).length);
    expect(unpackResponse(stored.response)).toEqual(after);
    expect(unpackResponse({ id: 'old' })).toEqual({ id: 'old' });
  });
});
