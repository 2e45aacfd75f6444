import { applicationDeps } from '../../shared/adapters/application-deps';
import { engagementDeps } from '../../shared/adapters/engagement-deps';
import { calendarLoaded } from '../../shared/contracts/calendar-events';
import { redateYear } from '../../shared/domain/calendar/redate';
import { eventConsumer } from '../../shared/lambda/event-consumer';
import { logger } from '../../shared/lambda/logger';

const deps = applicationDeps();
// Rectifications are re-dated with their case, complaints on their own.
const { engagement } = engagementDeps();

/**
 * Calendar.Loaded.v1 → every open deadline counted Monday to Friday in the loaded year is re-dated by its notice
 * (cases, tasks, post-checks, the delivery of results, rectifications, and complaints), each case in its own transaction with Application.DeadlinesRedated.v1, which moves
 * supervision's watches and tells the applicant. A redelivered event finds nothing left to re-date.
 */
export const handler = eventConsumer(calendarLoaded.detail, async ({ detail }) => {
  const provisional = deps.provisional;
  if (!provisional) throw new Error('The provisional-deadline index is not configured');
  const counts = await redateYear(detail.year, { ...deps, provisional, engagement });
  logger.info('deadlines re-dated', { year: detail.year, ...counts });
});
