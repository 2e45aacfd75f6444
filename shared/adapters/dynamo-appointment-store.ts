import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Appointment,
  CheckInCodeTakenError,
  type Hall,
  type Place,
  PlaceRaceLostError,
  type SlotCounter,
} from '../domain/appointments/model';
import type { AppointmentStore } from '../domain/appointments/ports';
import { ConcurrentChangeError, ConflictError } from '../domain/errors';
import { appointmentItems } from '../db/keys';
import type { TransactItem } from './event-ledger';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { outboxPut } from './outbox';

/**
 * Halls and bookings in the main table.
 *   HALL#<id> / HALL                                   gsi1 HALLS / <regionCode>#<id>: every hall, by region
 *   SLOTS#<hallId>#<date> / <start>#<windowId>         booked (and the capacity it was taken against): one counter per
 *                                                      window and slot, updated only with `booked < capacity`
 *   APPOINTMENT#<id> / APPOINTMENT                     gsi1 APPOINTMENTS#<sub> / <date>T<start>#<id>: an applicant's
 *                                                      gsi2 HALLDAY#<hallId>#<date> / <start>#<id>: a hall's day, by time
 *                                                      (the window's list and the hourly sweeps read these partitions)
 *   APPTGUARD#<sub>#<date>#<matter> / GUARD            one booking per applicant, day and matter (attribute_not_exists)
 *   CHECKIN#<hallId>#<sha256(code)> / CHECKIN          the check-in code's pointer to its booking (the code is not a key)
 * Counters, guards and code pointers expire (TTL) a week after their day. Nothing scans.
 */
const DAY_SECONDS = 86_400;
const {
  hall: HALL,
  slotCounter: SLOTS,
  appointment: APPOINTMENT,
  guard: GUARD,
  checkInCode: CHECK_IN,
} = appointmentItems;
const hallKey = HALL.key;
const appointmentKey = APPOINTMENT.key;
const counterKey = (p: Pick<Place, 'hallId' | 'date' | 'start' | 'windowId'>) => SLOTS.key(p);
const guardKey = (a: Pick<Appointment, 'applicantSub' | 'date' | 'matterCode'>) => GUARD.key(a);
const codeKey = (hallId: string, code: string) => CHECK_IN.key(hallId, createHash('sha256').update(code).digest('hex'));
/** Epoch seconds a week after the end of a day. */
const expiresAfter = (date: string) => Math.floor(Date.parse(`${date}T00:00:00+08:00`) / 1000) + 8 * DAY_SECONDS;

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, expiresAt: _e, ...rest } = item;
  return rest as T;
};

type Reason = { Code?: string } | undefined;
const reasonsOf = (error: unknown): Reason[] | undefined =>
  error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : undefined;
