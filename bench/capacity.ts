import diagnosticsChannel from 'node:diagnostics_channel';
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { LocalCloud } from '../infra/local/cloud';
import type { PutEventsEntry, PutEventsResult } from '../infra/local/event-bus';
import { accountInvocations, type InvocationAccount } from '../infra/local/functions';
import type { FormDefinition } from '../shared/domain/catalogue/form';
import { usccCheckChar } from '../shared/domain/catalogue/identifiers';
import { sampleAnswers } from '../shared/domain/catalogue/sample-form';
import { percentile } from './percentiles';
import { RESIDENT_ID, storedLicenceRows, PDF, PDF_SHA256 } from './stored-licences';

/**
 * `npm run bench:capacity`: the local cloud driven at stepped, open-loop rates of new cases (1, 2, 4, 8 a second by
 * default, 20 s each), to show where its own curve bends and which part saturates. A case starts on its schedule
 * whatever the earlier ones are doing (open loop: the backlog shows), and runs the bench's mix to its licence: intake
 * over the public API (create, 免证 references, uploads, submit), the window's acceptance, each department approving
 * its task as it opens (from the bus), the licence.
 *
 * Per step it prints the offered and achieved rates, intake latency p50/p95, errors, the backlog (cases in intake and
 * in the back office) at the step's end, the event loop's delay, and the CPU: this Node process (in it the functions'
 * own slices and the local API, told apart by async hooks; s3rver, on its own thread, by that thread's busy time)
 * against DynamoDB Local (its JVM, from /proc), and the whole machine (other work shares its cores). Then it names the step where the curve bends and what saturates.
 *
 * Options: --rates 1,2,4,8  --seconds 20 (per step)  --drain 30 (max seconds after the last step)
 * --json bench/results/capacity.json. About 2½ minutes with the defaults.
 */

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '1,2,4,8' },
    seconds: { type: 'string', default: '20' },
    drain: { type: 'string', default: '30' },
    json: { type: 'string', default: 'bench/results/capacity.json' },
  },
});
const RATES = args.rates!.split(',').map(Number);
if (!RATES.length || RATES.some((r) => !(r > 0)))
  throw new Error(`--rates must be positive numbers, not ${args.rates}`);
const STEP_S = Number(args.seconds);
const DRAIN_S = Number(args.drain);
const JSON_PATH = resolve(args.json!);
const T0 = performance.now();
const stderrWrite = process.stderr.write.bind(process.stderr);
const progress = (line: string) =>
  stderrWrite(`[capacity ${((performance.now() - T0) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

// The functions' log lines are not the report: drop them (their volume is the bench's concern).
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((_chunk: unknown, ...rest: unknown[]) => {
  (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
  return true;
}) as typeof process.stdout.write;
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const line = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  if (line.trimStart().startsWith('{"level"')) {
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }
  return stderrWrite(chunk, ...(rest as []));
}) as typeof process.stderr.write;

// ---- CPU attribution inside this process: the functions' own slices, the local API (s3rver has a thread) ----

const accounting = accountInvocations();
const servers = { 'local API': { cpuMs: 0, calls: [] } } as Record<string, InvocationAccount>;
const portOf = (url: string | undefined) => (url ? Number(new URL(url).port) : -1);
let ports: Record<string, number> = {};
const tagServer = (server: Server | undefined) => {
  const port = (server?.address() as { port?: number } | null)?.port;
  const name = Object.keys(ports).find((n) => ports[n] === port);
  // The server's handle keeps the tag: every connection it accepts from now on, and what they start, is its work.
  if (name) accounting.enter(servers[name]!);
};
diagnosticsChannel.subscribe('net.server.socket', (m) => {
  const socket = (m as { socket: { server?: Server; localPort?: number } }).socket;
  const name = Object.keys(ports).find((n) => ports[n] === socket.localPort);
  if (name) accounting.enter(servers[name]!);
});
diagnosticsChannel.subscribe('http.server.request.start', (m) => tagServer((m as { server?: Server }).server));

/** Utime + stime of a process, in ms, from /proc (Linux); null elsewhere. */
function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, 100 a second
  } catch {
    return null;
  }
}
/** The JVMs this process started (DynamoDB Local), found among its descendants. */
function javaDescendants(): number[] {
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parents.get(pid); p && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => name === 'java' && mine(pid)).map(([pid]) => pid);
}
/** The whole machine's busy and total jiffies (all cores), from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const n = values.map(Number);
    const idle = (n[3] ?? 0) + (n[4] ?? 0);
    const total = n.reduce((s, v) => s + v, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

// ---- the cloud, the applicants, the officers ----

progress(`starting a local cloud (${cpus().length} cores)`);
const cloud = await LocalCloud.start({ seed: true, clock: 'real' });
ports = { 'local API': portOf(cloud.baseUrl) };
let stopped = false;
const stopCloud = async () => {
  if (stopped) return;
  stopped = true;
  await cloud.stop();
};
process.once('SIGINT', () => void stopCloud().finally(() => process.exit(130)));

interface Answer {
  status: number;
  json: Record<string, unknown>;
}
async function api(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
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
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // not JSON
  }
  return { status: response.status, json } as Answer;
}
const ok = (what: string, a: Answer, ...statuses: number[]) => {
  if (!statuses.includes(a.status)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.json).slice(0, 200)}`);
  return a;
};

