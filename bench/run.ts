import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { RESIDENT_ID, storedLicenceRows, PDF, PDF_SHA256 } from './stored-licences';
import { LocalCloud } from '../infra/local/cloud';
import type { PutEventsEntry, PutEventsResult } from '../infra/local/event-bus';
import type { FunctionDeclaration } from '../infra/topology-model';
import { dynamoDocumentClient } from '../shared/adapters/aws-clients';
import { usccCheckChar } from '../shared/domain/catalogue/identifiers';
import type { FormDefinition } from '../shared/domain/catalogue/form';
import { sampleAnswers } from '../shared/domain/catalogue/sample-form';
import type { ImportResult } from '../shared/domain/licences/import';
import { type BundleReport, measureBundles } from './bundles';
import {
  AWS_CALL_CAP_MS,
  type Cost,
  costPerThousandCases,
  estimateBilledMs,
  FULL_VCPU_MB,
  loadAllPrices,
  type Usage,
} from './cost';
import { accountInvocations } from '../infra/local/functions';
import { billedUnits, itemBytes } from '../infra/local/metering';
import { routeMatcher, summarise } from './percentiles';

/**
 * `npm run bench`: N cases end to end against a fresh local cloud, with C applicants at a time, over the public
 * HTTP API; then every function's bundle; then the AWS cost per 1,000 cases from the operations the run made.
 * Prints a report and writes the same figures as JSON (bench/results/bench.json).
 *
 * The model: C applicant workers take cases one after another (create, 免证 licence references, uploads where the
 * matter needs files, submit with an Idempotency-Key). The window accepts a SUBMITTED case as soon as it arrives;
 * each department's officers list their to-do (`GET /tasks`) when a task opens and approve what it holds. The bench
 * learns that a task opened or a licence was issued from the local bus (in process, nothing billed), so it never
 * polls the API; the applicant then reads the case once (retried only until it shows ISSUED).
 *
 * Options: --cases N (200: the whole bench, bundles included, takes 2½ to 4 minutes on a 2-core machine shared with
 * other work), --concurrency C (8), --warmup W (5 cases first, not counted: cold starts), --bundle-runs R (3),
 * --skip-bundles, --json path, --timeout S (a case's licence is due within S seconds of its submission; 180),
 * --verbose. Exits 1 when a case did not reach its licence, 2 when the bench itself failed.
 */

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '5' },
    'bundle-runs': { type: 'string', default: '3' },
    'skip-bundles': { type: 'boolean', default: false },
    json: { type: 'string', default: 'bench/results/bench.json' },
    timeout: { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
  },
});
const positive = (name: string, value: string | undefined, min = 1) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${value}`);
  return n;
};
const CASES = positive('cases', args.cases);
const CONCURRENCY = positive('concurrency', args.concurrency);
const WARMUP = positive('warmup', args.warmup, 0);
const BUNDLE_RUNS = positive('bundle-runs', args['bundle-runs']);
const TIMEOUT_MS = positive('timeout', args.timeout) * 1000;
const JSON_PATH = resolve(args.json!);
const stderrWrite = process.stderr.write.bind(process.stderr);
const progress = (line: string) =>
  stderrWrite(`[bench ${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
const T0 = performance.now();

// ---- the applicants and their matters ----

/** A valid 统一社会信用代码 per applicant (GB 32100-2015 check character). */
const usccOf = (n: number) => {
  const first17 = `91350100MA0${String(n).padStart(6, '0')}`;
  return `${first17}${usccCheckChar(first17)}`;
};

interface MatterPlan {
  readonly code: string;
  /** Material → licence number (免证), for an applicant's USCC. */
  readonly references: (uscc: string) => Record<string, string>;
  readonly uploads: readonly string[];
  /** The window's decision when the case waits for it (materials it tolerates: 容缺). */
  readonly tolerated: readonly string[];
  readonly overrides: (uscc: string) => Record<string, unknown>;
}
/**
 * The mix, in the order cases take it: two 即办 filings accepted at once with one task (公章刻制备案, 社保登记), and a
 * 食品经营许可 with four uploads, window acceptance, and three stages, the first one two departments in parallel.
 * All of them end in a licence.
 */
const MATTERS: Record<string, MatterPlan> = {
  seal: {
    code: 'SEAL-FILING',
    references: (uscc) => ({ businessLicence: uscc, legalRepIdCard: RESIDENT_ID.licenceNo }),
    uploads: [],
    tolerated: [],
    overrides: (uscc) => ({ uscc }),
  },
  social: {
    code: 'SOCIAL-INSURANCE-REGISTRATION',
    references: (uscc) => ({ businessLicence: uscc }),
    uploads: [],
    tolerated: [],
    overrides: (uscc) => ({ uscc, bankAccount: '6222021001234567890' }),
  },
  food: {
    code: 'FOOD-BUSINESS-LICENCE',
    references: (uscc) => ({ businessLicence: uscc, legalRepIdCard: RESIDENT_ID.licenceNo }),
    // The staff's health certificates too: a task cannot be approved while a material accepted as missing (容缺) is.
    uploads: ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'],
    tolerated: [],
    overrides: (uscc) => ({ uscc, legalRepIdNumber: RESIDENT_ID.idNumber }),
  },
};
const MIX = ['seal', 'social', 'food', 'seal', 'social'] as const;
const DEPARTMENTS = ['PSB', 'HRSS', 'SAMR', 'HEALTH'];

// ---- measuring ----

/** Client-side latencies per route key, and the answers' statuses. */
class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly statuses = new Map<string, Map<number, number>>();
  record(key: string, ms: number, status: number) {
    let list = this.latencies.get(key);
    if (!list) {
      list = [];
      this.latencies.set(key, list);
    }
    list.push(ms);
    let counts = this.statuses.get(key);
    if (!counts) {
      counts = new Map();
      this.statuses.set(key, counts);
    }
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
}

interface CaseRun {
  readonly index: number;
  readonly plan: MatterPlan;
  readonly mix: string;
  readonly applicant: Applicant;
  id?: string;
  status?: string;
  /** performance.now() of each step, client side, and of each event's first sighting on the bus. */
  readonly at: Record<string, number>;
  readonly events: Record<string, number>;
  lastDecided?: number;
  failure?: string;
  licence: Deferred<void>;
}

interface Applicant {
  readonly sub: string;
  readonly uscc: string;
  token: string;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
  settled: boolean;
}
function deferred<T>(): Deferred<T> {
  const d = { settled: false } as Deferred<T>;
  d.promise = new Promise<T>((res, rej) => {
    d.resolve = (v) => {
      d.settled = true;
      res(v);
    };
    d.reject = (e) => {
      d.settled = true;
      rej(e);
    };
  });
  d.promise.catch(() => undefined);
  return d;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

// ---- the cloud ----

progress(`starting a local cloud (${cpus().length} cores)`);
/**
 * The functions' log lines (stdout and stderr, as Lambda's go to CloudWatch) are counted and kept out of the report:
 * their volume is a figure of its own (CloudWatch Logs ingestion), and their warnings and errors are summed up in it.
 * Anything else on stderr (a crash, a Node warning) still shows.
 */
const stdoutWrite = process.stdout.write.bind(process.stdout);
let logBytes = 0;
let logLines = 0;
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  logLines += 1;
  const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
  done?.();
  return true;
}) as typeof process.stdout.write;
/** The functions' warnings and errors (JSON lines on stderr), counted by function and message for the report. */
const problems = new Map<string, number>();
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const line = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  let parsed: { level?: string; function_name?: string; message?: string; error?: { message?: string } } | undefined;
  try {
    parsed = line.trimStart().startsWith('{') ? JSON.parse(line) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed?.level) return stderrWrite(chunk, ...(rest as []));
  logBytes += Buffer.byteLength(line);
  logLines += 1;
  const fn = (parsed.function_name ?? parsed.level).replace(/^one-stop-local-/, '');
  const key =
    `${parsed.level} ${fn}: ${parsed.message ?? ''}${parsed.error?.message ? ` (${parsed.error.message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\d[\d-]{5,}/g, '…')})` : ''}`.slice(
      0,
      160,
    );
  problems.set(key, (problems.get(key) ?? 0) + 1);
  const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
  done?.();
  return true;
}) as typeof process.stderr.write;
// Each invocation's own CPU and awaited I/O (async hooks): Lambda compute is estimated from them, not from wall time.
const accounting = accountInvocations();
const cloud = await LocalCloud.start({ seed: true, clock: 'real' });
let stopped = false;
const stopCloud = async () => {
  if (stopped) return;
  stopped = true;
  await cloud.stop();
};
process.once('SIGINT', () => void stopCloud().finally(() => process.exit(130)));

const match = routeMatcher(cloud.routeKeys);
let recorder = new Recorder();
const cases = new Map<string, CaseRun>();

/** Every event put on the bus (EventBridge bills each entry), counted here: the in-memory archive keeps the latest only. */
let eventsPut = 0;
const bus = cloud.bus as unknown as { putEvents(entries: PutEventsEntry[]): PutEventsResult };
const putEvents = bus.putEvents.bind(cloud.bus);
bus.putEvents = (entries) => {
  const result = putEvents(entries);
  result.Entries.forEach((answer, i) => {
    if ('ErrorCode' in answer) return;
    eventsPut += 1;
    try {
      onEvent(entries[i]!.DetailType!, JSON.parse(entries[i]!.Detail!) as Record<string, unknown>);
    } catch (error) {
      progress(`could not follow an event: ${(error as Error).message}`);
    }
  });
  return result;
};

