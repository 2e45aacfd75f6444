import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { provisionalItems } from '../db/keys';
import type { ProvisionalIndex } from '../domain/calendar/ports';

/**
 * The cases with a deadline counted Monday to Friday in a year whose holiday notice is not loaded: one item per year
 * and case (`PROVISIONAL#<year>` / `CASE#<id>`), written in the transaction that set the deadline and removed in the
 * one that re-dates it, so loading a year's notice finds exactly its cases with one query, no scan. Complaints (which
 * need not belong to a case) are listed beside them (`COMPLAINT#<id>`).
 */
export function dynamoProvisionalIndex(client: DynamoDBDocumentClient, tableName: string): ProvisionalIndex {
  const key = provisionalItems.caseKey;
  const complaintKey = provisionalItems.complaintKey;
  /** The ids listed under a year with this sort-key prefix, page by page. */
  async function listed(year: number, prefix: string): Promise<string[]> {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': provisionalItems.partition(year), ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) ids.push((item.sk as string).slice(prefix.length));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return ids;
  }
  return {
    mark(caseId, years) {
      // A plain Put: marking a case twice (a retried command, a second deadline of the same case) is harmless.
      return years.map((year) => ({
        Put: { TableName: tableName, Item: { ...key(caseId, year), type: provisionalItems.type, caseId, year } },
      }));
    },
    unmark(caseId, year) {
      return { Delete: { TableName: tableName, Key: key(caseId, year) } };
    },
    async remove(caseId, year) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: key(caseId, year) }));
    },
    casesOf: (year) => listed(year, provisionalItems.casePrefix),
    async markComplaint(complaintId, years) {
      // Usually one year; a plain Put each, so a retried complaint lists it again harmlessly.
      for (const year of years)
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...complaintKey(complaintId, year), type: provisionalItems.type, complaintId, year },
          }),
        );
    },
    async removeComplaint(complaintId, year) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: complaintKey(complaintId, year) }));
    },
    complaintsOf: (year) => listed(year, provisionalItems.complaintPrefix),
  };
}