const usccOf = (n: number) => {
  const first17 = `91350100MA1${String(n).padStart(6, '0')}`;
  return `${first17}${usccCheckChar(first17)}`;
};
/** The bench's mix: two 即办 filings with one task each, and a food licence with uploads and three stages. */
const MATTERS = {
  seal: {
    code: 'SEAL-FILING',
    references: (uscc: string) => ({ businessLicence: uscc, legalRepIdCard: RESIDENT_ID.licenceNo }),
    uploads: [] as string[],
    overrides: (uscc: string) => ({ uscc }),
  },
  social: {
    code: 'SOCIAL-INSURANCE-REGISTRATION',
    references: (uscc: string) => ({ businessLicence: uscc }),
    uploads: [] as string[],
    overrides: (uscc: string) => ({ uscc, bankAccount: '6222021001234567890' }),
  },
  food: {
    code: 'FOOD-BUSINESS-LICENCE',
    references: (uscc: string) => ({ businessLicence: uscc, legalRepIdCard: RESIDENT_ID.licenceNo }),
    uploads: ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'],
    overrides: (uscc: string) => ({ uscc, legalRepIdNumber: RESIDENT_ID.idNumber }),
  },
};
const MIX = ['seal', 'social', 'food', 'seal', 'social'] as const;
const DEPARTMENTS = ['PSB', 'HRSS', 'SAMR', 'HEALTH'];
// Enough applicants that none has two cases in intake at once at the top rate (intake takes a few seconds).
const APPLICANTS = Math.max(16, Math.ceil(Math.max(...RATES) * 12));

const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const ttl = { ttlSeconds: 4 * 3600 };
const applicants = await Promise.all(
  Array.from({ length: APPLICANTS }, async (_, i) => {
    const uscc = usccOf(i + 1);
    return {
      uscc,
      token: await cloud.issueToken({ sub: `cap-ent-${i + 1}`, role: 'applicant', uscc }, ttl),
      busy: false,
    };
  }),
);
const windowToken = await cloud.issueToken({ sub: 'cap-window', role: 'window' }, ttl);
const officerTokens = Object.fromEntries(
  await Promise.all(
    DEPARTMENTS.map(async (d) => [
      d,
      await cloud.issueToken({ sub: `cap-${d}`, role: 'department', department: d }, ttl),
    ]),
  ),
) as Record<string, string>;
const adminToken = await cloud.issueToken({ sub: 'cap-admin', role: 'admin' }, ttl);
ok(
  'licence import',
  await api('POST', '/admin/licences/import', adminToken, {
    format: 'jsonl',
    data: storedLicenceRows(applicants, '容量')
      .map((r) => JSON.stringify(r))
      .join('\n'),
  }),
  200,
);
for (let i = 0; i < applicants.length; i += 8)
  await Promise.all(
    applicants.slice(i, i + 8).map((a, j) =>
      api('PUT', '/me/contact', a.token, {
        phone: `1390013${String(i + j).padStart(4, '0')}`,
        email: `cap${i + j + 1}@example.com`,
        language: 'zh',
        optIn: { sms: true, email: true },
      }).then((r) => ok('contact', r, 200)),
    ),
  );
