import { LocalCloud } from '../../infra/local/cloud';
import { localStateMachineArn } from '../../infra/local/names';
import type { SimulatedPaymentProvider } from '../../infra/local/simulated-payment-provider';
import { secretStoreFor } from '../../shared/adapters/secret-stores';
import { sampleAnswers } from '../../shared/domain/catalogue/sample-form';
import { generateSecret, sign } from '../../shared/webhooks/standard-webhooks';
import { uploadMaterial } from '../support/cases';
import { call, eventually } from '../support/http';
import { importDemoLicences } from '../support/licences';

/**
 * 非税支付 on a local cloud with the demo catalogue: 不动产登记 charges 80 yuan for a residential property and 550
 * otherwise. The simulated provider runs beside the cloud and sends signed notifications to the platform over HTTP.
 * The procedure is the platform's ASL: its ApproveAndAwaitPayment step records the approval and then waits for the
 * payment; the licence is issued from Payment.Paid.v1 (or from the approval, when nothing is owed).
 */
const DAY = '2026-03-02';
/** The provider's notification secret, as the local cloud keeps it (read in beforeAll). */
let SECRET: string;
const RE = 'REAL-ESTATE-REGISTRATION';
const ID_NUMBER = '11010519491231002X';
const USCC = '91350100M000100Y43';
let cloud: LocalCloud;
let provider: SimulatedPaymentProvider;
const tokens: Record<string, string> = {};

async function freshTokens() {
  tokens.owner = await cloud.issueToken({ sub: 'cit-1', role: 'applicant', idNumber: ID_NUMBER });
  tokens.other = await cloud.issueToken({ sub: 'cit-2', role: 'applicant', idNumber: '350102199001011234' });
  tokens.enterprise = await cloud.issueToken({ sub: 'ent-1', role: 'applicant', uscc: USCC });
  tokens.window = await cloud.issueToken({ sub: 'window-1', role: 'window' });
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor' });
  for (const dept of ['NATRES', 'TAX', 'PSB'])
    tokens[dept] = await cloud.issueToken({ sub: `staff-${dept}`, role: 'department', department: dept });
}

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date(`${DAY}T09:00:00+08:00`), seed: true });
  // The local cloud runs the simulated provider, signing on its clock with the secret it keeps for the platform.
  provider = cloud.payments;
  SECRET = (await secretStoreFor(cloud.env.PLATFORM_SECRETS_PREFIX!).get('payments/simulated'))!.current;
  await importDemoLicences(cloud);
  await freshTokens();
});
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const settle = async () => {
  await provider.idle();
  await cloud.idle();
  await provider.idle();
  await cloud.idle();
};
const events = (type: string, caseId: string) =>
  cloud.bus.archive.filter((e) => e['detail-type'] === type && e.detail.caseId === caseId);
const timeline = async (id: string) => (await api('GET', `/applications/${id}/timeline`, 'owner')).json.items as any[];
const payment = (id: string, who = 'owner') => api('GET', `/applications/${id}/payment`, who);
const caseOf = async (id: string) => (await api('GET', `/applications/${id}`, 'supervisor')).json;

const upload = (caseId: string, material: string) => uploadMaterial(cloud.baseUrl, tokens.owner!, caseId, material);

/** A 不动产登记 case of the citizen, accepted at the window; its order is made by the payments consumer. */
async function acceptedRealEstateCase(propertyUsage: 'residential' | 'commercial'): Promise<string> {
  const guide = (await api('GET', `/matters/${RE}`)).json;
  const form = sampleAnswers(guide.form, {
    today: DAY,
    overrides: { applicantType: 'citizen', propertyUsage, registrationType: 'transfer' },
  });
  const draft = await api('POST', '/applications', 'owner', { matterCode: RE, form });
  expect([draft.status, draft.json.error]).toEqual([201, undefined]);
  const id = draft.json.id as string;
  expect(
    (
      await api('POST', `/applications/${id}/licence-references`, 'owner', {
        material: 'idCard',
        licenceNo: 'RID-350100-0001',
      })
    ).status,
  ).toBe(200);
  for (const material of ['applicationForm', 'registrationCause', 'taxProof']) await upload(id, material);
  const submitted = await call(cloud.baseUrl, 'POST', `/applications/${id}/submit`, {
    token: tokens.owner,
    headers: { 'idempotency-key': `k-${id}` },
  });
  expect([submitted.status, submitted.json.error]).toEqual([200, undefined]);
  expect((await api('POST', `/applications/${id}/acceptance`, 'window', { decision: 'accept' })).status).toBe(200);
  await settle();
  return id;
}

