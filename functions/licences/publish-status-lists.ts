import * as z from 'zod/mini';
import { statusListPublisherDeps } from '../../shared/adapters/status-list-deps';
import { publishStatusLists } from '../../shared/domain/licences/status-list-publication';
import { scheduledJob } from '../../shared/lambda/workflow-task';

const ready = statusListPublisherDeps();

/**
 * Signs the status lists that changed or are near their expiry, and stores them for the public function to serve.
 * Run by a licence's status change (the event) and on a schedule (renewal); a run with nothing to do signs nothing.
 */
export const handler = scheduledJob(z.looseObject({}), async () => publishStatusLists(await ready));
