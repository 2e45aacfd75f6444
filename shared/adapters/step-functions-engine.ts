import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { WorkflowEngine } from '../domain/workflow/ports';

/** Errors that mean the token no longer waits: answered already, timed out, or its execution ended. */
const GONE = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export function stepFunctionsEngine(
  client: SFNClient,
): WorkflowEngine & { start(stateMachineArn: string, name: string, input: unknown): Promise<'started' | 'exists'> } {
  const answer = async (send: () => Promise<unknown>): Promise<'done' | 'gone'> => {
    try {
      await send();
      return 'done';
    } catch (error) {
      if (error instanceof Error && GONE.has(error.name)) return 'gone';
      throw error;
    }
  };
  return {
    taskSuccess: (token, output) =>
      answer(() => client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }))),
    taskFailure: (token, error, cause) =>
      answer(() => client.send(new SendTaskFailureCommand({ taskToken: token, error, cause: cause.slice(0, 32_000) }))),
    /** Execution names come from the case: a second start of the same case is refused by Step Functions itself. */
    async start(stateMachineArn, name, input) {
      try {
        await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
        return 'started';
      } catch (error) {
        if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return 'exists';
        throw error;
      }
    },
  };
}
