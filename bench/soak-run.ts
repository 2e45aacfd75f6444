import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { RESIDENT_ID, storedLicenceRows, PDF, PDF_SHA256 } from './stored-licences';
import { LocalCloud } from '../infra/local/cloud';
import type { BusEvent } from '../infra/local/event-bus';
import { FAULT_KINDS, FaultInjector, installFaultInjector } from '../infra/local/fault-injector';
import { localStateMachineArn } from '../infra/local/names';
import { startSimulatedDepartment, type SimulatedDepartment } from '../infra/local/simulated-department';
import { usccCheckChar } from '../shared/domain/catalogue/identifiers';
import type { FormDefinition } from '../shared/domain/catalogue/form';
import { sampleAnswers } from '../shared/domain/catalogue/sample-form';
import type { ImportResult } from '../shared/domain/licences/import';
import { type ArchivedEvent, audit, type AuditReport, TERMINAL_STATUSES, type ToldCase } from './soak-audit';

/**
 * `npm run soak`: the platform end to end on a local cloud while the fault injector (infra/local/fault-injector.ts)
 * makes a share of operations fail; then the injector stops, the platform recovers (the bus's DLQs redriven, the
 * scheduled repairs run, the window and the departments finish what waits for them), and the audit (soak-audit.ts)
 * checks the end state against what the applicants were told.
 *
 * The drivers are the bench's (bench/run.ts): applicants taking cases one after another (create, 免证 references,
 * uploads, submit with an Idempotency-Key), the window accepting what is submitted, each department's officers
 * approving their to-do; SAMR decides through its own system (signed webhooks and callbacks), as in `npm start`.
 * Here they also survive faults: a 5xx or a lost connection is retried (counted), a 409 is read back.
 */

