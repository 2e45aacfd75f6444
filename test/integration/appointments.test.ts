import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { LocalCloud } from '../../infra/local/cloud';
import { dynamoDocumentClient } from '../../shared/adapters/aws-clients';
import { dynamoAppointmentStore } from '../../shared/adapters/dynamo-appointment-store';
import { APPOINTMENTS_SOURCE } from '../../shared/contracts/appointment-events';
import { outboxKey } from '../../shared/adapters/outbox';
import { DEMO_HALLS, seedHalls } from '../../shared/domain/appointments/demo-halls';
import { type Appointment, PlaceRaceLostError } from '../../shared/domain/appointments/model';
import { ConcurrentChangeError } from '../../shared/domain/errors';
import { call } from '../support/http';

/**
 * 统一预约 against a local cloud with the demo catalogue and the demo halls, wired as the lead will wire it: the HTTP
 * function behind APPOINTMENT_ROUTES and the two hourly schedules. The clock starts on Wednesday 1 April 2026, 08:00;
 * 清明节 is 4 to 6 April (Monday the 6th is a holiday).
 */

const CENTRE = 'FUZHOU-CENTRE';
const GULOU = 'GULOU-CENTRE';
const ESTATE = 'REAL-ESTATE-REGISTRATION'; // W04 only at the centre: 3 places a slot
const SEAL = 'SEAL-FILING';
const TOMORROW = '2026-04-02';
let cloud: LocalCloud;
/** Tokens outlive the day the clock moves through. */
const LONG = { ttlSeconds: 7 * 86_400 };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-04-01T08:00:00+08:00'), seed: true });
  // The local cloud seeds the demo halls with the catalogue; seeding again creates nothing.
  const seeded = await seedHalls(
    dynamoAppointmentStore(dynamoDocumentClient(), cloud.env.MAIN_TABLE_NAME!, () => new Date()),
    DEMO_HALLS,
  );
  expect(seeded.created).toEqual([]);
  expect(DEMO_HALLS.map((h) => h.id)).toEqual([CENTRE, GULOU]);
  for (const who of ['alice', 'bob', 'mover', 'canceller', 'double', 'early'])
    tokens[who] = await cloud.issueToken({ sub: who, role: 'applicant' }, LONG);
  tokens.agent = await cloud.issueToken({ sub: 'agent-1', role: 'agent' }, LONG);
  tokens.window = await cloud.issueToken({ sub: 'officer-1', role: 'window' }, LONG);
  tokens.gulouSupervisor = await cloud.issueToken({ sub: 'sup-2', role: 'supervisor', region: '350102' }, LONG);
  tokens.supervisor = await cloud.issueToken({ sub: 'sup-1', role: 'supervisor', region: '350100' }, LONG);
  tokens.admin = await cloud.issueToken({ sub: 'admin-1', role: 'admin' }, LONG);
}, 120_000);
afterAll(() => cloud?.stop());

