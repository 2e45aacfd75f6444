import { SHIPPED_CALENDARS } from '../../shared/domain/calendar/holidays';
import { WorkingDayCalendar } from '../../shared/domain/calendar/working-days';
import { ConcurrentChangeError } from '../../shared/domain/errors';
import type { EfficiencyIncrement, Watch, WatchChange, WatchRef } from '../../shared/domain/supervision/model';
import type { TrackDeps, WatchStore } from '../../shared/domain/supervision/ports';
import { track } from '../../shared/domain/supervision/track';
import { newWatch } from '../../shared/domain/supervision/watch';
import { eventFixture } from '../fixtures/events';

/**
 * The supervision consumer without a ledger: what it writes for a task's decision and for events around it, against
 * a store that keeps the adapter's rules (each watch conditional on its version, a decision's counters once per event).
 */
const calendar = new WorkingDayCalendar(SHIPPED_CALENDARS);
const decided = eventFixture('Task.Decided.v1');
const { caseId, taskId } = decided as { caseId: string; taskId: string };

function memoryStore(watches: Watch[]) {
  const stored = new Map(watches.map((w) => [w.id, w]));
  const counters = new Map<string, EfficiencyIncrement>();
  const commits: WatchChange[][] = [];
  const idOf = (ref: WatchRef) => `${ref.kind}#${ref.subjectId}`;
  const store: WatchStore = {
    get: async (ref) => stored.get(idOf(ref)),
    ofCase: async (id) => [...stored.values()].filter((w) => w.caseId === id),
    async commit({ eventId, changes, counters: increments = [] }) {
      for (const { before, after } of changes)
        if (stored.get(after.id)?.version !== before?.version) throw new ConcurrentChangeError('changed meanwhile');
      commits.push([...changes]);
      for (const { after } of changes) stored.set(after.id, after);
      let written = changes.length > 0;
      for (const i of increments) {
        const key = `${eventId}|${i.kind}|${i.department}`;
        if (!counters.has(key)) {
          counters.set(key, i);
          written = true;
        }
      }
      return written ? 'written' : 'unchanged';
    },
    dueOn: async () => [],
    pageDueOn: async () => ({ items: [] }),
    listLevel: async () => ({ items: [] }),
    sweepCursor: async () => undefined,
    saveSweepCursor: async () => {},
  };
  return { store, stored, counters, commits };
}

const subject = {
  caseId,
  caseNumber: decided.caseNumber as string,
  matterCode: decided.matterCode as string,
  channel: 'online',
  department: 'SAMR',
  regionCode: '350100',
};
const caseWatch = () =>
  newWatch({ ...subject, kind: 'case', subjectId: caseId }, { dueDate: '2026-03-20', at: '2026-03-02T09:00:00+08:00' });
const taskWatch = () =>
  newWatch({ ...subject, kind: 'task', subjectId: taskId }, { dueDate: '2026-03-06', at: '2026-03-02T09:00:00+08:00' });

function deps(store: WatchStore): TrackDeps {
  return {
    store,
    cases: { get: async () => undefined, getTask: async () => undefined, tasksOf: async () => [] },
    calendar: async () => calendar,
    warningDays: 2,
    now: () => new Date('2026-03-04T10:20:00+08:00'),
  };
}

const event = (detailType: string, changes: Record<string, unknown>) => {
  const detail: Record<string, unknown> & { eventId: string } = {
    ...eventFixture(detailType),
    eventId: String(eventFixture(detailType).eventId),
    caseId,
    taskId,
    ...changes,
  };
  return { detailType, detail };
};

describe('supervision without a ledger', () => {
  it('closes a task on its decision without rewriting a case watch the task never held, and again changes nothing', async () => {
    const memory = memoryStore([caseWatch(), taskWatch()]);
    const decision = event('Task.Decided.v1', { occurredAt: '2026-03-04T10:15:00+08:00' });
    expect(await track(decision, deps(memory.store))).toBe('written');
    expect(memory.commits.flat().map((c) => c.after.id)).toEqual([`task#${taskId}`]);
    expect(memory.stored.get(`task#${taskId}`)).toMatchObject({ status: 'closed', closedBy: 'Task.Decided.v1' });
    expect(memory.stored.get(`case#${caseId}`)).toMatchObject({ status: 'open', version: 0 });

    expect(await track(decision, deps(memory.store))).toBe('unchanged');
    expect(memory.commits).toHaveLength(1);
  });

  it('leaves the case clock running when the task’s suspension arrives after its decision', async () => {
    const memory = memoryStore([caseWatch(), taskWatch()]);
    await track(event('Task.Decided.v1', { occurredAt: '2026-03-04T10:15:00+08:00' }), deps(memory.store));
    const late = event('Task.Suspended.v1', {
      eventId: 'evt-late-suspension',
      occurredAt: '2026-03-04T10:00:00+08:00',
    });
    expect(await track(late, deps(memory.store))).toBe('unchanged');
    expect(memory.stored.get(`case#${caseId}`)).toMatchObject({ status: 'open' });
    expect(memory.stored.get(`case#${caseId}`)).not.toHaveProperty('holds');
  });

  it('releases the case clock on the decision of a task that held it', async () => {
    const memory = memoryStore([caseWatch(), taskWatch()]);
    await track(
      event('Task.Suspended.v1', { eventId: 'evt-suspension', occurredAt: '2026-03-03T10:00:00+08:00' }),
      deps(memory.store),
    );
    expect(memory.stored.get(`case#${caseId}`)).toMatchObject({ status: 'paused', pausedSince: '2026-03-03' });
    await track(event('Task.Decided.v1', { occurredAt: '2026-03-04T10:15:00+08:00' }), deps(memory.store));
    expect(memory.stored.get(`case#${caseId}`)).toMatchObject({
      status: 'open',
      holds: { [taskId]: { held: false, at: '2026-03-04T10:15:00+08:00' } },
    });
  });

  it('re-plans from what is stored when a concurrent delivery wrote first, and writes nothing twice', async () => {
    const memory = memoryStore([caseWatch(), taskWatch()]);
    const decision = event('Task.Decided.v1', { occurredAt: '2026-03-04T10:15:00+08:00' });
    const results = await Promise.all([1, 2, 3].map(() => track(decision, deps(memory.store))));
    expect(results.filter((r) => r === 'written')).toHaveLength(1);
    expect(results.filter((r) => r === 'unchanged')).toHaveLength(2);
    expect(memory.stored.get(`task#${taskId}`)).toMatchObject({ status: 'closed', version: 1 });
  });
});