export interface SoakOptions {
  readonly cases: number;
  /** The fault rate, 0 to 1. */
  readonly faults: number;
  readonly seed?: number;
  /** Applicants at a time (12). */
  readonly concurrency?: number;
  /** How long recovery may take before the audit runs anyway (ms; 150 s); it ends sooner after 6 rounds without progress while no execution moves by itself. */
  readonly recoveryMs?: number;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

export interface SoakResult {
  readonly audit: AuditReport;
  readonly injected: Record<string, number>;
  readonly operations: Record<string, number>;
  readonly retries: Record<string, number>;
  readonly repairs: Record<string, number>;
  readonly told: number;
  readonly abandoned: number;
  readonly missing: string[];
  readonly timings: { setupMs: number; casesMs: number; recoveryMs: number; auditMs: number; totalMs: number };
  /** The printed report. */
  readonly text: string;
}

const usccOf = (n: number) => {
  const first17 = `91350100MA1${String(n).padStart(6, '0')}`;
  return `${first17}${usccCheckChar(first17)}`;
};

interface MatterPlan {
  readonly code: string;
  readonly references: (uscc: string) => Record<string, string>;
  readonly uploads: readonly string[];
  readonly overrides: (uscc: string) => Record<string, unknown>;
}
/** The bench's mix (bench/run.ts): two 即办 filings and a 食品经营许可 with uploads, window acceptance and three stages. */
const MATTERS: Record<string, MatterPlan> = {
  seal: {
    code: 'SEAL-FILING',
    references: (uscc) => ({ businessLicence: uscc, legalRepIdCard: RESIDENT_ID.licenceNo }),
    uploads: [],
    overrides: (uscc) => ({ uscc }),
  },
  social: {
    code: 'SOCIAL-INSURANCE-REGISTRATION',
    references: (uscc) => ({ businessLicence: uscc }),
    uploads: [],
    overrides: (uscc) => ({ uscc, bankAccount: '6222021001234567890' }),
  },
  food: {
    code: 'FOOD-BUSINESS-LICENCE',
    references: (uscc) => ({ businessLicence: uscc, legalRepIdCard: RESIDENT_ID.licenceNo }),
    uploads: ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'],
    overrides: (uscc) => ({ uscc, legalRepIdNumber: RESIDENT_ID.idNumber }),
  },
};
/**
 * 不动产登记 for a citizen (the tests' payments case): window acceptance, NATRES and TAX then NATRES, and an 80-yuan fee
 * the applicant pays at the simulated provider once the order is there; the licence waits for the payment.
 */
const ESTATE: MatterPlan = {
  code: 'REAL-ESTATE-REGISTRATION',
  references: () => ({ idCard: RESIDENT_ID.licenceNo }),
  uploads: ['applicationForm', 'registrationCause', 'taxProof'],
  overrides: () => ({ applicantType: 'citizen', propertyUsage: 'residential', registrationType: 'transfer' }),
};
MATTERS.estate = ESTATE;
/** The bench's mix, with one paid case in ten. */
const MIX = ['seal', 'social', 'food', 'seal', 'social', 'seal', 'social', 'food', 'estate', 'social'] as const;
/** Departments decided through the to-do API; SAMR's own system decides through webhooks (the API only in recovery). */
const API_DEPARTMENTS = ['PSB', 'HRSS', 'HEALTH', 'NATRES', 'TAX'];
const WEBHOOK_DEPARTMENT = 'SAMR';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Recovery rounds in a row that may change nothing, with nothing moving by itself, before it ends: 36 minutes of the clock. */
const STALL_ROUNDS = 6;

interface Answer {
  status: number;
  json: Record<string, unknown>;
}
/** The code of an error answer's `error: { code }`, or '' when it has none. */
const errorCode = (answer: Answer) => (answer.json.error as { code?: string } | undefined)?.code ?? '';

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const T0 = performance.now();
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 12;
  const recoveryBudget = options.recoveryMs ?? 150_000;
  const injector = new FaultInjector({ rate: options.faults, seed: options.seed ?? 1 });
  const clientRetries = new Map<string, number>();
  const repairs = new Map<string, number>();
  const missing: string[] = [];
  const countIn = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);
  const elapsed = () => `${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s`;
  const progress = (line: string) => log(`[soak ${elapsed()}] ${line}`);

  // The functions log JSON lines on stdout and stderr (CloudWatch's share); the soak keeps them out of its report.
  let functionFailures = 0;
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const swallow = (original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const line = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      // Stderr carries the local API's reports of failed functions too (most of them injected): counted, not shown.
      if (stream === process.stderr || line.trimStart().startsWith('{')) {
        (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
        return true;
      }
      return original.call(stream, chunk as string, ...(rest as []));
    }) as typeof process.stdout.write;
  process.stdout.write = swallow(stdoutWrite, process.stdout);
  process.stderr.write = swallow(stderrWrite, process.stderr);
  // The local API reports a failed function with console.error (Jest's console does not write to stderr).
  const consoleError = console.error;
  console.error = (...parts: unknown[]) => {
    if (typeof parts[0] === 'string' && parts[0].includes('the function failed')) functionFailures++;
  };

  installFaultInjector(injector);
  injector.stop();
  let cloud: LocalCloud | undefined;
  let department: SimulatedDepartment | undefined;
  try {
    progress(
      `starting a local cloud (${cpus().length} cores), ${options.cases} cases, faults ${options.faults}, seed ${injector.seed}`,
    );
    cloud = await LocalCloud.start({ seed: true, clock: 'real' });
    const c = cloud;
    const dataDir = dirname(fileURLToPath(c.env.PLATFORM_SECRETS_PREFIX!));
    const table = c.env.MAIN_TABLE_NAME!;
    const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

    async function api(
      method: string,
      path: string,
      token: string | undefined,
      body?: unknown,
      headers: Record<string, string> = {},
      what = `${method} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\/[A-Z0-9]{20,}/gi, '/…').split('?')[0]}`,
    ): Promise<Answer> {
      for (let attempt = 1; ; attempt++) {
        let answer: Answer | undefined;
        try {
          const response = await fetch(`${c.baseUrl}${path}`, {
            method,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...headers,
            },
            body: body !== undefined ? JSON.stringify(body) : undefined,
          });
          const text = await response.text();
          let json: Record<string, unknown> = {};
          try {
            json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            // not JSON
          }
          answer = { status: response.status, json };
        } catch {
          answer = undefined;
        }
        // A 5xx or a lost connection: the applicant (or officer) tries again, as a client with retries does.
        if (answer && answer.status < 500) return answer;
        if (attempt >= 8) return answer ?? { status: 599, json: {} };
        countIn(clientRetries, what);
        await sleep(Math.min(100 * 2 ** attempt, 3000) * (0.5 + Math.random() / 2));
      }
    }

    // ---- setup: applicants, their licences and contacts, officers, SAMR's own system ----
    const today = new Date(c.clock.now()).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const applicants = Array.from({ length: concurrency }, (_, i) => ({
      sub: `soak-ent-${i + 1}`,
      uscc: usccOf(i + 1),
      token: '',
    }));
    for (const a of applicants)
      a.token = await c.issueToken({ sub: a.sub, role: 'applicant', uscc: a.uscc }, { ttlSeconds: 6 * 3600 });
    // The citizen of the paid cases (the ID card imported below is hers).
    const citizen = {
      sub: 'soak-citizen',
      uscc: 'citizen',
      token: await c.issueToken(
        { sub: 'soak-citizen', role: 'applicant', idNumber: RESIDENT_ID.idNumber },
        { ttlSeconds: 6 * 3600 },
      ),
    };
    const windowToken = await c.issueToken({ sub: 'soak-window', role: 'window' }, { ttlSeconds: 6 * 3600 });
    const officerTokens: Record<string, string> = {};
    for (const d of [...API_DEPARTMENTS, WEBHOOK_DEPARTMENT])
      officerTokens[d] = await c.issueToken(
        { sub: `soak-${d}`, role: 'department', department: d },
        { ttlSeconds: 6 * 3600 },
      );
    const adminToken = await c.issueToken({ sub: 'soak-admin', role: 'admin' }, { ttlSeconds: 6 * 3600 });
    const rows = storedLicenceRows(applicants, '浸泡');
    const imported = await api('POST', '/admin/licences/import', adminToken, {
      format: 'jsonl',
      data: rows.map((r) => JSON.stringify(r)).join('\n'),
    });
    const held = (row: { problems: string[] }) => row.problems.every((p) => p.endsWith('is registered already'));
    if (imported.status !== 200 || !((imported.json.failed ?? []) as ImportResult['failed']).every(held))
      throw new Error(`licences not imported: ${JSON.stringify(imported.json).slice(0, 300)}`);
    for (const [i, a] of applicants.entries()) {
      const contact = await api('PUT', '/me/contact', a.token, {
        phone: `1380013${String(7000 + i).padStart(4, '0')}`,
        email: `soak${i + 1}@example.com`,
        language: 'zh',
        optIn: { sms: true, email: true },
      });
      if (contact.status !== 200) throw new Error(`contact: ${contact.status}`);
    }
    const forms = new Map<string, Record<string, unknown>>();
    for (const [key, plan] of Object.entries(MATTERS)) {
      const guide = await api('GET', `/matters/${plan.code}`, undefined);
      if (guide.status !== 200) throw new Error(`guide of ${plan.code}: ${guide.status}`);
      for (const a of [...applicants, citizen])
        forms.set(
          `${key}:${a.uscc}`,
          sampleAnswers(guide.json.form as FormDefinition, { today, overrides: plan.overrides(a.uscc) }),
        );
    }
    // SAMR's system signs and checks on the cloud's clock (recovery moves it forward).
    const created = await api('PUT', `/admin/integrations/${WEBHOOK_DEPARTMENT}`, adminToken, {
      mode: 'webhook',
      endpoint: 'http://127.0.0.1:9/',
    });
    if (created.status !== 200 || typeof created.json.secret !== 'string')
      throw new Error(
        `${WEBHOOK_DEPARTMENT} integration: ${created.status} ${JSON.stringify(created.json).slice(0, 200)}`,
      );
    department = await startSimulatedDepartment({
      port: 0,
      secret: created.json.secret,
      behaviour: { mode: 'approve-after', delayMs: 100 },
      now: () => new Date(c.clock.now()),
    });
    const connected = await api('PUT', `/admin/integrations/${WEBHOOK_DEPARTMENT}`, adminToken, {
      mode: 'webhook',
      endpoint: department.url,
    });
    if (connected.status !== 200)
      throw new Error(
        `${WEBHOOK_DEPARTMENT} endpoint: ${connected.status} ${JSON.stringify(connected.json).slice(0, 200)}`,
      );
    const setupMs = performance.now() - T0;

    // ---- the drivers ----
    const told = new Map<string, ToldCase>();
    let abandoned = 0;
    const abandonReasons = new Map<string, number>();
    const abandon = (reason: string) => {
      abandoned++;
      countIn(abandonReasons, reason.slice(0, 120));
    };

    const decided = new Set<string>();
    let officersOn = true;
    let samrByApi = false;
    /** Each department's officers list their to-do every half second and approve what it holds. */
    const officerLoop = async (dept: string) => {
      while (officersOn) {
        if (dept === WEBHOOK_DEPARTMENT && !samrByApi) {
          await sleep(500);
          continue;
        }
        const list = await api('GET', '/tasks?limit=100', officerTokens[dept]);
        const items = list.status === 200 ? ((list.json.items ?? []) as { id: string; status: string }[]) : [];
        const todo = items.filter((t) => !decided.has(t.id) && (t.status === 'WAITING' || t.status === 'CLAIMED'));
        for (const task of todo) {
          const answer = await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, officerTokens[dept], {
            decision: 'approve',
          });
          if (answer.status === 200 || answer.status === 409) decided.add(task.id);
          if (answer.status === 200 && samrByApi) countIn(repairs, 'tasks decided in recovery');
        }
        if (todo.length === 0) await sleep(1500);
      }
    };
    const officers = [...API_DEPARTMENTS, WEBHOOK_DEPARTMENT].map((d) => officerLoop(d));

    const accept = async (caseId: string) => {
      const answer = await api('POST', `/applications/${caseId}/acceptance`, windowToken, { decision: 'accept' });
      return answer.status;
    };
    const windowWork = new Set<Promise<unknown>>();

    /** The citizen pays as soon as the fee order is there (the payments consumer makes it after acceptance). */
    const paid = new Set<string>();
    const pay = async (caseId: string, waitMs: number) => {
      for (const until = performance.now() + waitMs; !paid.has(caseId); ) {
        const view = await api('GET', `/applications/${caseId}/payment`, citizen.token);
        const order =
          view.status === 200 ? (view.json.order as { orderId?: string; status?: string } | undefined) : undefined;
        if (order?.status === 'PAID') paid.add(caseId);
        else if (order?.orderId && order.status === 'AWAITING') {
          try {
            const sent = await c.payments.pay(order.orderId);
            if (sent.delivered) paid.add(caseId);
          } catch {
            // paid already (409), or the provider's answer was lost: read the order again
          }
        }
        if (paid.has(caseId) || performance.now() > until) return paid.has(caseId);
        await sleep(2000);
      }
      return true;
    };
    const payers = new Set<Promise<unknown>>();
    const estates = new Set<string>();
    /** The applicant hears of the order (the bus's Payment.Ordered.v1, as the inbox tells her) and pays it at once. */
    const bus = c.bus as unknown as {
      putEvents: (entries: { DetailType?: string; Detail?: string }[]) => { Entries: object[] };
    };
    const putEvents = bus.putEvents.bind(c.bus);
    bus.putEvents = (entries) => {
      const result = putEvents(entries);
      entries.forEach((entry, i) => {
        if (entry.DetailType !== 'Payment.Ordered.v1' || 'ErrorCode' in (result.Entries[i] ?? {})) return;
        const detail = JSON.parse(entry.Detail ?? '{}') as { caseId?: string; orderId?: string };
        if (!detail.caseId || !detail.orderId || !estates.has(detail.caseId) || paid.has(detail.caseId)) return;
        const caseId = detail.caseId;
        const p = c.payments
          .pay(detail.orderId)
          .then((sent) => void (sent.delivered && paid.add(caseId)))
          .catch(() => undefined)
          .finally(() => payers.delete(p));
        payers.add(p);
      });
      return result;
    };

    async function intake(index: number, worker: (typeof applicants)[number]) {
      const mix = MIX[index % MIX.length]!;
      const plan = MATTERS[mix]!;
      const applicant = mix === 'estate' ? citizen : worker;
      const draft = await api('POST', '/applications', applicant.token, {
        matterCode: plan.code,
        form: forms.get(`${mix}:${applicant.uscc}`),
      });
      if (draft.status !== 201) return abandon(`create: ${draft.status}`);
      const id = draft.json.id as string;
      for (const [material, licenceNo] of Object.entries(plan.references(applicant.uscc))) {
        const ref = await api('POST', `/applications/${id}/licence-references`, applicant.token, {
          material,
          licenceNo,
        });
        if (ref.status !== 200) return abandon(`licence reference: ${ref.status} ${errorCode(ref)}`);
      }
      for (const material of plan.uploads) {
        let confirmed = false;
        // A lost confirmation answer is retried; a slot the platform can no longer confirm gets a fresh one.
        for (let slotAttempt = 0; slotAttempt < 3 && !confirmed; slotAttempt++) {
          const slot = await api('POST', `/applications/${id}/attachments`, applicant.token, {
            material,
            fileName: `${material}.pdf`,
            contentType: 'application/pdf',
            size: PDF.length,
            sha256: PDF_SHA256,
          });
          if (slot.status !== 201) continue;
          const form = new FormData();
          for (const [k, v] of Object.entries(slot.json.fields as Record<string, string>)) form.append(k, v);
          form.append('file', new Blob([PDF], { type: 'application/pdf' }), `${material}.pdf`);
          const posted = await fetch(slot.json.url as string, { method: 'POST', body: form }).catch(() => undefined);
          await posted?.arrayBuffer();
          if (!posted || posted.status >= 300) continue;
          const confirm = await api(
            'POST',
            `/applications/${id}/attachments/${slot.json.uploadId}/confirm`,
            applicant.token,
          );
          confirmed = confirm.status === 200;
          if (!confirmed) countIn(clientRetries, `upload slot again after confirm ${confirm.status}`);
        }
        if (!confirmed) return abandon(`upload ${material} not confirmed`);
      }
      if (mix === 'estate') estates.add(id);
      const submitted = await api('POST', `/applications/${id}/submit`, applicant.token, undefined, {
        'idempotency-key': `soak-${id}`,
      });
      if (submitted.status !== 200) return abandon(`submit: ${submitted.status} ${errorCode(submitted)}`);
      // Told: the platform confirmed the submission to the applicant.
      told.set(id, { caseId: id, matterCode: plan.code, expectsLicence: true });
      if (submitted.json.status === 'SUBMITTED') {
        const p = accept(id).finally(() => windowWork.delete(p));
        windowWork.add(p);
      }
      if (mix === 'estate') estates.add(id);
    }

    // ---- the run, faults on ----
    injector.start();
    progress(
      `set up in ${(setupMs / 1000).toFixed(1)} s; driving ${options.cases} cases, ${concurrency} applicants at a time, faults on`,
    );
    const casesStart = performance.now();
    let done = 0;
    const ticker = setInterval(
      () =>
        progress(
          `${done}/${options.cases} taken, ${told.size} submitted, ${abandoned} abandoned; ${injector.totalInjected} faults injected`,
        ),
      15_000,
    );
    try {
      await Promise.all(
        applicants.map(async (applicant, a) => {
          for (let i = a; i < options.cases; i += applicants.length) {
            try {
              await intake(i, applicant);
            } catch (error) {
              abandon(`intake: ${(error as Error).message}`);
            }
            done++;
          }
        }),
      );
      await Promise.all(windowWork);
      await Promise.all(payers);
    } finally {
      clearInterval(ticker);
    }
    // Let the cases run on under faults until they stop moving (or a minute has passed).
    const statusOf = async (ids: string[]) => {
      const statuses = new Map<string, string>();
      for (let i = 0; i < ids.length; i += 100) {
        let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ pk: `CASE#${id}`, sk: 'CASE' }));
        while (keys.length > 0) {
          const answer = await documents.send(
            new BatchGetCommand({
              RequestItems: {
                [table]: { Keys: keys, ProjectionExpression: 'id, #s', ExpressionAttributeNames: { '#s': 'status' } },
              },
            }),
          );
          for (const item of answer.Responses?.[table] ?? []) statuses.set(String(item.id), String(item.status));
          keys = (answer.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        }
      }
      return statuses;
    };
    const open = async () => [...(await statusOf([...told.keys()]))].filter(([, s]) => !TERMINAL_STATUSES.has(s));
    /** Why the cases still open are stuck: their executions and the tasks waiting on tokens (the first 10). */
    const stuckCases = (cases: [string, string][]) => {
      const waiting = c.stepFunctions.waitingTasks();
      return cases.slice(0, 10).map(([id, status]) => {
        const executions = c.stepFunctions
          .stateMachineArns()
          .flatMap((arn) => c.stepFunctions.listExecutions(arn))
          .filter((e) => e.name === id);
        const described =
          executions
            .map((e) => `${e.status}${e.error ? ` ${e.error}: ${String(e.cause ?? '').slice(0, 100)}` : ''}`)
            .join('; ') || 'no execution';
        const tokens = waiting
          .filter((w) => executions.some((e) => e.executionArn === w.executionArn))
          .map((w) => w.stateName);
        const running = executions.some((e) => e.status === 'RUNNING');
        const on = tokens.length
          ? `; waiting on ${tokens.join(', ')}`
          : running
            ? '; on no token: a step at work or in a Retry backoff'
            : '';
        return `${id} ${status}: execution ${described}${on}`;
      });
    };
    // Until nothing is left or nothing moved for 10 s (what faults left stuck waits for the recovery), at most a minute.
    for (let waited = 0, last = Infinity, still = 0; waited < 60_000 && still < 10_000; waited += 2000) {
      const left = (await open()).length;
      if (left === 0) break;
      still = left < last ? 0 : still + 2000;
      last = Math.min(last, left);
      await sleep(2000);
    }
    const casesMs = performance.now() - casesStart;
    progress(
      `intake done in ${(casesMs / 1000).toFixed(1)} s: ${told.size} submitted, ${abandoned} abandoned; stopping the injector (${injector.totalInjected} faults)`,
    );

    // ---- recovery, faults off ----
    injector.stop();
    const recoveryStart = performance.now();
    const webhooksBefore = department.received.filter((r) => r.verified && !r.duplicate).length;
    samrByApi = false;
    const redriven = new Set<string>();
    const redriveScript = resolve('scripts/redrive.ts');
    const reconcilers = c.topology.schedules.filter(
      (s) => /reconcil/i.test(s.name) || /reconcil/i.test(s.target.function),
    );
    if (reconcilers.length === 0)
      missing.push(
        'the reconciler: no reconcile schedule in the topology (infra/topology.ts), so stuck cases, lost task tokens and unrelayed outbox items are not repaired',
      );
    let redriveModule: Record<string, unknown> | undefined;
    if (existsSync(redriveScript)) {
      try {
        redriveModule = (await import(pathToFileURL(redriveScript).href)) as Record<string, unknown>;
      } catch (error) {
        missing.push(
          `scripts/redrive.ts could not be imported (${(error as Error).message}); the soak redrove the local DLQs itself`,
        );
      }
    } else missing.push('scripts/redrive.ts (the DLQ redrive): absent, so the soak redrove the local DLQs itself');
    const localRedrive =
      redriveModule && typeof redriveModule.redriveLocal === 'function'
        ? (redriveModule.redriveLocal as (cloud: LocalCloud) => Promise<unknown>)
        : undefined;
    if (redriveModule && !localRedrive)
      missing.push(
        'scripts/redrive.ts exports no redriveLocal(cloud) for an in-process local cloud; the soak redrove the local DLQs itself',
      );

    /** The bus's dead letters delivered again to their rule's target, once each (the same event, as a redrive does). */
    const redriveDeadLetters = async () => {
      if (localRedrive) {
        const before = c.bus.deadLetters.length;
        const result = await localRedrive(c);
        const n = typeof result === 'number' ? result : Number((result as { redriven?: number })?.redriven ?? before);
        countIn(repairs, 'DLQ messages redriven (scripts/redrive.ts)', n);
        return;
      }
      for (const letter of c.bus.deadLetters) {
        const key = `${letter.rule} ${letter.event.id}`;
        if (redriven.has(key)) continue;
        const rule = c.topology.rules.find((r) => r.name === letter.rule);
        if (!rule) continue;
        try {
          if ('function' in rule.target) await c.functions.invoke(rule.target.function, letter.event);
          else
            c.stepFunctions.startExecution(
              localStateMachineArn(rule.target.stateMachine),
              JSON.stringify(selectPath(letter.event, rule.target.inputPath)),
              undefined,
            );
          redriven.add(key);
          countIn(repairs, 'DLQ messages redriven');
        } catch {
          // left for the next round
        }
      }
    };
    const runSchedules = async () => {
      // Time moves on (the webhook retries' backoff, the schedules' minute), and the repairs run now.
      c.clock.advance(6 * 60_000);
      for (const s of reconcilers) {
        try {
          const result = await c.functions.invoke(s.target.function, {
            ...s.input,
            scheduledAt: new Date(c.clock.now()).toISOString(),
            schedule: s.name,
          });
          // Its counts of findings and repairs (what it only looked at is not a repair).
          for (const [k, v] of Object.entries((result ?? {}) as Record<string, unknown>))
            if (typeof v === 'number' && v > 0 && !/examined|checked|seen|read/i.test(k))
              countIn(repairs, `reconciler: ${k}`, v);
          for (const [k, v] of Object.entries(
            ((result ?? {}) as { findings?: Record<string, unknown> }).findings ?? {},
          ))
            if (typeof v === 'number' && v > 0) countIn(repairs, `reconciler: ${k}`, v);
        } catch (error) {
          countIn(repairs, `reconciler failed: ${(error as Error).message.slice(0, 60)}`);
        }
      }
    };
    let remaining: [string, string][] = [];
    /**
     * A case whose execution runs and waits on no task token is moving by itself: a step in a Retry's backoff after
     * the faults (the backoff doubles in wall time: 2, 4, … 64 s), or a step at work. Recovery waits for it.
     */
    const movingByItself = (cases: [string, string][]) => {
      const waitingOn = new Set(c.stepFunctions.waitingTasks().map((w) => w.executionArn));
      return cases.some(([id]) =>
        c.stepFunctions
          .stateMachineArns()
          .flatMap((arn) => c.stepFunctions.listExecutions(arn))
          .some((e) => e.name === id && e.status === 'RUNNING' && !waitingOn.has(e.executionArn)),
      );
    };
    // Rounds until every case is done, the budget is spent, or STALL_ROUNDS rounds in a row changed nothing while
    // nothing moved by itself (the repairs that exist have done what they can). Counted in rounds, not seconds: each
    // round moves the clock 6 minutes and the reconciler acts on events 15 minutes old, so a repair needs three
    // rounds however slowly a busy machine runs them.
    let fewest = Infinity;
    let roundsWithoutProgress = 0;
    for (
      let round = 1;
      performance.now() - recoveryStart < recoveryBudget && roundsWithoutProgress < STALL_ROUNDS;
      round++
    ) {
      await Promise.race([c.idle(), sleep(20_000)]);
      await redriveDeadLetters();
      await runSchedules();
      remaining = await open();
      if (remaining.length === 0) break;
      if (remaining.length < fewest) {
        fewest = remaining.length;
        roundsWithoutProgress = 0;
      } else if (!movingByItself(remaining)) roundsWithoutProgress++;
      // After the first round the window and SAMR's officers finish by hand what the platform left waiting.
      if (round >= 2) {
        samrByApi = true;
        for (const [id, status] of remaining)
          if (status === 'SUBMITTED' && (await accept(id)) === 200) countIn(repairs, 'cases accepted in recovery');
        for (const [id] of remaining)
          if (estates.has(id) && !paid.has(id) && (await pay(id, 0)))
            countIn(repairs, 'fees paid in recovery (the order came late)');
      }
      progress(
        `recovery round ${round}: ${remaining.length} cases not done (${[...new Set(remaining.map(([, s]) => s))].join(', ')})`,
      );
      await sleep(2000);
    }
    await Promise.race([c.idle(), sleep(20_000)]);
    officersOn = false;
    await Promise.all(officers);
    const recoveryMs = performance.now() - recoveryStart;
    for (const line of stuckCases(await open())) progress(`still open: ${line}`);
    const webhooksRetried = department.received.filter((r) => r.verified && !r.duplicate).length - webhooksBefore;
    if (webhooksRetried > 0)
      countIn(repairs, `${WEBHOOK_DEPARTMENT}'s tasks delivered again by retry-deliveries`, webhooksRetried);
    const deadLeft = c.bus.deadLetters.filter((l) => !redriven.has(`${l.rule} ${l.event.id}`)).length;
    progress(`recovery done in ${(recoveryMs / 1000).toFixed(1)} s; auditing`);

    // ---- the audit ----
    const auditStart = performance.now();
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (start);
    const archive = readArchive(join(dataDir, 'events'));
    const report = audit({ told: [...told.values()], items, archive });
    const auditMs = performance.now() - auditStart;

    const result = {
      audit: report,
      injected: Object.fromEntries(FAULT_KINDS.map((k) => [k, injector.injected.get(k) ?? 0])),
      operations: Object.fromEntries(injector.operations),
      retries: {
        ...Object.fromEntries(injector.retries),
        ...Object.fromEntries([...clientRetries].map(([k, v]) => [`client: ${k}`, v])),
      },
      repairs: Object.fromEntries(repairs),
      told: told.size,
      abandoned,
      missing,
      timings: { setupMs, casesMs, recoveryMs, auditMs, totalMs: performance.now() - T0 },
    };
    const stuck = stuckCases(await open());
    const text = renderReport({
      ...result,
      options,
      cores: cpus().length,
      abandonReasons,
      deadLeft,
      remaining,
      functionFailures,
      stuck,
    });
    return { ...result, text };
  } finally {
    installFaultInjector(undefined);
    await department?.stop();
    await cloud?.stop();
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    console.error = consoleError;
  }
}