const forms = new Map<string, Record<string, unknown>>();
for (const [key, plan] of Object.entries(MATTERS)) {
  const guide = ok(`guide ${plan.code}`, await api('GET', `/matters/${plan.code}`), 200).json;
  for (const a of applicants)
    forms.set(
      `${key}:${a.uscc}`,
      sampleAnswers(guide.form as FormDefinition, { today, overrides: plan.overrides(a.uscc) }),
    );
}

interface Case {
  readonly step: number;
  readonly started: number;
  id?: string;
  submitted?: number;
  licensed?: number;
  failed?: string;
}
const cases: Case[] = [];
const byId = new Map<string, Case>();

/** Each department approves a task as soon as the bus announces it (a 409 while it settles: try again shortly). */
async function approve(department: string, taskId: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await api('POST', `/tasks/${encodeURIComponent(taskId)}/decision`, officerTokens[department], {
      decision: 'approve',
    }).catch(() => ({ status: 0, json: {} }) as Answer);
    if (answer.status === 200) return;
    await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
  }
}
const bus = cloud.bus as unknown as { putEvents(entries: PutEventsEntry[]): PutEventsResult };
const putEvents = bus.putEvents.bind(cloud.bus);
bus.putEvents = (entries) => {
  const result = putEvents(entries);
  result.Entries.forEach((answer, i) => {
    if ('ErrorCode' in answer) return;
    const type = entries[i]!.DetailType!;
    const detail = JSON.parse(entries[i]!.Detail!) as Record<string, string>;
    if (type === 'Task.Opened.v1' && officerTokens[detail.taskDepartment!])
      void approve(detail.taskDepartment!, detail.taskId!);
    const c = detail.caseId ? byId.get(detail.caseId) : undefined;
    if (c && type === 'Licence.Issued.v1') c.licensed ??= performance.now();
  });
  return result;
};

