import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Complaint, ListQuery, Rectification } from '../domain/engagement/model';
import type { EngagementStore } from '../domain/engagement/ports';
import { ConcurrentChangeError } from '../domain/errors';
import { type ComplaintContact, LANGUAGES } from '../domain/messaging/model';
import { engagementItems } from '../db/keys';
import type { TransactItem } from './event-ledger';
import { decodeCursor, encodeCursor } from './dynamo-cursor';
import { outboxPut } from './outbox';
import { transactWrite } from './transact';

/**
 * Rectifications and complaints in the main table.
 *   RECTIFICATION#<caseId>.R / RECTIFICATION   gsi1 RECT#<dept>#<status>, gsi2 RECT#<status>; sort keys <dueDate>#<id>
 *   COMPLAINT#<id> / COMPLAINT                 gsi1 COMPLAINTS#<dept>#<status>, gsi2 COMPLAINTS#<status>; the same sort
 * gsi1 is a department's list, gsi2 the supervisors' list of every department; both the earliest due first, and
 * both move when the status changes (the item is rewritten with its new keys). Nothing scans.
 */
const { rectification: RECTIFICATION, complaint: COMPLAINT } = engagementItems;
const rectificationKey = RECTIFICATION.key;
const complaintKey = COMPLAINT.key;

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, type: _t, ...rest } = item;
  return rest as T;
};

export function dynamoEngagementStore(
  client: DynamoDBDocumentClient,
  tableName: string,
  now: () => Date,
): EngagementStore {
  const rectificationItem = (r: Rectification) => ({
    ...rectificationKey(r.id),
    type: RECTIFICATION.type,
    ...r,
    ...listKeys(RECTIFICATION.listPrefix, r),
  });
  // The messaging consumer reads `contact`, `language` and `complainantSub` of this item (readComplaintContact).
  const complaintItem = (c: Complaint) => ({
    ...complaintKey(c.id),
    type: COMPLAINT.type,
    ...c,
    ...listKeys(COMPLAINT.listPrefix, c),
  });
  const condition = (expect: 'new' | 'open') =>
    expect === 'new'
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'open' },
        };

  async function list<T>(prefix: string, query: ListQuery) {
    const [index, key] = query.department
      ? ['gsi1', engagementItems.departmentList(prefix, query.department, query.status)]
      : ['gsi2', engagementItems.statusList(prefix, query.status)];
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': key },
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor, `${index}:${key}`),
      }),
    );
    const nextCursor = encodeCursor(page.LastEvaluatedKey, `${index}:${key}`);
    return { items: (page.Items ?? []).map((i) => strip<T>(i)), ...(nextCursor ? { nextCursor } : {}) };
  }

  return {
    rectificationPut(r, expect): TransactItem {
      return { Put: { TableName: tableName, Item: rectificationItem(r), ...condition(expect) } };
    },

    async getRectification(id) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: rectificationKey(id), ConsistentRead: true }),
      );
      return Item ? strip<Rectification>(Item) : undefined;
    },

    listRectifications: (query) => list<Rectification>(RECTIFICATION.listPrefix, query),

    async putComplaint(complaint, expect, event) {
      try {
        await transactWrite(client, {
          TransactItems: [
            { Put: { TableName: tableName, Item: complaintItem(complaint), ...condition(expect) } },
            outboxPut(tableName, event, now()),
          ],
        });
      } catch (error) {
        if (
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
        ) {
          throw new ConcurrentChangeError(
            expect === 'new'
              ? `Complaint ${complaint.id} exists already`
              : `Complaint ${complaint.id} was answered meanwhile`,
          );
        }
        throw error;
      }
    },

    async getComplaint(id) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: complaintKey(id), ConsistentRead: true }),
      );
      return Item ? strip<Complaint>(Item) : undefined;
    },

    listComplaints: (query) => list<Complaint>(COMPLAINT.listPrefix, query),
  };
}

/** gsi1 a department's list, gsi2 every department's, both by due date: they move when the status changes. */
function listKeys(prefix: string, item: { department: string; status: string; dueDate: string; id: string }) {
  const sort = engagementItems.dueSort(item.dueDate, item.id);
  return {
    gsi1pk: engagementItems.departmentList(prefix, item.department, item.status),
    gsi1sk: sort,
    gsi2pk: engagementItems.statusList(prefix, item.status),
    gsi2sk: sort,
  };
}

/**
 * What messaging needs of a complaint to answer its complainant: the contact, the subject and the language, read
 * with a projection, so its text and the rest stay with the complaints context.
 */
export async function readComplaintContact(
  client: DynamoDBDocumentClient,
  tableName: string,
  complaintId: string,
): Promise<ComplaintContact | undefined> {
  const { Item: item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: complaintKey(complaintId),
      ProjectionExpression: '#contact, #sub, #language',
      ExpressionAttributeNames: { '#contact': 'contact', '#sub': 'complainantSub', '#language': 'language' },
    }),
  );
  if (!item) return undefined;
  const contact = (item.contact ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const language = LANGUAGES.find((l) => l === item.language);
  const phone = text(contact.phone);
  const email = text(contact.email);
  const name = text(contact.name);
  const complainantSub = text(item.complainantSub);
  return {
    contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
    ...(complainantSub ? { complainantSub } : {}),
    ...(language ? { language } : {}),
  };
}
