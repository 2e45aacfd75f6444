import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors';
import type { DepartmentContact, InboxMessage, PersonalContact } from '../domain/messaging/model';
import { type ItemKey, messageItems } from '../db/keys';
import { readComplaintContact } from './dynamo-engagement-store';
import type { MessageStore } from '../domain/messaging/ports';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { type EventLedger, LEDGER_RETENTION_DAYS, type TransactItem } from './event-ledger';
import { INBOX_CONSUMER } from '../domain/messaging/notify';
import { transactWrite } from './transact';

/**
 * Messaging in the main table.
 *   INBOX#<recipient> / MSG#<id>       an inbox message (ids sort by the event's time, so a reverse query is newest
 *                                      first); while unread, gsi1 INBOX#<recipient>#UNREAD / <id> (the unread page)
 *   INBOX#<recipient> / UNREAD         the unread counter, changed in the same transaction as the messages
 *   CONTACT#<sub> / CONTACT            a person's phone, e-mail, language and consent
 *   CONTACT#DEPT#<code> / CONTACT      a department head's contact for escalations
 *   MESSAGE#<id> / DELIVERY            one SMS or e-mail: claimed (with a lease) before the send, marked sent after
 * Recipients: a person's subject, or DEPT#<code> for a department's shared inbox. Complaint items (COMPLAINT#<id>)
 * belong to the complaints context: their contact is read through its adapter (readComplaintContact).
 */
const {
  message: MESSAGE,
  unreadCounter: UNREAD,
  contact: CONTACT,
  departmentContact: DEPARTMENT_CONTACT,
  delivery: DELIVERY,
} = messageItems;
const inboxKey = messageItems.inbox;
const messageKey = MESSAGE.key;
const counterKey = UNREAD.key;
const unreadIndexKey = messageItems.unreadList;
const contactKey = CONTACT.key;
const departmentContactKey = DEPARTMENT_CONTACT.key;
const deliveryKey = DELIVERY.key;

/** How long a claimed send may take before another delivery of the event may try again. */
export const DELIVERY_LEASE_SECONDS = 60;

const toMessage = (item: Record<string, unknown>): InboxMessage => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, type: _t, ...rest } = item;
  return rest as unknown as InboxMessage;
};

