import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { validationErrorFromZod } from './error-response';
import { createLogger } from './logger';

/**
 * The workflow-task chain for functions that Step Functions invokes: parse the input, run the use case, return its
 * result. Errors keep their `name`, which is what the state machine's Retry and Catch match on.
 */
export function workflowTask<S extends z.ZodType, R>(inputSchema: S, useCase: (input: z.infer<S>) => Promise<R>) {
  const logger = createLogger(process.env.SERVICE_NAME ?? 'one-stop');
  return middy<unknown, R, Error, Context>()
    .use({
      before: (request) => {
        logger.addContext(request.context);
      },
      onError: (request) => {
        logger.error('workflow task failed', request.error as Error);
      },
    })
    .handler(async (input) => {
      const parsed = inputSchema.safeParse(input);
      if (!parsed.success) throw validationErrorFromZod(parsed.error, 'input');
      return useCase(parsed.data);
    });
}
