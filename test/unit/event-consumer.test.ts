import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { applicationAccepted, type ApplicationAcceptedDetail } from '../../shared/contracts/application-events';
import { departmentTaskInputSchema } from '../../shared/domain/workflow/task';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../../shared/domain/errors';
import { type ConsumedEvent, eventConsumer } from '../../shared/lambda/event-consumer';
import { workflowTask } from '../../shared/lambda/workflow-task';
import { acceptedDetail } from '../fixtures/events';
import { lambdaContext } from '../support/lambda';

const detail: ApplicationAcceptedDetail = acceptedDetail('C-2026-000123', [
  { tasks: [{ department: 'SAMR', name: '食品经营许可审查', timeLimitDays: 10 }] },
]);

function eventBridgeEvent(eventDetail: unknown): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': applicationAccepted.detailType,
    source: applicationAccepted.source,
    account: '123456789012',
    time: '2026-03-02T01:00:00Z',
    region: 'cn-north-1',
    resources: [],
    detail: eventDetail,
  };
}

// The chains log failures through Powertools; keep the test output quiet.
beforeEach(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => jest.restoreAllMocks());

describe('eventConsumer', () => {
  it('hands the use case the event id, detail-type, source, time and the parsed detail', async () => {
    const seen: ConsumedEvent<ApplicationAcceptedDetail>[] = [];
    const handler = eventConsumer(applicationAccepted.detail, async (event) => {
      seen.push(event);
    });
    await handler(eventBridgeEvent(detail), lambdaContext());
    expect(seen).toEqual([
      {
        id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        detailType: 'Application.Accepted.v1',
        source: 'gov.one-stop.applications',
        time: '2026-03-02T01:00:00Z',
        detail,
      },
    ]);
  });

  it('passes the detail as the schema outputs it (defaults applied, unknown keys stripped)', async () => {
    const schema = z.object({ caseId: z.string(), channel: z.string().default('web') });
    const seen: unknown[] = [];
    await eventConsumer(schema, async (event) => void seen.push(event.detail))(
      eventBridgeEvent({ caseId: 'C-1', extra: true }),
      lambdaContext(),
    );
    expect(seen).toEqual([{ caseId: 'C-1', channel: 'web' }]);
  });

  it('throws a ValidationError naming the detail path for an invalid detail, without running the use case', async () => {
    const useCase = jest.fn(async () => undefined);
    const handler = eventConsumer(applicationAccepted.detail, useCase);
    const { caseId: _omitted, ...withoutCaseId } = detail;
    const error = await handler(eventBridgeEvent({ ...withoutCaseId, stages: 'none' }), lambdaContext()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).name).toBe('ValidationError');
    expect((error as ValidationError).details.map((d) => d.path).sort()).toEqual(['detail.caseId', 'detail.stages']);
    expect(useCase).not.toHaveBeenCalled();
  });

  it('throws for a missing detail', async () => {
    await expect(
      eventConsumer(applicationAccepted.detail, async () => undefined)(eventBridgeEvent(undefined), lambdaContext()),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('rethrows what the use case throws, so EventBridge retries and finally dead-letters the event', async () => {
    const failure = new Error('DynamoDB throttled');
    const handler = eventConsumer(applicationAccepted.detail, async () => {
      throw failure;
    });
    await expect(handler(eventBridgeEvent(detail), lambdaContext())).rejects.toBe(failure);
  });
});

describe('workflowTask', () => {
  const input = {
    caseId: 'C-2026-000123',
    stageIndex: 0,
    task: { department: 'SAMR', name: '食品经营许可审查', timeLimitDays: 10 },
    taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAA',
  };

  it('returns the use case result for valid input, which it receives parsed', async () => {
    const useCase = jest.fn(async (parsed: z.infer<typeof departmentTaskInputSchema>) => ({
      taskId: `${parsed.caseId}.${parsed.stageIndex}.${parsed.task.department}`,
    }));
    const handler = workflowTask(departmentTaskInputSchema, useCase);
    await expect(handler({ ...input, ignored: 'x' }, lambdaContext())).resolves.toEqual({
      taskId: 'C-2026-000123.0.SAMR',
    });
    expect(useCase).toHaveBeenCalledWith(input);
  });

  it.each([
    ['ConflictError', new ConflictError('another token holds this task')],
    ['NotFoundError', new NotFoundError('no such case')],
    ['RuleViolationError', new RuleViolationError('the matter was withdrawn')],
  ])('rethrows a %s with its name, which Step Functions Catch matches on', async (name, domainError) => {
    const handler = workflowTask(departmentTaskInputSchema, async () => {
      throw domainError;
    });
    const error = await handler(input, lambdaContext()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBe(domainError);
    expect((error as Error).name).toBe(name);
    expect((error as Error).message).toBe(domainError.message);
  });

  it('rethrows an unexpected error unchanged', async () => {
    const failure = new TypeError('cannot read properties of undefined');
    await expect(
      workflowTask(departmentTaskInputSchema, async () => Promise.reject(failure))(input, lambdaContext()),
    ).rejects.toBe(failure);
  });

  it('throws a ValidationError naming the input path for invalid input, without running the use case', async () => {
    const useCase = jest.fn(async () => 'never');
    const error = await workflowTask(departmentTaskInputSchema, useCase)(
      { ...input, stageIndex: -1, taskToken: '' },
      lambdaContext(),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).name).toBe('ValidationError');
    expect((error as ValidationError).details.map((d) => `${d.path}:${d.rule}`).sort()).toEqual([
      'input.stageIndex:too_small',
      'input.taskToken:too_small',
    ]);
    expect(useCase).not.toHaveBeenCalled();
  });
});
