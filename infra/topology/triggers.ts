import { applicationAccepted, applicationWithdrawn } from '../../shared/contracts/application-events';
import {
  applicationApproved,
  applicationRejected,
  commitmentBreached,
  taskDecided,
  taskOpened,
} from '../../shared/contracts/workflow-events';
import { patternFor } from '../../shared/contracts/all-events';
import { calendarLoaded } from '../../shared/contracts/calendar-events';
import { COUNTED_CONTRACTS } from '../../shared/domain/analytics/counting';
import { NOTIFIED_CONTRACTS } from '../../shared/domain/messaging/templates';
import { RESULT_CONTRACTS } from '../../shared/domain/delivery/dispatch';
import { PAYMENT_CASE_CONTRACTS, paymentPaid } from '../../shared/contracts/payment-events';
import { TRACKED_CONTRACTS } from '../../shared/domain/supervision/track';
import { LICENCE_EVENTS } from '../../shared/contracts/licence-events';
import type { Topology } from '../topology-model';

/**
 * The events after which a status list's bits differ: its publisher runs at once, not at the next renewal. Kept here,
 * not in the publisher's module, so that the publisher's bundle carries no event contract.
 */
const STATUS_CHANGING_LICENCE_EVENTS = LICENCE_EVENTS.filter((e) =>
  [
    'Licence.Revoked.v1',
    'Licence.Suspended.v1',
    'Licence.Resumed.v1',
    'Licence.Changed.v1',
    'Licence.Renewed.v1',
  ].includes(e.detailType),
);

/**
 * What starts functions and state machines besides HTTP: event rules and schedules, each in one list for the whole
 * platform because the local cloud starts same-time deliveries and schedules in this order.
 */
