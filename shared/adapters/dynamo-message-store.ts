import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors';
import type { DepartmentContact, ExternalChannel, InboxMessage, PersonalContact } from '../domain/messaging/model';
import { type ItemKey, messageItems } from '../db/keys';
import { readComplaintContact } from './dynamo-engagement-store';
import type { MessageStore } from '../domain/messaging/ports';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { LEDGER_RETENTION_DAYS } from './event-ledger';

/**
 * Messaging in the main table.
 *   INBOX#<recipient> / MSG#<id>       an inbox message (ids sort by the event's time, so a reverse query is newest
 *                                      first); while unread, gsi1 INBOX#<recipient>#UNREAD / <id> (the unread page,
 *                                      and the unread count, counted there); one conditional put per message, its
 *                                      id derived from the event and recipient, is the consumer's exactly-once guard
 *   INBOX#<recipient> / UNREAD         the unread counter of earlier releases: no longer written or read
 *   CONTACT#<sub> / CONTACT            a person's phone, e-mail, language and consent
 *   CONTACT#DEPT#<code> / CONTACT      a department head's contact for escalations
 *   MESSAGE#<id> / DELIVERY            one event's SMS and e-mail to one recipient: claimed (with a lease) before the
 *                                      sends, each channel marked sent after them
 * Recipients: a person's subject, or DEPT#<code> for a department's shared inbox. Complaint items (COMPLAINT#<id>)
 * belong to the complaints context: their contact is read through its adapter (readComplaintContact).
 */
const { message: MESSAGE, contact: CONTACT, departmentContact: DEPARTMENT_CONTACT, delivery: DELIVERY } = messageItems;
const inboxKey = messageItems.inbox;
const messageKey = MESSAGE.key;
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

const CHANNEL_SENT = { sms: 'smsSentAt', email: 'emailSentAt' } as const;
const CHANNEL_PROVIDER = { sms: 'smsProviderMessageId', email: 'emailProviderMessageId' } as const;