async function runCase(c: Case, mix: keyof typeof MATTERS) {
  const applicant = applicants.find((a) => !a.busy);
  if (!applicant) {
    c.failed = 'no free applicant (raise the applicant pool)';
    return;
  }
  applicant.busy = true;
  const plan = MATTERS[mix];
  try {
    const draft = ok(
      'create',
      await api('POST', '/applications', applicant.token, {
        matterCode: plan.code,
        form: forms.get(`${mix}:${applicant.uscc}`),
      }),
      201,
    );
    const id = draft.json.id as string;
    c.id = id;
    byId.set(id, c);
    for (const [material, licenceNo] of Object.entries(plan.references(applicant.uscc)))
      ok(
        'reference',
        await api('POST', `/applications/${id}/licence-references`, applicant.token, { material, licenceNo }),
        200,
      );
    for (const material of plan.uploads) {
      const slot = ok(
        'upload slot',
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
      const posted = await fetch(slot.json.url as string, { method: 'POST', body: form });
      await posted.arrayBuffer();
      if (posted.status >= 300) throw new Error(`upload: S3 answered ${posted.status}`);
      ok(
        'confirm',
        await api('POST', `/applications/${id}/attachments/${slot.json.uploadId}/confirm`, applicant.token),
        200,
      );
    }
    const submitted = ok(
      'submit',
      await api('POST', `/applications/${id}/submit`, applicant.token, undefined, { 'idempotency-key': `cap-${id}` }),
      200,
    );
    c.submitted = performance.now();
    applicant.busy = false;
    if (submitted.json.status === 'SUBMITTED')
      ok('acceptance', await api('POST', `/applications/${id}/acceptance`, windowToken, { decision: 'accept' }), 200);
  } catch (error) {
    c.failed = (error as Error).message;
  } finally {
    applicant.busy = false;
  }
}

// ---- the steps ----

interface StepFigures {
  rate: number;
  seconds: number;
  offered: number;
  submittedPerSecond: number;
  licencesPerSecond: number;
  intakeP50Ms: number | null;
  intakeP95Ms: number | null;
  errors: number;
  inIntakeAtEnd: number;
  inBackOfficeAtEnd: number;
  eventLoopDelayP99Ms: number;
  /** % of one core, over the step. */
  cpu: {
    node: number;
    functions: number;
    s3rver: number;
    localApi: number;
    restOfNode: number;
    dynamoDbLocal: number | null;
    machine: number;
  };
}
const steps: StepFigures[] = [];
const javaPids = javaDescendants();
const javaCpu = () => (javaPids.length ? javaPids.reduce((s, p) => s + (procCpuMs(p) ?? 0), 0) : null);
const functionsCpu = () => [...cloud.functions.accounts.values()].reduce((s, a) => s + a.cpuMs, 0);
const snapshot = () => ({
  at: performance.now(),
  node: process.cpuUsage(),
  functions: functionsCpu(),
  s3rver: cloud.s3ThreadBusyMs(),
  localApi: servers['local API']!.cpuMs,
  slices: accounting.sliceWallMs(),
  java: javaCpu(),
  machine: machineJiffies(),
});
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const pending: Promise<void>[] = [];
let index = 0;

progress(`warming up (5 cases, not counted), then ${RATES.join(', ')} cases/s for ${STEP_S} s each`);
await Promise.all(
  Array.from({ length: 5 }, (_, i) => runCase({ step: -1, started: performance.now() }, MIX[i % MIX.length]!)),
);

for (const [s, rate] of RATES.entries()) {
  const before = snapshot();
  delay.reset();
  const startedCount = cases.length;
  const interval = 1000 / rate;
  const due = Math.round(rate * STEP_S);
  // Open loop: case k of the step starts at k × interval, however the earlier ones fare.
  for (let k = 0; k < due; k++) {
    const at = before.at + k * interval;
    const wait = at - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const c: Case = { step: s, started: performance.now() };
    cases.push(c);
    pending.push(runCase(c, MIX[index++ % MIX.length]!));
  }
  const end = before.at + STEP_S * 1000;
  if (end > performance.now()) await new Promise((r) => setTimeout(r, end - performance.now()));
  const after = snapshot();
  const wallMs = after.at - before.at;
  const pct = (ms: number) => Math.round((ms / wallMs) * 1000) / 10;
  const nodeMs = (after.node.user - before.node.user + after.node.system - before.node.system) / 1000;
  // Slices are timed by the clock: scale them by the share of slice time this process really had the CPU.
  const onCpu = Math.min(1, nodeMs / Math.max(1, after.slices - before.slices));
  const fnMs = (after.functions - before.functions) * onCpu;
  // Its own thread, so not scaled by the event loop's share: the thread's busy time as it is.
  const s3Ms = after.s3rver - before.s3rver;
  const apiMs = (after.localApi - before.localApi) * onCpu;
  const inWindow = (t: number | undefined) => t !== undefined && t >= before.at && t < after.at;
  const mine = cases.slice(startedCount);
  const machine = {
    busy: after.machine.busy - before.machine.busy,
    total: after.machine.total - before.machine.total,
  };
  steps.push({
    rate,
    seconds: wallMs / 1000,
    offered: mine.length / (wallMs / 1000),
    submittedPerSecond: cases.filter((c) => inWindow(c.submitted)).length / (wallMs / 1000),
    licencesPerSecond: cases.filter((c) => inWindow(c.licensed)).length / (wallMs / 1000),
    intakeP50Ms: null,
    intakeP95Ms: null,
    errors: 0,
    inIntakeAtEnd: cases.filter((c) => c.started < after.at && !c.failed && (c.submitted ?? Infinity) >= after.at)
      .length,
    inBackOfficeAtEnd: cases.filter(
      (c) => (c.submitted ?? Infinity) < after.at && !c.failed && (c.licensed ?? Infinity) >= after.at,
    ).length,
    eventLoopDelayP99Ms: Math.round(delay.percentile(99) / 1e5) / 10,
    cpu: {
      node: pct(nodeMs),
      functions: pct(fnMs),
      s3rver: pct(s3Ms),
      localApi: pct(apiMs),
      restOfNode: pct(nodeMs - fnMs - s3Ms - apiMs),
      dynamoDbLocal: before.java === null || after.java === null ? null : pct(after.java - before.java),
      machine: machine.total ? Math.round((machine.busy / machine.total) * cpus().length * 1000) / 10 : 0,
    },
  });
  const last = steps[steps.length - 1]!;
  progress(
    `${rate} cases/s: ${last.submittedPerSecond.toFixed(2)} submitted/s, backlog ${last.inIntakeAtEnd} in intake + ${last.inBackOfficeAtEnd} in the back office, Node ${last.cpu.node} %, Java ${last.cpu.dynamoDbLocal ?? '–'} %`,
  );
  // Far past the bend: the next step would only pile up more.
  if (last.inIntakeAtEnd > rate * STEP_S * 0.75 && s < RATES.length - 1) {
    progress(
      `the backlog holds most of this step's cases: the later steps (${RATES.slice(s + 1).join(', ')}) are skipped`,
    );
    break;
  }
}
progress(`draining (at most ${DRAIN_S} s)`);
await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, DRAIN_S * 1000))]);
const drainDeadline = performance.now() + 5000;
while (cases.some((c) => c.submitted && !c.licensed && !c.failed) && performance.now() < drainDeadline)
  await new Promise((r) => setTimeout(r, 200));