function selectPath(event: BusEvent, path: string | undefined): unknown {
  if (!path || path === '$') return event;
  return path
    .slice(2)
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), event);
}

/** The bus's archive file (every event put, in order); the in-memory archive keeps the latest 10,000 only. */
function readArchive(eventsDir: string): ArchivedEvent[] {
  const file = join(eventsDir, 'archive.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ArchivedEvent);
}

function renderReport(
  r: Omit<SoakResult, 'text'> & {
    options: SoakOptions;
    cores: number;
    abandonReasons: Map<string, number>;
    deadLeft: number;
    remaining: [string, string][];
    functionFailures: number;
    stuck: string[];
  },
): string {
  const out: string[] = [];
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const section = (title: string) => out.push('', `== ${title} ${'='.repeat(Math.max(0, 90 - title.length))}`);
  section('Soak');
  out.push(
    `${r.options.cases} cases, faults ${r.options.faults}, seed ${r.options.seed ?? 1}, ${r.options.concurrency ?? 12} applicants at a time, ${r.cores} cores, Node ${process.version}`,
    `submitted (the applicant was told): ${r.told}; abandoned before submission (the applicant saw the failure): ${r.abandoned}`,
    ...[...r.abandonReasons].map(([reason, n]) => `  abandoned ${n}×: ${reason}`),
    `wall time: setup ${s(r.timings.setupMs)} s, cases ${s(r.timings.casesMs)} s, recovery ${s(r.timings.recoveryMs)} s, audit ${s(r.timings.auditMs)} s, total ${s(r.timings.totalMs)} s`,
  );
  section('Faults injected, by kind');
  const injectedTotal = Object.values(r.injected).reduce((a, b) => a + b, 0);
  const operationsTotal = Object.values(r.operations).reduce((a, b) => a + b, 0);
  out.push(
    ...table(
      ['kind', 'injected'],
      [...Object.entries(r.injected).map(([k, n]) => [k, String(n)]), ['total', String(injectedTotal)]],
      [1],
    ),
  );
  out.push(`functions that failed as the local API saw them (answered 500): ${r.functionFailures}`);
  out.push(
    `operations asked at the fault points: ${operationsTotal} (${Object.entries(r.operations)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}); ${operationsTotal ? ((injectedTotal / operationsTotal) * 100).toFixed(1) : '0'} % failed`,
  );
  section('Retries');
  const retries = Object.entries(r.retries).sort((a, b) => b[1] - a[1]);
  out.push(
    ...(retries.length
      ? table(
          ['where', 'retries'],
          retries.map(([k, n]) => [k, String(n)]),
          [1],
        )
      : ['none']),
  );
  section('Repairs (recovery, faults off)');
  const repairs = Object.entries(r.repairs).sort((a, b) => b[1] - a[1]);
  out.push(
    ...(repairs.length
      ? table(
          ['repair', 'count'],
          repairs.map(([k, n]) => [k, String(n)]),
          [1],
        )
      : ['none needed']),
  );
  if (r.deadLeft) out.push(`dead letters not redriven: ${r.deadLeft}`);
  if (r.missing.length) out.push('', 'missing pieces of the recovery:', ...r.missing.map((m) => `  - ${m}`));
  section('Audit');
  out.push(
    ...table(
      ['check', 'checked', 'lost', 'duplicated', 'broken'],
      Object.entries(r.audit.checks).map(([k, v]) => [
        k,
        String(v.checked),
        String(v.lost),
        String(v.duplicated),
        String(v.broken),
      ]),
      [1, 2, 3, 4],
    ),
  );
  if (r.stuck.length)
    out.push('', 'cases still open after recovery (the first 10):', ...r.stuck.map((line) => `  ${line}`));
  const sample = r.audit.findings.slice(0, 20);
  if (sample.length)
    out.push(
      '',
      `findings (${r.audit.findings.length}, the first ${sample.length}):`,
      ...sample.map((f) => `  ${f.kind} · ${f.check} · ${f.subject}: ${f.detail}`),
    );
  out.push(
    '',
    `lost: ${r.audit.lost}, duplicated: ${r.audit.duplicated}${r.audit.broken ? `, broken chains: ${r.audit.broken}` : ''}`,
    r.audit.ok ? 'AUDIT PASSED' : 'AUDIT FAILED',
  );
  return out.join('\n');
}

function table(header: string[], rows: string[][], numeric: number[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const pad = (cell: string, i: number) => (numeric.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!));
  const lines = all.map((row) =>
    row
      .map((cell, i) => pad(cell ?? '', i))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines;
}