async function openTask(dept: string, caseId: string, stageIndex: number) {
  return eventually(`${dept}'s task at stage ${stageIndex} of ${caseId}`, async () => {
    await settle();
    return ((await api('GET', '/tasks', dept)).json.items as any[]).find(
      (t) => t.caseId === caseId && t.stageIndex === stageIndex,
    );
  });
}

async function decide(dept: string, caseId: string, stageIndex: number, body: Record<string, unknown>) {
  const task = await openTask(dept, caseId, stageIndex);
  const answer = await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, dept, body);
  expect([answer.status, answer.json.error]).toEqual([200, undefined]);
  await settle();
}

/** Every department approves: stage 0 (NATRES and TAX in parallel), then stage 1 (NATRES). */
async function approveAll(caseId: string) {
  await decide('NATRES', caseId, 0, { decision: 'approve' });
  await decide('TAX', caseId, 0, { decision: 'approve' });
  await decide('NATRES', caseId, 1, { decision: 'approve' });
}

const execution = (caseId: string) =>
  cloud.stepFunctions.listExecutions(localStateMachineArn('procedure')).find((e) => e.name === caseId);

/** A notification signed by hand (the simulated provider's format), to try what a forger or a replay would send. */
function signedNotification(body: Record<string, unknown>, options: { secret?: string; at?: Date } = {}) {
  const raw = JSON.stringify(body);
  const headers = sign({ id: String(body.id), timestamp: options.at ?? new Date(cloud.clock.now()), body: raw }, [
    options.secret ?? SECRET,
  ]);
  return fetch(`${cloud.baseUrl}/payments/notifications/simulated`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: raw,
  }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
}

describe('an order at acceptance', () => {
  let id: string;
  it('gives an accepted fee case an order for the right amount, with Payment.Ordered.v1 and a payment-ordered history entry', async () => {
    id = await acceptedRealEstateCase('residential');
    const view = await payment(id);
    expect(view.status).toBe(200);
    expect(view.json.order).toMatchObject({
      status: 'AWAITING',
      amountFen: 8000,
      amount: '80.00',
      currency: 'CNY',
      attempt: 1,
      provider: 'simulated',
    });
    expect(view.json.order.lines).toEqual([
      expect.objectContaining({ name: '住宅类不动产登记费（每件）', amountFen: 8000, quantity: 1 }),
    ]);
    expect(view.json.order.payUrl).toMatch(new RegExp(`^${provider.url}/cashier/`));
    expect(view.json.notifications).toEqual([]);

    const ordered = events('Payment.Ordered.v1', id);
    expect(ordered).toHaveLength(1);
    expect(ordered[0]!.source).toBe('gov.one-stop.payments');
    expect(ordered[0]!.detail).toMatchObject({
      orderId: view.json.order.orderId,
      amountFen: 8000,
      matterCode: RE,
      department: 'NATRES',
      attempt: 1,
    });
    expect(JSON.stringify(ordered[0]!.detail)).not.toContain('cashier');
    expect((await timeline(id)).filter((e) => e.action === 'payment-ordered')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ orderId: view.json.order.orderId, amountFen: 8000 }) }),
    ]);
    // The provider holds the same order, for the same amount.
    expect(provider.orders().find((o) => o.orderId === view.json.order.orderId)).toMatchObject({
      amountFen: 8000,
      status: 'AWAITING',
    });
  });

  it('makes no second order when Application.Accepted.v1 is delivered again', async () => {
    const accepted = events('Application.Accepted.v1', id)[0]!;
    await cloud.functions.invoke('paymentCaseEvents', accepted);
    await settle();
    expect(events('Payment.Ordered.v1', id)).toHaveLength(1);
    expect((await timeline(id)).filter((e) => e.action === 'payment-ordered')).toHaveLength(1);
    expect(
      provider
        .orders()
        .filter((o) => o.subject.endsWith(events('Payment.Ordered.v1', id)[0]!.detail.caseNumber as string)),
    ).toHaveLength(1);
  });

  it('shows the order to staff who may see the case without the cashier URL, and to nobody else', async () => {
    expect((await payment(id, 'supervisor')).json.order).not.toHaveProperty('payUrl');
    expect((await payment(id, 'other')).status).toBe(404);
    expect((await payment(id, 'PSB')).status).toBe(404);
    expect((await api('GET', `/applications/${id}/payment`)).status).toBe(401);
  });

  it('gives a free matter none, and its case reaches its licence without waiting', async () => {
    const guide = (await api('GET', '/matters/SEAL-FILING')).json;
    const draft = await api('POST', '/applications', 'enterprise', {
      matterCode: 'SEAL-FILING',
      form: sampleAnswers(guide.form, { today: DAY, overrides: { uscc: USCC } }),
    });
    const free = draft.json.id as string;
    for (const [material, licenceNo] of [
      ['businessLicence', USCC],
      ['legalRepIdCard', 'RID-350100-0001'],
    ]) {
      expect(
        (await api('POST', `/applications/${free}/licence-references`, 'enterprise', { material, licenceNo })).status,
      ).toBe(200);
    }
    expect(
      (
        await call(cloud.baseUrl, 'POST', `/applications/${free}/submit`, {
          token: tokens.enterprise,
          headers: { 'idempotency-key': `k-${free}` },
        })
      ).status,
    ).toBe(200);
    await settle();
    expect((await api('GET', `/applications/${free}/payment`, 'enterprise')).status).toBe(404);
    expect(events('Payment.Ordered.v1', free)).toHaveLength(0);
    await decide('PSB', free, 0, { decision: 'approve' });
    const issued = await eventually('the free case’s licence', async () => {
      await settle();
      const c = await caseOf(free);
      return c.status === 'ISSUED' ? c : undefined;
    });
    expect(issued.licenceNo).toBeTruthy();
    expect(JSON.parse(execution(free)!.output!).payment).toEqual({ caseId: free, payment: 'none' });
    // A one-department case with no fee (the bench's most common shape): 4 transitions, the approval and the
    // payment answered in one step, which the case's history shows approved; the licence came from the event.
    expect(execution(free)!.transitions.filter((t) => !t.endsWith(' (retry)'))).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
    ]);
    expect(events('Application.Approved.v1', free)).toHaveLength(1);
    // An execution started on the earlier definition still ends with its IssueLicence step, which finds the licence.
    expect(await cloud.functions.invoke('issueLicence', { caseId: free })).toEqual({
      licenceNo: issued.licenceNo,
      status: 'ISSUED',
    });
  });
});

