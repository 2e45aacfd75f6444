import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalEventBus, PutEventsEntry } from './event-bus';
import { faultInjector } from './fault-injector';
import { AwsApiError, type LocalExecution, type LocalStepFunctions } from './step-functions';

/**
 * A small AWS-JSON endpoint: the real SFNClient and EventBridgeClient talk to it through AWS_ENDPOINT_URL_SFN and
 * AWS_ENDPOINT_URL_EVENTBRIDGE. It answers the operations the platform uses, with AWS's error names.
 */
export function startAwsEndpoint(
  stepFunctions: LocalStepFunctions,
  bus: LocalEventBus,
  port = 0,
): Promise<{ server: Server; url: string }> {
  const epoch = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);
  const describe = (e: LocalExecution) => ({
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epoch(e.startDate),
    stopDate: epoch(e.stopDate),
    input: e.input,
    output: e.output,
    error: e.error,
    cause: e.cause,
  });

  // The soak's fault (off unless a fault injector is installed): a task token's answers fail (500, after the SDK's
  // retries too) for 30 s, so the caller's answer is lost and the execution waits until the reconciler answers.
  const lostAnswers = new Map<string, number>();
  const answerLost = (token: string) => {
    const injector = faultInjector();
    if (!injector?.enabled) return false;
    const until = lostAnswers.get(token);
    if (until !== undefined && Date.now() < until) return true;
    if (!injector.roll('task-answer')) return false;
    lostAnswers.set(token, Date.now() + 30_000);
    return true;
  };

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    'AWSStepFunctions.StartExecution': (b) => {
      const e = stepFunctions.startExecution(
        String(b.stateMachineArn),
        b.input as string | undefined,
        b.name as string | undefined,
      );
      return { executionArn: e.executionArn, startDate: epoch(e.startDate) };
    },
    'AWSStepFunctions.DescribeExecution': (b) => describe(stepFunctions.describeExecution(String(b.executionArn))),
    'AWSStepFunctions.ListExecutions': (b) => ({
      executions: stepFunctions
        .listExecutions(String(b.stateMachineArn))
        .filter((e) => !b.statusFilter || e.status === b.statusFilter)
        .map((e) => ({
          executionArn: e.executionArn,
          stateMachineArn: e.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: epoch(e.startDate),
          stopDate: epoch(e.stopDate),
        })),
    }),
    'AWSStepFunctions.ListStateMachines': () => ({
      stateMachines: stepFunctions
        .stateMachineArns()
        .map((arn) => ({ stateMachineArn: arn, name: arn.split(':').pop(), type: 'STANDARD', creationDate: 0 })),
    }),
    'AWSStepFunctions.SendTaskSuccess': (b) => {
      if (answerLost(String(b.taskToken))) throw new Error('Injected: the task answer was lost');
      stepFunctions.sendTaskSuccess(String(b.taskToken), String(b.output));
      return {};
    },
    'AWSStepFunctions.SendTaskFailure': (b) => {
      if (answerLost(String(b.taskToken))) throw new Error('Injected: the task answer was lost');
      stepFunctions.sendTaskFailure(String(b.taskToken), b.error as string | undefined, b.cause as string | undefined);
      return {};
    },
    'AWSStepFunctions.SendTaskHeartbeat': (b) => {
      stepFunctions.sendTaskHeartbeat(String(b.taskToken));
      return {};
    },
    'AWSEvents.PutEvents': (b) => {
      if (bus.takePutEventsFault()) throw new Error('Injected PutEvents failure'); // answered as 500 InternalFailure
      return bus.putEvents(b.Entries as PutEventsEntry[]);
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const contentType = target.startsWith('AWSEvents.') ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': crypto.randomUUID() });
        res.end(JSON.stringify(body));
      };
      const operation = operations[target];
      if (!operation)
        return send(400, { __type: 'UnknownOperationException', message: `Operation ${target} is not served locally` });
      try {
        send(200, operation(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>));
      } catch (error) {
        if (error instanceof AwsApiError) return send(error.status, { __type: error.name, message: error.message });
        const e = error as Error;
        if (e.name === 'ValidationException') return send(400, { __type: e.name, message: e.message });
        send(500, { __type: 'InternalFailure', message: 'Internal failure' });
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });
}