export const triggers = {
  rules: [
    {
      name: 'start-review-on-acceptance',
      description: 'An accepted case enters review: its procedure (or its bundle) starts',
      pattern: { source: [applicationAccepted.source], 'detail-type': [applicationAccepted.detailType] },
      target: { function: 'startReview' },
    },
    {
      name: 'resume-workflow-on-decision',
      description: 'A department’s decision resumes its waiting task; a withdrawal stops the case’s tasks',
      pattern: {
        source: [taskDecided.source, applicationWithdrawn.source],
        'detail-type': [taskDecided.detailType, applicationWithdrawn.detailType],
      },
      target: { function: 'resumeWorkflow' },
    },
    {
      name: 'commitment-breached',
      description: '告知承诺制: a commitment found false on its post-check revokes the licence',
      pattern: { source: [commitmentBreached.source], 'detail-type': [commitmentBreached.detailType] },
      target: { function: 'revokeOnBreach' },
    },
    {
      name: 'redate-deadlines-on-calendar',
      description: 'A holiday notice loaded: provisional deadlines in its year are re-dated',
      pattern: { source: [calendarLoaded.source], 'detail-type': [calendarLoaded.detailType] },
      target: { function: 'redateDeadlines' },
    },
    {
      name: 'bundle-member-completed',
      description: 'A member case of a bundle completed: the bundle moves on',
      pattern: {
        source: [applicationApproved.source, applicationWithdrawn.source],
        'detail-type': [
          applicationApproved.detailType,
          applicationRejected.detailType,
          applicationWithdrawn.detailType,
        ],
        detail: { parentCaseId: [{ exists: true }] },
      },
      target: { function: 'memberCompleted' },
    },
    {
      name: 'dispatch-task-to-department',
      description: 'A task opened reaches its department’s own system (webhook or exchange folder)',
      pattern: { source: [taskOpened.source], 'detail-type': [taskOpened.detailType] },
      target: { function: 'dispatchIntegration' },
    },
    {
      name: 'supervision-track',
      description: 'Supervision: deadlines opened, paused, moved and closed, from the events that change them',
      pattern: patternFor(TRACKED_CONTRACTS),
      target: { function: 'supervisionTrack' },
    },
    {
      name: 'payment-orders',
      description:
        'Payments: a charged case accepted gets its fee order; a paid case rejected or withdrawn is refunded',
      pattern: patternFor(PAYMENT_CASE_CONTRACTS),
      target: { function: 'paymentCaseEvents' },
    },
    {
      name: 'resume-on-payment',
      description: 'Payments: a paid fee ends the procedure’s wait for it',
      pattern: patternFor([paymentPaid]),
      target: { function: 'paymentResume' },
    },
    {
      name: 'issue-licence-when-due',
      description: 'Licences: an approved case that owes nothing, or whose fee is paid, gets its licence',
      pattern: patternFor([applicationApproved, paymentPaid]),
      target: { function: 'issueLicence' },
    },
    {
      name: 'deliver-on-result',
      description: 'Delivery: a ready result is shipped by post or made ready for pickup at the window',
      pattern: patternFor(RESULT_CONTRACTS),
      target: { function: 'deliverOnResult' },
    },
    {
      name: 'notify-people',
      description: 'Messaging: every status change that matters to a person reaches them',
      pattern: patternFor(NOTIFIED_CONTRACTS),
      target: { function: 'notify' },
    },
    {
      name: 'count-indicators',
      description: 'Analytics: each event that moves an indicator is counted once',
      pattern: patternFor(COUNTED_CONTRACTS),
      target: { function: 'analyticsRecord' },
    },
    {
      name: 'publish-status-lists',
      description:
        'Licences: a revocation, suspension, resumption or new version gets its status list signed and stored at ' +
        'once',
      pattern: patternFor(STATUS_CHANGING_LICENCE_EVENTS),
      target: { function: 'publishStatusLists' },
    },
  ],

  schedules: [
    {
      name: 'deem-acceptance',
      description: 'Hourly: cases past their acceptance deadline count as accepted',
      expression: 'rate(1 hour)',
      target: { function: 'deemAcceptance' },
    },
    {
      name: 'retry-deliveries',
      description: 'Every minute: webhook deliveries due for another attempt',
      expression: 'rate(1 minute)',
      target: { function: 'retryDeliveries' },
    },
    {
      name: 'licence-expiry',
      description: 'Daily at 00:30: licences that expired yesterday are announced',
      expression: 'cron(30 0 * * ? *)',
      target: { function: 'licenceExpiry' },
    },
    {
      name: 'renew-status-lists',
      description: 'Every 5 minutes: status lists with less than a third of their validity left are signed again',
      expression: 'rate(5 minutes)',
      target: { function: 'publishStatusLists' },
    },
    {
      name: 'exchange-inbox',
      description: 'Every minute: decision files dropped in the exchange folders',
      expression: 'rate(1 minute)',
      target: { function: 'exchangeInbox' },
    },
    {
      name: 'supervision-sweep',
      description: 'Hourly: deadlines that turned yellow or red are flagged and their departments told',
      expression: 'rate(1 hour)',
      target: { function: 'supervisionSweep' },
    },
    {
      name: 'reconcile',
      description: 'Every 15 minutes: what is stuck is found, counted (an alarm per kind) and repaired',
      expression: 'rate(15 minutes)',
      target: { function: 'reconcile' },
    },
    {
      name: 'track-shipments',
      description: 'Every 30 minutes: open shipments are tracked with the courier',
      expression: 'rate(30 minutes)',
      target: { function: 'trackShipments' },
    },
    {
      name: 'appointment-reminders',
      description: 'Hourly, on the hour: reminders for the bookings of the next hours',
      expression: 'cron(0 * * * ? *)',
      target: { function: 'appointmentReminders' },
    },
    {
      name: 'appointment-no-shows',
      description: 'Hourly, on the hour: bookings past their grace period without a check-in',
      expression: 'cron(0 * * * ? *)',
      target: { function: 'appointmentNoShows' },
    },
  ],
} as const satisfies Pick<Topology, 'rules' | 'schedules'>;