const api = (method: string, path: string, who?: string, body?: unknown) =>
  call(cloud.baseUrl, method, path, {
    ...(who ? { token: tokens[who] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
const slots = async (hall: string, matter: string, date: string) =>
  (await api('GET', `/halls/${hall}/slots?matter=${matter}&date=${date}`)).json;
const freeAt = async (hall: string, matter: string, date: string, start: string) =>
  ((await slots(hall, matter, date)).slots as any[]).find((s) => s.start === start)?.free;
const bookAs = (who: string, body: Record<string, unknown>) => api('POST', '/appointments', who, body);
const events = (type: string, appointmentId?: string) =>
  cloud.bus.archive.filter(
    (e) =>
      e.source === APPOINTMENTS_SOURCE &&
      e['detail-type'] === type &&
      (appointmentId === undefined || e.detail.appointmentId === appointmentId),
  );
const paths = (response: { json: Record<string, any> }) =>
  (response.json.error.details as any[]).map((d) => `${d.path}:${d.rule}`);

describe('halls and slots (public)', () => {
  it('lists halls by region (a city includes its districts) and by matter, and shows one with its windows', async () => {
    expect(((await api('GET', '/halls')).json.items as any[]).map((h) => h.id).sort()).toEqual([CENTRE, GULOU]);
    expect(((await api('GET', '/halls?region=350102')).json.items as any[]).map((h) => h.id)).toEqual([GULOU]);
    expect(((await api('GET', '/halls?region=350100')).json.items as any[]).map((h) => h.id).sort()).toEqual([
      CENTRE,
      GULOU,
    ]);
    expect(((await api('GET', `/halls?matter=${ESTATE}`)).json.items as any[]).map((h) => h.id)).toEqual([CENTRE]);
    const centre = await api('GET', `/halls/${CENTRE}`);
    expect(centre.status).toBe(200);
    expect(centre.json).toMatchObject({
      name: '福州市行政服务中心',
      regionCode: '350100',
      slotMinutes: 30,
      hours: [
        { from: '09:00', to: '12:00' },
        { from: '14:00', to: '17:00' },
      ],
    });
    expect(centre.json.windows.find((w: any) => w.id === 'W04')).toMatchObject({ matters: [ESTATE], capacity: 3 });
    expect(centre.json).not.toHaveProperty('updatedBy');
    expect((await api('GET', '/halls/NOWHERE')).status).toBe(404);
  });

  it('gives a working day’s slots with their free places, and none on a public holiday or a weekend', async () => {
    const day = await slots(CENTRE, ESTATE, TOMORROW);
    expect(day).toMatchObject({ hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, open: true, slotMinutes: 30 });
    expect(day.slots).toHaveLength(12);
    expect(day.slots[0]).toEqual({
      start: '09:00',
      end: '09:30',
      startsAt: '2026-04-02T09:00:00+08:00',
      capacity: 3,
      free: 3,
      bookable: true,
    });
    // Capacity is summed over the windows that serve the matter: W02 (2) and W03 (1) for the food licence.
    expect((await slots(CENTRE, 'FOOD-BUSINESS-LICENCE', TOMORROW)).slots[0]).toMatchObject({ capacity: 3, free: 3 });
    expect(await slots(CENTRE, ESTATE, '2026-04-06')).toMatchObject({ open: false, slots: [] }); // 清明节, a Monday
    expect(await slots(CENTRE, ESTATE, '2026-04-04')).toMatchObject({ open: false, slots: [] }); // Saturday (holiday)
    expect(await slots(CENTRE, ESTATE, '2026-04-11')).toMatchObject({ open: false, slots: [] }); // an ordinary Saturday
  });
});

describe('bad input', () => {
  const valid = { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '11:00' };

  it('is refused with the field and rule named, and nothing is booked', async () => {
    expect((await api('GET', `/halls/${CENTRE}/slots?matter=${ESTATE}&date=2026-13-01`)).status).toBe(400);
    expect(paths(await api('GET', `/halls/${CENTRE}/slots?matter=${ESTATE}&date=2026-13-01`))).toEqual([
      'query.date:invalid_format',
    ]);
    const unserved = await api('GET', `/halls/${GULOU}/slots?matter=${ESTATE}&date=${TOMORROW}`);
    expect([unserved.status, paths(unserved)]).toEqual([422, ['query.matter:served']]);

    const cases: [Record<string, unknown>, number, string][] = [
      [{ date: 'tomorrow' }, 400, 'date:invalid_format'],
      [{ start: '9:00' }, 400, 'start:invalid_format'],
      [{ start: '09:10' }, 422, 'start:grid'],
      [{ start: '12:00' }, 422, 'start:grid'],
      [{ hallId: 'NOWHERE' }, 404, 'hallId:exists'],
      [{ hallId: GULOU }, 422, 'matterCode:served'],
      [{ date: '2026-04-06' }, 422, 'date:working-day'],
      [{ date: '2026-03-31' }, 422, 'start:past'],
      [{ caseId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' }, 404, 'caseId:exists'],
      [{ extra: 1 }, 400, '(root):unrecognized_keys'],
    ];
    for (const [change, status, named] of cases) {
      const refused = await bookAs('alice', { ...valid, ...change });
      expect([JSON.stringify(change), refused.status, paths(refused)]).toEqual([
        JSON.stringify(change),
        status,
        [named],
      ]);
    }
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '11:00')).toBe(3);
    expect((await api('GET', '/me/appointments', 'alice')).json.items).toEqual([]);
  });

  it('lets only applicants and agents book, and only admins define halls (checked against the catalogue)', async () => {
    expect((await bookAs('window', valid)).status).toBe(403);
    expect((await api('POST', '/appointments', undefined, valid)).status).toBe(401);
    const { id: _id, ...hall } = DEMO_HALLS[1]!;
    const bad = {
      ...hall,
      windows: [{ id: 'W01', name: '综合受理窗口1', matters: [SEAL, 'NO-SUCH-MATTER'], capacity: 1 }],
    };
    const refused = await api('PUT', '/admin/halls/GULOU-EAST', 'admin', {
      ...bad,
      name: '鼓楼区东街街道便民服务中心',
    });
    expect([refused.status, paths(refused)]).toEqual([422, ['windows.0.matters.1:published']]);
    expect(paths(await api('PUT', '/admin/halls/GULOU-EAST', 'admin', { ...hall, slotMinutes: 5 }))).toEqual([
      'slotMinutes:too_small',
    ]);
    expect((await api('PUT', '/admin/halls/GULOU-EAST', 'window', hall)).status).toBe(403);
    expect((await api('GET', '/halls/GULOU-EAST')).status).toBe(404);
    const created = await api('PUT', '/admin/halls/GULOU-EAST', 'admin', {
      ...hall,
      name: '鼓楼区东街街道便民服务中心',
    });
    expect([created.status, created.json.name]).toEqual([201, '鼓楼区东街街道便民服务中心']);
    expect(
      (
        await api('PUT', '/admin/halls/GULOU-EAST', 'admin', {
          ...hall,
          name: '鼓楼区东街街道便民服务中心',
          slotMinutes: 20,
        })
      ).status,
    ).toBe(200);
    expect((await slots('GULOU-EAST', SEAL, TOMORROW)).slots).toHaveLength(18);
  });
});

describe('booking', () => {
  it('twenty parallel bookings for a slot of capacity 3 yield exactly 3 bookings, and the slot shows 0 free', async () => {
    const subs = Array.from({ length: 20 }, (_, i) => `rush-${i}`);
    await Promise.all(
      subs.map(async (sub) => (tokens[sub] = await cloud.issueToken({ sub, role: 'applicant' }, LONG))),
    );
    const answers = await Promise.all(
      subs.map((sub) => bookAs(sub, { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '09:00' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(3).fill(201), ...Array(17).fill(409)]);
    for (const full of answers.filter((a) => a.status === 409)) expect(paths(full)).toEqual(['start:full']);
    const booked = answers.filter((a) => a.status === 201).map((a) => a.json);
    for (const b of booked) {
      expect(b).toMatchObject({
        hallId: CENTRE,
        hallName: '福州市行政服务中心',
        windowId: 'W04',
        matterCode: ESTATE,
        department: 'NATRES',
        date: TOMORROW,
        start: '09:00',
        end: '09:30',
        startsAt: '2026-04-02T09:00:00+08:00',
        status: 'BOOKED',
      });
      expect(b.checkInCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    }
    expect(new Set(booked.map((b) => b.checkInCode)).size).toBe(3);
    const slot = ((await slots(CENTRE, ESTATE, TOMORROW)).slots as any[]).find((s) => s.start === '09:00');
    expect(slot).toMatchObject({ capacity: 3, free: 0, bookable: false });
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '09:30')).toBe(3);

    const day = await api('GET', `/halls/${CENTRE}/appointments?date=${TOMORROW}`, 'window');
    expect(day.status).toBe(200);
    expect(
      (day.json.items as any[])
        .filter((a) => a.start === '09:00')
        .map((a) => a.id)
        .sort(),
    ).toEqual(booked.map((b) => b.id).sort());
    expect(JSON.stringify(day.json)).not.toMatch(/checkInCode/);
    await cloud.idle();
    const announced = events('Appointment.Booked.v1').filter((e) =>
      booked.some((b) => b.id === e.detail.appointmentId),
    );
    expect(announced).toHaveLength(3);
    for (const e of announced)
      expect(JSON.stringify(e.detail)).not.toContain(booked.find((b) => b.id === e.detail.appointmentId)!.checkInCode);
  });

  it('refuses a second booking of the same applicant for the same matter and day, even sent at the same time', async () => {
    const first = await bookAs('double', { hallId: CENTRE, matterCode: SEAL, date: TOMORROW, start: '10:00' });
    expect(first.status).toBe(201);
    const second = await bookAs('double', { hallId: CENTRE, matterCode: SEAL, date: TOMORROW, start: '14:00' });
    expect([second.status, paths(second)]).toEqual([409, ['matterCode:one-per-day']]);
    expect(await freeAt(CENTRE, SEAL, TOMORROW, '14:00')).toBe(2);
    // Another day, another matter: fine.
    expect(
      (await bookAs('double', { hallId: CENTRE, matterCode: SEAL, date: '2026-04-03', start: '10:00' })).status,
    ).toBe(201);
    expect(
      (await bookAs('double', { hallId: CENTRE, matterCode: 'INVOICE-APPLICATION', date: TOMORROW, start: '10:00' }))
        .status,
    ).toBe(201);
    const racing = await Promise.all(
      ['15:00', '15:30', '16:00'].map((start) =>
        bookAs('bob', { hallId: CENTRE, matterCode: 'CONSTRUCTION-PERMIT', date: TOMORROW, start }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(
      ((await api('GET', '/me/appointments', 'bob')).json.items as any[]).filter(
        (a) => a.matterCode === 'CONSTRUCTION-PERMIT',
      ),
    ).toHaveLength(1);
  });

  it('lets an agent book for a case it acts on only when the case is theirs to see', async () => {
    const booked = await bookAs('agent', {
      hallId: GULOU,
      matterCode: 'OUTDOOR-AD-PERMIT',
      date: TOMORROW,
      start: '14:00',
    });
    expect([booked.status, booked.json.windowId]).toEqual([201, expect.stringMatching(/^W0[12]$/)]);
    expect((await api('GET', `/appointments/${booked.json.id}`, 'agent')).json.checkInCode).toBe(
      booked.json.checkInCode,
    );
    expect((await api('GET', `/appointments/${booked.json.id}`, 'alice')).status).toBe(404);
  });
});

describe('reschedule and cancel', () => {
  let moved: Record<string, any>;

  it('moves the place: the new slot is taken and the old one freed', async () => {
    const booked = await bookAs('mover', { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '10:00' });
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '10:00')).toBe(2);
    const patched = await api('PATCH', `/appointments/${booked.json.id}`, 'mover', { date: TOMORROW, start: '10:30' });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      id: booked.json.id,
      start: '10:30',
      end: '11:00',
      status: 'BOOKED',
      checkInCode: booked.json.checkInCode,
    });
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '10:00')).toBe(3);
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '10:30')).toBe(2);
    moved = patched.json;
    await cloud.idle();
    expect(events('Appointment.Rescheduled.v1', moved.id).map((e) => e.detail)).toEqual([
      expect.objectContaining({ start: '10:30', previousDate: TOMORROW, previousStart: '10:00', matterCode: ESTATE }),
    ]);
  });

  it('changes nothing when the new slot is full, is not on the grid, or the booking is someone else’s', async () => {
    const full = await api('PATCH', `/appointments/${moved.id}`, 'mover', { date: TOMORROW, start: '09:00' });
    expect([full.status, paths(full)]).toEqual([409, ['start:full']]);
    expect((await api('PATCH', `/appointments/${moved.id}`, 'mover', { date: TOMORROW, start: '10:15' })).status).toBe(
      422,
    );
    expect(
      (await api('PATCH', `/appointments/${moved.id}`, 'mover', { date: '2026-04-06', start: '10:00' })).status,
    ).toBe(422);
    expect((await api('PATCH', `/appointments/${moved.id}`, 'alice', { date: TOMORROW, start: '11:00' })).status).toBe(
      404,
    );
    expect((await api('GET', `/appointments/${moved.id}`, 'mover')).json).toMatchObject({
      date: TOMORROW,
      start: '10:30',
      status: 'BOOKED',
    });
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '09:00')).toBe(0);
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '10:30')).toBe(2);
    await cloud.idle();
    expect(events('Appointment.Rescheduled.v1', moved.id)).toHaveLength(1);
  });

  it('moving to another day moves the one-per-day guard with it', async () => {
    expect(
      (await api('PATCH', `/appointments/${moved.id}`, 'mover', { date: '2026-04-03', start: '10:30' })).json,
    ).toMatchObject({ date: '2026-04-03', start: '10:30' });
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '10:30')).toBe(3);
    expect((await bookAs('mover', { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '11:00' })).status).toBe(
      201,
    );
    expect(
      paths(await bookAs('mover', { hallId: CENTRE, matterCode: ESTATE, date: '2026-04-03', start: '11:00' })),
    ).toEqual(['matterCode:one-per-day']);
  });

  it('cancelling frees the place, once', async () => {
    const booked = await bookAs('canceller', { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '14:30' });
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '14:30')).toBe(2);
    expect((await api('DELETE', `/appointments/${booked.json.id}`, 'alice')).status).toBe(404);
    const cancelled = await api('DELETE', `/appointments/${booked.json.id}`, 'canceller');
    expect([cancelled.status, cancelled.json.status]).toEqual([200, 'CANCELLED']);
    expect(await freeAt(CENTRE, ESTATE, TOMORROW, '14:30')).toBe(3);
    expect((await api('DELETE', `/appointments/${booked.json.id}`, 'canceller')).status).toBe(409);
    expect(
      (await api('PATCH', `/appointments/${booked.json.id}`, 'canceller', { date: TOMORROW, start: '15:00' })).status,
    ).toBe(409);
    expect((await api('GET', '/me/appointments', 'canceller')).json.items.map((a: any) => a.status)).toEqual([
      'CANCELLED',
    ]);
    // The day is free again for this applicant and matter.
    expect(
      (await bookAs('canceller', { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '15:00' })).status,
    ).toBe(201);
    await cloud.idle();
    expect(events('Appointment.Cancelled.v1', booked.json.id)).toHaveLength(1);
    const code = booked.json.checkInCode as string;
    expect((await api('POST', `/halls/${CENTRE}/check-ins`, 'window', { code })).status).toBe(409);
  });
});

