import { randomUUID } from 'node:crypto';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { localBucketName } from '../../infra/local/names';
import { topology as platform } from '../../infra/topology';
import { CONSUMER_RETRY_POLICY, type Topology } from '../../infra/topology-model';
import { dynamoDocumentClient, eventBridgeClient, s3Client } from '../../shared/adapters/aws-clients';
import { analyticsDeps } from '../../shared/adapters/analytics-deps';
import { dynamoCaseStore } from '../../shared/adapters/dynamo-case-store';
import { shardOf } from '../../shared/adapters/dynamo-stats-store';
import { ledgerKey } from '../../shared/adapters/event-ledger';
import { ALL_EVENT_CONTRACTS, patternFor } from '../../shared/contracts/all-events';
import { complaintReceived } from '../../shared/contracts/engagement-events';
import {
  applicationAccepted,
  applicationRefused,
  applicationSubmitted,
} from '../../shared/contracts/application-events';
import { applicationApproved, applicationRejected } from '../../shared/contracts/workflow-events';
import { LICENCE_EVENTS } from '../../shared/contracts/licence-events';
import { routeKey } from '../../shared/contracts/route-contract';
import { STATS_ROUTES } from '../../shared/contracts/stats';
import { statItems } from '../../shared/db/keys';
import { ratingSubmitted } from '../../shared/contracts/engagement-events';
import { COUNTED_CONTRACTS } from '../../shared/domain/analytics/counting';
import { COUNTERS, type Counters } from '../../shared/domain/analytics/counters';
import { zeroCounters } from '../../shared/domain/analytics/indicators';
import { recordEvent } from '../../shared/domain/analytics/record';
import type { CaseRecord } from '../../shared/domain/applications/model';
import { eventFixture } from '../fixtures/events';
import { call } from '../support/http';

/**
 * Statistics end to end on the local cloud: contract-valid events (from the fixtures, with fresh ids) go onto the bus,
 * the analytics consumer receives them through its rule and the event archive's stream through the platform's
 * (`archive-events`, no function), and GET /stats answers over HTTP. The case records the consumer reads are
 * written with the case store.
 */
const RECORD_RULE = 'analytics-record';
const statsKeys = new Set(STATS_ROUTES.map(routeKey));

const topology: Topology = {
  ...platform,
  buckets: {
    ...platform.buckets,
    analytics: { purpose: 'Raw platform events (JSON Lines) for Athena', versioned: false },
  },
  functions: {
    ...platform.functions,
    analyticsRecord: {
      entry: 'functions/analytics/record.ts',
      description: 'Statistics counters',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    stats: {
      entry: 'functions/analytics/stats-api.ts',
      description: 'GET /stats',
      timeoutSeconds: 30,
      uses: [{ table: 'main', access: 'read' }],
    },
  },
  routes: [
    ...platform.routes.filter((r) => !statsKeys.has(routeKey(r.route))),
    ...STATS_ROUTES.map((route) => ({ route, function: 'stats' })),
  ],
  // Only the analytics rule (and the platform's archive stream, in deliveryStreams): the synthetic acceptances below
  // must not start reviews of cases that have no procedure run.
  rules: [
    {
      name: RECORD_RULE,
      description: 'counted events',
      pattern: patternFor(COUNTED_CONTRACTS),
      target: { function: 'analyticsRecord' },
    },
  ],
};

let cloud: LocalCloud;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  cloud = await LocalCloud.start({
    topology,
    clock: 'manual',
    startTime: new Date('2026-03-10T08:00:00+08:00'),
    seed: true,
  });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  tokens.gulou = await cloud.issueToken({ sub: 'sup-2', role: 'supervisor', region: '350102' });
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' });
  tokens.applicant = await cloud.issueToken({ sub: 'citizen-1', role: 'applicant' });
}, 120_000);
afterAll(() => cloud?.stop());
afterEach(() => {
  // Every delivery succeeded (conflicting counter updates included): nothing reached a DLQ.
  expect(cloud.bus.deadLetters.map((d) => `${d.rule}: ${d.error}`)).toEqual([]);
});

type Contract = { source: string; detailType: string; detail: { parse(value: unknown): unknown } };
type Sent = { contract: Contract; detail: Record<string, unknown> };

