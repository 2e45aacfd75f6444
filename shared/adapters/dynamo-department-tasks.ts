import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import type { DepartmentTask, DepartmentTaskStore } from '../domain/workflow/department-task';

const key = (id: string) => ({ pk: `TASK#${id}`, sk: 'TASK' });

export function dynamoDepartmentTaskStore(client: DynamoDBDocumentClient, tableName: string): DepartmentTaskStore {
  return {
    async create(task) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...key(task.id),
              gsi1pk: `DEPT#${task.department}#${task.status}`,
              gsi1sk: `${task.openedAt}#${task.id}`,
              type: 'DepartmentTask',
              ...task,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new ConflictError(`Task ${task.id} already exists`);
        throw error;
      }
    },
    async get(id) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }));
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...task } = Item;
      return task as DepartmentTask;
    },
  };
}