export function dynamoMessageStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  ledger: EventLedger,
): MessageStore {
  const get = async (key: ItemKey) => (await client.send(new GetCommand({ TableName: tableName, Key: key }))).Item;

  return {
    async getContact(sub) {
      const item = await get(contactKey(sub));
      if (!item) return undefined;
      return {
        ...(item.phone ? { phone: item.phone as string } : {}),
        ...(item.email ? { email: item.email as string } : {}),
        language: item.language as PersonalContact['language'],
        optIn: { sms: item.optInSms === true, email: item.optInEmail === true },
        updatedAt: item.updatedAt as string,
      };
    },

    async putContact(sub, contact) {
      const { optIn, ...rest } = contact;
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...contactKey(sub), type: CONTACT.type, ...rest, optInSms: optIn.sms, optInEmail: optIn.email },
        }),
      );
    },

    async getDepartmentContact(code) {
      const item = await get(departmentContactKey(code));
      if (!item) return undefined;
      return {
        ...(item.phone ? { phone: item.phone as string } : {}),
        ...(item.email ? { email: item.email as string } : {}),
        language: item.language as DepartmentContact['language'],
        updatedAt: item.updatedAt as string,
      };
    },

    async putDepartmentContact(code, contact) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...departmentContactKey(code), type: DEPARTMENT_CONTACT.type, department: code, ...contact },
        }),
      );
    },

    // Complaints belong to the engagement context: its adapter reads the contact of one.
    getComplaintContact: (complaintId) => readComplaintContact(client, tableName, complaintId),

    async writeInbox(eventId, messages) {
      const items: TransactItem[] = messages.map((m) => ({
        Put: {
          TableName: tableName,
          Item: {
            ...messageKey(m.recipientKey, m.id),
            type: MESSAGE.type,
            ...m,
            gsi1pk: unreadIndexKey(m.recipientKey),
            gsi1sk: m.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }));
      // One counter update per recipient: a transaction may touch an item only once.
      const perRecipient = new Map<string, number>();
      for (const m of messages) perRecipient.set(m.recipientKey, (perRecipient.get(m.recipientKey) ?? 0) + 1);
      for (const [recipient, n] of perRecipient) {
        items.push({
          Update: {
            TableName: tableName,
            Key: counterKey(recipient),
            UpdateExpression: 'SET #type = :type ADD #count :n',
            ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
            ExpressionAttributeValues: { ':type': UNREAD.type, ':n': n },
          },
        });
      }
      return ledger.writeOnce(INBOX_CONSUMER, eventId, items);
    },

    async listInbox(recipient, { unreadOnly, limit, cursor }) {
      const start = decodeInboxCursor(cursor, recipient, unreadOnly);
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          ...(unreadOnly
            ? {
                IndexName: 'gsi1',
                KeyConditionExpression: 'gsi1pk = :pk',
                ExpressionAttributeValues: { ':pk': unreadIndexKey(recipient) },
              }
            : {
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
                ExpressionAttributeValues: { ':pk': inboxKey(recipient), ':msg': MESSAGE.prefix },
              }),
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      );
      const nextCursor = encodeCursor(page.LastEvaluatedKey, inboxList(recipient, unreadOnly));
      return { items: (page.Items ?? []).map(toMessage), ...(nextCursor ? { nextCursor } : {}) };
    },

    async unreadCount(recipient) {
      const item = await get(counterKey(recipient));
      return Math.max(0, Number(item?.count ?? 0));
    },

    async markRead(recipient, id, at) {
      const key = messageKey(recipient, id);
      const item = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      if (!item.Item) return undefined;
      const message = toMessage(item.Item);
      if (message.read) return message;
      const readAt = at.toISOString();
      try {
        await transactWrite(client, {
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: key,
                UpdateExpression: 'SET #read = :true, readAt = :at REMOVE gsi1pk, gsi1sk',
                ConditionExpression: '#read = :false',
                ExpressionAttributeNames: { '#read': 'read' },
                ExpressionAttributeValues: { ':true': true, ':false': false, ':at': readAt },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: counterKey(recipient),
                UpdateExpression: 'ADD #count :minus',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':minus': -1 },
              },
            },
          ],
        });
      } catch (error) {
        // Marked read meanwhile by another request: the counter went down there, once.
        if (
          !(
            error instanceof TransactionCanceledException &&
            error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
          )
        )
          throw error;
        const again = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        return again.Item ? toMessage(again.Item) : undefined;
      }
      const { gsi1pk: _a, gsi1sk: _b, ...rest } = { ...message } as InboxMessage & { gsi1pk?: string; gsi1sk?: string };
      return { ...rest, read: true, readAt };
    },

    async claimDelivery(claim, now) {
      const nowIso = now.toISOString();
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: deliveryKey(claim.messageId),
            UpdateExpression:
              'SET #type = :type, #eventId = :eventId, #detailType = :detailType, #channel = :channel, #recipient = :recipient, #createdAt = if_not_exists(#createdAt, :now), ' +
              '#status = :sending, #lease = :lease, #expires = :expires ADD #attempts :one',
            ConditionExpression:
              'attribute_not_exists(pk) OR (#status <> :sent AND (attribute_not_exists(#lease) OR #lease < :now))',
            ExpressionAttributeNames: {
              '#type': 'type',
              '#status': 'status',
              '#eventId': 'eventId',
              '#detailType': 'detailType',
              '#channel': 'channel',
              '#recipient': 'recipientKey',
              '#createdAt': 'createdAt',
              '#lease': 'leaseUntil',
              '#expires': 'expiresAt',
              '#attempts': 'attempts',
            },
            ExpressionAttributeValues: {
              ':type': DELIVERY.type,
              ':eventId': claim.eventId,
              ':detailType': claim.detailType,
              ':channel': claim.channel,
              ':recipient': claim.recipientKey,
              ':now': nowIso,
              ':sending': 'sending',
              ':sent': 'sent',
              ':lease': new Date(now.getTime() + DELIVERY_LEASE_SECONDS * 1000).toISOString(),
              ':expires': Math.floor(now.getTime() / 1000) + LEDGER_RETENTION_DAYS * 24 * 3600,
              ':one': 1,
            },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = await client.send(
          new GetCommand({
            TableName: tableName,
            Key: deliveryKey(claim.messageId),
            ConsistentRead: true,
            ProjectionExpression: '#status',
            ExpressionAttributeNames: { '#status': 'status' },
          }),
        );
        return existing.Item?.status === 'sent' ? 'sent' : 'busy';
      }
    },

    async finishDelivery(messageId, outcome, at) {
      const sent = outcome.status === 'sent';
      const provider = sent && outcome.providerMessageId ? outcome.providerMessageId : undefined;
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: deliveryKey(messageId),
          UpdateExpression: sent
            ? `SET #status = :status, #sentAt = :at${provider ? ', #provider = :provider' : ''} REMOVE #lease, #error`
            : 'SET #status = :status, #failedAt = :at, #error = :error REMOVE #lease',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#lease': 'leaseUntil',
            '#error': 'lastError',
            ...(sent
              ? { '#sentAt': 'sentAt', ...(provider ? { '#provider': 'providerMessageId' } : {}) }
              : { '#failedAt': 'failedAt' }),
          },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':at': at.toISOString(),
            ...(provider ? { ':provider': provider } : {}),
            ...(outcome.status === 'failed' ? { ':error': outcome.error } : {}),
          },
        }),
      );
    },
  };
}

/** A cursor is only ever a key of the caller's own inbox: anything else is refused, not queried. */
const inboxList = (recipient: string, unreadOnly: boolean | undefined) =>
  `inbox:${recipient}:${unreadOnly ? 'unread' : 'all'}`;

function decodeInboxCursor(
  cursor: string | undefined,
  recipient: string,
  unreadOnly: boolean | undefined,
): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let key: Record<string, unknown> | undefined;
  try {
    key = decodeCursor(cursor, inboxList(recipient, unreadOnly));
  } catch {
    key = undefined;
  }
  if (!key || key.pk !== inboxKey(recipient) || typeof key.sk !== 'string') {
    throw new ValidationError('The cursor is not one this inbox gave out', [
      { path: 'query.cursor', rule: 'cursor', message: 'not a cursor of this inbox' },
    ]);
  }
  return key;
}