/** Puts events on the bus (10 per call, as PutEvents allows), each checked against its contract first. */
async function put(events: readonly Sent[]) {
  for (let i = 0; i < events.length; i += 10) {
    const entries = events.slice(i, i + 10).map(({ contract, detail }) => ({
      Source: contract.source,
      DetailType: contract.detailType,
      Detail: JSON.stringify(contract.detail.parse(detail)),
    }));
    const out = await eventBridgeClient().send(new PutEventsCommand({ Entries: entries }));
    expect(out.FailedEntryCount).toBe(0);
  }
  await cloud.idle();
}

/**
 * The archive's lines for one event id: the stream's buffer is written out first (in AWS, when its 15 minutes or
 * 128 MiB are reached), then every gzipped object under events/ is read, as Athena would.
 */
async function archived(eventId: string): Promise<{ key: string; line: Record<string, unknown> }[]> {
  await cloud.firehoses.eventArchive!.flush();
  const bucket = localBucketName('analytics');
  const listed = await s3Client().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'events/' }));
  const found: { key: string; line: Record<string, unknown> }[] = [];
  for (const { Key } of listed.Contents ?? []) {
    const object = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key }));
    const text = gunzipSync(await object.Body!.transformToByteArray()).toString('utf8');
    for (const l of text.split('\n').filter((l) => l !== '')) {
      const line = JSON.parse(l) as Record<string, unknown>;
      if (line.eventId === eventId) found.push({ key: Key!, line });
    }
  }
  return found;
}

const stats = (query: string, who = 'supervisor') =>
  call(cloud.baseUrl, 'GET', `/stats?${query}`, { token: tokens[who] });
const cases = () => dynamoCaseStore(dynamoDocumentClient(), process.env.MAIN_TABLE_NAME!, () => new Date());
const licenceIssued = LICENCE_EVENTS.find((c) => c.detailType === 'Licence.Issued.v1')!;

interface CaseSpec {
  id: string;
  number: string;
  matterCode: string;
  matterVersion: number;
  department: string;
  regionCode: string;
  channel: 'online' | 'mobile' | 'window';
  materials: CaseRecord['materials'];
  review?: CaseRecord['review'];
  outcome?: CaseRecord['outcome'];
}

/** A case record as the platform stores it, written through the case store. */
async function storeCase(spec: CaseSpec, day: string) {
  const at = `${day}T09:00:00+08:00`;
  const record = {
    id: spec.id,
    number: spec.number,
    matterCode: spec.matterCode,
    matterVersion: spec.matterVersion,
    regionCode: spec.regionCode,
    department: spec.department,
    channel: spec.channel,
    status: spec.outcome ? (spec.outcome.decision === 'approved' ? 'APPROVED' : 'REJECTED') : 'SUBMITTED',
    seq: 3,
    lastHash: '0'.repeat(64),
    ownerKey: 'citizen:citizen-1',
    applicant: { type: 'citizen', sub: 'citizen-1' },
    form: {},
    materials: spec.materials,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    ...(spec.review ? { review: spec.review, acceptedAt: at } : {}),
    ...(spec.outcome ? { outcome: spec.outcome } : {}),
  } as unknown as CaseRecord;
  await cases().commit({ after: record, entries: [], events: [] });
}

/** A case event's detail from its fixture, for this case, with a fresh event id. */
function caseDetail(detailType: string, spec: CaseSpec, occurredAt: string, extra: Record<string, unknown> = {}) {
  return {
    ...eventFixture(detailType),
    eventId: randomUUID(),
    occurredAt,
    caseId: spec.id,
    caseNumber: spec.number,
    matterCode: spec.matterCode,
    matterVersion: spec.matterVersion,
    regionCode: spec.regionCode,
    department: spec.department,
    channel: spec.channel,
    ...extra,
  };
}

const upload = (n: number) => ({
  files: Array.from({ length: n }, (_, i) => ({
    uploadId: `u${i}`,
    key: `k${i}`,
    fileName: 'f.pdf',
    contentType: 'application/pdf',
    size: 1,
    sha256: 'x',
    uploadedAt: '2026-03-01T00:00:00Z',
  })),
});

