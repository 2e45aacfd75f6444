import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { WorkingDayCalendar } from '../../shared/domain/calendar/working-days';
import { eachIsolated, type SweepFailure } from '../../shared/domain/sweep';
import { sweep } from '../../shared/domain/supervision/sweep';
import type { Watch } from '../../shared/domain/supervision/model';
import type { WatchStore } from '../../shared/domain/supervision/ports';
import { newWatch } from '../../shared/domain/supervision/watch';
import { logSweepFailures } from '../../shared/lambda/sweep';

/** Sweeps isolate each item: one that fails is reported by id, and the others are handled. */
describe('eachIsolated', () => {
  it('runs every item, records the failing ones by id and error name, and rethrows nothing', async () => {
    const done: number[] = [];
    const failed: SweepFailure[] = [];
    await eachIsolated(
      [1, 2, 3],
      (n) => `item-${n}`,
      async (n) => {
        if (n === 2)
          throw Object.assign(new Error('the store is down for 350100199001011234'), { name: 'ServiceUnavailable' });
        done.push(n);
      },
      failed,
    );
    expect(done).toEqual([1, 3]);
    // The error's name only: its message may carry personal data.
    expect(failed).toEqual([{ id: 'item-2', error: 'ServiceUnavailable' }]);
    const lines: unknown[] = [];
    expect(logSweepFailures({ error: (message, data) => lines.push({ message, ...data }) }, 'test', failed)).toBe(1);
    expect(lines).toEqual([
      { message: 'sweep item failed', sweep: 'test', itemId: 'item-2', error: 'ServiceUnavailable' },
    ]);
  });
});

describe('the supervision sweep', () => {
  const today = '2026-03-10';
  const watch = (subjectId: string): Watch =>
    newWatch(
      { kind: 'task', subjectId, caseId: subjectId.split('.')[0]!, department: 'SAMR', regionCode: '350100' },
      { dueDate: '2026-03-09', at: '2026-03-02T01:00:00.000Z' },
    );

  const storeWith = (watches: Watch[], broken: string) => {
    const committed: string[] = [];
    const cursor: { value?: string } = { value: '2026-03-09' };
    const store: Partial<WatchStore> = {
      dueOn: async (date) => watches.filter((w) => w.dueDate === date),
      get: async (ref) => watches.find((w) => w.id === (ref as Watch).id),
      commit: async ({ changes }) => {
        if (changes.some((c) => c.after.subjectId === broken))
          throw Object.assign(new Error('boom'), { name: 'InternalServerError' });
        committed.push(...changes.map((c) => c.after.subjectId));
        return 'written';
      },
      sweepCursor: async () => cursor.value,
      saveSweepCursor: async (date) => {
        cursor.value = date;
      },
    };
    return { store: store as WatchStore, committed, cursor };
  };

  it('turns the other watches red when one fails, reports the failing one by id, and keeps the cursor so it is read again', async () => {
    const watches = ['c1.0.SAMR', 'c2.0.SAMR', 'c3.0.SAMR'].map(watch);
    const { store, committed, cursor } = storeWith(watches, 'c2.0.SAMR');
    const deps = {
      store,
      calendar: async () => new WorkingDayCalendar(SHIPPED_CALENDARS),
      warningDays: 2,
      now: () => new Date(`${today}T02:00:00.000Z`),
    };
    const result = await sweep(deps);
    expect(committed).toEqual(['c1.0.SAMR', 'c3.0.SAMR']);
    expect(result.changed).toBe(2);
    expect(result.failed).toEqual([{ id: watches[1]!.id, error: 'InternalServerError' }]);
    expect(cursor.value).toBe('2026-03-09');

    // Mended: the next run sweeps it and moves the cursor on.
    const mended = storeWith(watches, 'none');
    const again = await sweep({ ...deps, store: mended.store });
    expect(again.failed).toEqual([]);
    expect(mended.committed).toContain('c2.0.SAMR');
    expect(mended.cursor.value).toBe(today);
  });
});
