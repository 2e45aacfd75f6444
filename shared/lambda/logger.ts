import { Logger } from '@aws-lambda-powertools/logger';
import { maskingReplacer } from './mask';

/**
 * One structured JSON logger per function (Powertools). Every log line passes through the masking replacer,
 * so personal data and secrets never reach CloudWatch even when a whole object is logged.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({
    serviceName,
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
    jsonReplacerFn: maskingReplacer,
  });
}
