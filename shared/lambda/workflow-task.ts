import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { type $ZodType, type output, safeParse } from 'zod/v4/core';
import { validationErrorFromZod } from './error-response';
import { logger as functionLogger } from './logger';

/**
 * The workflow-task chain for functions that Step Functions invokes: parse the input, run the use case, return its
 * result. Errors keep their `name`, which is what the state machine's Retry and Catch match on.
 */
export function workflowTask<S extends $ZodType, R>(inputSchema: S, useCase: (input: output<S>) => Promise<R>) {
  return directInvokeChain('workflow task failed', inputSchema, useCase);
}

/**
 * The chain for functions that a schedule (EventBridge Scheduler) invokes, such as sweeps and the reconciler: the
 * same parse-run-return as a workflow task, and a failure thrown so that the scheduler's retries see it.
 */
export function scheduledJob<S extends $ZodType, R>(inputSchema: S, job: (input: output<S>) => Promise<R>) {
  return directInvokeChain('scheduled job failed', inputSchema, job);
}

/** What both chains share: a function invoked with its input as the event, not through an HTTP API or a queue. */
function directInvokeChain<S extends $ZodType, R>(
  failure: string,
  inputSchema: S,
  useCase: (input: output<S>) => Promise<R>,
) {
  const logger = functionLogger.createChild();
  return middy<unknown, R, Error, Context>()
    .use({
      before: (request) => {
        logger.addContext(request.context);
      },
      onError: (request) => {
        logger.error(failure, request.error as Error);
      },
    })
    .handler(async (input) => {
      // zod's core parse: input schemas may be written with either of its APIs.
      const parsed = safeParse(inputSchema, input);
      if (!parsed.success) throw validationErrorFromZod(parsed.error, 'input');
      return useCase(parsed.data);
    });
}