describe('notifications: verified and de-duplicated', () => {
  let id: string;
  let orderId: string;
  let providerOrderId: string;
  beforeAll(async () => {
    id = await acceptedRealEstateCase('residential');
    orderId = (await payment(id)).json.order.orderId;
    providerOrderId = provider.orders().find((o) => o.orderId === orderId)!.providerOrderId;
  });
  const body = (over: Record<string, unknown> = {}) => ({
    id: `ntf_forged_${Math.random().toString(36).slice(2)}`,
    type: 'paid',
    orderId,
    providerOrderId,
    amountFen: 8000,
    occurredAt: new Date(cloud.clock.now()).toISOString(),
    ...over,
  });

  it('refuses a forged notification with 401 and changes nothing', async () => {
    expect((await signedNotification(body(), { secret: generateSecret() })).status).toBe(401);
    // Signed with the right secret, but a replay from long ago.
    expect((await signedNotification(body(), { at: new Date(cloud.clock.now() - 3_600_000) })).status).toBe(401);
    const unsigned = await fetch(`${cloud.baseUrl}/payments/notifications/simulated`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body()),
    });
    expect(unsigned.status).toBe(401);
    await settle();
    const view = await payment(id);
    expect(view.json.order.status).toBe('AWAITING');
    expect(view.json.notifications).toEqual([]);
    expect(events('Payment.Paid.v1', id)).toHaveLength(0);
    expect((await timeline(id)).filter((e) => e.action === 'payment-updated')).toHaveLength(0);
  });

  it('answers 404 for a provider the platform does not use, and refuses a wrong amount without paying the order', async () => {
    const raw = JSON.stringify(body());
    const headers = sign({ id: 'ntf_x', timestamp: new Date(cloud.clock.now()), body: raw }, [SECRET]);
    expect(
      (
        await fetch(`${cloud.baseUrl}/payments/notifications/alipay`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: raw,
        })
      ).status,
    ).toBe(404);
    const cheap = await signedNotification(body({ amountFen: 1 }));
    expect(cheap.status).toBe(422);
    expect((await payment(id)).json.order.status).toBe('AWAITING');
  });

  it('records the provider’s paid notification once: PAID, payment-updated, Payment.Paid.v1; a replay gets the same answer', async () => {
    const sent = await provider.pay(orderId);
    expect(sent.delivered).toBe(true);
    await settle();
    const view = await payment(id);
    expect(view.json.order).toMatchObject({ status: 'PAID', paidAt: expect.any(String) });
    expect(view.json.order).not.toHaveProperty('payUrl');
    expect(view.json.notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: sent.id, type: 'paid', orderId, outcome: 200 })]),
    );
    const paid = events('Payment.Paid.v1', id);
    expect(paid).toHaveLength(1);
    expect(paid[0]!.detail).toMatchObject({ orderId, amountFen: 8000, notificationId: sent.id });
    const updates = (await timeline(id)).filter((e) => e.action === 'payment-updated');
    expect(updates).toEqual([expect.objectContaining({ data: { status: 'PAID', notificationId: sent.id, orderId } })]);

    const again = await provider.resend(sent.id);
    expect(again.attempts[0]!.status).toBe(200);
    expect(JSON.parse(again.attempts[0]!.answer!)).toEqual(JSON.parse(sent.attempts.at(-1)!.answer!));
    await settle();
    expect((await timeline(id)).filter((e) => e.action === 'payment-updated')).toHaveLength(1);
    expect(events('Payment.Paid.v1', id)).toHaveLength(1);
  });

  it('refuses the same notification id with another body (409)', async () => {
    const first = provider.notifications().find((n) => n.orderId === orderId && n.type === 'paid')!;
    const changed = { ...JSON.parse(first.body), occurredAt: new Date(cloud.clock.now() + 1000).toISOString() };
    expect((await signedNotification(changed)).status).toBe(409);
  });

  it('lets a paid case through the wait at once when the departments approve: the licence is issued', async () => {
    await approveAll(id);
    const record = await eventually('the licence', async () => {
      await settle();
      const c = await caseOf(id);
      return c.status === 'ISSUED' ? c : undefined;
    });
    expect(record.licenceNo).toBeTruthy();
    // It never waited: no wait entry, and the step answered with the payment.
    expect((await timeline(id)).some((e) => e.data?.awaiting === 'issuance')).toBe(false);
    expect(JSON.parse(execution(id)!.output!).payment).toEqual({ caseId: id, payment: 'PAID', orderId });
  });
});