/** Executions started (Step Functions bills none, but StartExecution has its own quota), by state machine. */
const executionsStarted = new Map<string, number>();
{
  const sfn = cloud.stepFunctions as unknown as { startExecution(arn: string, ...rest: unknown[]): unknown };
  const start = sfn.startExecution.bind(cloud.stepFunctions);
  sfn.startExecution = (arn, ...rest) => {
    const machine = arn.split(':').pop() ?? arn;
    executionsStarted.set(machine, (executionsStarted.get(machine) ?? 0) + 1);
    return start(arn, ...rest);
  };
}

/** DynamoDB calls, their time and capacity per function invocation (per route key for the HTTP functions). */
interface DynamoFigures {
  invocations: number;
  calls: number;
  ms: number;
  wru: number;
  rru: number;
}
const invocationContext = new AsyncLocalStorage<DynamoFigures & { key: string }>();
const dynamoByKey = new Map<string, DynamoFigures>();
const functions = cloud.functions as unknown as { invoke(name: string, event: unknown): Promise<unknown> };
const invoke = functions.invoke.bind(cloud.functions);
functions.invoke = (name, event) => {
  const routeKey = (event as { routeKey?: string } | undefined)?.routeKey;
  const store = { key: routeKey ? `${name}: ${routeKey}` : name, invocations: 1, calls: 0, ms: 0, wru: 0, rru: 0 };
  return invocationContext.run(store, () =>
    invoke(name, event).finally(() => {
      const sum = dynamoByKey.get(store.key) ?? { invocations: 0, calls: 0, ms: 0, wru: 0, rru: 0 };
      dynamoByKey.set(store.key, {
        invocations: sum.invocations + 1,
        calls: sum.calls + store.calls,
        ms: sum.ms + store.ms,
        wru: sum.wru + store.wru,
        rru: sum.rru + store.rru,
      });
    }),
  );
};

/** The submit's own transaction, captured as it is sent, to time the bare transaction of the same shape. */
type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
const submitTransactions = new Map<string, TransactItems>();
dynamoDocumentClient().middlewareStack.add(
  (next, context) => async (input) => {
    const store = invocationContext.getStore();
    const items = (input.input as { TransactItems?: TransactItems }).TransactItems;
    if (Array.isArray(items)) {
      const record = items.find((i) => i.Put?.Item?.type === 'Idempotency')?.Put?.Item;
      const caseId = record?.caseId as string | undefined;
      if (caseId && cases.has(caseId) && !submitTransactions.has(caseId))
        submitTransactions.set(caseId, structuredClone(items));
    }
    noteKeyWrites(String(context.commandName), input.input);
    for (const item of putItems(input.input)) {
      const type = String(item.type ?? '(no type)');
      const sum = itemWrites.get(type) ?? { count: 0, bytes: 0, gsi: 0 };
      itemWrites.set(type, {
        count: sum.count + 1,
        bytes: sum.bytes + itemBytes(item),
        gsi: sum.gsi + ['gsi1pk', 'gsi2pk'].filter((k) => item[k] !== undefined).length,
      });
    }
    const started = performance.now();
    const result = await next(input).finally(() => {
      if (store) {
        store.calls += 1;
        store.ms += performance.now() - started;
      }
    });
    // As AWS bills it (the local cloud's meter counts the same way); attributed here to the function that made the call.
    const { writes, units } = billedUnits(
      String(context.commandName),
      input.input,
      (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity,
    );
    capacity[writes ? 'wru' : 'rru'] += units;
    if (store) store[writes ? 'wru' : 'rru'] += units;
    if (writes) {
      const shape = `${store?.key ?? '(outside a function)'}: ${writeShape(String(context.commandName), input.input)}`;
      const sum = writeShapes.get(shape) ?? { writes: 0, wru: 0 };
      writeShapes.set(shape, { writes: sum.writes + 1, wru: sum.wru + units });
    }
    return result;
  },
  { step: 'initialize', name: 'benchObserver' },
);
/** Request units as AWS bills them, from every call of the platform's client (the bench's bare client is another). */
const capacity = { wru: 0, rru: 0 };
/**
 * Writes per partition key (the table's pk, and the index keys a put carries): the hot keys of the capacity model.
 * WRU per item as AWS bills it (1 KB steps, twice in a transaction); an update counts its floor (1 unit, 2 in a
 * transaction) since its item's size is not in the request, and its index entries are not seen.
 */
const keyWrites = new Map<string, { writes: number; wru: number }>();
function noteKeyWrites(command: string, input: unknown) {
  type Entry = {
    Put?: { TableName?: string; Item?: Record<string, unknown> };
    Update?: { TableName?: string; Key?: Record<string, unknown> };
    Delete?: { TableName?: string; Key?: Record<string, unknown> };
  };
  const i = input as Entry['Put'] &
    Entry['Update'] & {
      TransactItems?: Entry[];
      RequestItems?: Record<
        string,
        { PutRequest?: { Item?: Record<string, unknown> }; DeleteRequest?: { Key?: Record<string, unknown> } }[]
      >;
    };
  const add = (key: unknown, units: number) => {
    if (typeof key !== 'string') return;
    const k = keyWrites.get(key) ?? { writes: 0, wru: 0 };
    k.writes += 1;
    k.wru += units;
    keyWrites.set(key, k);
  };
  const put = (item: Record<string, unknown> | undefined, factor: number) => {
    if (!item) return;
    const units = Math.max(1, Math.ceil(itemBytes(item) / 1024)) * factor;
    add(item.pk, units);
    for (const index of ['gsi1pk', 'gsi2pk']) if (item[index] !== undefined) add(`${index}=${item[index]}`, units);
  };
  if (/^Put/.test(command)) put(i.Item, 1);
  else if (/^(Update|Delete)/.test(command)) add(i.Key?.pk, 1);
  else if (/^TransactWrite/.test(command) && Array.isArray(i.TransactItems))
    for (const t of i.TransactItems) {
      if (t.Put) put(t.Put.Item, 2);
      else add((t.Update ?? t.Delete)?.Key?.pk, 2);
    }
  else if (/^BatchWrite/.test(command) && i.RequestItems && typeof i.RequestItems === 'object')
    for (const list of Object.values(i.RequestItems))
      for (const r of Array.isArray(list) ? list : []) {
        if (r.PutRequest) put(r.PutRequest.Item, 1);
        else add(r.DeleteRequest?.Key?.pk, 1);
      }
}
/**
 * WRU by function and write shape: the command and what it writes (a put's item type; an update's or delete's key
 * prefixes), e.g. `tasks: POST /tasks/{id}/decision: transaction Put Case, Put CaseHistory, …`. Where to
 * look first for fewer writes.
 */
const writeShapes = new Map<string, { writes: number; wru: number }>();
function writeShape(command: string, input: unknown): string {
  type Entry = {
    Put?: { Item?: Record<string, unknown> };
    Update?: { Key?: Record<string, unknown> };
    Delete?: { Key?: Record<string, unknown> };
    ConditionCheck?: { Key?: Record<string, unknown> };
  };
  const i = input as Entry['Put'] & Entry['Update'] & { TransactItems?: Entry[] };
  // The key's kind: its partition key's prefix, and its sort key's where that is a word (not a matter code or a date).
  const keyed = (verb: string, key: Record<string, unknown> | undefined) => {
    const [pk, sk] = [String(key?.pk ?? '?').split('#')[0], String(key?.sk ?? '').split('#')[0]];
    return `${verb} ${pk}${/^[A-Z]+$/.test(sk ?? '') ? `/${sk}` : ''}`;
  };
  const one = (e: Entry) =>
    e.Put
      ? `Put ${String(e.Put.Item?.type ?? '?')}`
      : e.Update
        ? keyed('Update', e.Update.Key)
        : e.Delete
          ? keyed('Delete', e.Delete.Key)
          : keyed('Check', e.ConditionCheck?.Key);
  const verb = command.replace(/(Item)?s?Command$/, '');
  if (Array.isArray(i.TransactItems)) return `transaction ${i.TransactItems.map(one).join(', ')}`;
  if (verb === 'Put') return one({ Put: i });
  if (verb === 'Update' || verb === 'Delete') return keyed(verb, i.Key);
  return verb;
}
/** Items written whole (Put, in transactions and batches too), by their `type`: how many and how large. */
const itemWrites = new Map<string, { count: number; bytes: number; gsi: number }>();
function putItems(input: unknown): Record<string, unknown>[] {
  const i = input as {
    Item?: Record<string, unknown>;
    TransactItems?: { Put?: { Item?: Record<string, unknown> } }[];
    RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, unknown> } }[]>;
  };
  if (i.Item) return [i.Item];
  if (Array.isArray(i.TransactItems)) return i.TransactItems.flatMap((t) => (t.Put?.Item ? [t.Put.Item] : []));
  if (i.RequestItems && typeof i.RequestItems === 'object')
    return Object.values(i.RequestItems).flatMap((list) =>
      Array.isArray(list) ? list.flatMap((r) => (r.PutRequest?.Item ? [r.PutRequest.Item] : [])) : [],
    );
  return [];
}
/** Its own client (not metered): the bare transactions are the bench's, not the platform's, operations. */
const bareClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const bareMs: number[] = [];
let bareShape: { items: number; bytes: number; kinds: Record<string, number> } | undefined;

// ---- HTTP ----

