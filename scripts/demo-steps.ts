import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Principal } from '../shared/auth/principal';
import type { CaseView } from '../shared/contracts/case-schemas';
import type { taskViewSchema } from '../shared/contracts/workflow';
import type { FormDefinition } from '../shared/domain/catalogue/form';
import { sampleAnswers } from '../shared/domain/catalogue/sample-form';

/**
 * `npm run demo`: a day at the one-stop service centre, played against a running platform through its public HTTP
 * API only. Each step runs, checks what came back (status codes, case and task states, the licence's verification)
 * and prints one readable line; the first check that fails stops the demo with what was expected and what came.
 */

// ---------------------------------------------------------------------------------------------------------------
// The platform the demo plays against

/** What the demo needs from a platform: a fresh in-process local cloud (scripts/demo-cloud.ts) or one already running. */
export interface DemoPlatform {
  readonly baseUrl: string;
  /** Said once at the top of the output: what this platform is. */
  readonly description: string;
  /** A bearer token for a person, signed by the identity the platform trusts. */
  token(principal: Principal): Promise<string>;
  /** The platform's time now (epoch ms). */
  now(): number;
  /** Moves the platform's clock forward to an instant; a real clock cannot be moved (then nothing happens). */
  moveTo(instant: Date): Promise<void>;
  /** Whether moveTo moves it (then the timeline shows minutes; on a real clock, seconds). */
  readonly movableClock: boolean;
  /** Lets the platform finish what it started (events, workflows) before the next look. */
  settle(): Promise<void>;
  /** How long to wait for what the platform does by itself (a department's system, the workflow), in ms. */
  readonly patienceMs: number;
  /** The exchange folder (前置机) of the departments on it, when reachable from here. */
  readonly exchange?: ExchangeFolder;
}