export function dynamoMessageStore(client: DynamoDBDocumentClient, tableName: string): MessageStore {
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

    async writeInbox(_eventId, messages) {
      // One conditional put per message: a redelivered (or concurrently delivered) event finds its message there.
      const results = await Promise.all(
        messages.map(async (m) => {
          try {
            await client.send(
              new PutCommand({
                TableName: tableName,
                Item: {
                  ...messageKey(m.recipientKey, m.id),
                  type: MESSAGE.type,
                  ...m,
                  gsi1pk: unreadIndexKey(m.recipientKey),
                  gsi1sk: m.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              }),
            );
            return true;
          } catch (error) {
            if (error instanceof ConditionalCheckFailedException) return false;
            throw error;
          }
        }),
      );
      return results.some(Boolean) ? 'written' : 'duplicate';
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
      // Counted on the unread index: what it holds is exactly what is unread, with no counter to keep in step.
      let count = 0;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': unreadIndexKey(recipient) },
            Select: 'COUNT',
            ExclusiveStartKey,
          }),
        );
        count += page.Count ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    },

    async markRead(recipient, id, at) {
      const key = messageKey(recipient, id);
      const item = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
      if (!item.Item) return undefined;
      const message = toMessage(item.Item);
      if (message.read) return message;
      const readAt = at.toISOString();
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: key,
            UpdateExpression: 'SET #read = :true, readAt = :at REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#read = :false',
            ExpressionAttributeNames: { '#read': 'read' },
            ExpressionAttributeValues: { ':true': true, ':false': false, ':at': readAt },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toMessage(Attributes) : { ...message, read: true, readAt };
      } catch (error) {
        // Marked read meanwhile by another request: its answer stands.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const again = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
        return again.Item ? toMessage(again.Item) : undefined;
      }
    },

    async claimDelivery(claim, now) {
      const nowIso = now.toISOString();
      const channelValues = Object.fromEntries(claim.channels.map((c, i) => [`:ch${i}`, c]));
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: deliveryKey(claim.deliveryId),
            UpdateExpression:
              'SET #type = :type, #eventId = :eventId, #detailType = :detailType, #recipient = :recipient, ' +
              '#createdAt = if_not_exists(#createdAt, :now), #status = :sending, #lease = :lease, #expires = :expires ' +
              'ADD #attempts :one',
            // Free, or its lease ran out, and some channel asked for is not sent yet.
            ConditionExpression: `attribute_not_exists(pk) OR ((attribute_not_exists(#lease) OR #lease < :now) AND NOT (${claim.channels.map((_, i) => `contains(#sent, :ch${i})`).join(' AND ')}))`,
            ExpressionAttributeNames: {
              '#type': 'type',
              '#status': 'status',
              '#eventId': 'eventId',
              '#detailType': 'detailType',
              '#recipient': 'recipientKey',
              '#createdAt': 'createdAt',
              '#lease': 'leaseUntil',
              '#expires': 'expiresAt',
              '#attempts': 'attempts',
              '#sent': 'sent',
            },
            ExpressionAttributeValues: {
              ':type': DELIVERY.type,
              ':eventId': claim.eventId,
              ':detailType': claim.detailType,
              ':recipient': claim.recipientKey,
              ':now': nowIso,
              ':sending': 'sending',
              ':lease': new Date(now.getTime() + DELIVERY_LEASE_SECONDS * 1000).toISOString(),
              ':expires': Math.floor(now.getTime() / 1000) + LEDGER_RETENTION_DAYS * 24 * 3600,
              ':one': 1,
              ...channelValues,
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { claimed: true, sent: sentChannels(Attributes) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = await client.send(
          new GetCommand({
            TableName: tableName,
            Key: deliveryKey(claim.deliveryId),
            ConsistentRead: true,
            ProjectionExpression: '#sent',
            ExpressionAttributeNames: { '#sent': 'sent' },
          }),
        );
        // Every channel sent, or another delivery holds the lease on those that are not.
        return { claimed: false, sent: sentChannels(existing.Item) };
      }
    },

    async finishDelivery(deliveryId, outcomes, at) {
      const sent = outcomes.filter((o) => o.status === 'sent');
      const failed = outcomes.filter((o) => o.status === 'failed');
      const names: Record<string, string> = { '#status': 'status', '#lease': 'leaseUntil', '#error': 'lastError' };
      const values: Record<string, unknown> = { ':at': at.toISOString() };
      const sets: string[] = [];
      for (const o of sent) {
        names[`#${o.channel}At`] = CHANNEL_SENT[o.channel];
        sets.push(`#${o.channel}At = :at`);
        if (o.providerMessageId) {
          names[`#${o.channel}Provider`] = CHANNEL_PROVIDER[o.channel];
          values[`:${o.channel}Provider`] = o.providerMessageId;
          sets.push(`#${o.channel}Provider = :${o.channel}Provider`);
        }
      }
      if (failed.length > 0) {
        names['#failedAt'] = 'failedAt';
        values[':error'] = failed.map((f) => `${f.channel}: ${f.error}`).join(', ');
        values[':failed'] = 'failed';
        sets.push('#status = :failed', '#failedAt = :at', '#error = :error');
      } else {
        values[':sent'] = 'sent';
        sets.push('#status = :sent');
      }
      if (sent.length > 0) {
        names['#sent'] = 'sent';
        values[':channels'] = new Set(sent.map((o) => o.channel));
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: deliveryKey(deliveryId),
          UpdateExpression: `SET ${sets.join(', ')}${sent.length > 0 ? ' ADD #sent :channels' : ''} REMOVE #lease${failed.length > 0 ? '' : ', #error'}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    },
  };
}

/** The channels a delivery record says were sent (a string set). */
function sentChannels(item: Record<string, unknown> | undefined): ExternalChannel[] {
  const sent = item?.sent;
  const list = sent instanceof Set ? [...sent] : Array.isArray(sent) ? sent : [];
  return list.filter((c): c is ExternalChannel => c === 'sms' || c === 'email');
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