describe('GET /stats over 50 cases of 3 matters on one day', () => {
  const DAY = '2026-03-10';
  const MATTERS = ['FOOD-BUSINESS-LICENCE', 'PUBLIC-HYGIENE-LICENCE', 'SEAL-FILING'];
  const expected = new Map<string, Counters>();
  let guides: Record<
    string,
    {
      version: number;
      department: string;
      promisedLimitDays: number;
      legalLimitDays: number;
      flags: { immediate: boolean };
    }
  >;

  beforeAll(async () => {
    guides = {};
    for (const code of MATTERS) {
      const guide = await call(cloud.baseUrl, 'GET', `/matters/${code}`);
      expect(guide.status).toBe(200);
      guides[code] = guide.json as never;
    }
    const events: Sent[] = [];
    for (let i = 0; i < 50; i++) {
      const matterCode = MATTERS[i % 3]!;
      const guide = guides[matterCode]!;
      const channel = (['online', 'mobile', 'window'] as const)[Math.floor(i / 3) % 3]!;
      const waived = i % 2 === 0;
      const refused = i % 6 === 5;
      const decision = i % 5 === 4 ? 'rejected' : 'approved';
      const late = i % 4 === 1;
      const pausedDays = Math.floor(i / 2) % 2;
      const spec: CaseSpec = {
        id: randomUUID(),
        number: `350100-20260310-${String(40000 + i)}`,
        matterCode,
        matterVersion: guide.version,
        department: guide.department,
        regionCode: i % 5 === 0 ? '350102' : '350100',
        channel,
        materials: waived
          ? { businessLicence: { files: [], licenceNo: '91350100M000100Y43' }, a: upload(1), b: upload(2) }
          : { a: upload(1), b: upload(1), c: upload(1) },
        ...(refused
          ? {}
          : {
              review: {
                startedAt: `2026-03-02T10:00:00+08:00`,
                startDate: '2026-03-02',
                limitDays: 5,
                dueDate: late ? '2026-03-09' : '2026-03-20',
                pausedDays,
              },
              outcome: { decision, decidedAt: `${DAY}T15:00:00+08:00`, tasks: [] },
            }),
      };
      await storeCase(spec, DAY);
      const c = expected.get(matterCode) ?? zeroCounters();
      expected.set(matterCode, c);

      events.push({
        contract: applicationSubmitted,
        detail: caseDetail('Application.Submitted.v1', spec, `${DAY}T09:00:00+08:00`),
      });
      c.submitted += 1;
      c.materialsRequired += 3;
      c.materialsWaived += waived ? 1 : 0;
      if (refused) {
        events.push({
          contract: applicationRefused,
          detail: caseDetail('Application.Refused.v1', spec, `${DAY}T10:00:00+08:00`),
        });
        c.refused += 1;
        continue;
      }
      const tolerated = i % 4 === 0 ? ['healthCertificates'] : [];
      const deemed = i % 7 === 0;
      events.push({
        contract: applicationAccepted,
        detail: caseDetail('Application.Accepted.v1', spec, `${DAY}T10:00:00+08:00`, { tolerated, deemed }),
      });
      c.accepted += 1;
      c.tolerated += tolerated.length > 0 ? 1 : 0;
      c.deemed += deemed ? 1 : 0;

      const [contract, fixture] =
        decision === 'approved'
          ? [applicationApproved, 'Application.Approved.v1']
          : [applicationRejected, 'Application.Rejected.v1'];
      events.push({
        contract,
        detail: caseDetail(fixture, spec, `${DAY}T15:00:00+08:00`, { decidedAt: `${DAY}T15:00:00+08:00` }),
      });
      c.completed += 1;
      c[decision] += 1;
      c.completedOnTime += late ? 0 : 1;
      // Working days after Mon 2 March up to Tue 10 March: 3, 4, 5, 6, 9, 10.
      c.workingDaysToDecision += 6 - pausedDays;
      c.promisedDays += guide.promisedLimitDays;
      c.legalDays += guide.legalLimitDays;
      c.immediate += guide.flags.immediate ? 1 : 0;
      c.visits += channel === 'window' ? 1 : 0;
      c.fullyOnline += channel === 'window' ? 0 : 1;

      if (decision === 'approved' && i % 2 === 0) {
        const licence = {
          eventId: randomUUID(),
          occurredAt: `${DAY}T17:00:00+08:00`,
          licenceNo: `L-${i}`,
          version: 1,
          licenceType: 'X',
          issuingDepartment: guide.department,
          holderType: 'enterprise',
          caseId: spec.id,
        };
        events.push({ contract: licenceIssued, detail: licence });
        c.licencesIssued += 1;
        c.licencesIssuedOnTime += 1;
      }
      const ability = 1 + (i % 5);
      events.push({
        contract: ratingSubmitted,
        detail: caseDetail('Rating.Submitted.v1', spec, `${DAY}T18:00:00+08:00`, {
          ability,
          attitude: 5,
          effect: 4,
          bad: ability <= 2,
          caseStatus: 'APPROVED',
          rectificationId: undefined,
        }),
      });
      c.ratings += 1;
      c.ratingAbility += ability;
      c.ratingAttitude += 5;
      c.ratingEffect += 4;
      c.badRatings += ability <= 2 ? 1 : 0;
    }
    await put(events);
  }, 120_000);

  it('grouped by matter: one row per matter matching what was sent, and the rows sum to the total', async () => {
    const byMatter = await stats(`from=${DAY}&to=${DAY}&groupBy=matter`);
    expect(byMatter.status).toBe(200);
    expect(byMatter.json.groupBy).toEqual(['matter']);
    const rows = byMatter.json.rows as Record<string, any>[];
    expect(rows.map((r) => r.matter)).toEqual([...MATTERS].sort());
    for (const row of rows) {
      const want = expected.get(row.matter)!;
      for (const c of COUNTERS) expect([row.matter, c, row[c]]).toEqual([row.matter, c, want[c]]);
      expect(row.onTimeRate).toBe(Math.round((want.completedOnTime / want.completed) * 10_000) / 10_000);
      expect(row.overdue).toBe(0);
    }
    expect(rows.find((r) => r.matter === 'SEAL-FILING')!.immediateShare).toBe(1);
    expect(rows.find((r) => r.matter === 'FOOD-BUSINESS-LICENCE')!.immediateShare).toBe(0);

    const total = await stats(`from=${DAY}&to=${DAY}`);
    expect(total.status).toBe(200);
    expect(total.json.rows).toHaveLength(1);
    const [all] = total.json.rows as Record<string, any>[];
    expect(all!.submitted).toBe(50);
    for (const c of COUNTERS) expect([c, all![c]]).toEqual([c, rows.reduce((sum, r) => sum + r[c], 0)]);
    expect(all!.complaintOnTimeRate).toBeNull();
  });

  it('a supervisor with a region claim sees only that region; one without sees all', async () => {
    const gulou = await stats(`from=${DAY}&to=${DAY}&groupBy=region,matter`, 'gulou');
    expect(gulou.status).toBe(200);
    expect(gulou.json.region).toBe('350102');
    const rows = gulou.json.rows as Record<string, any>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(['350102']));
    // Cases 0, 5, …, 45 are in 鼓楼区.
    expect(rows.reduce((sum, r) => sum + r.submitted, 0)).toBe(10);
    const gulouTotal = await stats(`from=${DAY}&to=${DAY}`, 'gulou');
    expect(gulouTotal.json.rows[0].submitted).toBe(10);

    for (const who of ['supervisor', 'admin']) {
      const all = await stats(`from=${DAY}&to=${DAY}&groupBy=region`, who);
      expect(all.json.region).toBeUndefined();
      expect((all.json.rows as Record<string, any>[]).map((r) => [r.region, r.submitted])).toEqual([
        ['350100', 40],
        ['350102', 10],
      ]);
    }
  });
});