const failed = (reasons: Reason[], index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
const raced = (error: unknown, reasons: Reason[] | undefined) =>
  reasons?.some((r) => r?.Code === 'TransactionConflict') ||
  (error instanceof Error && error.name === 'TransactionConflictException');

export function dynamoAppointmentStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date,
): AppointmentStore {
  const hallItem = (hall: Hall) => ({
    ...hallKey(hall.id),
    type: HALL.type,
    ...hall,
    gsi1pk: HALL.list,
    gsi1sk: HALL.listSort(hall.regionCode, hall.id),
  });
  const appointmentItem = (a: Appointment) => ({
    ...appointmentKey(a.id),
    type: APPOINTMENT.type,
    ...a,
    gsi1pk: APPOINTMENT.applicantList(a.applicantSub),
    gsi1sk: APPOINTMENT.applicantSort(a.date, a.start, a.id),
    gsi2pk: APPOINTMENT.hallDay(a.hallId, a.date),
    gsi2sk: APPOINTMENT.hallDaySort(a.start, a.id),
  });
  const putAppointment = (a: Appointment, expectRevision?: number): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: appointmentItem(a),
      ...(expectRevision === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#revision = :revision',
            ExpressionAttributeNames: { '#revision': 'revision' },
            ExpressionAttributeValues: { ':revision': expectRevision },
          }),
    },
  });
  /** Takes a place: conditional on one being free, so no slot is ever overbooked, whatever runs concurrently. */
  const take = (p: Place): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: counterKey(p),
      UpdateExpression:
        'SET #booked = if_not_exists(#booked, :zero) + :one, #capacity = :capacity, #type = :type, hallId = :hall, #date = :date, #start = :start, windowId = :window, expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(#booked) OR #booked < :capacity',
      ExpressionAttributeNames: {
        '#booked': 'booked',
        '#capacity': 'capacity',
        '#type': 'type',
        '#date': 'date',
        '#start': 'start',
      },
      ExpressionAttributeValues: {
        ':zero': 0,
        ':one': 1,
        ':capacity': p.capacity,
        ':type': SLOTS.type,
        ':hall': p.hallId,
        ':date': p.date,
        ':start': p.start,
        ':window': p.windowId,
        ':expires': expiresAfter(p.date),
      },
    },
  });
  const release = (p: Place): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: counterKey(p),
      UpdateExpression: 'SET #booked = #booked - :one',
      ConditionExpression: '#booked >= :one',
      ExpressionAttributeNames: { '#booked': 'booked' },
      ExpressionAttributeValues: { ':one': 1 },
    },
  });
  const putGuard = (a: Appointment): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: { ...guardKey(a), type: GUARD.type, appointmentId: a.id, expiresAt: expiresAfter(a.date) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  const deleteGuard = (a: Appointment): TransactItem => ({
    Delete: {
      TableName: tableName,
      Key: guardKey(a),
      ConditionExpression: '#appointment = :id',
      ExpressionAttributeNames: { '#appointment': 'appointmentId' },
      ExpressionAttributeValues: { ':id': a.id },
    },
  });
  const duplicate = (a: Appointment) =>
    new ConflictError(`You already hold a booking for ${a.matterCode} on ${a.date}; reschedule or cancel it first`, [
      {
        path: 'matterCode',
        rule: 'one-per-day',
        message: `one booking per applicant, matter and day (${a.date})`,
        messageZh: '同一事项同一天只能预约一次',
      },
    ]);

  async function write(items: TransactItem[]) {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  }

  /** Conflicts between transactions on the same items are no one's fault: tried again a few times, with jitter. */
  async function writeRetryingConflicts(items: TransactItem[], onConditionFailed: (reasons: Reason[]) => Error) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write(items);
      } catch (error) {
        const reasons = reasonsOf(error);
        if (raced(error, reasons) && attempt < 8) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
          continue;
        }
        if (reasons) throw onConditionFailed(reasons);
        throw error;
      }
    }
  }

  async function queryAll(
    input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>,
  ) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  return {
    async getHall(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: hallKey(id) }));
      return Item ? strip<Hall>(Item) : undefined;
    },

    async listHalls(regionPrefix) {
      const items = await queryAll({
        IndexName: 'gsi1',
        KeyConditionExpression: regionPrefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': HALL.list, ...(regionPrefix ? { ':prefix': regionPrefix } : {}) },
      });
      return items.map((i) => strip<Hall>(i));
    },

    async putHall(hall, mode) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: hallItem(hall),
            ...(mode === 'create' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          }),
        );
        return true;
      } catch (error) {
        if (mode === 'create' && error instanceof Error && error.name === 'ConditionalCheckFailedException')
          return false;
        throw error;
      }
    },

    async slotCounters(hallId, date, start) {
      const items = await queryAll({
        KeyConditionExpression: start ? 'pk = :pk AND begins_with(sk, :start)' : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': SLOTS.partition(hallId, date),
          ...(start ? { ':start': `${start}#` } : {}),
        },
        ConsistentRead: true,
      });
      return items.map(
        (i) =>
          ({
            start: i.start as string,
            windowId: i.windowId as string,
            booked: Number(i.booked ?? 0),
          }) satisfies SlotCounter,
      );
    },

    async get(id) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: appointmentKey(id), ConsistentRead: true }),
      );
      return Item ? strip<Appointment>(Item) : undefined;
    },

    async findByCheckInCode(hallId, code) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: codeKey(hallId, code), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { Item: found } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: appointmentKey(Item.appointmentId as string),
          ConsistentRead: true,
        }),
      );
      return found ? strip<Appointment>(found) : undefined;
    },

    async listByApplicant(sub, limit, cursor) {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': APPOINTMENT.applicantList(sub) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, `appointments:${sub}`),
        }),
      );
      const nextCursor = encodeCursor(page.LastEvaluatedKey, `appointments:${sub}`);
      return { items: (page.Items ?? []).map((i) => strip<Appointment>(i)), ...(nextCursor ? { nextCursor } : {}) };
    },

    async listByHallDate(hallId, date, options = {}) {
      // Sort keys are '<start>#<id>': '~' sorts after every id character, so `to` includes that minute's bookings.
      const range = options.from || options.to ? ' AND gsi2sk BETWEEN :from AND :to' : '';
      const items = await queryAll({
        IndexName: 'gsi2',
        KeyConditionExpression: `gsi2pk = :pk${range}`,
        ...(options.status
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        ExpressionAttributeValues: {
          ':pk': APPOINTMENT.hallDay(hallId, date),
          ...(range ? { ':from': options.from ?? '00:00', ':to': `${options.to ?? '23:59'}~` } : {}),
          ...(options.status ? { ':status': options.status } : {}),
        },
      });
      return items.map((i) => strip<Appointment>(i));
    },

    async book(appointment, place, event) {
      try {
        await write([
          putAppointment(appointment),
          take(place),
          putGuard(appointment),
          {
            Put: {
              TableName: tableName,
              Item: {
                ...codeKey(appointment.hallId, appointment.checkInCode),
                type: CHECK_IN.type,
                appointmentId: appointment.id,
                expiresAt: expiresAfter(appointment.date),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          outboxPut(tableName, event, now()),
        ]);
      } catch (error) {
        const reasons = reasonsOf(error);
        if (reasons && failed(reasons, 2)) throw duplicate(appointment);
        if (raced(error, reasons) || (reasons && failed(reasons, 1)))
          throw new PlaceRaceLostError(`The place at window ${place.windowId} went to someone else`);
        if (reasons && failed(reasons, 3)) throw new CheckInCodeTakenError('The check-in code is taken at this hall');
        if (reasons) throw new ConcurrentChangeError(`Booking ${appointment.id} could not be written`);
        throw error;
      }
    },

    async reschedule(before, after, places, event) {
      const dayChanges = before.date !== after.date;
      const items = [
        putAppointment(after, before.revision),
        take(places.take),
        release(places.release),
        ...(dayChanges ? [deleteGuard(before), putGuard(after)] : []),
        outboxPut(tableName, event, now()),
      ];
      try {
        await write(items);
      } catch (error) {
        const reasons = reasonsOf(error);
        if (reasons && failed(reasons, 0))
          throw new ConcurrentChangeError(`Booking ${before.id} changed meanwhile; read it again`);
        if (reasons && dayChanges && failed(reasons, 4)) throw duplicate(after);
        if (raced(error, reasons) || (reasons && failed(reasons, 1)))
          throw new PlaceRaceLostError(`The place at window ${places.take.windowId} went to someone else`);
        if (reasons) throw new ConcurrentChangeError(`Booking ${before.id} could not be moved`);
        throw error;
      }
    },

    async cancel(before, after, place, event) {
      await writeRetryingConflicts(
        [
          putAppointment(after, before.revision),
          release(place),
          deleteGuard(before),
          outboxPut(tableName, event, now()),
        ],
        (reasons) =>
          failed(reasons, 0)
            ? new ConcurrentChangeError(`Booking ${before.id} changed meanwhile; read it again`)
            : new ConcurrentChangeError(`Booking ${before.id} could not be cancelled`),
      );
    },

    async update(before, after, event) {
      await writeRetryingConflicts(
        [putAppointment(after, before.revision), outboxPut(tableName, event, now())],
        () => new ConcurrentChangeError(`Booking ${before.id} changed meanwhile; read it again`),
      );
    },
  };
}
