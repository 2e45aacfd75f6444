import * as z from 'zod';
import { caseIdOf, reconcilePorts } from '../../shared/adapters/reconcile-deps';
import { parseEnv } from '../../shared/config/env';
import {
  findingMessage,
  RECONCILE_DEFAULTS,
  reconcile,
  type ReconcilePorts,
} from '../../shared/domain/workflow/reconcile';
import { logger } from '../../shared/lambda/logger';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const env = parseEnv({
  MAIN_TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  PROCEDURE_STATE_MACHINE_ARN: z.string().min(1),
  BUNDLE_STATE_MACHINE_ARN: z.string().min(1),
  /**
   * Minutes the normal path gets before the reconciler steps in. Also how far behind now its cursor over the outbox
   * stays, so in a stage it must exceed the longest a command takes to commit after its events' instant (its
   * function's timeout, 5 minutes at most); tests on a still clock set 0.
   */
  RECONCILE_GRACE_MINUTES: z.coerce.number().nonnegative().default(RECONCILE_DEFAULTS.graceMinutes),
});

const ports: ReconcilePorts = {
  ...reconcilePorts(env),

  report({ kind, event, repair, outcome, error }) {
    // Ids and kinds only: no personal data. The message is the metric filter's: one metric and alarm per kind.
    const fields = {
      kind,
      eventId: event.eventId,
      detailType: event.detailType,
      caseId: caseIdOf(event.detail) || undefined,
      repair,
      outcome,
      ...(error ? { error } : {}),
    };
    if (outcome === 'failed') logger.error(findingMessage(kind), fields);
    else logger.warn(findingMessage(kind), fields);
  },

  unreadable(event, error) {
    logger.error('reconcile: item not examined', {
      eventId: event.eventId,
      detailType: event.detailType,
      error: error.name,
    });
  },
};

/** Every 15 minutes: what is stuck is found, logged and counted (an alarm per kind), and repaired. */
export const handler = scheduledJob(z.object({}).loose(), async () => {
  const result = await reconcile(ports, { ...RECONCILE_DEFAULTS, graceMinutes: env.RECONCILE_GRACE_MINUTES });
  // Kinds as values: the logger masks keys that look like secrets ("…token").
  logger.info('reconciled', {
    examined: result.examined,
    repaired: result.repaired,
    failed: result.failed,
    findings: Object.entries(result.findings).map(([kind, count]) => ({ kind, count })),
  });
  return result;
});
