import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import type { SimulatedCourier } from '../../infra/local/simulated-courier';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { watchKey } from '../../shared/adapters/dynamo-supervision-store';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import type { Watch } from '../../shared/domain/supervision/model';
import { eventFixture } from '../fixtures/events';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * 统一出件 against a local cloud wired as the lead will wire it (the HTTP function on its routes, the consumer on its
 * rule, the tracking sweep every 30 minutes) with the simulated courier on the cloud's clock. Real cases are driven
 * to their result over HTTP. The clock starts on Monday 2 March 2026 (no holiday until Qingming, 4 April).
 */

const START = new Date('2026-03-02T09:00:00+08:00');
const USCC = '91350100M000100Y43';
const HOUR = 3_600_000;
const ADDRESS = {
  recipient: '林晓明',
  phone: '13800138000',
  regionCode: '350102',
  street: '福州市鼓楼区五四路88号',
  postcode: '350001',
};

let cloud: LocalCloud | undefined;
let courier: SimulatedCourier;
const tokens: Record<string, string> = {};

async function freshTokens() {
  tokens.applicant = await cloud!.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.other = await cloud!.issueToken({ sub: 'ent-2', role: 'applicant', uscc: '91350100M000200Y16' });
  tokens.window = await cloud!.issueToken({ sub: 'window-1', role: 'window' });
  tokens.xiamenWindow = await cloud!.issueToken({ sub: 'window-xm', role: 'window', region: '350200' });
  tokens.supervisor = await cloud!.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['TAX', 'PSB', 'HRSS'])
    tokens[dept] = await cloud!.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: START, seed: true });
  // The local cloud runs the simulated courier on its own clock.
  courier = cloud.courier;
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who: string, body?: unknown) =>
  call(cloud!.baseUrl, method, path, { token: tokens[who], ...(body !== undefined ? { body } : {}) });
const settle = () => cloud!.idle();
async function at(instant: Date) {
  cloud!.clock.advanceTo(instant);
  await settle();
  await freshTokens();
}

const MATTERS = {
  'INVOICE-APPLICATION': {
    department: 'TAX',
    references: { handlerIdCard: 'RID-350100-0001' },
    overrides: { uscc: USCC, handlerIdNumber: '11010519491231002X' },
  },
  'SEAL-FILING': {
    department: 'PSB',
    references: { businessLicence: USCC, legalRepIdCard: 'RID-350100-0001' },
    overrides: { uscc: USCC },
  },
  'SOCIAL-INSURANCE-REGISTRATION': {
    department: 'HRSS',
    references: { businessLicence: USCC },
    overrides: { uscc: USCC, bankAccount: '6222021001234567890' },
  },
} as const;
type MatterCode = keyof typeof MATTERS;