for (const [s, step] of steps.entries()) {
  const mine = cases.filter((c) => c.step === s);
  const intake = mine.filter((c) => c.submitted !== undefined).map((c) => c.submitted! - c.started);
  step.intakeP50Ms = percentile(intake, 50);
  step.intakeP95Ms = percentile(intake, 95);
  step.errors = mine.filter((c) => c.failed).length;
}
await stopCloud();
delay.disable();

// ---- the report ----

const f1 = (n: number | null) => (n === null ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const rows = [
  [
    'offered/s',
    'submitted/s',
    'licences/s',
    'intake p50 ms',
    'p95 ms',
    'errors',
    'in intake',
    'in back office',
    'loop delay p99',
    'Node %',
    'functions',
    's3rver',
    'local API',
    'rest',
    'DynamoDB Local %',
    'machine %',
  ],
  ...steps.map((s) => [
    s.offered.toFixed(2),
    s.submittedPerSecond.toFixed(2),
    s.licencesPerSecond.toFixed(2),
    f1(s.intakeP50Ms),
    f1(s.intakeP95Ms),
    String(s.errors),
    String(s.inIntakeAtEnd),
    String(s.inBackOfficeAtEnd),
    f1(s.eventLoopDelayP99Ms),
    f1(s.cpu.node),
    f1(s.cpu.functions),
    f1(s.cpu.s3rver),
    f1(s.cpu.localApi),
    f1(s.cpu.restOfNode),
    f1(s.cpu.dynamoDbLocal),
    f1(s.cpu.machine),
  ]),
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join('  ');
const out = [
  '',
  `== Capacity of the local cloud: stepped open-loop rates of new cases, ${STEP_S} s a step (${cpus().length} cores, Node ${process.version}) ==`,
  line(rows[0]!),
  widths.map((w) => '-'.repeat(w)).join('  '),
  ...rows.slice(1).map(line),
  'CPU in % of one core over the step (the machine has ' +
    `${cpus().length * 100} %): Node = this process, split into the functions' own slices, s3rver, the local API and the rest`,
  '(the bus, the state machines, the SDK clients outside invocations, this driver); DynamoDB Local = its JVM; machine = every process.',
  "Slices are timed by the clock, so they are scaled by the process's CPU time over all slices' time (the OS gives other processes part of it).",
];

// Where the curve bends: the first step that does not keep up (achieved < 90 % of offered, or the intake backlog
// grows past 2 s of arrivals), and what is saturated there.
const bendAt = steps.findIndex(
  (s) =>
    s.submittedPerSecond < 0.9 * s.offered || s.licencesPerSecond < 0.8 * s.offered || s.inIntakeAtEnd > 2 * s.rate,
);
const verdict: string[] = [];
if (bendAt < 0) {
  verdict.push(`The curve did not bend up to ${steps[steps.length - 1]?.rate} cases/s: try higher --rates.`);
} else {
  const s = steps[bendAt]!;
  const kept = bendAt > 0 ? steps[bendAt - 1]! : null;
  const capacity = cpus().length * 100;
  const java = s.cpu.dynamoDbLocal ?? 0;
  const inNode = (
    [
      ["the functions' own code", s.cpu.functions],
      ['s3rver', s.cpu.s3rver],
      ['the local API', s.cpu.localApi],
      ['the rest (bus, state machines, SDK outside invocations, this driver)', s.cpu.restOfNode],
    ] as [string, number][]
  ).sort((a, b) => b[1] - a[1]);
  verdict.push(
    `The curve bends at ${s.rate} cases/s: ${s.submittedPerSecond.toFixed(2)} submitted and ${s.licencesPerSecond.toFixed(2)} licensed a second against ${s.offered.toFixed(2)} offered, ${s.inIntakeAtEnd} cases waiting in intake and ${s.inBackOfficeAtEnd} in the back office at the step's end${kept ? `; ${kept.rate} cases/s was still kept (${kept.submittedPerSecond.toFixed(2)} submitted, ${kept.licencesPerSecond.toFixed(2)} licensed a second)` : ''}.`,
    s.cpu.machine >= 0.85 * capacity
      ? `What saturates: the machine's ${cpus().length} cores (${s.cpu.machine} % of ${capacity} %): this Node process ${s.cpu.node} % (its one event loop: delay p99 ${f1(s.eventLoopDelayP99Ms)} ms) and DynamoDB Local ${java} %, other processes the rest.`
      : `What saturates: ${s.cpu.node >= java ? `the Node process's one event loop (${s.cpu.node} % of a core, delay p99 ${f1(s.eventLoopDelayP99Ms)} ms)` : `DynamoDB Local (${java} % of a core)`}; the machine ran at ${s.cpu.machine} % of ${capacity} %.`,
    `Inside the Node process: ${inNode.map(([n, v]) => `${n} ${f1(v)} %`).join(', ')}. The functions' own code is the part to make cheaper; on AWS each invocation has its own CPU, so this bend is the local cloud's, not the platform's (docs/capacity.md).`,
  );
}
out.push('', ...verdict);
process.stdout.write = stdoutWrite;
console.log(out.join('\n'));
mkdirSync(dirname(JSON_PATH), { recursive: true });
writeFileSync(
  JSON_PATH,
  `${JSON.stringify({ generatedAt: new Date().toISOString(), cores: cpus().length, node: process.version, stepSeconds: STEP_S, steps, verdict }, null, 2)}\n`,
);
console.log(`\nJSON: ${JSON_PATH}`);
process.exit(0);
