import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { topology } from '../../infra/topology';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoSupervisionStore, watchKey } from '../../shared/adapters/dynamo-supervision-store';
import { ledgerKey } from '../../shared/adapters/event-ledger';
import { supervisionDeps } from '../../shared/adapters/supervision-deps';
import type { Watch } from '../../shared/domain/supervision/model';
import { track } from '../../shared/domain/supervision/track';
import { eventFixture } from '../fixtures/events';
import { acceptedFoodCase as acceptedFood } from '../support/cases';
import { USCC } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * 电子监察 against a local cloud (DynamoDB Local, manual clock, the demo catalogue), wired as the platform wires
 * it: the consumer on its rule, the sweep on its hourly schedule, the routes on the HTTP API. Cases are driven over
 * HTTP as departments and applicants would; the clock moves through March 2026 (no holiday near).
 */

let cloud: LocalCloud;
const tokens: Record<string, string> = {};

async function freshTokens() {
  tokens.applicant = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.fuzhou = await cloud.issueToken({ sub: 'sup-fz', role: 'supervisor', region: '350100' });
  tokens.xiamen = await cloud.issueToken({ sub: 'sup-xm', role: 'supervisor', region: '350200' });
  for (const dept of ['SAMR', 'HEALTH', 'URBAN'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

async function at(instant: string) {
  cloud.clock.advanceTo(new Date(instant));
  await cloud.idle();
  await freshTokens();
}

beforeAll(async () => {
  cloud = await LocalCloud.start({
    clock: 'manual',
    startTime: new Date('2026-03-02T08:00:00+08:00'),
    seed: true,
    topology,
  });
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });

/** A 食品经营许可 case accepted now: its first stage opens SAMR's and HEALTH's tasks (2 working days each). */
const acceptedFoodCase = () => acceptedFood(cloud.baseUrl, tokens.applicant!, tokens.window!, () => cloud.idle());

async function openTask(dept: string, caseId: string) {
  return eventually(`${dept}'s task of ${caseId}`, async () => {
    const list = await api('GET', '/tasks', dept);
    return (list.json.items as any[]).find((t) => t.caseId === caseId && t.stageIndex === 0);
  });
}

async function decide(dept: string, taskId: string, body: Record<string, unknown>) {
  const answer = await api('POST', `/tasks/${encodeURIComponent(taskId)}/decision`, dept, body);
  expect(answer.status).toBe(200);
  await cloud.idle();
  return answer.json;
}

async function storedWatch(kind: Watch['kind'], subjectId: string, caseId?: string): Promise<Watch | undefined> {
  const { Item } = await dynamoDocumentClient().send(
    new GetCommand({
      TableName: process.env.MAIN_TABLE_NAME,
      Key: watchKey({ kind, subjectId, ...(caseId ? { caseId } : {}) }),
    }),
  );
  return Item as Watch | undefined;
}

const listed = async (path: string, who: string) => {
  const answer = await api('GET', path, who);
  expect(answer.status).toBe(200);
  return answer.json.items as any[];
};
const ids = (items: any[]) => items.map((i) => i.watchId);
const notices = (type: string, watchId: string) =>
  new Set(
    cloud.bus.archive
      .filter((e) => e['detail-type'] === type && e.detail.watchId === watchId)
      .map((e) => e.detail.eventId as string),
  );
const sweepNow = async () => {
  const result = (await cloud.functions.invoke('supervisionSweep', {})) as { changed: number; notices: number };
  await cloud.idle();
  return result;
};

let caseA: string;
let samrA: any;
let healthA: any;

describe('a task past its due date', () => {
  it('is watched from its opening, yellow at once when its 2 working days are all that is left, without a warning of its own', async () => {
    await at('2026-03-02T09:30:00+08:00');
    caseA = await acceptedFoodCase();
    samrA = await openTask('SAMR', caseA);
    healthA = await openTask('HEALTH', caseA);
    expect(samrA.dueDate).toBe('2026-03-04');
    // 福州市 (350100): a Fuzhou supervisor sees it, a Xiamen one (350200) does not.
    expect((await api('GET', `/applications/${caseA}`, 'supervisor')).json.regionCode).toBe('350100');
    expect(ids(await listed('/supervision/warnings', 'SAMR'))).toContain(`task#${samrA.id}`);
    // SAMR's message of the new task says it is due soon: no second message in the same second.
    expect(notices('Supervision.DeadlineWarning.v1', `task#${samrA.id}`).size).toBe(0);
    const inbox = await eventually('SAMR’s message of the new task', async () => {
      const page = await api('GET', '/me/inbox', 'SAMR');
      const mine = (page.json.items as any[]).filter((m) => m.caseId === caseA);
      return mine.length > 0 ? mine : undefined;
    });
    expect(inbox.map((m) => m.detailType)).toEqual(['Task.Opened.v1']);
    expect(inbox[0].body).toContain('请于2026年3月4日前办理。仅剩2个工作日，已进入临近期限预警（黄灯）');
    // The case (due 9 March, 5 working days) is watched too, green: on neither list.
    expect(await storedWatch('case', caseA)).toMatchObject({ status: 'open', level: 'green', dueDate: '2026-03-09' });
    expect(ids(await listed('/supervision/warnings', 'supervisor'))).not.toContain(`case#${caseA}`);
  });

  it('turns red in the sweep after its due date, once, and a second sweep changes nothing', async () => {
    await at('2026-03-05T09:00:00+08:00');
    expect(cloud.scheduler.firings.filter((f) => f.schedule === 'supervision-sweep' && f.ok).length).toBeGreaterThan(0);
    const red = (await listed('/supervision/overdue', 'supervisor')).find((i) => i.watchId === `task#${samrA.id}`);
    expect(red).toMatchObject({
      kind: 'task',
      subjectId: samrA.id,
      caseId: caseA,
      department: 'SAMR',
      level: 'red',
      dueDate: '2026-03-04',
      overdueDays: 1,
    });
    expect(notices('Supervision.DeadlineOverdue.v1', `task#${samrA.id}`).size).toBe(1);
    expect(await sweepNow()).toMatchObject({ changed: 0, notices: 0 });
    expect(notices('Supervision.DeadlineOverdue.v1', `task#${samrA.id}`).size).toBe(1);
    // The case, due Monday 9 March, has just come within 2 working days (Friday, Monday).
    expect(
      (await listed('/supervision/warnings?kind=case', 'supervisor')).find((i) => i.watchId === `case#${caseA}`),
    ).toMatchObject({ level: 'yellow', remainingDays: 2 });
    // It opened green and turned yellow: that is warned of, once.
    expect(notices('Supervision.DeadlineWarning.v1', `case#${caseA}`).size).toBe(1);
  });

  it('shows a department its own overdue tasks only, whatever it asks for', async () => {
    expect(ids(await listed('/supervision/overdue', 'SAMR'))).toContain(`task#${samrA.id}`);
    expect(ids(await listed('/supervision/overdue', 'SAMR'))).not.toContain(`task#${healthA.id}`);
    expect(ids(await listed('/supervision/overdue?department=SAMR', 'URBAN'))).not.toContain(`task#${samrA.id}`);
    expect(ids(await listed('/supervision/overdue?department=HEALTH', 'supervisor'))).toEqual(
      expect.arrayContaining([`task#${healthA.id}`]),
    );
    expect(ids(await listed('/supervision/overdue?department=HEALTH', 'supervisor'))).not.toContain(`task#${samrA.id}`);
    expect((await api('GET', '/supervision/overdue', 'applicant')).status).toBe(403);
  });

  it('shows a regional supervisor its region only', async () => {
    expect(ids(await listed('/supervision/overdue', 'fuzhou'))).toContain(`task#${samrA.id}`);
    expect(ids(await listed('/supervision/overdue?region=350100', 'fuzhou'))).toContain(`task#${samrA.id}`);
    expect(ids(await listed('/supervision/overdue', 'xiamen'))).not.toContain(`task#${samrA.id}`);
    expect(ids(await listed('/supervision/overdue?region=350200', 'supervisor'))).not.toContain(`task#${samrA.id}`);
    const outside = await api('GET', '/supervision/overdue?region=350200', 'fuzhou');
    expect(outside.status).toBe(403);
    expect(outside.json.error.details[0]).toMatchObject({ path: 'query.region' });
  });

  it('pages through the departments with a cursor, and refuses a forged one', async () => {
    const all = await listed('/supervision/overdue', 'supervisor');
    expect(all.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api('GET', `/supervision/overdue?limit=1${cursor ? `&cursor=${cursor}` : ''}`, 'supervisor');
      expect(page.status).toBe(200);
      seen.push(...ids(page.json.items));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(all));
    const forged = Buffer.from(
      JSON.stringify({
        d: 'SAMR',
        c: Buffer.from(JSON.stringify({ gsi1pk: 'SUPERVISION#RED#HEALTH' })).toString('base64url'),
      }),
    ).toString('base64url');
    const refused = await api('GET', `/supervision/overdue?cursor=${forged}`, 'supervisor');
    expect(refused.status).toBe(400);
    expect(refused.json.error.details[0]).toMatchObject({ path: 'query.cursor', rule: 'cursor' });
    expect((await api('GET', '/supervision/overdue?kind=parcel', 'supervisor')).status).toBe(400);
  });
});

describe('exactly once', () => {
  it('creates one watch and one notice when the same Task.Opened is delivered twice', async () => {
    const caseId = '7d1e4a2b-9c3f-4e5d-8a6b-1c2d3e4f5a60';
    const taskId = `${caseId}.0.SAMR`;
    const detail = {
      ...eventFixture('Task.Opened.v1'),
      eventId: 'evt-twice-1',
      occurredAt: '2026-03-05T09:00:00+08:00',
      caseId,
      taskId,
      taskDepartment: 'SAMR',
      // Already past when it arrives (the clock is on 5 March): red at once, which is told at once.
      dueDate: '2026-03-04',
    };
    const entry = {
      Source: 'gov.one-stop.workflow',
      DetailType: 'Task.Opened.v1',
      Detail: JSON.stringify(detail),
      EventBusName: 'one-stop-local-bus',
    };
    const delivered = () =>
      cloud.bus.deliveries.filter((d) => d.rule === 'supervision-track' && d.status === 'delivered').length;
    const before = delivered();
    await cloud.bus.putEvents([entry] as never);
    await cloud.idle();
    await cloud.bus.putEvents([entry] as never);
    await cloud.idle();
    // Both reached the consumer (two envelopes, one detail eventId); the second changed nothing.
    expect(delivered() - before).toBe(2);
    expect(await storedWatch('task', taskId)).toMatchObject({ status: 'open', level: 'red', version: 1 });
    expect(
      ids(await listed('/supervision/overdue?department=SAMR&kind=task', 'supervisor')).filter(
        (id) => id === `task#${taskId}`,
      ),
    ).toHaveLength(1);
    expect(notices('Supervision.DeadlineOverdue.v1', `task#${taskId}`).size).toBe(1);
  });
});

describe('exactly once, at the same moment', () => {
  it('writes one watch and one notice when the same Task.Opened is applied three times at once', async () => {
    const caseId = '7d1e4a2b-9c3f-4e5d-8a6b-1c2d3e4f5a61';
    const taskId = `${caseId}.0.SAMR`;
    const detail = {
      ...eventFixture('Task.Opened.v1'),
      eventId: 'evt-at-once-1',
      occurredAt: new Date(cloud.clock.now()).toISOString(),
      caseId,
      taskId,
      taskDepartment: 'SAMR',
      // Three days past: red at once, told at once.
      dueDate: new Date(cloud.clock.now() - 3 * 24 * 3600 * 1000).toISOString().slice(0, 10),
    };
    const deps = { ...supervisionDeps(), now: () => new Date(cloud.clock.now()) };
    const results = await Promise.all([1, 2, 3].map(() => track({ detailType: 'Task.Opened.v1', detail }, deps)));
    expect(results.sort()).toEqual(['unchanged', 'unchanged', 'written']);
    await cloud.idle();
    expect(await storedWatch('task', taskId)).toMatchObject({ status: 'open', level: 'red', version: 1 });
    expect(notices('Supervision.DeadlineOverdue.v1', `task#${taskId}`).size).toBe(1);
  });
});

describe('events out of order', () => {
  const caseId = '7d1e4a2b-9c3f-4e5d-8a6b-1c2d3e4f5a60';
  const taskId = `${caseId}.0.SAMR`;
  const put = async (type: string, detail: Record<string, unknown>) => {
    await cloud.bus.putEvents([
      {
        Source: 'gov.one-stop.workflow',
        DetailType: type,
        Detail: JSON.stringify({ ...eventFixture(type), caseId, taskId, taskDepartment: 'SAMR', ...detail }),
        EventBusName: 'one-stop-local-bus',
      },
    ] as never);
    await cloud.idle();
  };

  it('applies a resumption that overtook its suspension, and ignores the suspension arriving late', async () => {
    await put('Task.Resumed.v1', {
      eventId: 'evt-order-resumed',
      occurredAt: '2026-03-05T09:20:00+08:00',
      dueDate: '2026-03-20',
      caseDueDate: '2026-03-25',
    });
    await put('Task.Suspended.v1', { eventId: 'evt-order-suspended', occurredAt: '2026-03-05T09:10:00+08:00' });
    expect(await storedWatch('task', taskId)).toMatchObject({
      status: 'open',
      dueDate: '2026-03-20',
      level: 'green',
      lastEventAt: '2026-03-05T09:20:00+08:00',
    });
  });

  it('never reopens a closed watch', async () => {
    await put('Task.Decided.v1', {
      eventId: 'evt-order-decided',
      occurredAt: '2026-03-05T09:30:00+08:00',
      decision: 'approve',
      via: 'todo',
    });
    await put('Task.Opened.v1', {
      eventId: 'evt-order-opened-again',
      occurredAt: '2026-03-05T09:40:00+08:00',
      dueDate: '2026-03-06',
    });
    await put('Task.Resumed.v1', {
      eventId: 'evt-order-resumed-later',
      occurredAt: '2026-03-05T09:50:00+08:00',
      dueDate: '2026-03-06',
      caseDueDate: '2026-03-25',
    });
    expect(await storedWatch('task', taskId)).toMatchObject({
      status: 'closed',
      closedBy: 'Task.Decided.v1',
      dueDate: '2026-03-20',
    });
    expect(ids(await listed('/supervision/warnings?department=SAMR', 'supervisor'))).not.toContain(`task#${taskId}`);
  });
});

describe('decisions and the end of a case', () => {
  it('closes a task watch on its decision', async () => {
    await at('2026-03-05T10:00:00+08:00');
    await decide('SAMR', samrA.id, { decision: 'approve' });
    expect(await storedWatch('task', samrA.id)).toMatchObject({
      status: 'closed',
      closedBy: 'Task.Decided.v1',
      level: 'red',
    });
    expect(ids(await listed('/supervision/overdue', 'SAMR'))).not.toContain(`task#${samrA.id}`);
  });

  it('closes the case watch and its open task watches when the applicant withdraws', async () => {
    expect(ids(await listed('/supervision/overdue', 'HEALTH'))).toContain(`task#${healthA.id}`);
    expect((await api('POST', `/applications/${caseA}/withdraw`, 'applicant', { reason: '不再经营' })).status).toBe(
      200,
    );
    await cloud.idle();
    expect(await storedWatch('task', healthA.id)).toMatchObject({
      status: 'closed',
      closedBy: 'Application.Withdrawn.v1',
    });
    expect(await storedWatch('case', caseA)).toMatchObject({ status: 'closed', closedBy: 'Application.Withdrawn.v1' });
    expect(ids(await listed('/supervision/overdue', 'HEALTH'))).not.toContain(`task#${healthA.id}`);
    expect(ids(await listed('/supervision/warnings', 'supervisor'))).not.toContain(`case#${caseA}`);
  });
});

describe('a paused task', () => {
  let caseB: string;
  let samrB: any;
  let healthB: any;

  it('does not turn red while suspended, and is watched with its new due date once resumed', async () => {
    await at('2026-03-09T09:00:00+08:00');
    caseB = await acceptedFoodCase();
    samrB = await openTask('SAMR', caseB);
    healthB = await openTask('HEALTH', caseB);
    expect(samrB.dueDate).toBe('2026-03-11');
    await decide('SAMR', samrB.id, {
      decision: 'suspend',
      reason: '现场核查',
      specialProcedure: 'on-site-verification',
      expectedDays: 3,
    });
    expect(await storedWatch('task', samrB.id)).toMatchObject({ status: 'paused', pausedSince: '2026-03-09' });
    expect(await storedWatch('case', caseB)).toMatchObject({ status: 'paused' });
    expect(ids(await listed('/supervision/warnings', 'SAMR'))).not.toContain(`task#${samrB.id}`);

    // Thursday 12 March: the task's old due date (11 March) has passed; HEALTH's task, not paused, is red.
    await at('2026-03-12T09:00:00+08:00');
    const overdue = ids(await listed('/supervision/overdue', 'supervisor'));
    expect(overdue).toContain(`task#${healthB.id}`);
    expect(overdue).not.toContain(`task#${samrB.id}`);
    // Its level stays what it was when it paused (yellow: opened with its 2 working days).
    expect(await storedWatch('task', samrB.id)).toMatchObject({
      status: 'paused',
      level: 'yellow',
      dueDate: '2026-03-11',
    });
    expect(notices('Supervision.DeadlineOverdue.v1', `task#${samrB.id}`).size).toBe(0);

    // Resumed after 3 working days (10, 11, 12 March): due Monday 16 March, 2 working days left → yellow.
    const resumed = await decide('SAMR', samrB.id, { decision: 'resume' });
    expect(resumed.task.dueDate).toBe('2026-03-16');
    expect((await listed('/supervision/warnings', 'SAMR')).find((i) => i.watchId === `task#${samrB.id}`)).toMatchObject(
      { level: 'yellow', dueDate: '2026-03-16', remainingDays: 2 },
    );
    // The case's clock ran again with the task's: due 16 March + 3 working days.
    expect(await storedWatch('case', caseB)).toMatchObject({ status: 'open', dueDate: '2026-03-19', level: 'green' });
  });

  it('counts efficiency per department: two SAMR decisions, one late, give an on-time rate of 0.5', async () => {
    await decide('SAMR', samrB.id, { decision: 'approve' });
    await decide('HEALTH', healthB.id, { decision: 'reject', reason: '从业人员健康证明已过期' });
    await eventually('case B to be rejected', async () =>
      (await api('GET', `/applications/${caseB}`, 'supervisor')).json.status === 'REJECTED' ? true : undefined,
    );
    await cloud.idle();
    expect(await storedWatch('case', caseB)).toMatchObject({ status: 'closed', closedBy: 'Application.Rejected.v1' });

    const report = await api('GET', '/supervision/efficiency?from=2026-03-01&to=2026-03-31', 'supervisor');
    expect(report.status).toBe(200);
    const samr = report.json.items.find((i: any) => i.department === 'SAMR');
    // Case A's task: due 4 March, decided 5 March (3 working days of 2). Case B's: on time, its 3 paused days not counted.
    expect(samr.tasks).toEqual({
      decided: 2,
      onTime: 1,
      onTimeRate: 0.5,
      averageWorkingDays: 1.5,
      averageLimitDays: 2,
    });
    // Case B was decided (rejected) on 12 March, before its due date of 19 March.
    expect(samr.cases).toMatchObject({ decided: 1, onTime: 1, onTimeRate: 1, averageLimitDays: 5 });
    expect(report.json.items.find((i: any) => i.department === 'HEALTH').tasks).toMatchObject({
      decided: 1,
      onTime: 0,
      onTimeRate: 0,
    });

    const own = await api('GET', '/supervision/efficiency?from=2026-03-01&to=2026-03-31&department=SAMR', 'HEALTH');
    expect(own.json.items.map((i: any) => i.department)).toEqual(['HEALTH']);
    expect(
      (await api('GET', '/supervision/efficiency?from=2026-03-12&to=2026-03-12&department=SAMR', 'supervisor')).json
        .items[0].tasks.decided,
    ).toBe(1);
    const backwards = await api('GET', '/supervision/efficiency?from=2026-03-31&to=2026-03-01', 'supervisor');
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.details[0]).toMatchObject({ path: 'query.to' });
    expect((await api('GET', '/supervision/efficiency?from=2025-01-01&to=2026-03-01', 'supervisor')).status).toBe(400);
  });

  it('counts a decision once when its event is delivered three times at once, and once more on the bus', async () => {
    const efficiency = async () =>
      (await api('GET', '/supervision/efficiency?from=2026-03-01&to=2026-03-31', 'supervisor')).json.items.find(
        (i: any) => i.department === 'SAMR',
      );
    const before = await efficiency();
    const decision = cloud.bus.archive.find(
      (e) => e['detail-type'] === 'Task.Decided.v1' && e.detail.taskId === samrB.id,
    )!;
    const event = {
      detailType: 'Task.Decided.v1',
      detail: decision.detail as Record<string, unknown> & { eventId: string },
    };
    const deps = { ...supervisionDeps(), now: () => new Date(cloud.clock.now()) };
    expect(await Promise.all([1, 2, 3].map(() => track(event, deps)))).toEqual(['unchanged', 'unchanged', 'unchanged']);
    await cloud.bus.putEvents([
      {
        Source: decision.source,
        DetailType: decision['detail-type'],
        Detail: JSON.stringify(decision.detail),
        EventBusName: 'one-stop-local-bus',
      },
    ] as never);
    await cloud.idle();
    expect(await efficiency()).toEqual(before);
    // The decision's counters are one item under its event's id; no ledger marker beside it.
    const { Items = [] } = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: process.env.MAIN_TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SUPERVISION#EFFICIENCY#SAMR' },
      }),
    );
    expect(Items.filter((i) => String(i.sk).endsWith(`#${decision.detail.eventId}`))).toEqual([
      expect.objectContaining({ type: 'SupervisionDecision', tasksDecided: 1 }),
    ]);
    const marker = await dynamoDocumentClient().send(
      new GetCommand({
        TableName: process.env.MAIN_TABLE_NAME,
        Key: ledgerKey('supervision', String(decision.detail.eventId)),
      }),
    );
    expect(marker.Item).toBeUndefined();
  });
});

