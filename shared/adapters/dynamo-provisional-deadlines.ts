import { DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProvisionalIndex } from '../domain/calendar/provisional';

/**
 * The cases with a deadline counted Monday to Friday in a year whose holiday notice is not loaded: one item per year
 * and case (`PROVISIONAL#<year>` / `CASE#<id>`), written in the transaction that set the deadline and removed in the
 * one that re-dates it, so loading a year's notice finds exactly its cases with one query, no scan.
 */
export function dynamoProvisionalIndex(client: DynamoDBDocumentClient, tableName: string): ProvisionalIndex {
  const key = (caseId: string, year: number) => ({ pk: `PROVISIONAL#${year}`, sk: `CASE#${caseId}` });
  return {
    mark(caseId, years) {
      // A plain Put: marking a case twice (a retried command, a second deadline of the same case) is harmless.
      return years.map((year) => ({ Put: { TableName: tableName, Item: { ...key(caseId, year), type: 'ProvisionalDeadline', caseId, year } } }));
    },
    unmark(caseId, year) {
      return { Delete: { TableName: tableName, Key: key(caseId, year) } };
    },
    async remove(caseId, year) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: key(caseId, year) }));
    },
    async casesOf(year) {
      const ids: string[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PROVISIONAL#${year}` }, ConsistentRead: true, ExclusiveStartKey }),
        );
        for (const item of page.Items ?? []) ids.push(item.caseId as string);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return ids;
    },
  };
}
