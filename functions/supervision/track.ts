import { type SupervisionDeps, supervisionDeps } from '../../shared/adapters/supervision-deps';
import { track, TRACKED_CONTRACTS } from '../../shared/domain/supervision/track';
import { eventsConsumer } from '../../shared/lambda/event-consumer';

// Built at the first event, not at import (tests import this module before the local cloud sets the environment).
let deps: SupervisionDeps | undefined;

/** 电子监察: deadline events → watches, their warnings and overdue notices, and the departments' efficiency. */
export const handler = eventsConsumer(TRACKED_CONTRACTS, async (event) => {
  deps ??= supervisionDeps();
  await track({ detailType: event.detailType, detail: event.detail }, deps);
});
