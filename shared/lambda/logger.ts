import { Logger } from '@aws-lambda-powertools/logger';
import { maskingReplacer } from './mask';

/**
 * The function's one structured JSON logger (Powertools), named by SERVICE_NAME (the topology's function name).
 * Every log line passes through the masking replacer, so personal data and secrets never reach CloudWatch even when
 * a whole object is logged. The handler chains log through children of it (`logger.createChild()`), so the keys
 * one chain appends (its route, its event) stay off the other chains' lines.
 */
export const logger: Logger = new Logger({
  serviceName: process.env.SERVICE_NAME ?? 'one-stop',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: maskingReplacer,
});