export interface ExchangeFolder {
  keys(prefix: string): Promise<string[]>;
  put(key: string, body: string): Promise<void>;
  /** Lets the platform's once-a-minute pickup of decision files run. */
  collect(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Who takes part

const SHOP_USCC = '91350100M000100Y43';
const SHOP_NAME = '福州市鼓楼区榕城小吃店';
const LEGAL_REP = { name: '林晓明', idNumber: '11010519491231002X', idCardNo: 'RID-350100-0001' };
/** The company the 开餐馆 bundle founds; SAMR's registration gives it this 统一社会信用代码. */
const NEW_COMPANY = { name: '福州榕城餐饮管理有限公司', uscc: '91350102MA2YQ6KX0A' };
const FOOD = 'FOOD-BUSINESS-LICENCE';
const RESTAURANT = 'OPEN-RESTAURANT';
const REGISTRATION = 'COMPANY-REGISTRATION';

const PEOPLE = {
  shop: { sub: 'demo-rongcheng-xiaochi', role: 'applicant', uscc: SHOP_USCC, name: SHOP_NAME },
  window: { sub: 'demo-window-07', role: 'window', name: '综合窗口7号' },
  health: { sub: 'demo-health-officer', role: 'department', department: 'HEALTH' },
  samr: { sub: 'demo-samr-registrar', role: 'department', department: 'SAMR' },
  urban: { sub: 'demo-urban-officer', role: 'department', department: 'URBAN' },
  supervisor: { sub: 'demo-supervisor', role: 'supervisor' },
  admin: { sub: 'demo-admin', role: 'admin' },
} as const satisfies Record<string, Principal>;
type Person = keyof typeof PEOPLE | 'public';

// ---------------------------------------------------------------------------------------------------------------
// Steps and checks

/** A check that did not hold: what the step expected and what came instead. */
export class CheckFailed extends Error {
  constructor(
    readonly what: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${what}: expected ${expected}, got ${actual}`);
  }
}

/** The demo stopped: names the step, and what it expected and got. */
export class DemoFailed extends Error {
  constructor(
    readonly stepNumber: number,
    readonly stepTitle: string,
    override readonly cause: CheckFailed | Error,
  ) {
    super(`Step ${stepNumber} "${stepTitle}" failed: ${cause.message}`);
  }
}

export interface DemoStep {
  readonly title: string;
  /** Returns what happened: the first line goes beside the title, further lines below it. */
  run(demo: Demo): Promise<string | string[]>;
}

interface Answer {
  status: number;
  json: Body;
  text: string;
}

type TaskView = z.output<typeof taskViewSchema>;

/** A body as the steps read it: each step reads a few fields of one route's answer and checks them itself. */
// biome-ignore lint/suspicious/noExplicitAny: read loosely on purpose, the steps check every field they use
type Body = any;

interface Milestone {
  readonly at: number;
  readonly text: string;
}

/** What the steps learn as the day goes on (case ids and numbers, licences), and the milestones for the summary. */
interface DayState {
  day: string;
  food: {
    id?: string;
    number?: string;
    deadline?: string;
    licenceNo?: string;
    verificationUrl?: string;
    credential?: string;
  };
  bundle: { id?: string; number?: string; members: NonNullable<CaseView['members']> };
  milestones: Milestone[];
}

/** One run of the demo: the platform, the state of the day, HTTP helpers for the steps. */
export class Demo {
  readonly state: DayState = { day: '', food: {}, bundle: { members: [] }, milestones: [] };

  constructor(
    readonly platform: DemoPlatform,
    private readonly progress: (line: string) => void,
  ) {}

  async call(
    who: Person,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const token = who === 'public' ? undefined : await this.platform.token(PEOPLE[who]);
    const response = await fetch(`${this.platform.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let json: Body;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }

  /** A call that must answer `status`; its body otherwise. */
  async expect(
    status: number,
    what: string,
    who: Person,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Body> {
    const answer = await this.call(who, method, path, body, headers);
    if (answer.status !== status) throw new CheckFailed(what, `HTTP ${status}`, describeAnswer(answer));
    return answer.json;
  }

  /** Waits until `probe` returns a value; a timeout fails the step with `what` and the last thing seen. */
  async waitFor<T>(
    what: string,
    probe: () => Promise<{ value?: T; seen: string }>,
    timeoutMs = this.platform.patienceMs,
  ): Promise<T> {
    const started = Date.now();
    let nextProgress = started + 5_000;
    let seen = 'nothing yet';
    for (;;) {
      await this.platform.settle();
      const result = await probe();
      seen = result.seen;
      if (result.value !== undefined) return result.value;
      if (Date.now() - started > timeoutMs)
        throw new CheckFailed(what, `within ${Math.round(timeoutMs / 1000)} s`, seen);
      if (Date.now() > nextProgress) {
        this.progress(`${INDENT}… waiting for ${what} (${Math.round((Date.now() - started) / 1000)} s; now ${seen})`);
        nextProgress += 5_000;
      }
      await sleep(150);
    }
  }

  /** Moves the platform's clock to this wall-clock time of the demo day (Asia/Shanghai), if it is later. */
  async at(hhmm: string): Promise<void> {
    await this.platform.moveTo(new Date(`${this.state.day}T${hhmm}:00+08:00`));
  }

  /** Something for the summary timeline, at the platform's time now or when it happened (an ISO instant). */
  milestone(text: string, at?: string): void {
    this.state.milestones.push({ at: at ? Date.parse(at) : this.platform.now(), text });
  }

  async getCase(id: string, who: Person = 'shop'): Promise<CaseView> {
    return this.expect(200, `reading case ${id}`, who, 'GET', `/applications/${id}`);
  }

  /** Uploads a file for a material the way a browser does: a presigned POST, then the platform's confirmation. */
  async upload(caseId: string, material: string, fileTypes: readonly string[], note = material): Promise<void> {
    const file = sampleFile(fileTypes, note);
    const slot = await this.expect(
      201,
      `a presigned upload for ${material}`,
      'shop',
      'POST',
      `/applications/${caseId}/attachments`,
      {
        material,
        fileName: file.name,
        contentType: file.contentType,
        size: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('base64'),
      },
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(slot.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.name);
    const stored = await fetch(slot.url as string, { method: 'POST', body: form, signal: AbortSignal.timeout(30_000) });
    if (stored.status >= 300)
      throw new CheckFailed(`storing ${material} in the bucket`, 'HTTP 2xx', `HTTP ${stored.status}`);
    await this.expect(
      200,
      `the platform's check of ${material} (size, SHA-256, real type)`,
      'shop',
      'POST',
      `/applications/${caseId}/attachments/${slot.uploadId}/confirm`,
    );
  }

  /** Every open task of a department (its to-do list, every page). */
  async openTasks(who: 'health' | 'samr' | 'urban'): Promise<TaskView[]> {
    const items: TaskView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const answer = await this.expect(
        200,
        `${PEOPLE[who].department}'s to-do list`,
        who,
        'GET',
        `/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...answer.items);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  /** Where SAMR's webhook for a task stands, from SAMR's delivery log: what a wait for its system reports. */
  async webhookState(taskId: string): Promise<string> {
    for (const status of ['pending', 'dead', 'delivered'] as const) {
      const answer = await this.call('samr', 'GET', `/integration/SAMR/deliveries?status=${status}&limit=100`);
      if (answer.status !== 200) return `the delivery log answered HTTP ${answer.status}`;
      const delivery = (
        answer.json as { items: { taskId?: string; attempts: Record<string, unknown>[] }[] }
      ).items.find((d) => d.taskId === taskId);
      if (!delivery) continue;
      const last = delivery.attempts.at(-1);
      const outcome = last ? `, last attempt ${String(last.error ?? `HTTP ${last.status}`)}` : '';
      return `webhook ${status} after ${delivery.attempts.length} attempt(s)${outcome}`;
    }
    return 'no webhook delivery yet';
  }

  /** One task as its department sees it (404 until it opens). */
  async task(who: 'health' | 'samr' | 'urban', taskId: string): Promise<TaskView | undefined> {
    const answer = await this.call(who, 'GET', `/tasks/${encodeURIComponent(taskId)}`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new CheckFailed(`reading task ${taskId}`, 'HTTP 200', describeAnswer(answer));
    return (answer.json as { task: TaskView }).task;
  }
}

export interface DemoReport {
  readonly steps: number;
  readonly seconds: number;
  /** The summary timeline, in time order. */
  readonly milestones: readonly Milestone[];
}

/**
 * Plays the day against `platform`, printing through `out`. Resolves with the report when every step did what it
 * should; rejects with DemoFailed (naming the step) at the first one that did not, after printing why.
 */
export async function runDemo(
  platform: DemoPlatform,
  options: { out?: (line: string) => void; steps?: readonly DemoStep[] } = {},
): Promise<DemoReport> {
  const out = options.out ?? ((line: string) => console.log(line));
  const steps = options.steps ?? demoSteps();
  const demo = new Demo(platform, out);
  const started = Date.now();
  demo.state.day = await startOfDay(demo);

  out(`一网通办 demo: a day at the 福州 one-stop service centre (福州市民服务中心), ${demo.state.day}`);
  out(`  platform  ${platform.baseUrl}: ${platform.description}`);
  out(`  times     the platform's clock, Asia/Shanghai; working-day deadlines from its calendar`);
  out('');

  for (const [index, step] of steps.entries()) {
    const number = index + 1;
    const label = `${String(number).padStart(2)}.`;
    try {
      const result = await step.run(demo);
      const lines = Array.isArray(result) ? result : [result];
      const head = `${clock(platform.now(), platform.movableClock)} ✓ ${label} ${step.title}`;
      // What happened goes beside the title when it fits a terminal line, below it otherwise.
      if (lines.length > 0 && width(`${head} · ${lines[0]}`) <= LINE_WIDTH) out(`${head} · ${lines.shift()}`);
      else out(head);
      for (const line of lines) out(`${INDENT}${line}`);
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      out(`${clock(platform.now(), platform.movableClock)} ✗ ${label} ${step.title}`);
      if (cause instanceof CheckFailed) {
        out(`${INDENT}while:    ${cause.what}`);
        out(`${INDENT}expected: ${cause.expected}`);
        out(`${INDENT}got:      ${cause.actual}`);
      } else {
        out(`${INDENT}error:    ${cause.message}`);
      }
      out('');
      out(
        `DEMO FAILED at step ${number} of ${steps.length} ("${step.title}") after ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
      throw new DemoFailed(number, step.title, cause);
    }
  }

  const seconds = (Date.now() - started) / 1000;
  out('');
  out('Timeline');
  const timeline = [...demo.state.milestones].sort((a, b) => a.at - b.at);
  for (const m of timeline) out(`  ${dayAndClock(m.at, demo.state.day, platform.movableClock)}  ${m.text}`);
  out('');
  out(`All ${steps.length} steps did what they should, in ${seconds.toFixed(1)} s.`);
  return { steps: steps.length, seconds, milestones: timeline };
}

/** The demo's day: today on a real clock; on a movable one, 09:00 of the clock's working day (the next one if past). */
async function startOfDay(demo: Demo): Promise<string> {
  const now = demo.platform.now();
  let day = shanghaiDate(now);
  if (!demo.platform.movableClock) return day;
  if (now > new Date(`${day}T09:00:00+08:00`).getTime() || !(await isWorkingDay(demo, day)))
    day = await nextWorkingDay(demo, day);
  await demo.platform.moveTo(new Date(`${day}T09:00:00+08:00`));
  return day;
}

async function nextWorkingDay(demo: Demo, day: string): Promise<string> {
  const answer = await demo.call('public', 'GET', `/calendar/add-working-days?from=${day}&days=1`);
  return answer.status === 200 ? (answer.json.due as string) : day;
}

async function isWorkingDay(demo: Demo, day: string): Promise<boolean> {
  const previous = new Date(`${day}T12:00:00Z`);
  previous.setUTCDate(previous.getUTCDate() - 1);
  return (await nextWorkingDay(demo, previous.toISOString().slice(0, 10))) === day;
}

// ---------------------------------------------------------------------------------------------------------------
// The day, step by step

const step = (title: string, run: (demo: Demo) => Promise<string | string[]>): DemoStep => ({ title, run });

export function demoSteps(): DemoStep[] {
  return [
    step('平台就绪 Platform up, departments connected', async (demo) => {
      const health = await demo.expect(200, 'GET /health', 'public', 'GET', '/health');
      check('the platform’s health', health.status, 'ok');
      const answer = await demo.call('admin', 'GET', '/admin/integrations/SAMR');
      const samr = answer.status === 200 ? answer.json : undefined;
      if (samr?.mode !== 'webhook' || !samr.endpoint) {
        const came =
          answer.status === 404
            ? 'SAMR not connected'
            : samr
              ? `SAMR on ${samr.mode}${samr.endpoint ? '' : ' without an endpoint'}`
              : describeAnswer(answer);
        throw new CheckFailed(
          'how SAMR takes part (GET /admin/integrations/SAMR)',
          'SAMR’s system on signed webhooks, as npm start connects it',
          `${came} (started with --no-departments? npm run demo -- --fresh plays against a cloud of its own)`,
        );
      }
      const samrMatters = (samr.matters as string[] | undefined)?.filter((m) => m !== '*') ?? [];
      const urban = await demo.call('admin', 'GET', '/admin/integrations/URBAN');
      const urbanMode = urban.status === 200 ? (urban.json.mode as string) : 'todo';
      return [
        `stage ${health.stage}; SAMR 市场监管局: its own system (simulated) on signed webhooks${samrMatters.length ? ` for ${samrMatters.join(', ')}` : ''};`,
        'HEALTH 卫健委: the to-do list (统一待办);',
        `URBAN 城管局: ${urbanMode === 'exchange' ? 'the exchange folder (前置机)' : `by ${urbanMode}`}${urbanMode === 'exchange' && !demo.platform.exchange ? ' (not reachable from here: its officer uses the to-do list today)' : ''}`,
      ];
    }),

    step('存量入库 Existing licences on file', async (demo) => {
      const numbers = [SHOP_USCC, LEGAL_REP.idCardNo];
      const before = await Promise.all(
        numbers.map((no) => demo.expect(200, `GET /verify/${no}`, 'public', 'GET', `/verify/${no}`)),
      );
      let imported = false;
      if (before.some((v) => v.status === 'unknown')) {
        const rows = [
          {
            type: 'BUSINESS_LICENCE',
            holderType: 'enterprise',
            holderId: SHOP_USCC,
            holderName: SHOP_NAME,
            validFrom: '2024-01-02',
            licenceNo: SHOP_USCC,
            content: { uscc: SHOP_USCC, name: SHOP_NAME },
          },
          {
            type: 'RESIDENT_ID',
            holderType: 'citizen',
            holderId: LEGAL_REP.idNumber,
            holderName: LEGAL_REP.name,
            validFrom: '2020-05-01',
            validUntil: '2040-05-01',
            licenceNo: LEGAL_REP.idCardNo,
            content: {},
          },
        ];
        const answer = await demo.expect(
          200,
          'the bulk import (POST /admin/licences/import)',
          'admin',
          'POST',
          '/admin/licences/import',
          { format: 'jsonl', data: rows.map((r) => JSON.stringify(r)).join('\n') },
        );
        check('rows refused by the import', (answer.failed as unknown[]).length, 0);
        imported = true;
      }
      for (const no of numbers) {
        const v = await demo.expect(200, `GET /verify/${no}`, 'public', 'GET', `/verify/${no}`);
        check(
          `the status of licence ${no}`,
          `${v.status}, signature ${v.signatureValid ? 'valid' : 'invalid'}`,
          'valid, signature valid',
        );
      }
      return `营业执照 ${SHOP_USCC} (${SHOP_NAME}) and 居民身份证 of ${LEGAL_REP.name} are valid e-licences${imported ? ' (loaded now by the admin)' : ''}`;
    }),

    step('找事项 The shop finds 食品经营许可 (food business licence)', async (demo) => {
      const found = await demo.expect(
        200,
        'a search for 食品经营',
        'public',
        'GET',
        `/matters?q=${encodeURIComponent('食品经营')}`,
      );
      check(
        'the search finds 食品经营许可',
        (found.items as { code: string }[]).some((i) => i.code === FOOD),
        true,
      );
      const guide = await demo.expect(200, `the guide of ${FOOD}`, 'public', 'GET', `/matters/${FOOD}`);
      const stages = (guide.procedureSummary as { tasks: { department: string }[] }[])
        .map((s) => s.tasks.map((t) => t.department).join(' ∥ '))
        .join(' → ');
      return [
        `${guide.name}: promised ${guide.promisedLimitDays}, legal ${guide.legalLimitDays} working days`,
        `review by ${stages} (∥ = in parallel)`,
      ];
    }),

    step('填表 Fills in the form: a draft', async (demo) => {
      await demo.at('09:05');
      const draft = await demo.expect(201, 'POST /applications', 'shop', 'POST', '/applications', {
        matterCode: FOOD,
        form: foodForm(),
      });
      check('the new case’s status', draft.status, 'DRAFT');
      demo.state.food = { id: draft.id, number: draft.number };
      return `case ${draft.number} (流水号), draft kept until ${dayOf(draft.deadlines?.draftExpiresAt) ?? '?'}`;
    }),

    step('免证 Reuses e-licences instead of copies', async (demo) => {
      const id = demo.state.food.id!;
      for (const [material, licenceNo] of [
        ['businessLicence', SHOP_USCC],
        ['legalRepIdCard', LEGAL_REP.idCardNo],
      ] as const) {
        await demo.expect(
          200,
          `the licence reference for ${material}`,
          'shop',
          'POST',
          `/applications/${id}/licence-references`,
          { material, licenceNo },
        );
      }
      return '营业执照 and the legal representative’s 身份证 referenced by number; the platform checked both are valid and theirs';
    }),

    step('上传材料 Uploads the other materials', async (demo) => {
      const id = demo.state.food.id!;
      const materials = ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'];
      for (const material of materials) await demo.upload(id, material, ['pdf']);
      const record = await demo.getCase(id);
      const filed = materials.filter((m) => (record.materials?.[m]?.files?.length ?? 0) > 0);
      check('materials on the case', filed.join(', '), materials.join(', '));
      return `${materials.length} PDFs (平面图, 设备清单, 管理制度, 健康证明) via presigned POST, each checked for size, SHA-256 and real type`;
    }),

    step('提交 Submits (Idempotency-Key)', async (demo) => {
      await demo.at('09:20');
      const id = demo.state.food.id!;
      const key = `demo-submit-${id}`;
      const submitted = await demo.expect(
        200,
        'POST /applications/{id}/submit',
        'shop',
        'POST',
        `/applications/${id}/submit`,
        undefined,
        { 'idempotency-key': key },
      );
      check('the status after submission', submitted.status, 'SUBMITTED');
      const replay = await demo.expect(
        200,
        'the same submission sent again (a flaky network)',
        'shop',
        'POST',
        `/applications/${id}/submit`,
        undefined,
        { 'idempotency-key': key },
      );
      check(
        'the replayed submission’s answer',
        `${replay.status} ${replay.number}`,
        `${submitted.status} ${submitted.number}`,
      );
      demo.milestone(`食品经营许可 ${submitted.number} submitted by ${SHOP_NAME}`);
      return `SUBMITTED; the window must answer by ${submitted.deadlines?.acceptance ?? '?'} (5 working days); a re-sent submit got the same answer`;
    }),

    step('一次性告知 The window asks for every correction at once', async (demo) => {
      await demo.at('09:40');
      const id = demo.state.food.id!;
      const queue = await demo.expect(200, 'the acceptance queue', 'window', 'GET', '/acceptance/queue?limit=100');
      const queued = (queue.items as { id: string }[]).some((c) => c.id === id);
      const corrections = [
        { target: 'material', code: 'floorPlan', message: '平面图未标注粗加工、烹饪和餐用具清洗消毒区域' },
        { target: 'field', code: 'premisesArea', message: '经营面积与平面图不符，请按平面图填写' },
      ];
      const answer = await demo.expect(
        200,
        'the window’s correction request',
        'window',
        'POST',
        `/applications/${id}/acceptance`,
        { decision: 'correct', corrections },
      );
      check('the status after the correction request', answer.status, 'CORRECTION_REQUESTED');
      check('correction items told', (answer.corrections as unknown[]).length, 2);
      demo.milestone(`window asked for 2 corrections at once (平面图, 经营面积)`);
      return `${queued ? 'found in the queue; ' : ''}CORRECTION_REQUESTED with 2 items: the floor plan, the premises area`;
    }),

    step('补正 The shop corrects and resubmits', async (demo) => {
      await demo.at('10:20');
      const id = demo.state.food.id!;
      await demo.upload(id, 'floorPlan', ['pdf'], '经营场所平面图（修订版，已标注各功能区）');
      const answer = await demo.expect(
        200,
        'POST /applications/{id}/resubmit',
        'shop',
        'POST',
        `/applications/${id}/resubmit`,
        { form: { ...foodForm(), premisesArea: 58 } },
      );
      check('the status after resubmission', answer.status, 'SUBMITTED');
      check('the corrected premises area', answer.form?.premisesArea, 58);
      demo.milestone('corrected floor plan and area resubmitted');
      return 'revised floor plan uploaded, area 60 → 58 m²; SUBMITTED again';
    }),

    step('受理 The window accepts: review starts', async (demo) => {
      await demo.at('10:45');
      const id = demo.state.food.id!;
      const answer = await demo.expect(
        200,
        'the window’s acceptance',
        'window',
        'POST',
        `/applications/${id}/acceptance`,
        { decision: 'accept' },
      );
      check('the status after acceptance', answer.status, 'ACCEPTED');
      const record = await demo.waitFor('the review to start (IN_REVIEW)', async () => {
        const c = await demo.getCase(id);
        return { value: c.status === 'IN_REVIEW' ? c : undefined, seen: c.status };
      });
      // IN_REVIEW: the review has started.
      const review = record.review!;
      demo.state.food.deadline = review.dueDate;
      demo.milestone(`accepted; decision due ${review.dueDate} (${review.limitDays} working days)`);
      return `IN_REVIEW; the decision is due ${review.dueDate} (${review.limitDays} working days from ${review.startDate})`;
    }),

    step('并联审批 Two departments review in parallel', async (demo) => {
      const id = demo.state.food.id!;
      const tasks = await demo.waitFor('both stage-1 tasks to open', async () => {
        const samr = await demo.task('samr', `${id}.0.SAMR`);
        const health = await demo.task('health', `${id}.0.HEALTH`);
        return {
          value: samr && health ? { samr, health } : undefined,
          seen: `SAMR ${samr?.status ?? 'not open'}, HEALTH ${health?.status ?? 'not open'}`,
        };
      });
      return [
        `SAMR 市场监管局 “${tasks.samr.name}” due ${tasks.samr.dueDate}: pushed to SAMR’s system by signed webhook`,
        `HEALTH 卫健委 “${tasks.health.name}” due ${tasks.health.dueDate}: in its to-do list (统一待办)`,
      ];
    }),

    step('统一待办 HEALTH approves in its to-do list', async (demo) => {
      await demo.at('11:30');
      const id = demo.state.food.id!;
      const taskId = `${id}.0.HEALTH`;
      const todo = await demo.openTasks('health');
      check(
        'HEALTH’s to-do list shows the task',
        todo.some((t) => t.id === taskId),
        true,
      );
      const claimed = await demo.expect(
        200,
        'claiming the task',
        'health',
        'POST',
        `/tasks/${encodeURIComponent(taskId)}/claim`,
      );
      check('the task after claiming', claimed.status, 'CLAIMED');
      const decided = await demo.expect(
        200,
        'the approval',
        'health',
        'POST',
        `/tasks/${encodeURIComponent(taskId)}/decision`,
        { decision: 'approve', reason: '从业人员健康证明核验通过' },
      );
      check('HEALTH’s task', `${decided.task.status} via ${decided.task.decision?.via}`, 'APPROVED via todo');
      demo.milestone('HEALTH 卫健委 approved in the to-do list', decided.task.decision?.at);
      return `claimed and approved (健康证明核验通过); ${todo.length} open task(s) were in the list`;
    }),

    samrSystemDecides(0),
    samrSystemDecides(1),
    samrSystemDecides(2),

    step('发证 The e-licence is issued at the decision', async (demo) => {
      const id = demo.state.food.id!;
      const record = await demo.waitFor('the licence to be issued (ISSUED)', async () => {
        const c = await demo.getCase(id);
        if (c.status === 'REJECTED')
          throw new CheckFailed(
            'the food licence case',
            'ISSUED',
            `REJECTED: ${JSON.stringify(c.outcome?.tasks?.filter((t) => t.reason))}`,
          );
        return { value: c.status === 'ISSUED' && c.licenceNo ? c : undefined, seen: c.status };
      });
      const licence = await demo.expect(
        200,
        `GET /licences/${record.licenceNo}`,
        'shop',
        'GET',
        `/licences/${record.licenceNo}`,
      );
      check('the licence’s state', licence.state, 'valid');
      check('the licence’s holder', licence.holderName, SHOP_NAME);
      Object.assign(demo.state.food, {
        licenceNo: licence.licenceNo,
        verificationUrl: licence.verificationUrl,
        credential: licence.credential,
      });
      demo.milestone(`APPROVED and ISSUED: ${licence.typeName} ${licence.licenceNo}`);
      return [
        `${licence.typeName} ${licence.licenceNo}, valid ${dayOf(licence.validFrom)} to ${dayOf(licence.validUntil) ?? 'open-ended'}, signed (vc+jwt, ES256)`,
        `verification URL: ${licence.verificationUrl}`,
      ];
    }),

    step('验证 Anyone verifies the licence, without logging in', async (demo) => {
      const { licenceNo, verificationUrl, credential } = demo.state.food;
      check(
        'the verification URL ends with',
        verificationUrl?.slice(verificationUrl.lastIndexOf('/verify/')),
        `/verify/${licenceNo}`,
      );
      const byNumber = await demo.expect(200, `GET /verify/${licenceNo}`, 'public', 'GET', `/verify/${licenceNo}`);
      check(
        `GET /verify/${licenceNo}`,
        `${byNumber.status}, signature ${byNumber.signatureValid ? 'valid' : 'invalid'}`,
        'valid, signature valid',
      );
      check('the licence number verified', byNumber.licenceNumber, licenceNo);
      const byCredential = await demo.expect(200, 'POST /verify with the credential', 'public', 'POST', '/verify', {
        credential,
      });
      check(
        'the credential’s verification',
        `${byCredential.status}, signature ${byCredential.signatureValid ? 'valid' : 'invalid'}`,
        'valid, signature valid',
      );
      const tampered = await demo.expect(200, 'POST /verify with a tampered credential', 'public', 'POST', '/verify', {
        credential: tamper(credential!),
      });
      check('a tampered credential’s signature', tampered.signatureValid, false);
      demo.milestone(`verified: valid, signature valid (${verificationUrl})`);
      return [
        `by number: ${byNumber.status}, ${byNumber.type?.name}, holder ${byNumber.holder?.name}, issued by ${byNumber.issuer?.name}`,
        `by credential: ${byCredential.status}, signature valid (key ${byCredential.kid}); a tampered copy: signature invalid`,
      ];
    }),

    step('窗口出件 The shop collects the result at the window', async (demo) => {
      await demo.at('14:00');
      const id = demo.state.food.id!;
      const ready = await demo.waitFor('the result to wait at the window (READY_FOR_PICKUP)', async () => {
        const d = await demo.expect(
          200,
          'GET /applications/{id}/delivery',
          'shop',
          'GET',
          `/applications/${id}/delivery`,
        );
        return { value: d.status === 'READY_FOR_PICKUP' ? d : undefined, seen: d.status };
      });
      const handed = await demo.expect(
        200,
        'the window’s pickup confirmation',
        'window',
        'POST',
        `/applications/${id}/delivery/pickup`,
        { receivedBy: LEGAL_REP.name },
      );
      check('the delivery after pickup', handed.status, 'DELIVERED');
      const record = await demo.getCase(id);
      check('the case after pickup', record.status, 'DELIVERED');
      demo.milestone(`picked up at the window by ${LEGAL_REP.name}: DELIVERED`);
      return `READY_FOR_PICKUP (送达 due ${ready.dueDate}), handed to ${LEGAL_REP.name}; the case is DELIVERED`;
    }),

    step('一件事 Applies for 开餐馆一件事 (open a restaurant): one form, one set of materials', async (demo) => {
      await demo.at('14:30');
      const guide = await demo.expect(200, `the bundle ${RESTAURANT}`, 'public', 'GET', `/bundles/${RESTAURANT}`);
      check('the bundle’s first wave', JSON.stringify(guide.waves[0]), JSON.stringify([REGISTRATION]));
      const draft = await demo.expect(201, 'POST /applications {bundleCode}', 'shop', 'POST', '/applications', {
        bundleCode: RESTAURANT,
        form: restaurantForm(guide.form, demo.state.day),
      });
      check('the new case’s kind', draft.kind, 'bundle');
      const required = (guide.materials as { code: string; required: boolean; fileTypes: string[] }[]).filter(
        (m) => m.required,
      );
      for (const material of required) await demo.upload(draft.id, material.code, material.fileTypes);
      const submitted = await demo.expect(
        200,
        'the bundle’s submission',
        'shop',
        'POST',
        `/applications/${draft.id}/submit`,
        undefined,
        { 'idempotency-key': `demo-submit-${draft.id}` },
      );
      check('the bundle after submission', submitted.status, 'SUBMITTED');
      demo.state.bundle = { id: draft.id, number: draft.number, members: [] };
      demo.milestone(
        `开餐馆一件事 ${draft.number} submitted (${(guide.members as unknown[]).length} matters, one form)`,
      );
      return [
        `case ${draft.number}: ${(guide.members as unknown[]).length} matters in ${guide.waves.length} waves (${(guide.waves as string[][]).map((w) => w.join(' ∥ ')).join(' → ')})`,
        `${required.length} materials uploaded once, shared by the matters that need them; SUBMITTED`,
      ];
    }),

    step('一窗受理 The window accepts the bundle: registration first', async (demo) => {
      await demo.at('14:50');
      const id = demo.state.bundle.id!;
      const accepted = await demo.expect(
        200,
        'the window’s acceptance of the bundle',
        'window',
        'POST',
        `/applications/${id}/acceptance`,
        { decision: 'accept' },
      );
      check('the bundle after acceptance', accepted.status, 'ACCEPTED');
      const bundle = await demo.waitFor('the registration member to run', async () => {
        const c = await demo.getCase(id);
        const reg = (c.members ?? []).find((m) => m.matterCode === REGISTRATION);
        return {
          value: c.status === 'IN_REVIEW' && reg?.status === 'RUNNING' && reg.caseId ? c : undefined,
          seen: `${c.status}, registration ${reg?.status ?? '?'}`,
        };
      });
      demo.state.bundle.members = bundle.members!;
      const waiting = bundle.members!.filter((m) => m.status === 'PENDING').length;
      check('members waiting for the registration', waiting, 3);
      const reg = bundle.members!.find((m) => m.matterCode === REGISTRATION)!;
      return `IN_REVIEW; 企业设立登记 runs as case ${reg.caseNumber}; ${waiting} matters wait for its result`;
    }),

    step('企业设立登记 SAMR registers the company (to-do, with the new 统一社会信用代码)', async (demo) => {
      await demo.at('15:10');
      const reg = demo.state.bundle.members.find((m) => m.matterCode === REGISTRATION)!;
      const taskId = `${reg.caseId}.0.SAMR`;
      const task = await demo.waitFor('the registration task', async () => {
        const t = await demo.task('samr', taskId);
        return { value: t, seen: t?.status ?? 'not open' };
      });
      if (task.status !== 'WAITING' && task.status !== 'CLAIMED')
        throw new CheckFailed(
          'the registration task',
          'WAITING for SAMR’s registrar',
          `${task.status} (decided ${task.decision?.via ? `via ${task.decision.via}` : ''} before the registrar)`,
        );
      const decided = await demo.expect(
        200,
        'the registration decision',
        'samr',
        'POST',
        `/tasks/${encodeURIComponent(taskId)}/decision`,
        {
          decision: 'approve',
          reason: '准予设立登记',
          result: { uscc: NEW_COMPANY.uscc, establishedOn: demo.state.day },
        },
      );
      check('the registration task', decided.task.status, 'APPROVED');
      const record = await demo.waitFor('the 营业执照 to be issued', async () => {
        const c = await demo.getCase(reg.caseId!);
        return { value: c.status === 'ISSUED' && c.licenceNo ? c : undefined, seen: c.status };
      });
      const verified = await demo.expect(
        200,
        `GET /verify/${record.licenceNo}`,
        'public',
        'GET',
        `/verify/${record.licenceNo}`,
      );
      check(
        'the new 营业执照',
        `${verified.status}, holder ${verified.holder?.uscc}`,
        `valid, holder ${NEW_COMPANY.uscc}`,
      );
      demo.milestone(`company registered: 营业执照 ${record.licenceNo}, 统一社会信用代码 ${NEW_COMPANY.uscc}`);
      return `营业执照 ${record.licenceNo} for ${NEW_COMPANY.name}, 统一社会信用代码 ${NEW_COMPANY.uscc}`;
    }),

    step('并联 The other three start in parallel, prefilled from the 营业执照', async (demo) => {
      const id = demo.state.bundle.id!;
      const bundle = await demo.waitFor('the three later matters to run', async () => {
        const c = await demo.getCase(id);
        const running = c.members!.filter((m) => m.wave === 1 && m.status === 'RUNNING' && m.caseId);
        return {
          value: running.length === 3 ? c : undefined,
          seen: c.members!.map((m) => `${m.matterCode} ${m.status}`).join(', '),
        };
      });
      demo.state.bundle.members = bundle.members!;
      const wave = bundle.members!.filter((m) => m.wave === 1);
      const cases = await demo.waitFor('their reviews to start', async () => {
        const all = await Promise.all(wave.map((m) => demo.getCase(m.caseId!)));
        return {
          value: all.every((c) => c.review?.dueDate) ? all : undefined,
          seen: all.map((c) => `${c.matterCode} ${c.status}`).join(', '),
        };
      });
      const lines: string[] = [];
      for (const [i, c] of cases.entries()) {
        check(`the 统一社会信用代码 on ${c.matterCode}`, c.form?.uscc, NEW_COMPANY.uscc);
        lines.push(
          `${c.matterCode} ${wave[i]!.caseNumber} (${(c.departments as string[] | undefined)?.join(' ∥ ') ?? c.department}): decision due ${c.review!.dueDate}`,
        );
      }
      return ['each form carries the new 统一社会信用代码', ...lines];
    }),

    step('审批 Departments decide: SAMR’s system, HEALTH’s to-do, URBAN’s exchange folder', async (demo) => {
      await demo.at('15:30');
      const members = demo.state.bundle.members.filter((m) => m.matterCode !== REGISTRATION);
      const memberIds = new Set(members.map((m) => m.caseId));
      const counts = { health: 0, urbanTodo: 0, urbanExchange: 0 };
      const dropped = new Set<string>();
      const done = await demo.waitFor(
        'the three matters to be decided',
        async () => {
          const statuses = await Promise.all(members.map(async (m) => ({ m, c: await demo.getCase(m.caseId!) })));
          // Decided: ISSUED (every member yields a licence) or REJECTED; DELIVERED and later count as ISSUED.
          if (
            statuses.every(
              ({ c }) => !['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'RETURNED', 'APPROVED'].includes(c.status),
            )
          )
            return { value: statuses, seen: '' };
          // HEALTH's officer works through the to-do list.
          for (const t of (await demo.openTasks('health')).filter((t) => memberIds.has(t.caseId))) {
            await demo.expect(
              200,
              `HEALTH’s decision on ${t.name}`,
              'health',
              'POST',
              `/tasks/${encodeURIComponent(t.id)}/decision`,
              { decision: 'approve', reason: '审查通过' },
            );
            counts.health++;
          }
          // URBAN's own system reads the task files from the exchange folder and drops its decisions there.
          for (const t of (await demo.openTasks('urban')).filter((t) => memberIds.has(t.caseId))) {
            if (demo.platform.exchange) {
              if (dropped.has(t.id)) continue;
              const taskFile = await demo.platform.exchange.keys(`outbox/URBAN/${t.id}.json`);
              if (taskFile.length === 0) continue;
              await demo.platform.exchange.put(
                `inbox/URBAN/${t.id}.decision.json`,
                JSON.stringify({ taskId: t.id, decision: 'approve', reason: '设置方案符合规划' }),
              );
              dropped.add(t.id);
              counts.urbanExchange++;
            } else {
              await demo.expect(
                200,
                `URBAN’s decision on ${t.name}`,
                'urban',
                'POST',
                `/tasks/${encodeURIComponent(t.id)}/decision`,
                { decision: 'approve', reason: '设置方案符合规划' },
              );
              counts.urbanTodo++;
            }
          }
          if (demo.platform.exchange && dropped.size > 0) await demo.platform.exchange.collect();
          return { value: undefined, seen: statuses.map(({ m, c }) => `${m.matterCode} ${c.status}`).join(', ') };
        },
        demo.platform.patienceMs * 3,
      );
      const rejected = done.filter(({ c }) => c.status === 'REJECTED');
      if (rejected.length > 0)
        throw new CheckFailed(
          'the three matters',
          'all ISSUED',
          rejected
            .map(
              ({ m, c }) =>
                `${m.matterCode} REJECTED (${JSON.stringify(c.outcome?.tasks?.filter((t) => t.reason).map((t) => `${t.department}: ${t.reason}`))})`,
            )
            .join('; '),
        );
      const samrTasks = await Promise.all(
        members
          .filter((m) => m.matterCode === FOOD)
          .flatMap((m) => [0, 1, 2].map((stage) => demo.task('samr', `${m.caseId}.${stage}.SAMR`))),
      );
      const samrVia = samrTasks.map((t) => t?.decision?.via ?? 'none');
      check('how SAMR decided the food licence member', samrVia.join(', '), 'callback, callback, callback');
      demo.milestone(
        `the three parallel matters approved (HEALTH ${counts.health} to-do, URBAN ${counts.urbanExchange || counts.urbanTodo} ${counts.urbanExchange ? 'exchange' : 'to-do'}, SAMR 3 callbacks)`,
      );
      return [
        `SAMR’s system: 3 signed callbacks (食品经营许可); HEALTH: ${counts.health} decisions in the to-do list`,
        counts.urbanExchange
          ? `URBAN: ${counts.urbanExchange} decision files through the exchange folder (outbox/URBAN → inbox/URBAN)`
          : `URBAN: ${counts.urbanTodo} decisions in the to-do list`,
      ];
    }),

    step('一窗出件 The bundle completes with four licences', async (demo) => {
      const id = demo.state.bundle.id!;
      const bundle = await demo.waitFor('the bundle to be decided', async () => {
        const c = await demo.getCase(id);
        return { value: ['APPROVED', 'REJECTED'].includes(c.status) ? c : undefined, seen: c.status };
      });
      check(
        'the bundle’s outcome',
        `${bundle.status}: ${bundle.members!.map((m) => m.status).join(', ')}`,
        'APPROVED: APPROVED, APPROVED, APPROVED, APPROVED',
      );
      const lines: string[] = [];
      for (const member of bundle.members!) {
        const c = await demo.getCase(member.caseId!);
        check(
          `${member.matterCode}’s licence`,
          c.status === 'ISSUED' && c.licenceNo ? 'ISSUED with a licence' : `${c.status} without a licence`,
          'ISSUED with a licence',
        );
        const v = await demo.expect(200, `GET /verify/${c.licenceNo}`, 'public', 'GET', `/verify/${c.licenceNo}`);
        check(
          `the verification of ${c.licenceNo}`,
          `${v.status}, signature ${v.signatureValid ? 'valid' : 'invalid'}`,
          'valid, signature valid',
        );
        lines.push(`${v.type?.name ?? member.matterCode} ${c.licenceNo} (${member.caseNumber}): valid`);
      }
      demo.milestone(`开餐馆一件事 ${bundle.number} APPROVED: 4 licences, each verified`);
      return [`APPROVED; every member's licence verifies:`, ...lines];
    }),

    step('好差评 The shop rates the food licence service', async (demo) => {
      await demo.at('17:10');
      const id = demo.state.food.id!;
      const rated = await demo.expect(
        201,
        'POST /applications/{id}/rating',
        'shop',
        'POST',
        `/applications/${id}/rating`,
        { ability: 5, attitude: 5, effect: 4, comment: '一次性告知，补正后当天办结' },
      );
      check(
        'the rating',
        `${rated.rating.ability}/${rated.rating.attitude}/${rated.rating.effect}, ${rated.rating.bad ? 'bad' : 'good'}`,
        '5/5/4, good',
      );
      const again = await demo.call('shop', 'POST', `/applications/${id}/rating`, {
        ability: 1,
        attitude: 1,
        effect: 1,
      });
      check('a second rating of the same case', `HTTP ${again.status}`, 'HTTP 409');
      demo.milestone('rated 能力 5 · 态度 5 · 效果 4 (好评)');
      return '能力 5 · 态度 5 · 效果 4, “一次性告知，补正后当天办结”: a good rating, no rectification; a second one is refused (409)';
    }),
  ];
}

/** SAMR's own system (simulated) receives the task by signed webhook and approves by signed callback. */
function samrSystemDecides(stageIndex: number): DemoStep {
  const names = ['材料审查 materials', '现场核查 on-site check', '审批决定 decision'];
  return step(
    `SAMR’s system approves stage ${stageIndex + 1}: ${names[stageIndex]} (webhook → signed callback)`,
    async (demo) => {
      const id = demo.state.food.id!;
      const taskId = `${id}.${stageIndex}.SAMR`;
      const opened = Date.now();
      const task = await demo.waitFor(`SAMR’s system to decide “${taskId}”`, async () => {
        const t = await demo.task('samr', taskId);
        if (t?.decision) return { value: t, seen: `task ${t.status}` };
        if (!t) return { seen: 'task not open' };
        // Where the webhook stands is read only once the wait is long (for the progress line and a timeout's message).
        const slow = Date.now() - opened > 5_000;
        return { seen: slow ? `task ${t.status}; ${await demo.webhookState(taskId)}` : `task ${t.status}` };
      });
      // The wait above returns the task once it holds a decision.
      const decision = task.decision!;
      check(
        `SAMR’s decision on stage ${stageIndex + 1}`,
        `${task.status} via ${decision.via}${decision.reason ? ` (${decision.reason})` : ''}`,
        'APPROVED via callback',
      );
      demo.milestone(`SAMR’s system approved “${task.name}” by signed callback`, decision.at);
      return `“${task.name}” (due ${task.dueDate}) approved by signed callback after ${((Date.now() - opened) / 1000).toFixed(1)} s`;
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Forms and files

function foodForm(): Record<string, unknown> {
  return {
    uscc: SHOP_USCC,
    operatorName: SHOP_NAME,
    legalRepName: LEGAL_REP.name,
    legalRepIdNumber: LEGAL_REP.idNumber,
    premisesAddress: { province: '福建省', city: '福州市', district: '鼓楼区', detail: '五四路88号一层' },
    mainBusiness: 'catering',
    businessItems: ['hot-food', 'drinks'],
    premisesArea: 60,
    foodSafetyManager: '陈静',
    staff: [
      {
        name: '王芳',
        idNumber: LEGAL_REP.idNumber,
        position: 'chef',
        healthCertNumber: 'JK2026-0001',
        healthCertValidUntil: '2027-12-31',
      },
    ],
    contactMobile: '13812345678',
  };
}

/** The merged form of 开餐馆一件事: plausible answers from the bundle's own form, with the founders' details. */
function restaurantForm(form: FormDefinition, today: string): Record<string, unknown> {
  const answers = sampleAnswers(form, {
    today,
    overrides: {
      companyName: NEW_COMPANY.name,
      legalRepName: LEGAL_REP.name,
      legalRepIdNumber: LEGAL_REP.idNumber,
      foodSafetyManager: '陈静',
      adContent: '榕城餐厅',
    },
  });
  // The enterprise does not exist yet: its 统一社会信用代码 comes from the registration's result.
  delete answers.uscc;
  for (const key of Object.keys(answers)) if (!form.fields.some((f) => f.key === key)) delete answers[key];
  return answers;
}

const PDF_TEMPLATE = (title: string) =>
  Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

function sampleFile(fileTypes: readonly string[], title: string): { name: string; contentType: string; bytes: Buffer } {
  const safe = title.replace(/[^A-Za-z0-9.-]/g, '') || 'material';
  if (fileTypes.includes('pdf'))
    return { name: `${safe}.pdf`, contentType: 'application/pdf', bytes: PDF_TEMPLATE(title) };
  return { name: `${safe}.png`, contentType: 'image/png', bytes: PNG };
}

/** The credential with one character of its payload changed: its signature must no longer verify. */
function tamper(credential: string): string {
  const [header, payload, signature] = credential.split('.');
  const text = Buffer.from(payload!, 'base64url').toString('utf8').replace(SHOP_NAME, '福州市鼓楼区榕城大酒店');
  return [header, Buffer.from(text, 'utf8').toString('base64url'), signature].join('.');
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function check(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new CheckFailed(what, show(expected), show(actual));
}

const show = (value: unknown) =>
  typeof value === 'string' ? value : value === undefined ? 'nothing' : JSON.stringify(value);

function describeAnswer(answer: Answer): string {
  const error = answer.json?.error;
  if (!error) return `HTTP ${answer.status}${answer.text ? ` ${answer.text.slice(0, 200)}` : ''}`;
  const details = (error.details as { path: string; message: string }[] | undefined)
    ?.map((d) => `${d.path}: ${d.message}`)
    .join('; ');
  return `HTTP ${answer.status} ${error.code}: ${error.message}${details ? ` (${details})` : ''}`;
}

const LINE_WIDTH = 120;
const INDENT = ' '.repeat(13);
/** Terminal columns: CJK and full-width characters take two. */
const width = (text: string) =>
  [...text].reduce(
    (sum, ch) =>
      sum +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1),
    0,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const clock = (ms: number, minutes = true) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, minutes ? 16 : 19);
const dayAndClock = (ms: number, day: string, minutes: boolean) =>
  shanghaiDate(ms) === day ? clock(ms, minutes) : `${shanghaiDate(ms).slice(5)} ${clock(ms, minutes)}`;
/** A date, or the Asia/Shanghai date of an instant. */
const dayOf = (value: string | undefined) =>
  value === undefined ? undefined : value.includes('T') ? shanghaiDate(Date.parse(value)) : value;