async function draft(matter: MatterCode): Promise<string> {
  const guide = (await api('GET', `/matters/${matter}`, 'applicant')).json;
  const created = await api('POST', '/applications', 'applicant', {
    matterCode: matter,
    form: sampleAnswers(guide.form, { today: '2026-03-02', overrides: MATTERS[matter].overrides }),
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  for (const [material, licenceNo] of Object.entries(MATTERS[matter].references)) {
    expect(
      (await api('POST', `/applications/${id}/licence-references`, 'applicant', { material, licenceNo })).status,
    ).toBe(200);
  }
  return id;
}

async function submitAndAccept(id: string) {
  const submitted = await call(cloud!.baseUrl, 'POST', `/applications/${id}/submit`, {
    token: tokens.applicant,
    headers: { 'idempotency-key': `k-${id}` },
  });
  expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
  if (submitted.json.status === 'SUBMITTED')
    expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
}

/** The department approves; resolves when the case reaches `status` (ISSUED with a licence, APPROVED without). */
async function approve(id: string, department: string, status: 'ISSUED' | 'APPROVED') {
  const task = await eventually(`${department}'s task of ${id}`, async () => {
    await settle();
    return ((await api('GET', '/tasks', department)).json.items as any[]).find((t) => t.caseId === id);
  });
  expect(
    (await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, department, { decision: 'approve' })).status,
  ).toBe(200);
  return eventually(`case ${id} ${status}`, async () => {
    await settle();
    const record = (await api('GET', `/applications/${id}`, 'applicant')).json;
    return record.status === status ? record : undefined;
  });
}

async function storedWatch(kind: Watch['kind'], subjectId: string): Promise<Watch | undefined> {
  const { Item } = await dynamoDocumentClient().send(
    new GetCommand({ TableName: process.env.MAIN_TABLE_NAME, Key: watchKey({ kind, subjectId }) }),
  );
  return Item as Watch | undefined;
}

const published = (type: string, caseId: string) =>
  cloud!.bus.archive.filter((e) => e['detail-type'] === type && e.detail.caseId === caseId);
const deliveryOf = async (id: string, who = 'applicant') =>
  (await api('GET', `/applications/${id}/delivery`, who)).json;

describe('a posted result', () => {
  let id: string;
  let trackingNo: string;
  let shippedAt: number;

  it('refuses a bad address with 400 naming each bad field, and changes nothing', async () => {
    id = await draft('SEAL-FILING');
    const bad = await api('PUT', `/applications/${id}/delivery`, 'applicant', {
      method: 'post',
      address: { recipient: '', phone: '12345', regionCode: '350100', street: '五四路', postcode: '35000' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: any) => `${d.path}:${d.rule}`)).toEqual([
      'address.recipient:length',
      'address.phone:mobile',
      'address.regionCode:district',
      'address.street:length',
      'address.postcode:postcode',
    ]);
    const missing = await api('PUT', `/applications/${id}/delivery`, 'applicant', { method: 'post' });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe('address');
    expect(await deliveryOf(id)).toMatchObject({ method: 'window', status: 'NOT_CHOSEN', changeable: true });
    expect(published('Delivery.Chosen.v1', id)).toHaveLength(0);
  });

  it('takes post with a valid address from the owner only, while the case is a draft', async () => {
    expect(
      (await api('PUT', `/applications/${id}/delivery`, 'other', { method: 'post', address: ADDRESS })).status,
    ).toBe(404);
    expect(
      (await api('PUT', `/applications/${id}/delivery`, 'window', { method: 'post', address: ADDRESS })).status,
    ).toBe(403);
    const chosen = await api('PUT', `/applications/${id}/delivery`, 'applicant', {
      method: 'post',
      address: { ...ADDRESS, street: ` ${ADDRESS.street} ` },
    });
    expect(chosen.status).toBe(200);
    expect(chosen.json).toMatchObject({ method: 'post', status: 'CHOSEN', address: ADDRESS, changeable: true });
    await settle();
    const [event] = published('Delivery.Chosen.v1', id);
    expect(event!.detail).toMatchObject({ method: 'post', caseId: id });
    // The event never carries where to.
    expect(JSON.stringify(event!.detail)).not.toMatch(/13800138000|五四路|林晓明|350001/);
  });

  it('ships the issued result through the courier, with a tracking number, and watches its delivery', async () => {
    await submitAndAccept(id);
    await approve(id, 'PSB', 'ISSUED');
    const shipped = await eventually('the shipment', async () => {
      await settle();
      const d = await deliveryOf(id);
      return d.status === 'SHIPPED' ? d : undefined;
    });
    trackingNo = shipped.trackingNo;
    shippedAt = cloud!.clock.now();
    expect(trackingNo).toMatch(/^SF\d{12}$/);
    expect(courier.shipments()).toContain(trackingNo);
    expect(shipped).toMatchObject({
      method: 'post',
      courier: 'simulated',
      changeable: false,
      tracking: [{ status: 'PICKED_UP' }],
    });
    expect(shipped.dueDate).toBe('2026-03-16');

    // The watch opened at the approval, due 10 working days after the decision.
    expect(await storedWatch('delivery', id)).toMatchObject({
      kind: 'delivery',
      status: 'open',
      department: 'PSB',
      dueDate: shipped.dueDate,
      caseId: id,
    });
    // A department sees the tracking, not the address.
    const seenByPsb = await deliveryOf(id, 'PSB');
    expect(seenByPsb).toMatchObject({ status: 'SHIPPED', trackingNo });
    expect(seenByPsb.address).toBeUndefined();
  });

  it('refuses a change of choice after issuance with 409', async () => {
    const late = await api('PUT', `/applications/${id}/delivery`, 'applicant', { method: 'window' });
    expect(late.status).toBe(409);
    expect((await deliveryOf(id)).method).toBe('post');
  });

  it('follows the courier: in transit two hours later, delivered a day later, on the sweep’s schedule', async () => {
    await at(new Date(shippedAt + 3 * HOUR));
    expect(await deliveryOf(id)).toMatchObject({
      status: 'IN_TRANSIT',
      tracking: [{ status: 'PICKED_UP' }, { status: 'IN_TRANSIT', at: new Date(shippedAt + 2 * HOUR).toISOString() }],
    });
    expect((await api('GET', `/applications/${id}`, 'applicant')).json.status).toBe('ISSUED');

    await at(new Date(shippedAt + 25 * HOUR));
    const delivered = await deliveryOf(id);
    const deliveredAt = new Date(shippedAt + 24 * HOUR).toISOString();
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt });
    expect((await api('GET', `/applications/${id}`, 'applicant')).json.status).toBe('DELIVERED');
    expect(
      cloud!.scheduler.firings.filter((f) => f.schedule === 'track-shipments' && f.ok).length,
    ).toBeGreaterThanOrEqual(2);

    const timeline = (await api('GET', `/applications/${id}/timeline`, 'applicant')).json;
    expect(timeline.integrity.valid).toBe(true);
    const steps = (timeline.items as any[]).filter((e) => e.action.startsWith('deliver'));
    expect(steps.map((e) => [e.action, e.data?.status ?? e.to])).toEqual([
      ['delivery-chosen', undefined],
      ['delivery-updated', 'SHIPPED'],
      ['delivery-updated', 'IN_TRANSIT'],
      ['delivered', 'DELIVERED'],
    ]);
    expect(steps[0].data).toEqual({ method: 'post' });
    expect(steps[1].data).toMatchObject({ trackingNo, courier: 'simulated' });
    expect(steps[3]).toMatchObject({
      from: 'ISSUED',
      to: 'DELIVERED',
      data: { method: 'post', deliveredAt, trackingNo },
    });
    expect(JSON.stringify(timeline.items)).not.toMatch(/13800138000|五四路/);
  });

  it('writes Delivery.Shipped, InTransit and Delivered once each; another sweep writes none', async () => {
    const counts = () =>
      ['Delivery.Shipped.v1', 'Delivery.InTransit.v1', 'Delivery.Delivered.v1'].map((t) => published(t, id).length);
    expect(counts()).toEqual([1, 1, 1]);
    expect(published('Delivery.Delivered.v1', id)[0]!.detail).toMatchObject({
      method: 'post',
      onTime: true,
      dueDate: '2026-03-16',
      trackingNo,
    });
    expect(await cloud!.functions.invoke('trackShipments', {})).toMatchObject({ changed: 0, failed: 0 });
    await settle();
    expect(counts()).toEqual([1, 1, 1]);
    // The shipment left the sweep's index: the courier is not asked about it any more.
    expect(await cloud!.functions.invoke('trackShipments', {})).toMatchObject({ checked: 0 });
  });

  it('closes the delivery watch: the overdue list never shows it', async () => {
    expect(await storedWatch('delivery', id)).toMatchObject({ status: 'closed', closedBy: 'Delivery.Delivered.v1' });
    await at(new Date('2026-03-20T09:00:00+08:00'));
    const overdue = (await api('GET', '/supervision/overdue?department=PSB&kind=delivery', 'supervisor')).json
      .items as any[];
    expect(overdue.map((w) => w.watchId)).not.toContain(`delivery#${id}`);
  });
});