describe('the licence waits for the payment', () => {
  let id: string;
  it('stores the wait on the case when the case is approved unpaid, and issues nothing', async () => {
    id = await acceptedRealEstateCase('commercial');
    expect((await payment(id)).json.order).toMatchObject({ amountFen: 55000, amount: '550.00' });
    await approveAll(id);
    const waiting = await eventually('the wait for payment', async () => {
      await settle();
      return cloud.stepFunctions
        .waitingTasks()
        .find((t) => t.stateName === 'ApproveAndAwaitPayment' && t.executionArn === execution(id)?.executionArn);
    });
    expect(waiting).toBeDefined();
    expect((await caseOf(id)).status).toBe('APPROVED');
    // One step recorded the approval, then stored the wait.
    const actions = (await timeline(id)).map((e) => `${e.action}${e.data?.awaiting ? `:${e.data.awaiting}` : ''}`);
    expect(actions.indexOf('approved')).toBeGreaterThan(-1);
    expect(actions.indexOf('approved')).toBeLessThan(actions.indexOf('payment-updated:issuance'));
    expect((await timeline(id)).filter((e) => e.data?.awaiting === 'issuance')).toEqual([
      expect.objectContaining({ action: 'payment-updated', data: expect.objectContaining({ status: 'AWAITING' }) }),
    ]);
    expect(events('Licence.Issued.v1', id)).toHaveLength(0);
  });

  it('answers the stored token when the provider reports the payment: the execution goes on and the licence is issued', async () => {
    const { orderId } = (await payment(id)).json.order;
    await provider.pay(orderId);
    const record = await eventually('the licence after payment', async () => {
      await settle();
      const c = await caseOf(id);
      return c.status === 'ISSUED' ? c : undefined;
    });
    expect(record.licenceNo).toBeTruthy();
    // SendTaskSuccess reached the local Step Functions: the wait is gone and the step's output is the payment.
    expect(cloud.stepFunctions.waitingTasks().some((t) => t.executionArn === execution(id)!.executionArn)).toBe(false);
    expect(execution(id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(JSON.parse(execution(id)!.output!).payment).toEqual({ caseId: id, payment: 'PAID', orderId });
    const actions = (await timeline(id)).map((e) => e.action);
    expect(actions.indexOf('payment-updated')).toBeLessThan(actions.indexOf('licence-issued'));
    expect(cloud.bus.deadLetters.filter((d) => d.rule.startsWith('payments-'))).toEqual([]);
    // Two stages (two departments, then one) and a fee paid days later: 7 transitions, the wait costing none more.
    expect(execution(id)!.transitions.filter((t) => !t.endsWith(' (retry)'))).toEqual([
      'RunStages',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'AwaitDepartmentDecision',
      'RunDepartmentTasks',
      'AwaitDepartmentDecision',
      'ApproveAndAwaitPayment',
    ]);
  });
});

describe('an order that expired or failed', () => {
  it('is renewed by its owner: a new order for the same fee, the old one kept; a second renewal is refused', async () => {
    const id = await acceptedRealEstateCase('residential');
    const first = (await payment(id)).json.order.orderId as string;
    expect((await api('POST', `/applications/${id}/payment/renew`, 'owner')).status).toBe(409);
    await provider.expire(first);
    await settle();
    expect((await payment(id)).json.order).toMatchObject({ orderId: first, status: 'EXPIRED' });
    expect(events('Payment.Expired.v1', id)).toHaveLength(1);
    expect((await api('POST', `/applications/${id}/payment/renew`, 'other')).status).toBe(404);
    expect((await api('POST', `/applications/${id}/payment/renew`, 'supervisor')).status).toBe(403);

    const renewed = await api('POST', `/applications/${id}/payment/renew`, 'owner');
    expect(renewed.status).toBe(201);
    expect(renewed.json.order).toMatchObject({
      status: 'AWAITING',
      attempt: 2,
      amountFen: 8000,
      payUrl: expect.any(String),
    });
    expect(renewed.json.order.orderId).not.toBe(first);
    expect(renewed.json.previousOrders).toEqual([expect.objectContaining({ orderId: first, status: 'EXPIRED' })]);
    expect((await api('POST', `/applications/${id}/payment/renew`, 'owner')).status).toBe(409);
    await settle();
    expect(events('Payment.Ordered.v1', id).map((e) => e.detail.attempt)).toEqual([1, 2]);

    // A failed payment can be renewed as well.
    await provider.fail(renewed.json.order.orderId);
    await settle();
    expect(events('Payment.Failed.v1', id)[0]!.detail).toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    expect((await api('POST', `/applications/${id}/payment/renew`, 'owner')).json.order).toMatchObject({
      attempt: 3,
      status: 'AWAITING',
    });
  });
});

describe('a case that ends', () => {
  it('refunds a rejected paid case: refund requested, then REFUNDED on the provider’s notification; a redelivered rejection refunds nothing twice', async () => {
    const id = await acceptedRealEstateCase('residential');
    const { orderId } = (await payment(id)).json.order;
    await provider.pay(orderId);
    await settle();
    await decide('TAX', id, 0, { decision: 'reject', reason: '契税未足额缴纳' });
    const view = await eventually('the refund', async () => {
      await settle();
      const v = (await payment(id)).json;
      return v.order.status === 'REFUNDED' ? v : undefined;
    });
    expect((await caseOf(id)).status).toBe('REJECTED');
    expect(view.order).toMatchObject({
      refund: { reason: 'rejected', requestedAt: expect.any(String), refundedAt: expect.any(String) },
    });
    expect(events('Payment.RefundRequested.v1', id)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ orderId, reason: 'rejected', amountFen: 8000 }) }),
    ]);
    expect(events('Payment.Refunded.v1', id)).toHaveLength(1);
    const entries = await timeline(id);
    expect(entries.filter((e) => e.action === 'refund-requested')).toHaveLength(1);
    expect(entries.filter((e) => e.action === 'payment-updated').map((e) => e.data.status)).toEqual([
      'PAID',
      'REFUNDED',
    ]);

    await cloud.functions.invoke('paymentCaseEvents', events('Application.Rejected.v1', id)[0]!);
    await settle();
    expect(provider.notifications().filter((n) => n.orderId === orderId && n.type === 'refunded')).toHaveLength(1);
    expect(events('Payment.RefundRequested.v1', id)).toHaveLength(1);
    expect((await timeline(id)).filter((e) => e.action === 'refund-requested')).toHaveLength(1);
  });

  it('cancels the unpaid order of a withdrawn case, and closes it at the provider', async () => {
    const id = await acceptedRealEstateCase('residential');
    const { orderId } = (await payment(id)).json.order;
    expect((await api('POST', `/applications/${id}/withdraw`, 'owner', { reason: '暂不办理' })).status).toBe(200);
    const view = await eventually('the cancellation', async () => {
      await settle();
      const v = (await payment(id)).json;
      return v.order.status === 'CANCELLED' ? v : undefined;
    });
    expect(view.order).not.toHaveProperty('payUrl');
    expect(events('Payment.Cancelled.v1', id)).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ orderId, reason: 'withdrawn' }) }),
    ]);
    expect(provider.orders().find((o) => o.orderId === orderId)!.status).toBe('CLOSED');
    await expect(provider.pay(orderId)).rejects.toThrow(/order_closed/);
  });
});