interface Answer {
  status: number;
  json: Record<string, unknown>;
}
async function api(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${cloud.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  recorder.record(match(method, path) ?? `${method} (no route)`, performance.now() - started, response.status);
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON: keep {}
  }
  return { status: response.status, json };
}
const expectStatus = (what: string, answer: Answer, ...ok: number[]) => {
  if (!ok.includes(answer.status))
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 300)}`);
  return answer;
};

// ---- setup: applicants, their licences and contacts, officers ----

const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const applicants: Applicant[] = Array.from({ length: CONCURRENCY }, (_, i) => ({
  sub: `bench-ent-${i + 1}`,
  uscc: usccOf(i + 1),
  token: '',
}));
for (const a of applicants)
  a.token = await cloud.issueToken({ sub: a.sub, role: 'applicant', uscc: a.uscc }, { ttlSeconds: 4 * 3600 });
const windowToken = await cloud.issueToken({ sub: 'bench-window', role: 'window' }, { ttlSeconds: 4 * 3600 });
const officerTokens = Object.fromEntries(
  await Promise.all(
    DEPARTMENTS.map(async (d) => [
      d,
      await cloud.issueToken({ sub: `bench-${d}`, role: 'department', department: d }, { ttlSeconds: 4 * 3600 }),
    ]),
  ),
);
const adminToken = await cloud.issueToken({ sub: 'bench-admin', role: 'admin' }, { ttlSeconds: 4 * 3600 });

{
  // 存量入库, as test/support/licences.ts does for one enterprise: every applicant's 营业执照 and the representative's ID card.
  const rows = storedLicenceRows(applicants, '示例');
  const imported = await api('POST', '/admin/licences/import', adminToken, {
    format: 'jsonl',
    data: rows.map((r) => JSON.stringify(r)).join('\n'),
  });
  if (imported.status !== 200 || (imported.json.failed as ImportResult['failed'] | undefined)?.length)
    throw new Error(`licences not imported: ${JSON.stringify(imported.json).slice(0, 500)}`);
  // Every applicant wants SMS and e-mail: messaging runs its whole path on every status change.
  await Promise.all(
    applicants.map((a, i) =>
      api('PUT', '/me/contact', a.token, {
        phone: `1380013${String(8000 + i).padStart(4, '0')}`,
        email: `owner${i + 1}@example.com`,
        language: 'zh',
        optIn: { sms: true, email: true },
      }).then((r) => expectStatus('contact', r, 200)),
    ),
  );
}
const forms = new Map<string, Record<string, unknown>>();
for (const [key, plan] of Object.entries(MATTERS)) {
  const guide = expectStatus(`guide of ${plan.code}`, await api('GET', `/matters/${plan.code}`, undefined), 200).json;
  for (const a of applicants)
    forms.set(
      `${key}:${a.uscc}`,
      sampleAnswers(guide.form as FormDefinition, { today, overrides: plan.overrides(a.uscc) }),
    );
}

// ---- events: what the bench waits on ----

const FAILURES = new Set([
  'Application.ReviewFailed.v1',
  'Application.Rejected.v1',
  'Application.Refused.v1',
  'Application.CorrectionRequested.v1',
  'Application.Withdrawn.v1',
]);
function onEvent(detailType: string, detail: Record<string, unknown>) {
  const now = performance.now();
  if (detailType === 'Task.Opened.v1') officers.get(String(detail.taskDepartment))?.opened(String(detail.taskId));
  const c = typeof detail.caseId === 'string' ? cases.get(detail.caseId) : undefined;
  if (!c) return;
  c.events[detailType] ??= now;
  if (detailType === 'Task.Decided.v1') c.lastDecided = now;
  if (detailType === 'Licence.Issued.v1') c.licence.resolve();
  if (FAILURES.has(detailType)) fail(c, `${detailType}${detail.reason ? `: ${String(detail.reason)}` : ''}`);
}
function fail(c: CaseRun, reason: string) {
  c.failure ??= reason;
  if (!c.licence.settled) c.licence.reject(new Error(reason));
}

/** A department's officers: when tasks open, they list the to-do and approve every task on it. */
class Officers {
  private readonly open = new Set<string>();
  private readonly decided = new Set<string>();
  private running = false;
  private again = false;
  constructor(readonly department: string) {}

  opened(taskId: string) {
    if (this.decided.has(taskId)) return;
    this.open.add(taskId);
    this.again = true;
    if (!this.running) void this.work();
  }

  private async work(): Promise<void> {
    this.running = true;
    try {
      while (this.again || this.open.size > 0) {
        this.again = false;
        const list = await api('GET', '/tasks?limit=100', officerTokens[this.department]);
        const items =
          list.status === 200 ? ((list.json.items ?? []) as { id: string; caseId: string; status: string }[]) : [];
        const todo = items.filter((t) => !this.decided.has(t.id) && (t.status === 'WAITING' || t.status === 'CLAIMED'));
        let progressed = false;
        await pool(todo, CONCURRENCY, async (task) => {
          const c = cases.get(task.caseId);
          const answer = await api(
            'POST',
            `/tasks/${encodeURIComponent(task.id)}/decision`,
            officerTokens[this.department],
            { decision: 'approve' },
          );
          if (answer.status === 200) {
            this.decided.add(task.id);
            this.open.delete(task.id);
            progressed = true;
          } else if (answer.status !== 409 && c) {
            fail(c, `decision on ${task.id}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
            this.open.delete(task.id);
          }
        });
        if (items.length >= 100) this.again = true;
        // A task announced but not listed yet (or a 409): look again shortly.
        if (!progressed && this.open.size > 0) await sleep(50);
      }
    } catch (error) {
      progress(`${this.department} officers: ${(error as Error).message}`);
      await sleep(200);
      this.running = false;
      if (this.open.size > 0) return this.work();
    } finally {
      this.running = false;
    }
  }
}
const officers = new Map(DEPARTMENTS.map((d) => [d, new Officers(d)]));

// ---- one case ----

async function intake(c: CaseRun) {
  const { plan, applicant } = c;
  c.at.created = performance.now();
  const draft = expectStatus(
    'create',
    await api('POST', '/applications', applicant.token, {
      matterCode: plan.code,
      form: forms.get(`${c.mix}:${applicant.uscc}`),
    }),
    201,
  );
  const id = draft.json.id as string;
  c.id = id;
  cases.set(id, c);
  for (const [material, licenceNo] of Object.entries(plan.references(applicant.uscc))) {
    expectStatus(
      `licence reference ${material}`,
      await api('POST', `/applications/${id}/licence-references`, applicant.token, { material, licenceNo }),
      200,
    );
  }
  for (const material of plan.uploads) {
    const slot = expectStatus(
      `upload slot ${material}`,
      await api('POST', `/applications/${id}/attachments`, applicant.token, {
        material,
        fileName: `${material}.pdf`,
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: PDF_SHA256,
      }),
      201,
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(slot.json.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${material}.pdf`);
    const started = performance.now();
    const posted = await fetch(slot.json.url as string, { method: 'POST', body: form });
    await posted.arrayBuffer();
    // The browser's upload goes straight to S3: the SDK never sees it, so it is counted here.
    cloud.meter.countS3('PostObject');
    recorder.record('S3 POST (presigned upload)', performance.now() - started, posted.status);
    if (posted.status >= 300) throw new Error(`upload ${material}: S3 answered ${posted.status}`);
    expectStatus(
      `confirm ${material}`,
      await api('POST', `/applications/${id}/attachments/${slot.json.uploadId}/confirm`, applicant.token),
      200,
    );
  }
  c.at.submitSent = performance.now();
  const submitted = expectStatus(
    'submit',
    await api('POST', `/applications/${id}/submit`, applicant.token, undefined, { 'idempotency-key': `bench-${id}` }),
    200,
  );
  c.at.submitted = performance.now();
  c.status = submitted.json.status as string;
  if (c.status === 'SUBMITTED') windowWork.add(accept(c));
  // Beside the applicant's next case, not before it: the intake keeps its pace, the transaction meets the same load.
  bareWork.add(bareTransaction(id).catch((error: Error) => void progress(`bare transaction: ${error.message}`)));
}
const bareWork = new Set<Promise<void>>();

const windowWork = new Set<Promise<void>>();
async function accept(c: CaseRun) {
  try {
    const answer = await api('POST', `/applications/${c.id}/acceptance`, windowToken, {
      decision: 'accept',
      ...(c.plan.tolerated.length ? { tolerated: [...c.plan.tolerated] } : {}),
    });
    if (answer.status !== 200) fail(c, `acceptance: ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
    c.at.accepted = performance.now();
  } catch (error) {
    fail(c, `acceptance: ${(error as Error).message}`);
  }
}

/** After the licence event, the applicant reads the case until it shows ISSUED (the case is updated right after the licence). */
async function confirmIssued(c: CaseRun, deadline: number) {
  await c.licence.promise;
  for (let attempt = 0; ; attempt++) {
    const answer = await api('GET', `/applications/${c.id}`, c.applicant.token);
    if (answer.status === 200 && answer.json.status === 'ISSUED') {
      c.at.issuedSeen = performance.now();
      return;
    }
    if (performance.now() > deadline)
      throw new Error(`the licence event came, but the case still shows ${answer.json.status ?? answer.status}`);
    await sleep(Math.min(20 * 2 ** attempt, 500));
  }
}

/** A fresh string of the same shape (digits stay digits, letters letters), so item sizes stay as they were. */
function freshLike(s: string): string {
  const pick = (set: string) => set[Math.floor(Math.random() * set.length)]!;
  return s
    .replace(/[0-9]/g, () => pick('0123456789'))
    .replace(/[A-Z]/g, () => pick('ABCDEFGHJKMNPQRSTVWXYZ'))
    .replace(/[a-z]/g, () => pick('abcdefghijkmnpqrstvwxyz'));
}
function rewrite(value: unknown, swap: (s: string) => string): unknown {
  if (typeof value === 'string') return swap(value);
  if (Array.isArray(value)) return value.map((v) => rewrite(v, swap));
  if (value instanceof Set) return new Set([...value].map((v) => rewrite(v, swap)));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, swap)]));
  return value;
}