describe('GET /stats over a range', () => {
  it('groupBy=day,department sums each day of a 3-day range; events just outside it (Asia/Shanghai days) are not in it', async () => {
    const refusal = (department: string, occurredAt: string) => ({
      contract: applicationRefused,
      detail: {
        ...eventFixture('Application.Refused.v1'),
        eventId: randomUUID(),
        caseId: randomUUID(),
        department,
        occurredAt,
      },
    });
    const complaint = (department: string, occurredAt: string) => ({
      contract: complaintReceived,
      detail: {
        ...eventFixture('Complaint.Received.v1'),
        eventId: randomUUID(),
        complaintId: randomUUID(),
        responsibleDepartment: department,
        occurredAt,
      },
    });
    await put([
      refusal('SAMR', '2026-03-31T23:59:00+08:00'),
      refusal('SAMR', '2026-04-01T09:00:00+08:00'),
      refusal('SAMR', '2026-03-31T16:30:00Z'), // 1 April, 00:30 in Shanghai
      complaint('HEALTH', '2026-04-01T10:00:00+08:00'),
      refusal('PSB', '2026-04-02T11:00:00+08:00'),
      complaint('SAMR', '2026-04-03T09:00:00+08:00'),
      complaint('SAMR', '2026-04-03T10:00:00+08:00'),
      complaint('SAMR', '2026-04-03T15:59:00Z'),
      complaint('SAMR', '2026-04-03T16:00:00Z'), // 4 April in Shanghai
    ]);
    const range = await stats('from=2026-04-01&to=2026-04-03&groupBy=day,department');
    expect(range.status).toBe(200);
    expect(
      (range.json.rows as Record<string, any>[]).map((r) => [r.day, r.department, r.refused, r.complaints]),
    ).toEqual([
      ['2026-04-01', 'HEALTH', 0, 1],
      ['2026-04-01', 'SAMR', 2, 0],
      ['2026-04-02', 'PSB', 1, 0],
      ['2026-04-03', 'SAMR', 0, 3],
    ]);
    const lastTwo = await stats('from=2026-04-02&to=2026-04-03&groupBy=department');
    expect((lastTwo.json.rows as Record<string, any>[]).map((r) => [r.department, r.refused, r.complaints])).toEqual([
      ['PSB', 1, 0],
      ['SAMR', 0, 3],
    ]);
  });

  it('bad ranges and dimensions get 400 naming the field; only supervisors and administrators may ask', async () => {
    const problems: [string, string][] = [
      ['from=2026-03-11&to=2026-03-10', 'query.from'],
      ['from=2026-01-01&to=2027-01-02', 'query.to'],
      ['from=2026-02-30&to=2026-03-10', 'query.from'],
      ['from=2026-03-01', 'query.to'],
      ['from=2026-03-01&to=2026-03-02&groupBy=matter,colour', 'query.groupBy'],
    ];
    for (const [query, path] of problems) {
      const answer = await stats(query);
      expect([query, answer.status, answer.json.error.code]).toEqual([query, 400, 'ValidationError']);
      expect(answer.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    // 366 days is the most, and is answered.
    expect((await stats('from=2026-01-01&to=2027-01-01')).status).toBe(200);
    expect((await stats('from=2026-03-01&to=2026-03-02', 'applicant')).status).toBe(403);
    expect((await call(cloud.baseUrl, 'GET', '/stats?from=2026-03-01&to=2026-03-02')).status).toBe(401);
  });
});

describe('exactly once, and the archive', () => {
  const DAY = '2026-04-20';

  it('the same event delivered twice changes no counter; the archive holds both deliveries as the same line', async () => {
    const spec: CaseSpec = {
      id: randomUUID(),
      number: '350100-20260420-50001',
      matterCode: 'FOOD-BUSINESS-LICENCE',
      matterVersion: 1,
      department: 'SAMR',
      regionCode: '350100',
      channel: 'online',
      materials: { businessLicence: { files: [], licenceNo: '91350100M000100Y43' }, floorPlan: upload(1) },
    };
    await storeCase(spec, DAY);
    // The archive's earlier lines go out first: the next object holds this test's lines only.
    await cloud.firehoses.eventArchive!.flush();
    const receivedOn = new Date(cloud.clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // 00:30 on 21 April in Shanghai, 20 April in UTC.
    const detail = caseDetail('Application.Submitted.v1', spec, '2026-04-20T16:30:00Z');
    const sent = { contract: applicationSubmitted, detail };
    await put([sent]);
    const once = await stats('from=2026-04-21&to=2026-04-21');
    expect(once.json.rows[0]).toMatchObject({ submitted: 1, materialsRequired: 2, materialsWaived: 1 });

    await put([sent]); // a redelivery: a new envelope, the same detail.eventId
    const counters = async () => {
      const items = [];
      for (let shard = 0; shard < 4; shard++) {
        const page = await dynamoDocumentClient().send(
          new QueryCommand({
            TableName: process.env.MAIN_TABLE_NAME!,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `STAT#2026-04-21#${shard}` },
          }),
        );
        items.push(...(page.Items ?? []));
      }
      return items;
    };
    const items = await counters();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      sk: 'FOOD-BUSINESS-LICENCE#SAMR#350100#online',
      day: '2026-04-21',
      region: '350100',
      submitted: 1,
      materialsRequired: 2,
      materialsWaived: 1,
    });
    expect((await stats('from=2026-04-21&to=2026-04-21')).json.rows[0]).toMatchObject({
      submitted: 1,
      materialsRequired: 2,
      materialsWaived: 1,
    });
    // Both deliveries reached the consumer; the contribution kept under the event id turned the second away, and
    // no ledger marker was written beside it.
    expect(
      cloud.bus.deliveries.filter((d) => d.rule === RECORD_RULE && d.status === 'delivered').length,
    ).toBeGreaterThanOrEqual(2);
    const kept = await dynamoDocumentClient().send(
      new GetCommand({
        TableName: process.env.MAIN_TABLE_NAME!,
        Key: statItems.member.key('2026-04-21', shardOf(detail.eventId, 4), detail.eventId),
      }),
    );
    expect(kept.Item).toMatchObject({ eventId: detail.eventId, submitted: 1, caseId: spec.id });
    const marker = await dynamoDocumentClient().send(
      new GetCommand({ TableName: process.env.MAIN_TABLE_NAME!, Key: ledgerKey('analytics', detail.eventId) }),
    );
    expect(marker.Item).toBeUndefined();

    // EventBridge delivers at least once and Firehose keeps what it is given: both deliveries are lines, identical,
    // which Athena queries de-duplicate by event_id. They sit under the day the archive received them, in Shanghai.
    const lines = await archived(detail.eventId);
    expect(lines.map((l) => l.key.split('/').slice(0, 2).join('/'))).toEqual([
      `events/dt=${receivedOn}`,
      `events/dt=${receivedOn}`,
    ]);
    for (const { line } of lines)
      expect(line).toEqual({
        eventId: detail.eventId,
        source: applicationSubmitted.source,
        detailType: 'Application.Submitted.v1',
        occurredAt: '2026-04-20T16:30:00Z',
        detail,
      });
  });

  it('counts an event once when it is delivered three times at once (the kept contribution is the guard)', async () => {
    const spec: CaseSpec = {
      id: randomUUID(),
      number: '350100-20260423-50002',
      matterCode: 'FOOD-BUSINESS-LICENCE',
      matterVersion: 1,
      department: 'SAMR',
      regionCode: '350102',
      channel: 'window',
      materials: { businessLicence: { files: [], licenceNo: '91350100M000100Y43' }, floorPlan: upload(1) },
    };
    await storeCase(spec, '2026-04-23');
    const detail = caseDetail('Application.Submitted.v1', spec, '2026-04-23T10:00:00+08:00');
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => recordEvent({ detailType: 'Application.Submitted.v1', detail }, analyticsDeps())),
    );
    expect(outcomes.sort()).toEqual(['duplicate', 'duplicate', 'written']);
    const rows = (await stats('from=2026-04-23&to=2026-04-23&groupBy=region')).json.rows as {
      region: string;
      submitted: number;
    }[];
    expect(rows.find((r) => r.region === '350102')).toMatchObject({ submitted: 1 });
  });

  it('archives events the counters ignore too (every contract), and a counted event whose case is missing goes to the DLQ, not into the counters', async () => {
    const opened = { ...eventFixture('Task.Opened.v1'), eventId: randomUUID(), occurredAt: `${DAY}T09:00:00+08:00` };
    const taskOpened = ALL_EVENT_CONTRACTS.find((c) => c.detailType === 'Task.Opened.v1')!;
    await put([{ contract: taskOpened, detail: opened }]);
    expect((await archived(opened.eventId)).map((l) => l.line)).toEqual([
      expect.objectContaining({ eventId: opened.eventId, detailType: 'Task.Opened.v1' }),
    ]);

    const orphan = {
      ...eventFixture('Application.Submitted.v1'),
      eventId: randomUUID(),
      caseId: randomUUID(),
      occurredAt: '2026-04-22T09:00:00+08:00',
    };
    await put([{ contract: applicationSubmitted, detail: orphan }]);
    // The rule queue's retries run on the local clock: past them all (5-minute steps), the event is a dead letter.
    for (
      let m = 0;
      m < CONSUMER_RETRY_POLICY.maxReceiveCount * (CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds / 60);
      m += CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds / 60
    ) {
      cloud.clock.advance(CONSUMER_RETRY_POLICY.visibilityTimeoutSeconds * 1000);
      await cloud.idle();
    }
    const dead = cloud.bus.deadLetters.splice(0);
    expect(dead.map((d) => [d.rule, (d.event.detail as { eventId: string }).eventId])).toEqual([
      [RECORD_RULE, orphan.eventId],
    ]);
    expect(dead[0]!.error).toMatch(/does not exist/);
    // Three clock hours on, the earlier token has expired: a fresh one.
    tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
    const rows = (await stats('from=2026-04-22&to=2026-04-22')).json.rows as { submitted: number }[];
    expect(rows.reduce((n, r) => n + r.submitted, 0)).toBe(0);
  });
});
