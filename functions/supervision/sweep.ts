import * as z from 'zod';
import { supervisionDeps } from '../../shared/adapters/supervision-deps';
import { sweep } from '../../shared/domain/supervision/sweep';
import { logger } from '../../shared/lambda/logger';
import { logSweepFailures } from '../../shared/lambda/sweep';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const deps = supervisionDeps();

/** Hourly: the watches whose level changed since the last swept date turn yellow or red, each with its notice. */
export const handler = scheduledJob(z.object({}).loose(), async () => {
  const result = await sweep(deps);
  const failed = logSweepFailures(logger, 'supervision', result.failed);
  // Alarmed (HolidayNoticeMissing): an operator's reminder every hour until an administrator loads the notice.
  if (result.noticeMissing) logger.warn('holiday notice missing', { year: result.noticeMissing });
  return {
    today: result.today,
    dates: result.dates.length,
    changed: result.changed,
    notices: result.notices,
    failed,
    ...(result.noticeMissing ? { noticeMissing: result.noticeMissing } : {}),
  };
});