describe('window pickup', () => {
  let id: string;

  it('waits at the window when nobody chose (no choice means the window)', async () => {
    id = await draft('SOCIAL-INSURANCE-REGISTRATION');
    await submitAndAccept(id);
    await approve(id, 'HRSS', 'ISSUED');
    const ready = await eventually('ready for pickup', async () => {
      await settle();
      const d = await deliveryOf(id);
      return d.status === 'READY_FOR_PICKUP' ? d : undefined;
    });
    expect(ready).toMatchObject({ method: 'window', changeable: false, tracking: [] });
    expect(published('Delivery.ReadyForPickup.v1', id)).toHaveLength(1);
    expect(await storedWatch('delivery', id)).toMatchObject({
      status: 'open',
      department: 'HRSS',
      dueDate: ready.dueDate,
    });
  });

  it('is confirmed by a window officer only: an applicant gets 403, another region’s window 404', async () => {
    expect((await api('POST', `/applications/${id}/delivery/pickup`, 'applicant', {})).status).toBe(403);
    expect((await api('POST', `/applications/${id}/delivery/pickup`, 'HRSS', {})).status).toBe(403);
    expect((await api('POST', `/applications/${id}/delivery/pickup`, 'xiamenWindow', {})).status).toBe(404);
    expect((await deliveryOf(id)).status).toBe('READY_FOR_PICKUP');

    const confirmed = await api('POST', `/applications/${id}/delivery/pickup`, 'window', { receivedBy: '王小红' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({
      status: 'DELIVERED',
      deliveredAt: new Date(cloud!.clock.now()).toISOString(),
      receivedBy: '王小红',
    });
    expect((await api('GET', `/applications/${id}`, 'applicant')).json.status).toBe('DELIVERED');
    expect((await api('POST', `/applications/${id}/delivery/pickup`, 'window', {})).status).toBe(409);
    // Who collected it is shown to the owner, not to the department.
    expect((await deliveryOf(id, 'HRSS')).receivedBy).toBeUndefined();

    await settle();
    const [event] = published('Delivery.Delivered.v1', id);
    expect(event!.detail).toMatchObject({ method: 'window', onTime: true });
    expect(JSON.stringify(event!.detail)).not.toContain('王小红');
    expect(await storedWatch('delivery', id)).toMatchObject({ status: 'closed', closedBy: 'Delivery.Delivered.v1' });
    const timeline = (await api('GET', `/applications/${id}/timeline`, 'applicant')).json.items as any[];
    expect(timeline.at(-1)).toMatchObject({
      action: 'delivered',
      actor: { role: 'window' },
      to: 'DELIVERED',
      data: { method: 'window' },
    });
  });
});

describe('supervision’s delivery watch, from events as they come', () => {
  const put = async (source: string, type: string, detail: Record<string, unknown>) => {
    await cloud!.bus.putEvents([
      {
        Source: source,
        DetailType: type,
        Detail: JSON.stringify({ ...eventFixture(type), ...detail }),
        EventBusName: cloud!.env.EVENT_BUS_NAME,
      },
    ] as never);
    await settle();
  };

  it('stays closed when 送达 overtook the approval', async () => {
    const caseId = '5b0c7e52-3f1d-4a8e-9c6b-7d2e1f0a9b31';
    await put('gov.one-stop.delivery', 'Delivery.Delivered.v1', { eventId: 'evt-delivered-early', caseId });
    await put('gov.one-stop.workflow', 'Application.Approved.v1', { eventId: 'evt-approved-late', caseId });
    expect(await storedWatch('delivery', caseId)).toMatchObject({
      status: 'closed',
      closedBy: 'Delivery.Delivered.v1',
      dueDate: '2026-03-18',
    });
  });

  it('is not opened for a bundle case: its members deliver', async () => {
    const caseId = '5b0c7e52-3f1d-4a8e-9c6b-7d2e1f0a9b32';
    await put('gov.one-stop.workflow', 'Application.Approved.v1', {
      eventId: 'evt-approved-bundle',
      caseId,
      kind: 'bundle',
    });
    expect(await storedWatch('delivery', caseId)).toBeUndefined();
  });
});

describe('an undelivered result', () => {
  let id: string;

  it('of a matter without a licence waits at the window from its approval', async () => {
    id = await draft('INVOICE-APPLICATION');
    await submitAndAccept(id);
    await approve(id, 'TAX', 'APPROVED');
    const ready = await eventually('ready for pickup', async () => {
      await settle();
      const d = await deliveryOf(id);
      return d.status === 'READY_FOR_PICKUP' ? d : undefined;
    });
    expect(
      (await api('PUT', `/applications/${id}/delivery`, 'applicant', { method: 'post', address: ADDRESS })).status,
    ).toBe(409);
    expect(await storedWatch('delivery', id)).toMatchObject({
      status: 'open',
      department: 'TAX',
      dueDate: ready.dueDate,
    });
  });

  it('turns red on the overdue list of the case’s department once its 10 working days have passed', async () => {
    const due = (await deliveryOf(id)).dueDate as string;
    await at(new Date(`${due}T12:00:00+08:00`));
    await at(new Date(Date.parse(`${due}T12:00:00+08:00`) + 3 * 24 * HOUR));
    const red = await eventually('the red delivery watch', async () => {
      await settle();
      const items = (await api('GET', '/supervision/overdue?department=TAX&kind=delivery', 'supervisor')).json
        .items as any[];
      return items.find((w) => w.watchId === `delivery#${id}`);
    });
    expect(red).toMatchObject({ kind: 'delivery', caseId: id, department: 'TAX', level: 'red', dueDate: due });
    expect(((await api('GET', '/supervision/overdue', 'TAX')).json.items as any[]).map((w) => w.watchId)).toContain(
      `delivery#${id}`,
    );
    expect(((await api('GET', '/supervision/overdue', 'PSB')).json.items as any[]).map((w) => w.watchId)).not.toContain(
      `delivery#${id}`,
    );
    expect(
      cloud!.bus.archive.some(
        (e) => e['detail-type'] === 'Supervision.DeadlineOverdue.v1' && e.detail.watchId === `delivery#${id}`,
      ),
    ).toBe(true);
  });
});

describe('at the end', () => {
  it('sent no event of the delivery consumer or of supervision to a dead-letter queue', () => {
    expect(cloud!.bus.deliveries.filter((d) => d.rule === 'deliver-on-result').length).toBeGreaterThanOrEqual(4);
    expect(
      cloud!.bus.deadLetters
        .filter((d) => d.rule === 'deliver-on-result' || d.rule === 'supervision-track')
        .map((d) => d.error),
    ).toEqual([]);
  });
});
