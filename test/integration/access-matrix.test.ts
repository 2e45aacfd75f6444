import { LocalCloud } from '../../infra/local/cloud';
import type { Principal, Role } from '../../shared/auth/principal';
import { ROLES } from '../../shared/auth/principal';
import { routeKey } from '../../shared/contracts/route-contract';
import { ALL_ROUTES } from '../../shared/contracts/all-routes';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoPostCheckStore } from '../../shared/adapters/dynamo-post-check-store';
import type { PostCheck } from '../../shared/domain/workflow/ports';
import { uploadMaterial } from '../support/cases';
import { FOOD_FORM } from '../support/food-case';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * The access matrix: every route of the platform × every role × an object in the caller's scope and one outside it
 * (shared/domain/access/scope.ts). A route missing from MATRIX fails the first test, so a new route cannot ship
 * without saying whom it serves.
 *
 * Objects stay put and the callers change: the out-of-scope caller is another applicant, an agent whose
 * authorisation was revoked, a window or supervisor of another region (350200, 厦门), a supervisor whose token carries
 * no region at all (fail closed), another department. In scope, a route may still refuse for another reason (the
 * case's state, a missing body field): only "not found" for the object itself, or 403, counts as out of reach.
 */

const START = new Date('2026-04-01T08:00:00+08:00'); // a Wednesday; the demo halls are open on Thursday the 2nd
const MATTER = 'SOCIAL-INSURANCE-REGISTRATION'; // HRSS, 福州市 (350100): licence references only, no uploads
const USCC = '91350100M000100Y43';
const OTHER_USCC = '91350102MA2YQ6KX0A';
const LONG = { ttlSeconds: 7 * 86_400 };

type Side = 'in' | 'out';
type Kind = 'public' | 'signed' | 'self' | 'object' | 'list' | 'department';

interface Ids {
  readonly case: string;
  readonly licence: string;
  readonly task: string;
  readonly complaint: string;
  readonly rectification: string;
  readonly appointment: string;
  readonly hall: string;
  readonly dept: string;
  readonly postCheck: string;
}

interface Entry {
  readonly kind: Kind;
  readonly path?: (ids: Ids) => string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** An owner's route: a window officer acts on the walk-in case it registered (and no other). */
  readonly owner?: boolean;
  /** The window's results counter (统一出件) reaches cases with a result, not those waiting for acceptance. */
  readonly windowCase?: 'issued';
  /** In scope, the route may refuse with 403 for a rule of its own (a 即办件 needs the department's delegation). */
  readonly inScopeRefusal?: RegExp;
  /** Roles for which the route is about the caller's own things (no foreign object to reach). */
  readonly selfFor?: readonly Role[];
}

const c =
  (suffix = '') =>
  (ids: Ids) =>
    `/applications/${ids.case}${suffix}`;
const MISSING_UPLOAD = '00000000-0000-4000-8000-000000000000';
const upload = {
  material: 'employeeRoster',
  fileName: 'a.pdf',
  contentType: 'application/pdf',
  size: 10,
  sha256: `${'A'.repeat(43)}=`,
};

/** Every route: what it reaches, how its path is filled, a body its schema accepts. */
const MATRIX: Record<string, Entry> = {
  'GET /health': { kind: 'public' },
  'GET /openapi.json': { kind: 'public' },
  'GET /me': { kind: 'self' },
  'GET /matters': { kind: 'public' },
  'GET /matters/{code}': { kind: 'public', path: () => `/matters/${MATTER}` },
  'POST /matters/{code}/form-check': {
    kind: 'public',
    path: () => `/matters/${MATTER}/form-check`,
    body: { form: {} },
  },
  'GET /bundles': { kind: 'public' },
  'GET /bundles/{code}': { kind: 'public', path: () => '/bundles/OPEN-RESTAURANT' },
  'GET /departments': { kind: 'public' },
  'GET /licence-types': { kind: 'public' },
  'GET /calendars/{year}': { kind: 'public', path: () => '/calendars/2026' },
  'GET /calendar/add-working-days': { kind: 'public', path: () => '/calendar/add-working-days?from=2026-04-01&days=3' },
  // The catalogue's administration is platform-wide configuration, not regional data.
  'GET /admin/matters': { kind: 'self' },
  'POST /admin/matters': { kind: 'self' },
  'GET /admin/matters/{code}/versions': { kind: 'self', path: () => `/admin/matters/${MATTER}/versions` },
  'GET /admin/matters/{code}/versions/{version}': { kind: 'self', path: () => `/admin/matters/${MATTER}/versions/1` },
  'PUT /admin/matters/{code}/versions/{version}': { kind: 'self', path: () => `/admin/matters/${MATTER}/versions/1` },
  'POST /admin/matters/{code}/versions/{version}/{action}': {
    kind: 'self',
    path: () => `/admin/matters/${MATTER}/versions/1/submit`,
  },
  'GET /admin/bundles': { kind: 'self' },
  'POST /admin/bundles': { kind: 'self' },
  'GET /admin/bundles/{code}/versions': { kind: 'self', path: () => '/admin/bundles/OPEN-RESTAURANT/versions' },
  'GET /admin/bundles/{code}/versions/{version}': {
    kind: 'self',
    path: () => '/admin/bundles/OPEN-RESTAURANT/versions/1',
  },
  'PUT /admin/bundles/{code}/versions/{version}': {
    kind: 'self',
    path: () => '/admin/bundles/OPEN-RESTAURANT/versions/1',
  },
  'POST /admin/bundles/{code}/versions/{version}/{action}': {
    kind: 'self',
    path: () => '/admin/bundles/OPEN-RESTAURANT/versions/1/submit',
  },
  'PUT /admin/departments/{code}': { kind: 'self', path: () => '/admin/departments/HRSS' },
  'PUT /admin/licence-types/{code}': { kind: 'self', path: () => '/admin/licence-types/SOCIAL_INSURANCE_REGISTRATION' },
  'PUT /admin/calendars/{year}': { kind: 'self', path: () => '/admin/calendars/2031' },
  'GET /admin/audit': { kind: 'self' },

  'POST /applications': { kind: 'self' },
  'PATCH /applications/{id}': { kind: 'object', owner: true, path: c(), body: { form: {} } },
  'PUT /applications/{id}/commitment': { kind: 'object', owner: true, path: c('/commitment'), body: { materials: [] } },
  'POST /applications/{id}/attachments': { kind: 'object', owner: true, path: c('/attachments'), body: upload },
  'POST /applications/{id}/attachments/{uploadId}/confirm': {
    kind: 'object',
    owner: true,
    path: c(`/attachments/${MISSING_UPLOAD}/confirm`),
  },
  'GET /applications/{id}/attachments/{uploadId}': { kind: 'object', path: c(`/attachments/${MISSING_UPLOAD}`) },
  'POST /applications/{id}/licence-references': {
    kind: 'object',
    owner: true,
    path: c('/licence-references'),
    body: { material: 'businessLicence', licenceNo: USCC },
  },
  'POST /applications/{id}/submit': {
    kind: 'object',
    owner: true,
    path: c('/submit'),
    headers: { 'idempotency-key': 'matrix-submit' },
  },
  'POST /applications/{id}/resubmit': { kind: 'object', owner: true, path: c('/resubmit'), body: {} },
  'POST /applications/{id}/withdraw': { kind: 'object', owner: true, path: c('/withdraw'), body: {} },
  'GET /applications': { kind: 'list', selfFor: ['applicant', 'agent'] },
  'GET /applications/{id}': { kind: 'object', path: c() },
  'GET /applications/{id}/timeline': { kind: 'object', path: c('/timeline') },
  'POST /me/authorisations': { kind: 'self' },
  'GET /me/authorisations': { kind: 'self' },
  'DELETE /me/authorisations/{agentSub}': { kind: 'self', path: () => '/me/authorisations/nobody' },
  'GET /acceptance/queue': { kind: 'list' },
  'POST /applications/{id}/acceptance': { kind: 'object', path: c('/acceptance'), body: { decision: 'refuse' } },
  'POST /applications/{id}/on-the-spot': { kind: 'object', path: c('/on-the-spot'), inScopeRefusal: /delegation/ },
  'GET /acceptance/on-the-spot': { kind: 'list' },
  'POST /window/applications': { kind: 'self' },
  'GET /window/applications': { kind: 'self' },
  'GET /tasks': { kind: 'list' },
  'GET /tasks/{id}': { kind: 'object', path: (ids) => `/tasks/${encodeURIComponent(ids.task)}` },
  'POST /tasks/{id}/claim': { kind: 'object', path: (ids) => `/tasks/${encodeURIComponent(ids.task)}/claim` },
  'POST /tasks/{id}/decision': {
    kind: 'object',
    path: (ids) => `/tasks/${encodeURIComponent(ids.task)}/decision`,
    body: { decision: 'approve' },
  },
  'POST /applications/{id}/extension': { kind: 'object', path: c('/extension'), body: { decision: 'approve' } },
  'GET /supervision/extensions': { kind: 'list' },
  'GET /supervision/deadlines': { kind: 'list', path: () => '/supervision/deadlines?date=2026-04-01' },
  'POST /integration/{deptCode}/callbacks': { kind: 'signed', path: () => '/integration/HRSS/callbacks', body: {} },
  'GET /integration/{deptCode}/deliveries': {
    kind: 'department',
    path: (ids) => `/integration/${ids.dept}/deliveries`,
    selfFor: ['admin'],
  },
  'POST /integration/deliveries/{id}/redeliver': {
    kind: 'self',
    path: () => '/integration/deliveries/msg_0123456789abc/redeliver',
  },
  'POST /integration/{deptCode}/deliveries/redeliver': {
    kind: 'department',
    path: (ids) => `/integration/${ids.dept}/deliveries/redeliver`,
    body: {},
    selfFor: ['admin'],
  },
  'GET /integration/{deptCode}/exchange': {
    kind: 'department',
    path: (ids) => `/integration/${ids.dept}/exchange`,
    selfFor: ['admin'],
  },
  'GET /admin/integrations': { kind: 'self' },
  'PUT /admin/integrations/{deptCode}': { kind: 'self', path: () => '/admin/integrations/HRSS' },
  'GET /admin/integrations/{deptCode}': { kind: 'self', path: () => '/admin/integrations/HRSS' },
  'POST /admin/integrations/{deptCode}/rotate-secret': {
    kind: 'self',
    path: () => '/admin/integrations/HRSS/rotate-secret',
  },
  'GET /.well-known/jwks.json': { kind: 'public' },
  'GET /status-lists/{id}': { kind: 'public', path: () => '/status-lists/revocation-1' },
  'GET /verify/{licenceNo}': { kind: 'public', path: (ids) => `/verify/${encodeURIComponent(ids.licence)}` },
  'POST /verify': { kind: 'public', body: { credential: 'x'.repeat(30) } },
  'GET /me/licences': { kind: 'self' },
  'GET /licences/{licenceNo}': { kind: 'object', path: (ids) => `/licences/${encodeURIComponent(ids.licence)}` },
  'POST /licences/{licenceNo}/{action}': {
    kind: 'object',
    path: (ids) => `/licences/${encodeURIComponent(ids.licence)}/resume`,
    body: { reason: 'matrix' },
  },
  'GET /licences/{licenceNo}/document': {
    kind: 'object',
    path: (ids) => `/licences/${encodeURIComponent(ids.licence)}/document`,
  },
  'POST /admin/licences/import': { kind: 'self' },
  'POST /applications/{id}/rating': {
    kind: 'object',
    owner: true,
    path: c('/rating'),
    body: { ability: 5, attitude: 5, effect: 5 },
  },
  'GET /applications/{id}/rating': { kind: 'object', path: c('/rating') },
  'GET /rectifications': { kind: 'list', selfFor: ['department'] },
  'POST /rectifications/{id}/answer': {
    kind: 'object',
    path: (ids) => `/rectifications/${ids.rectification}/answer`,
    body: { answer: '已整改' },
  },
  'POST /complaints': { kind: 'public', body: {} },
  'POST /me/complaints': { kind: 'self' },
  'GET /complaints/{id}': { kind: 'public', path: (ids) => `/complaints/${ids.complaint}?code=000000` },
  'GET /complaints': { kind: 'list', selfFor: ['department'] },
  'POST /complaints/{id}/answer': {
    kind: 'object',
    path: (ids) => `/complaints/${ids.complaint}/answer`,
    body: { answer: '已处理' },
  },
  'GET /stats': { kind: 'list', path: () => '/stats?from=2026-04-01&to=2026-04-01' },
  'GET /stats/cases': { kind: 'list', path: () => '/stats/cases?from=2026-04-01&to=2026-04-01&indicator=submitted' },
  'GET /stats/compression': { kind: 'list' },
  'GET /me/inbox': { kind: 'self' },
  'POST /me/inbox/{id}/read': { kind: 'self', path: () => '/me/inbox/missing/read' },
  'GET /me/contact': { kind: 'self' },
  'PUT /me/contact': { kind: 'self' },
  'GET /admin/departments/{code}/contact': { kind: 'self', path: () => '/admin/departments/HRSS/contact' },
  'PUT /admin/departments/{code}/contact': { kind: 'self', path: () => '/admin/departments/HRSS/contact' },
  'GET /supervision/warnings': { kind: 'list', selfFor: ['department'] },
  'GET /supervision/overdue': { kind: 'list', selfFor: ['department'] },
  'GET /supervision/efficiency': {
    kind: 'list',
    path: () => '/supervision/efficiency?from=2026-04-01&to=2026-04-01',
    selfFor: ['department'],
  },
  'GET /halls': { kind: 'public' },
  'GET /halls/{id}': { kind: 'public', path: (ids) => `/halls/${ids.hall}` },
  'GET /halls/{id}/slots': {
    kind: 'public',
    path: (ids) => `/halls/${ids.hall}/slots?matter=REAL-ESTATE-REGISTRATION&date=2026-04-02`,
  },
  'POST /appointments': { kind: 'self' },
  'GET /me/appointments': { kind: 'self' },
  'GET /appointments/{id}': { kind: 'object', path: (ids) => `/appointments/${ids.appointment}`, selfFor: ['agent'] },
  'PATCH /appointments/{id}': {
    kind: 'object',
    path: (ids) => `/appointments/${ids.appointment}`,
    body: { date: '2026-03-01', start: '11:00' },
    selfFor: ['agent'],
  },
  'DELETE /appointments/{id}': {
    kind: 'object',
    path: (ids) => `/appointments/${ids.appointment}-missing`,
    selfFor: ['applicant', 'agent'],
  },
  'POST /halls/{id}/check-ins': {
    kind: 'object',
    path: (ids) => `/halls/${ids.hall}/check-ins`,
    body: { code: '0000' },
  },
  'GET /halls/{id}/appointments': { kind: 'object', path: (ids) => `/halls/${ids.hall}/appointments?date=2026-04-02` },
  'PUT /admin/halls/{id}': { kind: 'self', path: () => '/admin/halls/FUZHOU-CENTRE' },
  'PUT /applications/{id}/delivery': { kind: 'object', owner: true, path: c('/delivery'), body: { method: 'window' } },
  'GET /applications/{id}/delivery': { kind: 'object', path: c('/delivery'), windowCase: 'issued' },
  'POST /applications/{id}/delivery/pickup': {
    kind: 'object',
    path: c('/delivery/pickup'),
    body: {},
    windowCase: 'issued',
  },
  'GET /applications/{id}/payment': { kind: 'object', path: c('/payment') },
  'POST /applications/{id}/payment/renew': { kind: 'object', owner: true, path: c('/payment/renew') },
  'POST /payments/notifications/{provider}': {
    kind: 'signed',
    path: () => '/payments/notifications/simulated',
    body: {},
  },
  'GET /applications/{id}/notices/{kind}': { kind: 'object', owner: true, path: c('/notices/acceptance') },
  'GET /post-checks': { kind: 'list', selfFor: ['department'] },
  'GET /post-checks/{id}': { kind: 'object', path: (ids) => `/post-checks/${ids.postCheck}` },
  'POST /post-checks/{id}/result': {
    kind: 'object',
    path: (ids) => `/post-checks/${ids.postCheck}/result`,
    body: { result: 'true' },
  },
};

let cloud: LocalCloud;
const tokens: Partial<Record<string, string>> = {};
/** The objects, as each side of each role sees them. */
const world = {} as {
  issued: string;
  number: string;
  licence: string;
  task: string;
  submitted: string;
  walkIn: string;
  agentLive: string;
  agentRevoked: string;
  complaint: string;
  rectification: string;
  appointment: string;
  postCheck: string;
};

const PRINCIPALS: Record<Role, Record<Side, Principal>> = {
  applicant: {
    in: { sub: 'owner', role: 'applicant', uscc: USCC },
    out: { sub: 'stranger', role: 'applicant', uscc: OTHER_USCC },
  },
  agent: { in: { sub: 'agent-g', role: 'agent' }, out: { sub: 'agent-g', role: 'agent' } },
  window: {
    in: { sub: 'window-fz', role: 'window', region: '350100' },
    out: { sub: 'window-xm', role: 'window', region: '350200' },
  },
  department: {
    in: { sub: 'hrss-1', role: 'department', department: 'HRSS' },
    out: { sub: 'urban-1', role: 'department', department: 'URBAN' },
  },
  supervisor: {
    in: { sub: 'sup-fz', role: 'supervisor', region: '350100' },
    out: { sub: 'sup-xm', role: 'supervisor', region: '350200' },
  },
  admin: {
    in: { sub: 'admin-fz', role: 'admin', region: '350100' },
    out: { sub: 'admin-xm', role: 'admin', region: '350200' },
  },
};

function idsFor(role: Role, side: Side, entry: Entry): Ids {
  let caseId = world.issued;
  if (role === 'agent') caseId = side === 'in' ? world.agentLive : world.agentRevoked;
  if (role === 'window')
    caseId = entry.owner ? world.walkIn : entry.windowCase === 'issued' ? world.issued : world.submitted;
  return {
    case: caseId,
    licence: world.licence,
    task: world.task,
    complaint: world.complaint,
    rectification: world.rectification,
    appointment: world.appointment,
    hall: 'FUZHOU-CENTRE',
    dept: 'HRSS',
    postCheck: world.postCheck,
  };
}

const request = (key: string, token: string | undefined, ids: Ids) => {
  const entry = MATRIX[key]!;
  const [method, template] = key.split(' ') as [string, string];
  return call(cloud.baseUrl, method, entry.path ? entry.path(ids) : template, {
    ...(token ? { token } : {}),
    ...(entry.body !== undefined
      ? { body: entry.body }
      : method === 'POST' || method === 'PUT' || method === 'PATCH'
        ? { body: {} }
        : {}),
    ...(entry.headers ? { headers: entry.headers } : {}),
  });
};

/** The object itself was not found (or the role refused): what an out-of-scope caller must get, and an in-scope one must not. */
const OBJECT_NOT_FOUND = /^No (case|licence|task|complaint|rectification|appointment|hall|post-check|department)\b/i;
const outOfReach = (r: { status: number; json?: Record<string, any> }) =>
  r.status === 403 || (r.status === 404 && OBJECT_NOT_FOUND.test(String(r.json?.error?.message ?? '')));

const api = (method: string, path: string, who: string, body?: unknown, headers?: Record<string, string>) =>
  call(cloud.baseUrl, method, path, {
    token: tokens[who],
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });

async function draftFor(who: string, ownerUscc: string): Promise<string> {
  const guide = (await api('GET', `/matters/${MATTER}`, who)).json;
  const form = sampleAnswers(guide.form, {
    today: '2026-04-01',
    overrides: { uscc: ownerUscc, bankAccount: '6222021001234567890' },
  });
  const created = await api('POST', '/applications', who, {
    matterCode: MATTER,
    form,
    ...(who === 'agent' ? { onBehalfOf: { uscc: ownerUscc } } : {}),
  });
  expect([created.status, created.json.error]).toEqual([201, undefined]);
  return created.json.id as string;
}

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: START, seed: true });
  await importDemoLicences(cloud);
  for (const role of ROLES) {
    for (const side of ['in', 'out'] as const)
      tokens[`${role}.${side}`] = await cloud.issueToken(PRINCIPALS[role][side], { ...LONG, exactClaims: true });
  }
  tokens.applicant = tokens['applicant.in'];
  tokens.owner2 = await cloud.issueToken({ sub: 'owner-2', role: 'applicant', uscc: OTHER_USCC }, LONG);
  tokens.agent = tokens['agent.in'];
  tokens.regionless = await cloud.issueToken({ sub: 'sup-none', role: 'supervisor' }, { ...LONG, exactClaims: true });
  tokens.window = tokens['window.in'];
  tokens.hrss = tokens['department.in'];

  // The issued case: submitted, accepted, approved by HRSS, its licence issued, rated badly (a rectification).
  world.issued = await draftFor('applicant', USCC);
  expect(
    (
      await api('POST', `/applications/${world.issued}/licence-references`, 'applicant', {
        material: 'businessLicence',
        licenceNo: USCC,
      })
    ).status,
  ).toBe(200);
  const submitted = await api('POST', `/applications/${world.issued}/submit`, 'applicant', undefined, {
    'idempotency-key': 'matrix-issued',
  });
  expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
  if (submitted.json.status === 'SUBMITTED')
    expect(
      (await api('POST', `/applications/${world.issued}/acceptance`, 'window', { decision: 'accept' })).status,
    ).toBe(200);
  const task = await eventually(
    'the HRSS task',
    async () => {
      await cloud.idle();
      return ((await api('GET', '/tasks', 'hrss')).json.items as any[]).find((t) => t.caseId === world.issued);
    },
    60_000,
  );
  world.task = task.id;
  expect(
    (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, 'hrss', { decision: 'approve' })).status,
  ).toBe(200);
  const issued = await eventually(
    'the licence',
    async () => {
      await cloud.idle();
      const record = (await api('GET', `/applications/${world.issued}`, 'applicant')).json;
      return record.licenceNo ? record : undefined;
    },
    60_000,
  );
  world.licence = issued.licenceNo;
  world.number = issued.number;

  // A 食品经营许可 case waits at the window; a walk-in registered by the window officer; an agent's two drafts.
  const food = await api('POST', '/applications', 'applicant', {
    matterCode: 'FOOD-BUSINESS-LICENCE',
    form: FOOD_FORM,
  });
  expect(food.status).toBe(201);
  world.submitted = food.json.id;
  for (const [material, licenceNo] of [
    ['businessLicence', USCC],
    ['legalRepIdCard', 'RID-350100-0001'],
  ]) {
    expect(
      (await api('POST', `/applications/${world.submitted}/licence-references`, 'applicant', { material, licenceNo }))
        .status,
    ).toBe(200);
  }
  for (const material of ['floorPlan', 'equipmentList', 'foodSafetyRules', 'healthCertificates'])
    await uploadMaterial(cloud.baseUrl, tokens.applicant!, world.submitted, material);
  const waiting = await api('POST', `/applications/${world.submitted}/submit`, 'applicant', undefined, {
    'idempotency-key': 'matrix-submitted',
  });
  expect([waiting.status, waiting.json.status]).toEqual([200, 'SUBMITTED']);
  const walkIn = await api('POST', '/window/applications', 'window', {
    matterCode: MATTER,
    applicant: { uscc: USCC, name: '福州市鼓楼区榕城小吃店' },
  });
  expect([walkIn.status, walkIn.json.error]).toEqual([201, undefined]);
  world.walkIn = walkIn.json.id;
  const until = new Date(START.getTime() + 30 * 86_400_000).toISOString();
  expect(
    (await api('POST', '/me/authorisations', 'applicant', { agentSub: 'agent-g', matters: ['*'], until })).status,
  ).toBe(201);
  expect(
    (await api('POST', '/me/authorisations', 'owner2', { agentSub: 'agent-g', matters: ['*'], until })).status,
  ).toBe(201);
  world.agentLive = await draftFor('agent', USCC);
  world.agentRevoked = await draftFor('agent', OTHER_USCC);
  expect((await api('DELETE', '/me/authorisations/agent-g', 'owner2')).status).toBeLessThan(300);

  // A complaint about the issued case (routed to HRSS), a bad rating's rectification, an appointment of the owner.
  const complaint = await call(cloud.baseUrl, 'POST', '/complaints', {
    body: {
      category: 'attitude',
      content: '窗口办事人员态度很差，请核查处理',
      contact: { name: '林', phone: '13800138000' },
      about: { caseNumber: world.number },
    },
  });
  expect([complaint.status, complaint.json.error]).toEqual([201, undefined]);
  world.complaint = complaint.json.id;
  const rated = await api('POST', `/applications/${world.issued}/rating`, 'applicant', {
    ability: 1,
    attitude: 1,
    effect: 1,
  });
  expect([rated.status, rated.json.error]).toEqual([201, undefined]);
  world.rectification = rated.json.rectification?.id ?? `${world.issued}.R`;
  const booked = await api('POST', '/appointments', 'applicant', {
    hallId: 'FUZHOU-CENTRE',
    matterCode: 'REAL-ESTATE-REGISTRATION',
    date: '2026-04-02',
    start: '11:00',
  });
  expect([booked.status, booked.json.error]).toEqual([201, undefined]);
  world.appointment = booked.json.id;
  // A post-check of HRSS, already done (so that recording it again changes nothing), written as approval writes it.
  world.postCheck = `${world.issued}.C`;
  const check: PostCheck = {
    id: world.postCheck,
    caseId: world.issued,
    caseNumber: world.number,
    matterCode: MATTER,
    matterVersion: 1,
    regionCode: '350100',
    department: 'HRSS',
    status: 'done',
    materials: ['businessLicence'],
    openedAt: START.toISOString(),
    startDate: '2026-04-01',
    dueDate: '2026-05-14',
    days: 30,
    result: 'true',
    recordedAt: START.toISOString(),
  } as PostCheck;
  await dynamoDocumentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        dynamoPostCheckStore(dynamoDocumentClient(), cloud.env.MAIN_TABLE_NAME!).put(check, 'new'),
      ] as never,
    }),
  );
  // The status lists are published by their schedule (every 5 minutes), never signed on a request.
  cloud.clock.advance(6 * 60_000);
  await cloud.idle();
}, 300_000);
afterAll(() => cloud?.stop());