describe("a district supervisor's deadlines of a busy date", () => {
  it('fills each page with the district’s own deadlines, however many of other regions come first', async () => {
    // 450 complaints due that day in Xiamen sort before and between 7 in Fuzhou (the index sorts by watch id), as on
    // a busy date: a page of Fuzhou's takes more than one read of 200.
    const date = '2026-06-30';
    const store = dynamoSupervisionStore(dynamoDocumentClient(), process.env.MAIN_TABLE_NAME!, () => new Date());
    const watch = (subjectId: string, regionCode: string): Watch => ({
      id: `complaint#${subjectId}`,
      kind: 'complaint',
      subjectId,
      department: 'SAMR',
      regionCode,
      dueDate: date,
      status: 'open',
      level: 'green',
      openedAt: '2026-06-01T00:00:00.000Z',
      escalations: 0,
      lastEventAt: '2026-06-01T00:00:00.000Z',
      version: 1,
    });
    const xiamen = Array.from({ length: 450 }, (_, i) => watch(`c-${String(i).padStart(3, '0')}`, '350203'));
    // Fuzhou's: one among Xiamen's (c-300a sorts after c-300), six after them all.
    const fuzhou = ['c-300a', ...Array.from({ length: 6 }, (_, i) => `z-${i}`)].map((id) => watch(id, '350102'));
    for (let i = 0; i < xiamen.length; i += 50)
      await store.commit({ changes: xiamen.slice(i, i + 50).map((after) => ({ after })) });
    await store.commit({ changes: fuzhou.map((after) => ({ after })) });

    const page = (cursor?: string) =>
      api(
        'GET',
        `/supervision/deadlines?date=${date}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        'fuzhou',
      );
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const answer = await page(cursor);
      expect(answer.status).toBe(200);
      pages.push(answer.json.items.map((i: { subjectId: string }) => i.subjectId));
      cursor = answer.json.nextCursor;
    } while (cursor && pages.length < 10);
    // Full pages, in order, none skipped or repeated; the last one without a cursor.
    expect(pages).toEqual([['c-300a', 'z-0', 'z-1'], ['z-2', 'z-3', 'z-4'], ['z-5']]);
    // The province's supervisor sees all 457.
    let all = 0;
    cursor = undefined;
    do {
      const answer = await call(
        cloud.baseUrl,
        'GET',
        `/supervision/deadlines?date=${date}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: tokens.supervisor },
      );
      all += answer.json.items.length;
      cursor = answer.json.nextCursor;
    } while (cursor);
    expect(all).toBe(457);
  });
});
