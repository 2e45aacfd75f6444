import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, ListExecutionsCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LocalCloud } from '../../infra/local/cloud';
import { localStateMachineArn } from '../../infra/local/names';
import { dynamoDocumentClient, eventBridgeClient, sfnClient } from '../../shared/adapters/aws-clients';
import { applicationAccepted, type ApplicationAcceptedDetail } from '../../shared/contracts/events';
import { acceptedDetail } from '../fixtures/events';
import { eventually } from '../support/http';

let cloud: LocalCloud;
const procedureArn = localStateMachineArn('procedure');

beforeAll(async () => {
  cloud = await LocalCloud.start({ clock: 'manual', startTime: new Date('2026-03-02T01:00:00Z') });
});
afterAll(() => cloud?.stop());

const accepted = acceptedDetail;

async function waitingTasks(department: string): Promise<{ id: string; caseId: string; stageIndex: number; taskToken: string }[]> {
  const { Items = [] } = await dynamoDocumentClient().send(
    new QueryCommand({
      TableName: process.env.MAIN_TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `DEPT#${department}#WAITING` },
    }),
  );
  return Items as never;
}

async function taskOf(department: string, caseId: string) {
  return eventually(`a waiting task of ${department} for ${caseId}`, async () => (await waitingTasks(department)).find((t) => t.caseId === caseId));
}

async function executionOf(caseId: string) {
  const { executions = [] } = await sfnClient().send(new ListExecutionsCommand({ stateMachineArn: procedureArn }));
  for (const e of executions) {
    const described = await sfnClient().send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
    if (JSON.parse(described.input ?? '{}').caseId === caseId) return described;
  }
  return undefined;
}

async function putAccepted(detail: ApplicationAcceptedDetail) {
  const result = await eventBridgeClient().send(
    new PutEventsCommand({
      Entries: [{ Source: applicationAccepted.source, DetailType: applicationAccepted.detailType, Detail: JSON.stringify(detail), EventBusName: process.env.EVENT_BUS_NAME ?? 'one-stop-local-bus' }],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
}

describe('the procedure state machine in the local cloud', () => {
  it('runs stages in order and tasks in parallel, each resumed by SendTaskSuccess from the real SFNClient', async () => {
    await putAccepted(
      accepted('c1', [
        { tasks: [{ department: 'SAMR', name: '食品经营许可审查', timeLimitDays: 10 }, { department: 'HEALTH', name: '卫生审查', timeLimitDays: 10 }] },
        { tasks: [{ department: 'URBAN', name: '招牌审查', timeLimitDays: 5 }] },
      ]),
    );
    const samr = await taskOf('SAMR', 'c1');
    const health = await taskOf('HEALTH', 'c1');
    expect(samr.taskToken).not.toBe(health.taskToken);
    expect(samr.stageIndex).toBe(0);

    await sfnClient().send(new SendTaskSuccessCommand({ taskToken: samr.taskToken, output: JSON.stringify({ decision: 'approve' }) }));
    await cloud.idle();
    // The second stage waits for every task of the first.
    expect((await waitingTasks('URBAN')).some((t) => t.caseId === 'c1')).toBe(false);
    expect((await executionOf('c1'))?.status).toBe('RUNNING');

    await sfnClient().send(new SendTaskSuccessCommand({ taskToken: health.taskToken, output: JSON.stringify({ decision: 'approve' }) }));
    const urban = await taskOf('URBAN', 'c1');
    expect(urban.stageIndex).toBe(1);
    await sfnClient().send(new SendTaskHeartbeatCommand({ taskToken: urban.taskToken }));
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken: urban.taskToken, output: JSON.stringify({ decision: 'approve' }) }));

    const done = await eventually('the execution to finish', async () => {
      const e = await executionOf('c1');
      return e?.status === 'RUNNING' ? undefined : e;
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).decisions).toEqual([[{ decision: 'approve' }, { decision: 'approve' }], [{ decision: 'approve' }]]);
  });

  it('fails the execution with the department’s error when a task is rejected', async () => {
    await putAccepted(accepted('c2', [{ tasks: [{ department: 'SAMR', name: '审查', timeLimitDays: 10 }] }]));
    const task = await taskOf('SAMR', 'c2');
    await sfnClient().send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: 'Rejected', cause: '场所不符合要求' }));
    const done = await eventually('the execution to fail', async () => {
      const e = await executionOf('c2');
      return e?.status === 'RUNNING' ? undefined : e;
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('Rejected');
  });

  it('answers a token that is no longer waiting with TaskDoesNotExist, as AWS does', async () => {
    await putAccepted(accepted('c3', [{ tasks: [{ department: 'TAX', name: '审查', timeLimitDays: 3 }] }]));
    const task = await taskOf('TAX', 'c3');
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }));
    await expect(sfnClient().send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{}' }))).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('times a waiting task out on the movable clock', async () => {
    await putAccepted(accepted('c4', [{ tasks: [{ department: 'POLICE', name: '审查', timeLimitDays: 3 }] }]));
    await taskOf('POLICE', 'c4');
    cloud.clock.advance(366 * 24 * 3600 * 1000);
    const done = await eventually('the execution to time out', async () => {
      const e = await executionOf('c4');
      return e?.status === 'RUNNING' ? undefined : e;
    });
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Timeout');
  });

  it('refuses to start a second execution with the same name and another input', async () => {
    const input = JSON.stringify(accepted('c5', [{ tasks: [{ department: 'HR', name: '审查', timeLimitDays: 3 }] }]));
    const first = await sfnClient().send(new StartExecutionCommand({ stateMachineArn: procedureArn, name: 'case-c5', input }));
    const again = await sfnClient().send(new StartExecutionCommand({ stateMachineArn: procedureArn, name: 'case-c5', input }));
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      sfnClient().send(new StartExecutionCommand({ stateMachineArn: procedureArn, name: 'case-c5', input: JSON.stringify({ ...JSON.parse(input), caseNumber: 'other' }) })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });
});