describe('the access matrix', () => {
  it('has an entry for every route of the platform, and no entry for a route that does not exist', () => {
    const routes = ALL_ROUTES.map(routeKey).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(routes);
  });

  it('refuses every role a route does not name, with 403 (or 401 without a token) before anything else', async () => {
    const wrong: string[] = [];
    for (const route of ALL_ROUTES) {
      const key = routeKey(route);
      if (route.auth === 'public') continue;
      const anonymous = await request(key, undefined, idsFor('applicant', 'in', MATRIX[key]!));
      if (anonymous.status !== 401) wrong.push(`${key} anonymous: ${anonymous.status}`);
      for (const role of ROLES.filter((r) => !(route.auth as readonly Role[]).includes(r))) {
        const refused = await request(key, tokens[`${role}.in`], idsFor(role, 'in', MATRIX[key]!));
        if (refused.status !== 403) wrong.push(`${key} as ${role}: ${refused.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('keeps every object out of reach of callers outside its scope, and changes nothing', async () => {
    const before = (await api('GET', `/applications/${world.issued}/timeline`, 'applicant')).json.items.length;
    const leaks: string[] = [];
    for (const route of ALL_ROUTES) {
      const key = routeKey(route);
      const entry = MATRIX[key]!;
      if (route.auth === 'public' || (entry.kind !== 'object' && entry.kind !== 'list' && entry.kind !== 'department'))
        continue;
      for (const role of route.auth) {
        if (entry.selfFor?.includes(role)) continue;
        const callers = role === 'supervisor' ? [tokens['supervisor.out'], tokens.regionless] : [tokens[`${role}.out`]];
        for (const token of callers) {
          const answer = await request(key, token, idsFor(role, 'out', entry));
          if (entry.kind === 'list') {
            // A list answers (or refuses a caller without a region), and never shows the other region's objects.
            if (
              answer.status !== 403 &&
              (answer.text.includes(world.issued) ||
                answer.text.includes(world.number) ||
                answer.text.includes(world.submitted))
            )
              leaks.push(`${key} as ${role}: lists another scope's case`);
          } else if (!outOfReach(answer)) {
            leaks.push(`${key} as ${role} (out of scope): ${answer.status} ${answer.text.slice(0, 120)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect((await api('GET', `/applications/${world.issued}/timeline`, 'applicant')).json.items.length).toBe(before);
  }, 300_000);

  it('reaches every object in the caller’s scope (the route may still refuse for the object’s state)', async () => {
    const unreachable: string[] = [];
    for (const route of ALL_ROUTES) {
      const key = routeKey(route);
      const entry = MATRIX[key]!;
      if (route.auth === 'public' || (entry.kind !== 'object' && entry.kind !== 'list' && entry.kind !== 'department'))
        continue;
      for (const role of route.auth) {
        if (entry.selfFor?.includes(role)) continue;
        const answer = await request(key, tokens[`${role}.in`], idsFor(role, 'in', entry));
        const ownRule = entry.inScopeRefusal?.test(JSON.stringify(answer.json?.error ?? {}));
        if (outOfReach(answer) && !ownRule)
          unreachable.push(`${key} as ${role} (in scope): ${answer.status} ${answer.text.slice(0, 120)}`);
        if (entry.kind === 'list' && answer.status >= 400)
          unreachable.push(`${key} as ${role} (in scope): ${answer.status} ${answer.text.slice(0, 120)}`);
      }
    }
    expect(unreachable).toEqual([]);
  }, 300_000);

  it('answers a public route without a token, and a signed one only with its signature', async () => {
    const refused: string[] = [];
    for (const route of ALL_ROUTES.filter((r) => r.auth === 'public')) {
      const key = routeKey(route);
      const answer = await request(key, undefined, idsFor('applicant', 'in', MATRIX[key]!));
      // A signed route (a department's callback, a payment notification) checks its signature before anything else.
      if (route.signed ? answer.status !== 401 : answer.status === 401 || answer.status === 403 || answer.status >= 500)
        refused.push(`${key}: ${answer.status}`);
    }
    expect(refused).toEqual([]);
  }, 120_000);
});