describe('check-in', () => {
  let today: Record<string, any>;

  it('works once with the code, from an hour before the slot; a wrong code is not found', async () => {
    today = (await bookAs('early', { hallId: CENTRE, matterCode: ESTATE, date: '2026-04-01', start: '09:00' })).json;
    const tomorrow = (await bookAs('early', { hallId: CENTRE, matterCode: ESTATE, date: TOMORROW, start: '16:00' }))
      .json;
    const tooEarly = await api('POST', `/halls/${CENTRE}/check-ins`, 'window', { code: tomorrow.checkInCode });
    expect([tooEarly.status, paths(tooEarly)]).toEqual([422, ['code:too-early']]);
    const wrong = await api('POST', `/halls/${CENTRE}/check-ins`, 'window', { code: 'ZZZZ2222' });
    expect([wrong.status, paths(wrong)]).toEqual([404, ['code:exists']]);
    expect((await api('POST', `/halls/${GULOU}/check-ins`, 'window', { code: today.checkInCode })).status).toBe(404);
    expect((await api('POST', `/halls/${CENTRE}/check-ins`, 'early', { code: today.checkInCode })).status).toBe(403);

    const checked = await api('POST', `/halls/${CENTRE}/check-ins`, 'window', {
      code: today.checkInCode.toLowerCase(),
    });
    expect(checked.status).toBe(200);
    expect(checked.json).toMatchObject({
      id: today.id,
      status: 'CHECKED_IN',
      applicantSub: 'early',
      checkedInAt: '2026-04-01T00:00:00.000Z',
    });
    expect(checked.json).not.toHaveProperty('checkInCode');
    const twice = await api('POST', `/halls/${CENTRE}/check-ins`, 'window', { code: today.checkInCode });
    expect([twice.status, paths(twice)]).toEqual([409, ['code:once']]);
    await cloud.idle();
    expect(events('Appointment.CheckedIn.v1', today.id)).toHaveLength(1);
  });

  it('shows a hall’s day to supervisors of its region only', async () => {
    expect(
      (await api('GET', `/halls/${CENTRE}/appointments?date=2026-04-01`, 'supervisor')).json.items.map(
        (a: any) => a.id,
      ),
    ).toEqual([today.id]);
    expect((await api('GET', `/halls/${CENTRE}/appointments?date=2026-04-01`, 'gulouSupervisor')).status).toBe(403);
    expect((await api('GET', `/halls/${CENTRE}/appointments?date=2026-04-01`, 'early')).status).toBe(403);
  });
});