/**
 * The submit's own TransactWriteItems again, bare: the same items (case put on its seq condition, history, outbox
 * events, idempotency record) under fresh keys. Outbox items change their type and index keys get a prefix, so no
 * relay, queue or list sees them; the draft the condition expects is put first, untimed.
 */
async function bareTransaction(caseId: string) {
  const captured = submitTransactions.get(caseId);
  if (!captured) return;
  const swaps = new Map<string, string>([[caseId, freshLike(caseId)]]);
  for (const item of captured)
    if (item.Put?.Item?.type === 'OutboxEvent')
      swaps.set(String(item.Put.Item.eventId), freshLike(String(item.Put.Item.eventId)));
  const swap = (s: string) => {
    for (const [from, to] of swaps) if (s.includes(from)) s = s.split(from).join(to);
    return s;
  };
  const items = (rewrite(captured, swap) as TransactItems).map((entry) => {
    const item = entry.Put?.Item;
    if (!item) return entry;
    for (const key of ['gsi1pk', 'gsi2pk'])
      if (typeof item[key] === 'string') item[key] = `BENCH${item[key] as string}`;
    if (item.type === 'OutboxEvent') item.type = 'OutboxBench';
    return entry;
  });
  const casePut = items.find((i) => i.Put?.Item?.type === 'Case')?.Put;
  if (!casePut) return;
  const seq = casePut.ExpressionAttributeValues?.[':seq'];
  await bareClient.send(
    new PutCommand({ TableName: casePut.TableName, Item: { ...casePut.Item, ...(seq !== undefined ? { seq } : {}) } }),
  );
  bareShape ??= {
    items: items.length,
    bytes: Buffer.byteLength(JSON.stringify(items.map((i) => i.Put?.Item ?? i))),
    kinds: items.reduce<Record<string, number>>((k, i) => {
      const kind = String(i.Put?.Item?.type ?? 'other');
      k[kind] = (k[kind] ?? 0) + 1;
      return k;
    }, {}),
  };
  const started = performance.now();
  await bareClient.send(new TransactWriteCommand({ TransactItems: items }));
  bareMs.push(performance.now() - started);
}

// ---- a batch of cases ----

interface BatchResult {
  readonly runs: CaseRun[];
  readonly intakeStart: number;
  readonly intakeEnd: number;
  readonly end: number;
}
async function runCases(count: number, offset: number): Promise<BatchResult> {
  const runs: CaseRun[] = Array.from({ length: count }, (_, i) => {
    const mix = MIX[(offset + i) % MIX.length]!;
    return {
      index: offset + i,
      mix,
      plan: MATTERS[mix]!,
      applicant: applicants[i % applicants.length]!,
      at: {},
      events: {},
      licence: deferred<void>(),
    };
  });
  const intakeStart = performance.now();
  const confirmations: Promise<void>[] = [];
  let intakeEnd = intakeStart;
  let done = 0;
  const ticker = setInterval(
    () =>
      progress(
        `${done}/${count} submitted, ${runs.filter((r) => r.at.issuedSeen).length} issued, ${runs.filter((r) => r.failure).length} failed`,
      ),
    10_000,
  );
  try {
    // Applicant i takes cases i, i + C, …: no applicant has two cases in intake at once.
    const byApplicant = applicants.map((_, a) => runs.filter((_, i) => i % applicants.length === a));
    await Promise.all(
      byApplicant.map(async (mine) => {
        for (const c of mine) {
          try {
            await intake(c);
            confirmations.push(
              (async () => {
                try {
                  await Promise.race([
                    c.licence.promise,
                    sleep(TIMEOUT_MS).then(() => Promise.reject(new Error(`no licence within ${TIMEOUT_MS / 1000} s`))),
                  ]);
                  await confirmIssued(c, performance.now() + 30_000);
                } catch (error) {
                  fail(c, (error as Error).message);
                }
              })(),
            );
          } catch (error) {
            fail(c, `intake: ${(error as Error).message}`);
          }
          intakeEnd = Math.max(intakeEnd, performance.now());
          done++;
        }
      }),
    );
    await Promise.all(windowWork);
    await Promise.all(bareWork);
    await Promise.all(confirmations);
  } finally {
    clearInterval(ticker);
  }
  return { runs, intakeStart, intakeEnd, end: performance.now() };
}

/** Waits until nothing moves any more (consumers of the last events included), at most `ms`. */
async function settle(ms: number) {
  const started = performance.now();
  await Promise.race([cloud.idle(), sleep(ms)]);
  return performance.now() - started;
}

// ---- usage ----

function outboxCount(channel: 'sms' | 'email') {
  try {
    return readdirSync(join(fileURLToPath(cloud.env.SMS_CHANNEL!), channel)).length;
  } catch {
    return 0;
  }
}
function snapshot() {
  return {
    invocations: new Map(cloud.functions.invocations),
    durationsMs: new Map(cloud.functions.durationsMs),
    stateTransitions: cloud.stepFunctions.stateTransitions,
    readRequestUnits: capacity.rru,
    writeRequestUnits: capacity.wru,
    localMeterWru: cloud.meter.writeRequestUnits,
    localMeterRru: cloud.meter.readRequestUnits,
    s3Tier1: cloud.meter.s3Tier1,
    s3Tier2: cloud.meter.s3Tier2,
    events: eventsPut,
    schedulerRuns: cloud.scheduler.firings.length,
    requestsByRoute: new Map(cloud.requestsByRoute),
    handlerSamples: new Map([...cloud.handlerMsByRoute].map(([k, v]) => [k, v.length])),
    emails: outboxCount('email'),
    sms: outboxCount('sms'),
    dynamo: new Map([...dynamoByKey].map(([k, v]) => [k, { ...v }])),
    accounts: new Map(
      [...cloud.functions.accounts].map(([k, v]) => [
        k,
        { ...v, byService: structuredClone(v.byService), samples: v.samples.length },
      ]),
    ),
    executionsStarted: new Map(executionsStarted),
    keyWrites: new Map([...keyWrites].map(([k, v]) => [k, { ...v }])),
    kmsSigns: cloud.meter.kmsSignRequests,
    hookCallbacks: accounting.callbacks(),
    sliceWallMs: accounting.sliceWallMs(),
    cpu: process.cpuUsage(),
    firehose: firehoseCounters(),
    logBytes,
    logLines,
    problems: new Map(problems),
    itemWrites: new Map([...itemWrites].map(([k, v]) => [k, { ...v }])),
    writeShapes: new Map([...writeShapes].map(([k, v]) => [k, { ...v }])),
  };
}
/** The archive's Firehose counters: records and bytes ingested, and the bytes as billed in 5 KB steps. */
function firehoseCounters(): { records: number; bytes: number; billedBytes: number } {
  const { records, bytes, billedBytes } = cloud.firehose;
  return { records, bytes, billedBytes };
}
const mapDelta = (after: Map<string, number>, before: Map<string, number>) =>
  new Map(
    [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]).filter(([, v]) => (v as number) > 0) as [
      string,
      number,
    ][],
  );

// ---- the run ----

