import { notifyDeps } from '../../shared/adapters/messaging-deps';
import { notify } from '../../shared/domain/messaging/notify';
import { NOTIFIED_CONTRACTS } from '../../shared/domain/messaging/templates';
import { eventsConsumer } from '../../shared/lambda/event-consumer';
import { logger } from '../../shared/lambda/logger';

const deps = notifyDeps();

/**
 * 统一消息: every status change that matters to someone reaches them: the inbox always, SMS and e-mail where they
 * gave a contact and consented (department heads: escalations). A failed send throws, so EventBridge redelivers and
 * only what is not yet sent is sent again. Logs carry ids, the detail-type, channels and masked recipients only.
 */
export const handler = eventsConsumer(NOTIFIED_CONTRACTS, async (event) => {
  const outcome = await notify({ detailType: event.detailType, detail: event.detail }, deps);
  logger.info('notified', {
    notifiedEventId: event.detail.eventId,
    envelopeId: event.id,
    detailType: event.detailType,
    ...(outcome.skipped ? { skipped: outcome.skipped } : {}),
    inbox: outcome.inbox,
    deliveries: outcome.deliveries.map((d) => `${d.channel} ${d.messageId} ${d.recipient} ${d.status}`),
  });
});
