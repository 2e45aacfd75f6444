import {
  type Actor,
  checkTransition,
  GENESIS_HASH,
  type HistoryEntry,
  nextEntry,
  statusOf,
  verifyChain,
} from '../../shared/domain/applications/case';

const applicant: Actor = { sub: 'citizen-1', role: 'applicant' };
const window: Actor = { sub: 'window-1', role: 'window' };

function history(): HistoryEntry[] {
  const steps = [
    { action: 'created', actor: applicant },
    { action: 'material-added', actor: applicant, data: { material: 'floorPlan', sha256: 'abc' } },
    { action: 'submitted', actor: applicant },
    {
      action: 'correction-requested',
      actor: window,
      data: { items: [{ target: 'material', code: 'floorPlan', message: '请补正' }] },
    },
    { action: 'resubmitted', actor: applicant },
    { action: 'accepted', actor: window },
  ] as const;
  const entries: HistoryEntry[] = [];
  for (const [i, step] of steps.entries()) {
    entries.push(nextEntry(entries.at(-1), statusOf(entries), { ...step, at: `2026-03-02T0${i}:00:00.000Z` }));
  }
  return entries;
}

describe('the case history', () => {
  it('derives the status from the last transition, ignoring entries that record facts', () => {
    const entries = history();
    expect(statusOf(entries)).toBe('ACCEPTED');
    expect(statusOf(entries.slice(0, 2))).toBe('DRAFT');
    expect(statusOf(entries.slice(0, 4))).toBe('CORRECTION_REQUESTED');
  });

  it('links each entry to the previous one by its hash, starting from the genesis hash', () => {
    const entries = history();
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    for (const [i, entry] of entries.slice(1).entries()) expect(entry.prevHash).toBe(entries[i]!.hash);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[3]).toMatchObject({ from: 'SUBMITTED', to: 'CORRECTION_REQUESTED' });
  });

  it('verifies an untouched chain', () => {
    expect(verifyChain(history())).toEqual({ valid: true, entries: 6 });
  });

  it('detects an entry changed after it was written', () => {
    const entries = history();
    entries[1] = { ...entries[1]!, data: { material: 'floorPlan', sha256: 'forged' } };
    expect(verifyChain(entries)).toMatchObject({
      valid: false,
      brokenAt: 2,
      reason: expect.stringContaining('changed'),
    });
  });

  it('detects a changed entry whose hash was recomputed, because the next link breaks', () => {
    const entries = history();
    const forged = nextEntry(entries[1], 'DRAFT', { action: 'submitted', actor: window, at: entries[2]!.at });
    entries[2] = forged;
    expect(verifyChain(entries)).toMatchObject({ valid: false, brokenAt: 4 });
  });

  it('detects a deleted entry and entries in the wrong order', () => {
    const entries = history();
    expect(verifyChain([...entries.slice(0, 2), ...entries.slice(3)])).toMatchObject({ valid: false, brokenAt: 4 });
    expect(verifyChain([entries[1]!, entries[0]!, ...entries.slice(2)])).toMatchObject({ valid: false });
  });

  it('does not depend on the order of keys in stored entries', () => {
    const reordered = history().map((e) => Object.fromEntries(Object.entries(e).reverse()) as unknown as HistoryEntry);
    expect(verifyChain(reordered)).toEqual({ valid: true, entries: 6 });
  });
});

describe('the transition table', () => {
  it.each([
    ['DRAFT', 'submitted'],
    ['SUBMITTED', 'accepted'],
    ['SUBMITTED', 'refused'],
    ['SUBMITTED', 'correction-requested'],
    ['CORRECTION_REQUESTED', 'resubmitted'],
    ['ACCEPTED', 'withdrawn'],
  ] as const)('allows %s → %s', (status, action) => {
    expect(() => checkTransition(status, action)).not.toThrow();
  });

  it.each([
    ['DRAFT', 'accepted'],
    ['SUBMITTED', 'submitted'],
    ['REFUSED', 'withdrawn'],
    ['APPROVED', 'withdrawn'],
    ['WITHDRAWN', 'resubmitted'],
    ['ACCEPTED', 'draft-updated'],
  ] as const)('refuses %s → %s with a conflict naming the status', (status, action) => {
    expect(() => checkTransition(status, action)).toThrow(
      expect.objectContaining({ name: 'ConflictError', message: expect.stringContaining(status) }),
    );
  });
});