describe('the hourly schedules', () => {
  const rushIds = async () =>
    ((await api('GET', `/halls/${CENTRE}/appointments?date=${TOMORROW}`, 'window')).json.items as any[])
      .filter((a) => a.start === '09:00')
      .map((a) => a.id as string);

  it('reminds each booking once, when its slot begins within 24 hours', async () => {
    cloud.clock.advanceTo(new Date('2026-04-01T09:00:00+08:00'));
    await cloud.idle();
    const nine = await rushIds();
    expect(nine).toHaveLength(3);
    for (const id of nine)
      expect(events('Appointment.ReminderDue.v1', id).map((e) => e.detail)).toEqual([
        expect.objectContaining({
          date: TOMORROW,
          start: '09:00',
          startsAt: '2026-04-02T09:00:00+08:00',
          hoursAhead: 24,
        }),
      ]);
    // Tomorrow 10:00 is more than 24 hours away at 09:00: not yet.
    const day = (await api('GET', `/halls/${CENTRE}/appointments?date=${TOMORROW}`, 'window')).json.items as any[];
    const ten = day.filter((a) => a.start === '10:00' && a.status === 'BOOKED').map((a) => a.id as string);
    expect(ten.length).toBeGreaterThan(0);
    for (const id of ten) expect(events('Appointment.ReminderDue.v1', id)).toHaveLength(0);

    cloud.clock.advanceTo(new Date('2026-04-01T10:00:00+08:00'));
    await cloud.idle();
    for (const id of ten) expect(events('Appointment.ReminderDue.v1', id)).toHaveLength(1);
    const again = (await cloud.functions.invoke('appointmentReminders', {})) as { reminded: string[] };
    expect(again.reminded).toEqual([]);
    await cloud.idle();
    for (const id of [...nine, ...ten]) expect(events('Appointment.ReminderDue.v1', id)).toHaveLength(1);
    // The checked-in booking of this morning was never reminded (its slot had begun).
    const all = events('Appointment.ReminderDue.v1');
    expect(new Set(all.map((e) => e.detail.appointmentId)).size).toBe(all.length);
  });

  it('closes check-in and cancellation once the slot began, and marks a booking not checked in NO_SHOW after the grace, once', async () => {
    const nine = await rushIds();
    // One of the three rush bookings, as its owner sees it (with the code).
    const owners = await Promise.all(
      Array.from({ length: 20 }, (_, i) => `rush-${i}`).map(async (sub) => ({
        sub,
        items: (await api('GET', '/me/appointments', sub)).json.items as any[],
      })),
    );
    const { sub: owner, items } = owners.find((o) => o.items.length > 0)!;
    const first = items[0];
    expect(nine).toContain(first.id);
    // The 09:00 runs see a slot that has just begun; by 09:20 its grace is over, but the next run is at 10:00.
    cloud.clock.advanceTo(new Date('2026-04-02T09:00:00+08:00'));
    await cloud.idle();
    cloud.clock.advanceTo(new Date('2026-04-02T09:20:00+08:00'));
    const started = await api('DELETE', `/appointments/${first.id}`, owner);
    expect([started.status, paths(started)]).toEqual([409, ['start:started']]);
    const late = await api('POST', `/halls/${CENTRE}/check-ins`, 'window', { code: first.checkInCode });
    expect([late.status, paths(late)]).toEqual([422, ['code:too-late']]);
    // Not NO_SHOW yet.
    for (const id of nine) expect(events('Appointment.NoShow.v1', id)).toHaveLength(0);

    cloud.clock.advanceTo(new Date('2026-04-02T10:00:00+08:00'));
    await cloud.idle();
    const day = (await api('GET', `/halls/${CENTRE}/appointments?date=${TOMORROW}`, 'window')).json.items as any[];
    expect(day.filter((a) => a.start === '09:00').map((a) => a.status)).toEqual(['NO_SHOW', 'NO_SHOW', 'NO_SHOW']);
    const documents = dynamoDocumentClient();
    for (const id of nine) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: cloud.env.MAIN_TABLE_NAME,
          Key: outboxKey({
            eventId: `${id}.no-show`,
            occurredAt: events('Appointment.NoShow.v1', id)[0]!.detail.occurredAt as string,
          }),
        }),
      );
      expect(Item).toMatchObject({
        detailType: 'Appointment.NoShow.v1',
        source: APPOINTMENTS_SOURCE,
        detail: expect.objectContaining({ appointmentId: id, graceMinutes: 15 }),
      });
      expect(events('Appointment.NoShow.v1', id)).toHaveLength(1);
    }
    const again = (await cloud.functions.invoke('appointmentNoShows', {})) as { noShows: string[] };
    expect(again.noShows).toEqual([]);
    await cloud.idle();
    for (const id of nine) expect(events('Appointment.NoShow.v1', id)).toHaveLength(1);
    // The booking checked in yesterday is no no-show.
    expect(events('Appointment.NoShow.v1').some((e) => e.detail.date === '2026-04-01')).toBe(false);
    expect(((await api('GET', '/me/appointments', owner)).json.items as any[]).map((a) => a.status)).toEqual([
      'NO_SHOW',
    ]);
    expect(paths(await api('POST', `/halls/${CENTRE}/check-ins`, 'window', { code: first.checkInCode }))).toEqual([
      'code:too-late',
    ]);
  });
});