let exitCode = 0;
let report: Record<string, unknown> = {};
let text: string[] = [];
try {
  const setupEnd = performance.now();
  progress(
    `set up in ${((setupEnd - T0) / 1000).toFixed(1)} s; warming up with ${WARMUP} cases (cold starts; not counted)`,
  );
  if (WARMUP > 0) {
    const warm = await runCases(WARMUP, 0);
    const failed = warm.runs.filter((r) => r.failure);
    if (failed.length) throw new Error(`warm-up cases failed: ${failed.map((r) => r.failure).join('; ')}`);
  }
  await settle(30_000);
  recorder = new Recorder();
  bareMs.length = 0;
  const before = snapshot();
  progress(`driving ${CASES} cases, ${CONCURRENCY} applicants at a time`);
  const batch = await runCases(CASES, WARMUP);
  progress(`cases done in ${((batch.end - batch.intakeStart) / 1000).toFixed(1)} s; letting the consumers finish`);
  const settleMs = await settle(60_000);
  const after = snapshot();
  const casesEnd = performance.now();
  const measured = recorder;

  // ---- figures from the run ----
  const ok = batch.runs.filter((r) => !r.failure && r.at.issuedSeen !== undefined);
  const failed = batch.runs.filter((r) => r.failure || r.at.issuedSeen === undefined);
  const INTAKE_ROUTES = [
    'POST /applications',
    'POST /applications/{id}/licence-references',
    'POST /applications/{id}/attachments',
    'POST /applications/{id}/attachments/{uploadId}/confirm',
    'POST /applications/{id}/submit',
  ];
  const intakeRequests = INTAKE_ROUTES.reduce((sum, k) => sum + (measured.latencies.get(k)?.length ?? 0), 0);
  const intakeSeconds = (batch.intakeEnd - batch.intakeStart) / 1000;

  const handlerOwn = new Map(
    [...cloud.handlerMsByRoute].map(([k, v]) => [k, v.slice(before.handlerSamples.get(k) ?? 0)]),
  );
  const latency = [...measured.latencies]
    .map(([route, samples]) => {
      const statuses = Object.fromEntries([...(measured.statuses.get(route) ?? [])].map(([s, n]) => [String(s), n]));
      return { route, ...summarise(samples), handlerP50: summarise(handlerOwn.get(route) ?? []).p50, statuses };
    })
    .sort((a, b) => b.count - a.count);

  const between = (from: number | undefined, to: number | undefined) =>
    from !== undefined && to !== undefined ? to - from : undefined;
  const phase = (name: string, pick: (c: CaseRun) => number | undefined) => ({
    phase: name,
    ...summarise(ok.map(pick).filter((n): n is number => n !== undefined)),
  });
  const firstOpened = (c: CaseRun) => c.events['Task.Opened.v1'];
  const phases = [
    phase('submit sent → Application.Submitted.v1 on the bus', (c) =>
      between(c.at.submitSent, c.events['Application.Submitted.v1']),
    ),
    phase('submit sent → Application.Accepted.v1 (auto or window)', (c) =>
      between(c.at.submitSent, c.events['Application.Accepted.v1']),
    ),
    phase('accepted → first Task.Opened.v1', (c) => between(c.events['Application.Accepted.v1'], firstOpened(c))),
    phase('first task opened → last Task.Decided.v1 (officers, stages)', (c) => between(firstOpened(c), c.lastDecided)),
    phase('last Task.Decided.v1 → Application.Approved.v1', (c) =>
      between(c.lastDecided, c.events['Application.Approved.v1']),
    ),
    phase('Application.Approved.v1 → Licence.Issued.v1', (c) =>
      between(c.events['Application.Approved.v1'], c.events['Licence.Issued.v1']),
    ),
    phase('Licence.Issued.v1 → the applicant sees ISSUED', (c) =>
      between(c.events['Licence.Issued.v1'], c.at.issuedSeen),
    ),
  ];
  const toLicence = summarise(ok.map((c) => c.at.issuedSeen! - c.at.submitSent!));
  const toLicenceByMatter = Object.fromEntries(
    Object.entries(MATTERS).map(([key, plan]) => [
      plan.code,
      summarise(ok.filter((c) => c.mix === key).map((c) => c.at.issuedSeen! - c.at.submitSent!)),
    ]),
  );

  const submitKey = 'POST /applications/{id}/submit';
  const submitHandler = summarise(handlerOwn.get(submitKey) ?? []);
  const bare = summarise(bareMs);
  const submitDynamo = [...after.dynamo].find(([k]) => k.endsWith(`: ${submitKey}`));
  const submitDynamoDelta = submitDynamo
    ? {
        invocations: submitDynamo[1].invocations - (before.dynamo.get(submitDynamo[0])?.invocations ?? 0),
        calls: submitDynamo[1].calls - (before.dynamo.get(submitDynamo[0])?.calls ?? 0),
        ms: submitDynamo[1].ms - (before.dynamo.get(submitDynamo[0])?.ms ?? 0),
      }
    : undefined;

  // ---- usage and cost ----
  const topology = cloud.topology;
  const memoryOf = (name: string) => (topology.functions as Record<string, FunctionDeclaration>)[name]?.memoryMb ?? 256;
  const invocations = mapDelta(after.invocations, before.invocations);
  const durations = mapDelta(after.durationsMs, before.durationsMs);
  const scheduled = new Set(topology.schedules.map((s) => s.target.function));
  // Slices are timed by the clock, so the OS's turns for other processes (DynamoDB Local, other work) inflate them:
  // scale them by the share of all slice time this process really had the CPU (its CPU time over the slices' time).
  const processCpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const onCpu = Math.min(1, processCpuMs / Math.max(1, after.sliceWallMs - before.sliceWallMs));
  const perFunction = [...new Set([...invocations.keys(), ...durations.keys()])]
    .map((name) => {
      const ms = durations.get(name) ?? 0;
      const calls = invocations.get(name) ?? 0;
      const keys = [...after.dynamo.keys()].filter((k) => k === name || k.startsWith(`${name}: `));
      const sum = (field: keyof DynamoFigures) =>
        keys.reduce((total, k) => total + after.dynamo.get(k)![field] - (before.dynamo.get(k)?.[field] ?? 0), 0);
      const perCall = (n: number) => (calls ? Math.round((n / calls) * 10) / 10 : null);
      // Its invocations' own CPU and awaited calls, and what each would be billed on AWS (estimated).
      const account = cloud.functions.accounts.get(name);
      const was = before.accounts.get(name);
      const samples = account ? account.samples.slice(was?.samples ?? 0) : [];
      const billedMs = samples.reduce(
        (sum, sample) => sum + estimateBilledMs({ ...sample, cpuMs: sample.cpuMs * onCpu }, memoryOf(name)),
        0,
      );
      const accountDelta = (field: 'cpuMs' | 'ioMs') => (account?.[field] ?? 0) - (was?.[field] ?? 0);
      const gb = memoryOf(name) / 1024;
      return {
        name,
        memoryMb: memoryOf(name),
        invocations: calls,
        totalMs: Math.round(ms),
        meanMs: perCall(ms),
        /** Own CPU per invocation (ms, on one core here), and the union of its awaited calls as measured here. */
        cpuMsPerInvocation: perCall(accountDelta('cpuMs') * onCpu),
        ioMsPerInvocation: perCall(accountDelta('ioMs')),
        /** The estimated billed duration per invocation on AWS (CPU at the memory's vCPU share + capped calls). */
        billedMsPerInvocation: samples.length ? Math.round((billedMs / samples.length) * 10) / 10 : null,
        callsByService: Object.fromEntries(
          Object.entries(account?.byService ?? {}).map(([service, v]) => {
            const w = was?.byService[service] ?? { calls: 0, ms: 0 };
            return [service, { calls: v.calls - w.calls, ms: Math.round(v.ms - w.ms) }];
          }),
        ),
        /** The whole run's, from the estimated billed durations. */
        gbSeconds: (billedMs / 1000) * gb,
        gbSecondsPerCase: ((billedMs / 1000) * gb) / CASES,
        /** The whole run's, from the in-process wall time (the old figure, inflated by the shared process). */
        gbSecondsWallTime: (ms / 1000) * gb,
        dynamoCallsPerInvocation: perCall(sum('calls')),
        dynamoMsShare: ms ? Math.round((sum('ms') / ms) * 100) / 100 : null,
        writeUnits: sum('wru'),
        readUnits: sum('rru'),
        /** An API function's write units by route: which requests its writes come from. */
        writeUnitsByRoute: Object.fromEntries(
          keys
            .filter((k) => k !== name)
            .map((k): [string, number] => [
              k.slice(name.length + 2),
              after.dynamo.get(k)!.wru - (before.dynamo.get(k)?.wru ?? 0),
            ])
            .filter(([, wru]) => wru > 0),
        ),
        scheduled: scheduled.has(name),
      };
    })
    .sort((a, b) => b.gbSeconds - a.gbSeconds);
  const apiRequests = [...mapDelta(after.requestsByRoute, before.requestsByRoute).values()].reduce((s, n) => s + n, 0);
  const sms = after.sms - before.sms;
  const firehose = {
    records: after.firehose.records - before.firehose.records,
    bytes: after.firehose.bytes - before.firehose.bytes,
    billedBytes: after.firehose.billedBytes - before.firehose.billedBytes,
  };
  const usage: Usage = {
    lambdaRequests: perFunction.reduce((s, f) => s + f.invocations, 0),
    lambdaGbSeconds: perFunction.reduce((s, f) => s + f.gbSeconds, 0),
    stateTransitions: after.stateTransitions - before.stateTransitions,
    readRequestUnits: after.readRequestUnits - before.readRequestUnits,
    writeRequestUnits: after.writeRequestUnits - before.writeRequestUnits,
    events: after.events - before.events,
    schedulerInvocations: after.schedulerRuns - before.schedulerRuns,
    s3Tier1: after.s3Tier1 - before.s3Tier1,
    s3Tier2: after.s3Tier2 - before.s3Tier2,
    apiRequests,
    emails: after.emails - before.emails,
    sms,
    kmsSignRequests: after.kmsSigns - before.kmsSigns,
    firehoseBilledBytes: firehose.billedBytes,
  };
  const lambdaGbSecondsWallTime = perFunction.reduce((s, f) => s + f.gbSecondsWallTime, 0);
  const startedExecutions = mapDelta(after.executionsStarted, before.executionsStarted);
  const keyLoads = [
    ...mapDelta(
      new Map([...after.keyWrites].map(([k, v]) => [k, v.wru])),
      new Map([...before.keyWrites].map(([k, v]) => [k, v.wru])),
    ),
  ]
    .map(([key, wru]) => ({
      key,
      wruPerCase: wru / CASES,
      writesPerCase: ((after.keyWrites.get(key)?.writes ?? 0) - (before.keyWrites.get(key)?.writes ?? 0)) / CASES,
    }))
    .sort((a, b) => b.wruPerCase - a.wruPerCase);
  // A key with an id in it (a case, a task), or an applicant's own index entry (OWNER#<identity>), belongs to one
  // entity: its load does not grow with the rate of cases (the bench's few applicants take many cases each).
  const perEntity = (key: string) => /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|^gsi1pk=OWNER#/i.test(key);
  const hotKeys = keyLoads.filter((k) => !perEntity(k.key)).slice(0, 15);
  const hottestEntityKey = keyLoads.find((k) => perEntity(k.key)) ?? null;
  const writesByShape = [...after.writeShapes]
    .map(([shape, v]) => {
      const was = before.writeShapes.get(shape) ?? { writes: 0, wru: 0 };
      return { shape, writesPerCase: (v.writes - was.writes) / CASES, wruPerCase: (v.wru - was.wru) / CASES };
    })
    .filter((w) => w.wruPerCase > 0)
    .sort((a, b) => b.wruPerCase - a.wruPerCase);
  const written = [...after.itemWrites]
    .map(([type, v]) => {
      const was = before.itemWrites.get(type) ?? { count: 0, bytes: 0, gsi: 0 };
      const count = v.count - was.count;
      const bytes = v.bytes - was.bytes;
      return {
        type,
        perCase: count / CASES,
        meanBytes: count ? bytes / count : 0,
        kibPerCase: bytes / CASES / 1024,
        indexed: count ? (v.gsi - was.gsi) / count : 0,
      };
    })
    .filter((w) => w.perCase > 0)
    .sort((a, b) => b.kibPerCase - a.kibPerCase);
  const logged = [...mapDelta(after.problems, before.problems)].sort((a, b) => b[1] - a[1]);
  const logs = { lines: after.logLines - before.logLines, bytes: after.logBytes - before.logBytes };
  const costs: Cost[] = loadAllPrices().map((p) => costPerThousandCases(usage, CASES, p));
  const cost = costs[0]!;
  const hookNsPerCallback = await accounting.calibrate();
  const hookCallbacks = after.hookCallbacks - before.hookCallbacks;
  const hookShare = processCpuMs > 0 ? (hookCallbacks * hookNsPerCallback) / 1e6 / processCpuMs : null;

  progress(`stopping the cloud (${settleMs.toFixed(0)} ms to settle)`);
  await stopCloud();

  // ---- bundles ----
  let bundles: BundleReport | undefined;
  const bundlesStart = performance.now();
  if (!args['skip-bundles']) {
    progress(`measuring bundles (${BUNDLE_RUNS} import runs each)`);
    bundles = await measureBundles({ runs: BUNDLE_RUNS, log: args.verbose ? progress : undefined });
  }
  const bundlesMs = performance.now() - bundlesStart;
  const totalMs = performance.now() - T0;

  // ---- the report ----
  const ms = (n: number | null | undefined) =>
    n === null || n === undefined ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1);
  const s = (n: number) => (n / 1000).toFixed(1);
  const money = (n: number) => (n >= 1 ? n.toFixed(2) : n >= 0.01 ? n.toFixed(4) : n.toFixed(6));
  const qty = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  const out: string[] = [];
  const section = (title: string) => out.push('', `== ${title} ${'='.repeat(Math.max(0, 100 - title.length))}`);
  section('Run');
  out.push(
    `${CASES} cases (${Object.entries(MATTERS)
      .map(([k, p]) => `${MIX.filter((m) => m === k).length}/${MIX.length} ${p.code}`)
      .join(
        ', ',
      )}), ${CONCURRENCY} applicants at a time, after ${WARMUP} warm-up cases; ${cpus().length} cores, Node ${process.version}`,
    `reached their licence: ${ok.length}/${CASES}${failed.length ? `   FAILED: ${failed.length}` : ''}`,
    `wall time: setup ${s(setupEnd - T0)} s, cases ${s(batch.end - batch.intakeStart)} s (intake ${s(batch.intakeEnd - batch.intakeStart)} s, then the last licences ${s(batch.end - batch.intakeEnd)} s), settling ${s(settleMs)} s, bundles ${s(bundlesMs)} s, total ${s(totalMs)} s`,
  );
  for (const f of failed.slice(0, 10))
    out.push(`  case ${f.index} (${f.plan.code}${f.id ? ` ${f.id}` : ''}): ${f.failure ?? 'no licence seen'}`);
  section('Intake');
  out.push(
    `intake requests per second: ${(intakeRequests / intakeSeconds).toFixed(1)} req/s = ${intakeRequests} requests / ${intakeSeconds.toFixed(1)} s`,
    `  (the applicants' API requests ${INTAKE_ROUTES.map((r) => r.replace('POST ', '')).join(', ')} — all POST; presigned S3 uploads, the window and the departments not counted —`,
    `   over the intake phase: from the first case's create sent to the last case's submit answered, while the back office worked in parallel)`,
    `cases submitted per second: ${(CASES / intakeSeconds).toFixed(2)}`,
  );
  section('Latency per route (client side, ms; handler p50 = the function alone, inside the local API)');
  out.push(
    ...table(
      ['route', 'count', 'p50', 'p95', 'p99', 'max', 'handler p50', 'statuses'],
      latency.map((l) => [
        l.route,
        String(l.count),
        ms(l.p50),
        ms(l.p95),
        ms(l.p99),
        ms(l.max),
        ms(l.handlerP50),
        Object.entries(l.statuses)
          .map(([k, v]) => `${k}×${v}`)
          .join(' '),
      ]),
      [1, 2, 3, 4, 5, 6],
    ),
  );
  section('Time from submission to licence (submit sent → the applicant reads ISSUED), ms');
  out.push(
    ...table(
      ['cases', 'count', 'p50', 'p95', 'max'],
      [
        ['all', String(toLicence.count), ms(toLicence.p50), ms(toLicence.p95), ms(toLicence.max)],
        ...Object.entries(toLicenceByMatter).map(([code, f]) => [
          code,
          String(f.count),
          ms(f.p50),
          ms(f.p95),
          ms(f.max),
        ]),
      ],
      [1, 2, 3, 4],
    ),
    '',
    'where the time goes (per case, events as the bus saw them):',
    ...table(
      ['phase', 'count', 'p50', 'p95', 'max'],
      phases.map((p) => [p.phase, String(p.count), ms(p.p50), ms(p.p95), ms(p.max)]),
      [1, 2, 3, 4],
    ),
  );
  section('Submit handler against its bare DynamoDB transaction (same run, table, concurrency)');
  out.push(
    ...table(
      ['', 'count', 'p50 ms', 'p95 ms'],
      [
        [
          'POST /applications/{id}/submit, the handler’s own time',
          String(submitHandler.count),
          ms(submitHandler.p50),
          ms(submitHandler.p95),
        ],
        [
          `bare TransactWriteItems (${
            bareShape
              ? `${bareShape.items} items, ${Object.entries(bareShape.kinds)
                  .map(([k, v]) => `${v} ${k}`)
                  .join(', ')}, ${(bareShape.bytes / 1024).toFixed(1)} KiB`
              : 'not captured'
          })`,
          String(bare.count),
          ms(bare.p50),
          ms(bare.p95),
        ],
      ],
      [1, 2, 3],
    ),
    `ratio (handler p50 / transaction p50): ${submitHandler.p50 && bare.p50 ? (submitHandler.p50 / bare.p50).toFixed(2) : '–'}` +
      (submitDynamoDelta?.invocations
        ? `; the handler makes ${(submitDynamoDelta.calls / submitDynamoDelta.invocations).toFixed(1)} DynamoDB calls per request, ${(submitDynamoDelta.ms / submitDynamoDelta.invocations).toFixed(1)} ms in them (mean)`
        : ''),
  );
  if (bundles) {
    section(
      `Bundles (minified, as deployed) and cold-start import time, ${bundles.runs} runs each; × = ratio to a stub importing the same SDK clients`,
    );
    out.push(
      ...table(
        ['function', 'KiB', '× stub', 'import ms', '× stub', 'SDK clients'],
        [...bundles.functions]
          .sort((a, b) => b.bytes - a.bytes)
          // Without SDK clients the stub is an empty module: a ratio to it says nothing.
          .map((f) => [
            f.name,
            (f.bytes / 1024).toFixed(0),
            f.sdkClients.length ? f.sizeRatio.toFixed(1) : '–',
            f.importMs === null ? 'error' : f.importMs.toFixed(0),
            f.importRatio === null || !f.sdkClients.length ? '–' : f.importRatio.toFixed(1),
            f.sdkClients.map((c) => c.replace('@aws-sdk/client-', '')).join(' ') || '(none: no ratio)',
          ]),
        [1, 2, 3, 4],
      ),
      ...bundles.stubs
        .filter((st) => st.sdkClients.length)
        .map(
          (st) =>
            `  stub [${st.sdkClients.map((c) => c.replace('@aws-sdk/client-', '')).join(' ') || 'no clients'}]: ${(st.bytes / 1024).toFixed(0)} KiB, import ${st.importMs === null ? 'error' : st.importMs.toFixed(0)} ms`,
        ),
      ...bundles.functions.filter((f) => f.error).map((f) => `  ${f.name} failed to import: ${f.error}`),
    );
  } else {
    section('Bundles: skipped (--skip-bundles)');
  }
  const perCase = (n: number) => n / CASES;
  const regionCol = (c: Cost) => `${c.region} ${c.currency}`;
  section(
    `AWS cost per 1,000 cases at list prices, without the message providers' fees (from the operations of the ${CASES} measured cases)`,
  );
  out.push(
    ...table(
      ['service', 'quantity', 'unit', ...costs.map(regionCol)],
      [
        ...cost.lines.map((l, i) => [
          l.service,
          qty(l.quantity),
          l.unit,
          ...costs.map((c) => (c.lines[i]!.priced ? money(c.lines[i]!.cost) : l.quantity > 0 ? 'n/a' : '–')),
        ]),
        [
          'AWS cost per 1,000 cases without message fees',
          '',
          '',
          ...costs.map((c) => `${money(c.total)}${c.unpriced.length ? '*' : ''}`),
        ],
      ],
      [1, 3, 4, 5],
    ),
    ...costs
      .filter((c) => c.unpriced.length)
      .map(
        (c) =>
          `  * ${c.region}: without ${c.unpriced.join(', ')}: no price for them in the stored copies of ${c.region.startsWith('cn-') ? 'amazonaws.cn' : 'the AWS'} pages (bench/prices${c.region.startsWith('cn-') ? '-cn' : ''}.json says why)`,
      ),
    '',
    "Message providers' fees per 1,000 cases (not AWS compute; on their own line):",
    ...table(
      ['channel', 'quantity', 'unit', ...costs.map(regionCol)],
      cost.messageLines.map((l, i) => [
        l.service,
        qty(l.quantity),
        l.unit,
        ...costs.map((c) => (c.messageLines[i]!.priced ? money(c.messageLines[i]!.cost) : 'not priced')),
      ]),
      [1, 3, 4, 5],
    ),
    `  per case: ${perCase(usage.emails).toFixed(1)} e-mails, ${perCase(sms).toFixed(1)} SMS. SMS: SNS SMS to mainland China numbers is not in the stored price pages (us-east-1), and SNS has no SMS in the China regions: a domestic SMS provider's price, not found, applies there.`,
    `not priced either: the functions' log output, ${qty((logs.lines * 1000) / CASES)} lines = ${((logs.bytes * 1000) / CASES / 1024 / 1024).toFixed(1)} MiB per 1,000 cases (CloudWatch Logs ingestion)`,
    `per case: ${perCase(usage.apiRequests).toFixed(1)} API requests, ${perCase(usage.lambdaRequests).toFixed(1)} Lambda invocations, ${perCase(usage.events).toFixed(1)} events, ${perCase(usage.stateTransitions).toFixed(1)} state transitions (${([...startedExecutions].reduce((a, [, n]) => a + n, 0) / CASES).toFixed(2)} executions started), ${perCase(usage.writeRequestUnits).toFixed(1)} WRU, ${perCase(usage.readRequestUnits).toFixed(1)} RRU, ${perCase(usage.kmsSignRequests ?? 0).toFixed(1)} KMS Sign, ${firehose.records ? `${perCase(firehose.records).toFixed(1)} Firehose records` : 'no Firehose records counted'}`,
    `DynamoDB write units: transactions counted from their items by AWS's rules (a floor: an index entry that moves key also costs a delete); the local cloud's meter, which counts the same way, says ${qty(((after.localMeterWru - before.localMeterWru) * 1000) / CASES)} WRU per 1,000 cases`,
    `schedules ran ${usage.schedulerInvocations} times in the run (time-driven, not per case: they run whether or not cases come)`,
    '',
    `Lambda compute: ${qty((usage.lambdaGbSeconds * 1000) / CASES)} GB-s per 1,000 cases estimated for AWS, against ${qty((lambdaGbSecondsWallTime * 1000) / CASES)} GB-s from the in-process wall time (the old figure, ${money(lambdaGbSecondsWallTime * (1000 / CASES) * 0.0000133334)} USD).`,
    '  How: each invocation is billed on AWS for its own CPU and the time it awaits the services it calls. Here async hooks',
    '  time every synchronous slice the event loop runs on behalf of an invocation (its CPU, on one core), and the',
    "  invocation's outgoing HTTP requests (the AWS SDK's calls, webhooks) are timed from start to the end of the answer,",
    `  as a union (parallel calls count once). Slices are timed by the clock, so they are scaled by this process's CPU time`,
    `  over all slices' time (${(onCpu * 100).toFixed(0)} % here: the OS gave the rest to DynamoDB Local and other work; GC and`,
    `  worker threads count in the CPU time, so this stays a ceiling). On AWS a function of M MB gets M/${FULL_VCPU_MB} of a vCPU, so its CPU counts`,
    `  ${FULL_VCPU_MB}/M times; DynamoDB Local and s3rver share these cores, so each call counts at most a typical AWS latency`,
    `  (${Object.entries(AWS_CALL_CAP_MS)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}); other HTTP as measured. Rounded up to 1 ms per invocation.`,
    `  The hooks ran ${qty(hookCallbacks)} callbacks in the measured cases at ${(hookNsPerCallback / 1000).toFixed(2)} µs each (calibrated): ${((hookCallbacks * hookNsPerCallback) / 1e9).toFixed(2)} s, ${hookShare === null ? '–' : `${(hookShare * 100).toFixed(1)} %`} of this process's CPU in that time.`,
    '',
    'By function, per case (billed = CPU × 1769/MB + capped I/O, per invocation; wall = in-process wall time, inflated):',
    ...table(
      [
        'function',
        'MB',
        'inv/case',
        'wall ms',
        'CPU ms',
        'I/O ms',
        'billed ms',
        'GB-s/case',
        'share',
        'wall GB-s',
        'DDB calls/inv',
        'WRU/case',
        'RRU/case',
      ],
      perFunction.map((f) => [
        f.name + (f.scheduled ? ' (scheduled)' : ''),
        String(f.memoryMb),
        (f.invocations / CASES).toFixed(2),
        ms(f.meanMs),
        ms(f.cpuMsPerInvocation),
        ms(f.ioMsPerInvocation),
        ms(f.billedMsPerInvocation),
        (f.gbSeconds / CASES).toFixed(3),
        `${((f.gbSeconds / (usage.lambdaGbSeconds || 1)) * 100).toFixed(0)}%`,
        (f.gbSecondsWallTime / CASES).toFixed(3),
        f.dynamoCallsPerInvocation === null ? '–' : f.dynamoCallsPerInvocation.toFixed(1),
        (f.writeUnits / CASES).toFixed(1),
        (f.readUnits / CASES).toFixed(1),
      ]),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    ),
    "  an API function's WRU per case by route: " +
      perFunction
        .flatMap((f) =>
          Object.entries(f.writeUnitsByRoute).map(([route, wru]) => `${f.name} ${route} ${(wru / CASES).toFixed(1)}`),
        )
        .join('; '),
    '',
    'Hottest shared partition keys for writes, per case (keys every case of the day may touch; each takes this much per case submitted):',
    ...table(
      ['key (table pk, or index=key)', 'writes/case', 'WRU/case'],
      hotKeys.map((k) => [
        k.key.length > 70 ? `${k.key.slice(0, 67)}…` : k.key,
        k.writesPerCase.toFixed(2),
        k.wruPerCase.toFixed(1),
      ]),
      [1, 2],
    ),
    `  keys of one entity (a case, a task, an applicant's own list) do not grow with the rate: the busiest, ${hottestEntityKey ? `${hottestEntityKey.key.replace(/#.*/, '#…')} ${hottestEntityKey.wruPerCase.toFixed(1)} WRU over its case's life` : 'none'}`,
    `executions started per case: ${[...startedExecutions].map(([m, n]) => `${m} ${(n / CASES).toFixed(2)}`).join(', ') || 'none'}`,
  );
  out.push(
    '',
    'Items written whole (puts), by type, per case (a write costs 1 WRU per KB of the item, again per index it is in, twice in a transaction):',
    ...table(
      ['item type', 'puts/case', 'mean KiB', 'KiB/case', 'indexes'],
      written
        .slice(0, 12)
        .map((w) => [
          w.type,
          w.perCase.toFixed(2),
          (w.meanBytes / 1024).toFixed(2),
          w.kibPerCase.toFixed(1),
          w.indexed.toFixed(1),
        ]),
      [1, 2, 3, 4],
    ),
  );
  out.push(
    '',
    'WRU per case by function and write (a transaction lists its items; an update or delete names its key prefixes):',
    ...table(
      ['function: write', 'writes/case', 'WRU/case'],
      writesByShape.slice(0, 20).map((w) => [w.shape, w.writesPerCase.toFixed(2), w.wruPerCase.toFixed(1)]),
      [1, 2],
    ),
  );
  section('Warnings and errors the functions logged during the measured cases');
  out.push(
    ...(logged.length
      ? table(
          ['count', 'level, function: message (error)'],
          logged.map(([k, n]) => [String(n), k]),
          [0],
        )
      : ['none']),
  );
  section('Notes');
  out.push(
    'Local, not AWS: one Node process runs every function, the local API, the bus and the state machines, beside DynamoDB Local (Java) and s3rver on the same cores.',
    'Function wall times and latencies are those of that shared process, so they include waiting for the event loop and the CPU: inflated against AWS,',
    'where each invocation has its own CPU. Lambda GB-seconds are therefore estimated from each invocation’s own CPU and awaited calls (see above).',
    'Transactions are billed twice (as on AWS). DynamoDB Streams reads by Lambda are free and not counted.',
  );
  // The figures issue 20's "Done when" names, in one stable place (BenchSummary documents each).
  const confirmKey = 'POST /applications/{id}/attachments/{uploadId}/confirm';
  const rendersDocuments = (f: { largestParts: readonly { name: string }[] }) =>
    f.largestParts.some((p) => p.name.includes('pdfkit'));
  const summary: BenchSummary = {
    schemaVersion: 1,
    cases: CASES,
    awsCostPerThousandCasesWithoutMessageFees: Object.fromEntries(
      costs.map((c) => [c.region, { currency: c.currency, total: c.total, unpriced: c.unpriced }]),
    ),
    messageFeesPerThousandCases: Object.fromEntries(
      costs.map((c) => [
        c.region,
        {
          currency: c.currency,
          total: c.messagesTotal,
          unpriced: c.messageLines.filter((l) => !l.priced && l.quantity > 0).map((l) => l.service),
        },
      ]),
    ),
    emailsPerCase: usage.emails / CASES,
    smsPerCase: sms / CASES,
    writeRequestUnitsPerCase: usage.writeRequestUnits / CASES,
    stateTransitionsPerCase: usage.stateTransitions / CASES,
    submitRatioP50: submitHandler.p50 && bare.p50 ? Math.round((submitHandler.p50 / bare.p50) * 100) / 100 : null,
    intakeRequestsPerSecond: Math.round((intakeRequests / intakeSeconds) * 10) / 10,
    casesSubmittedPerSecond: Math.round((CASES / intakeSeconds) * 100) / 100,
    confirmUploadP50Ms: latency.find((l) => l.route === confirmKey)?.p50 ?? null,
    submissionToLicenceP50Ms: toLicence.p50,
    lambdaGbSecondsPerCase: usage.lambdaGbSeconds / CASES,
    lambdaGbSecondsPerCaseWallTime: lambdaGbSecondsWallTime / CASES,
    bundles: bundles
      ? {
          exception:
            'functions whose bundle carries pdfkit (the document renderer): judged against their own budget, listed apart',
          maxSizeRatio: Math.max(
            ...bundles.functions.filter((f) => f.sdkClients.length && !rendersDocuments(f)).map((f) => f.sizeRatio),
          ),
          maxImportRatio: Math.max(
            ...bundles.functions
              .filter((f) => f.sdkClients.length && !rendersDocuments(f))
              .map((f) => f.importRatio ?? Number.POSITIVE_INFINITY),
          ),
          over13: bundles.functions
            .filter(
              (f) => f.sdkClients.length && !rendersDocuments(f) && (f.sizeRatio > 1.3 || (f.importRatio ?? 0) > 1.3),
            )
            .map((f) => f.name),
          exceptions: bundles.functions
            .filter(rendersDocuments)
            .map((f) => ({ name: f.name, sizeRatio: f.sizeRatio, importRatio: f.importRatio })),
        }
      : null,
  };
  text = out;

  report = {
    generatedAt: new Date().toISOString(),
    config: {
      cases: CASES,
      concurrency: CONCURRENCY,
      warmupCases: WARMUP,
      bundleRuns: args['skip-bundles'] ? null : BUNDLE_RUNS,
      mix: MIX.map((m) => MATTERS[m]!.code),
      cores: cpus().length,
      node: process.version,
    },
    units: { latency: 'ms', durations: 'ms', sizes: 'bytes', cost: cost.currency, rates: 'per second' },
    outcome: {
      reachedLicence: ok.length,
      failed: failed.map((f) => ({
        index: f.index,
        matter: f.plan.code,
        caseId: f.id ?? null,
        reason: f.failure ?? 'no licence seen',
      })),
    },
    wallTimeMs: {
      setup: Math.round(setupEnd - T0),
      cases: Math.round(batch.end - batch.intakeStart),
      intake: Math.round(batch.intakeEnd - batch.intakeStart),
      settle: Math.round(settleMs),
      bundles: Math.round(bundlesMs),
      total: Math.round(totalMs),
      casesPhaseEndedAtMs: Math.round(casesEnd - T0),
    },
    intake: {
      definition:
        'The applicants’ API requests (POST /applications, …/licence-references, …/attachments, …/attachments/{uploadId}/confirm, …/submit) divided by the intake phase: from the first case’s create sent to the last case’s submit answered.',
      requests: intakeRequests,
      seconds: Math.round(intakeSeconds * 1000) / 1000,
      requestsPerSecond: Math.round((intakeRequests / intakeSeconds) * 10) / 10,
      casesSubmittedPerSecond: Math.round((CASES / intakeSeconds) * 100) / 100,
    },
    latencyByRouteMs: Object.fromEntries(latency.map(({ route, ...rest }) => [route, rest])),
    submissionToLicenceMs: {
      definition: 'From the submit request sent to the applicant’s GET /applications/{id} answering ISSUED.',
      all: toLicence,
      byMatter: toLicenceByMatter,
      phases,
    },
    submitVsTransaction: {
      handlerMs: submitHandler,
      bareTransactionMs: bare,
      ratioP50: submitHandler.p50 && bare.p50 ? Math.round((submitHandler.p50 / bare.p50) * 100) / 100 : null,
      transactionShape: bareShape ?? null,
      handlerDynamoDb: submitDynamoDelta?.invocations
        ? {
            callsPerRequest: submitDynamoDelta.calls / submitDynamoDelta.invocations,
            msPerRequest: submitDynamoDelta.ms / submitDynamoDelta.invocations,
          }
        : null,
    },
    bundles: bundles
      ? {
          runs: bundles.runs,
          functions: bundles.functions.map((f) => ({
            name: f.name,
            bytes: f.bytes,
            gzipBytes: f.gzipBytes,
            sizeRatio: f.sizeRatio,
            importMs: f.importMs,
            importRatio: f.importRatio,
            sdkClients: f.sdkClients,
            stub: f.stub,
            largestParts: f.largestParts,
            ...(f.error ? { error: f.error } : {}),
          })),
          stubs: bundles.stubs,
        }
      : null,
    loggedProblems: Object.fromEntries(logged),
    itemsWrittenPerCase: written,
    writeUnitsByShape: writesByShape,
    usage: {
      ...usage,
      localMeterWriteUnits: after.localMeterWru - before.localMeterWru,
      localMeterReadUnits: after.localMeterRru - before.localMeterRru,
      sms,
      logLines: logs.lines,
      logBytes: logs.bytes,
      lambdaByFunction: perFunction,
    },
    costPerThousandCases: costs,
    lambdaCompute: {
      definition:
        'GB-seconds estimated per invocation: own CPU (async-hook slices, one core here) × 1769 / memory MB, plus the union of its awaited HTTP calls, each capped at capsMs; rounded up to 1 ms. wallTimeGbSeconds: the in-process wall time × memory (the old, inflated figure).',
      gbSeconds: usage.lambdaGbSeconds,
      wallTimeGbSeconds: lambdaGbSecondsWallTime,
      capsMs: AWS_CALL_CAP_MS,
      fullVcpuMb: FULL_VCPU_MB,
      hooks: { callbacks: hookCallbacks, nsPerCallback: Math.round(hookNsPerCallback), shareOfProcessCpu: hookShare },
      sliceOnCpuShare: onCpu,
    },
    capacityInputs: {
      definition:
        'Per case, the operations the capacity model (docs/capacity.md) weighs against the AWS quotas. hotKeys: the partition keys with the most WRU per case (index entries as index=key).',
      executionsStartedPerCase: Object.fromEntries([...startedExecutions].map(([m, n]) => [m, n / CASES])),
      stateTransitionsPerCase: usage.stateTransitions / CASES,
      lambdaInvocationsPerCase: usage.lambdaRequests / CASES,
      lambdaBilledSecondsPerCase:
        perFunction.reduce((sum, f) => sum + (f.billedMsPerInvocation ?? 0) * f.invocations, 0) / 1000 / CASES,
      apiRequestsPerCase: usage.apiRequests / CASES,
      eventsPerCase: usage.events / CASES,
      kmsSignsPerCase: (usage.kmsSignRequests ?? 0) / CASES,
      writeRequestUnitsPerCase: usage.writeRequestUnits / CASES,
      readRequestUnitsPerCase: usage.readRequestUnits / CASES,
      hotKeys,
      hottestEntityKey,
    },
    summary,
  };
  if (failed.length) exitCode = 1;
} catch (error) {
  progress(`the bench failed: ${(error as Error).stack ?? error}`);
  for (const [k, n] of [...problems].sort((a, b) => b[1] - a[1]).slice(0, 15)) progress(`  logged ${n}×  ${k}`);
  exitCode = 2;
} finally {
  await stopCloud();
}

process.stdout.write = stdoutWrite;
process.stderr.write = stderrWrite;
if (text.length) console.log(text.join('\n'));
if (Object.keys(report).length) {
  mkdirSync(dirname(JSON_PATH), { recursive: true });
  writeFileSync(JSON_PATH, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nJSON: ${JSON_PATH}`);
}
process.exit(exitCode);

/**
 * bench.json's `summary`: the figures issue 20's "Done when" names, per run. Its fields keep their names and units
 * (schemaVersion changes if they ever do); the rest of bench.json has the detail behind them.
 */
interface BenchSummary {
  readonly schemaVersion: 1;
  readonly cases: number;
  /** Per region (us-east-1 USD, cn-north-1 and cn-northwest-1 CNY): AWS's own services per 1,000 cases; `unpriced`
   * names the lines with no price in the stored price pages, left out of `total`. Target (us-east-1): ≤ 0.35. */
  readonly awsCostPerThousandCasesWithoutMessageFees: Record<
    string,
    { currency: string; total: number; unpriced: string[] }
  >;
  /** E-mail (SES) and SMS per 1,000 cases, per region, apart from the AWS figure. */
  readonly messageFeesPerThousandCases: Record<string, { currency: string; total: number; unpriced: string[] }>;
  readonly emailsPerCase: number;
  readonly smsPerCase: number;
  /** DynamoDB write request units per case as AWS bills them. Target ≤ 120. */
  readonly writeRequestUnitsPerCase: number;
  /** Step Functions (Standard) state transitions per case, all procedures of the mix. */
  readonly stateTransitionsPerCase: number;
  /** The submit handler's p50 over its bare TransactWriteItems' p50. Target ≤ 1.5. */
  readonly submitRatioP50: number | null;
  /** The applicants' intake requests per second over the intake phase. Target ≥ 2× 10.6. */
  readonly intakeRequestsPerSecond: number;
  readonly casesSubmittedPerSecond: number;
  /** Client-side p50 of POST …/attachments/{uploadId}/confirm, ms. Target ≤ ½ of 1,800. */
  readonly confirmUploadP50Ms: number | null;
  readonly submissionToLicenceP50Ms: number | null;
  /** Estimated for AWS (own CPU and awaited I/O), and the old in-process wall-time figure beside it. */
  readonly lambdaGbSecondsPerCase: number;
  readonly lambdaGbSecondsPerCaseWallTime: number;
  /** Null with --skip-bundles. Ratios to a stub importing the same SDK clients; target ≤ 1.3 except `exceptions`. */
  readonly bundles: {
    exception: string;
    maxSizeRatio: number;
    maxImportRatio: number;
    over13: string[];
    exceptions: { name: string; sizeRatio: number; importRatio: number | null }[];
  } | null;
}

/** An aligned text table; numeric columns are right-aligned. */
function table(header: string[], rows: string[][], numeric: number[]): string[] {
  const all = [header, ...rows];
  const width = (cell: string) => [...cell].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const pad = (cell: string, i: number) => {
    const gap = ' '.repeat(widths[i]! - width(cell));
    return numeric.includes(i) ? gap + cell : cell + gap;
  };
  const lines = all.map((r) =>
    r
      .map((c, i) => pad(c ?? '', i))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines;
}