describe('the store under contention (error paths DynamoDB Local does not produce on demand)', () => {
  const conflict = (codes: string[]) =>
    new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });
  const appointment = {
    id: 'a1',
    hallId: CENTRE,
    applicantSub: 's1',
    date: TOMORROW,
    start: '09:00',
    matterCode: ESTATE,
    revision: 1,
    checkInCode: 'ABCD2345',
  } as unknown as Appointment;
  const place = { hallId: CENTRE, date: TOMORROW, start: '09:00', windowId: 'W04', capacity: 3 };
  const event = {
    eventId: 'e1',
    source: APPOINTMENTS_SOURCE,
    detailType: 'Appointment.Booked.v1',
    detail: {},
    occurredAt: '2026-04-01T00:00:00.000Z',
  };

  it('reports a transaction conflict on a booking as a lost race (re-read and retry), and a failed guard as the duplicate it is', async () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
    const mock = mockClient(client);
    const store = dynamoAppointmentStore(client, 'main', () => new Date());
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(conflict(['None', 'TransactionConflict', 'None', 'None', 'None']))
      .rejectsOnce(conflict(['None', 'ConditionalCheckFailed', 'ConditionalCheckFailed', 'None', 'None']));
    await expect(store.book(appointment, place, event)).rejects.toBeInstanceOf(PlaceRaceLostError);
    await expect(store.book(appointment, place, event)).rejects.toMatchObject({
      name: 'ConflictError',
      details: [expect.objectContaining({ path: 'matterCode', rule: 'one-per-day' })],
    });
  });

  it('retries a cancellation that only met a concurrent transaction, and gives up on a changed booking', async () => {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'cn-north-1' }));
    const mock = mockClient(client);
    const store = dynamoAppointmentStore(client, 'main', () => new Date());
    const after = { ...appointment, status: 'CANCELLED', revision: 2 } as Appointment;
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(conflict(['None', 'TransactionConflict', 'None', 'None']))
      .rejectsOnce(conflict(['TransactionConflict', 'None', 'None', 'None']))
      .resolves({});
    await store.cancel(appointment, after, place, event);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
    mock.reset();
    mock.on(TransactWriteCommand).rejects(conflict(['ConditionalCheckFailed', 'None', 'None', 'None']));
    await expect(store.cancel(appointment, after, place, event)).rejects.toBeInstanceOf(ConcurrentChangeError);
  });
});
