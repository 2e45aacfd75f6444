// What the events around a case add: ratings, rectifications, post-checks, complaints, appointments, deliveries,
// payments and overdue deadlines.
import type { z } from 'zod';
import type { APPOINTMENT_EVENTS } from '../../contracts/appointment-events';
import type { deliveryDelivered } from '../../contracts/delivery-events';
import type {
  complaintAnswered,
  complaintReceived,
  ratingSubmitted,
  rectificationAnswered,
  rectificationOpened,
} from '../../contracts/engagement-events';
import type { paymentOrdered, paymentPaid, paymentRefunded } from '../../contracts/payment-events';
import type { deadlineOverdue } from '../../contracts/supervision-events';
import type { postCheckCompleted } from '../../contracts/workflow-events';
import { type Counter, type Dimensions, NONE } from './counters';
import { caseDimensions, contribution, type Detail, dayOf, type Rule } from './counting-rule';

type AppointmentDetail = z.infer<(typeof APPOINTMENT_EVENTS)[number]['detail']>;
const appointmentDimensions = (d: AppointmentDetail): Dimensions => ({
  day: dayOf(d.occurredAt),
  matter: d.matterCode,
  department: d.department,
  region: d.regionCode,
  channel: NONE,
});
const appointment = (counter: Counter): Rule<AppointmentDetail> => ({
  count: (d) =>
    contribution(appointmentDimensions(d), { [counter]: 1, ...(counter === 'checkIns' ? { visits: 1 } : {}) }),
});
type OverdueDetail = Detail<typeof deadlineOverdue>;
type ComplaintDetail = Detail<typeof complaintReceived> | Detail<typeof complaintAnswered>;

const complaintDimensions = (d: ComplaintDetail): Dimensions => ({
  day: dayOf(d.occurredAt),
  matter: d.matterCode ?? NONE,
  department: d.responsibleDepartment,
  region: d.regionCode,
  channel: NONE,
});
const rectificationDimensions = (d: Detail<typeof rectificationOpened>): Dimensions => ({
  ...caseDimensions(d),
  department: d.responsibleDepartment,
});

/** The counting rules of the events around a case. */
export const SERVICE_RULES = {
  'Rating.Submitted.v1': {
    count: (d) =>
      contribution(caseDimensions(d), {
        ratings: 1,
        ratingAbility: d.ability,
        ratingAttitude: d.attitude,
        ratingEffect: d.effect,
        badRatings: d.bad ? 1 : 0,
      }),
  } satisfies Rule<Detail<typeof ratingSubmitted>>,
  'Rectification.Opened.v1': {
    count: (d) => contribution(rectificationDimensions(d), { rectificationsOpened: 1 }),
  } satisfies Rule<Detail<typeof rectificationOpened>>,
  'Rectification.Answered.v1': {
    count: (d) =>
      contribution(rectificationDimensions(d), {
        rectificationsAnswered: 1,
        rectificationsAnsweredOnTime: d.onTime ? 1 : 0,
      }),
  } satisfies Rule<Detail<typeof rectificationAnswered>>,
  'PostCheck.Completed.v1': {
    count: (d) =>
      contribution(
        {
          day: dayOf(d.occurredAt),
          matter: d.matterCode,
          department: d.responsibleDepartment,
          region: d.regionCode,
          channel: d.channel,
        },
        { postChecksDone: 1, postChecksOnTime: d.onTime ? 1 : 0, commitmentsFalse: d.commitmentHeld ? 0 : 1 },
      ),
  } satisfies Rule<Detail<typeof postCheckCompleted>>,
  'Complaint.Received.v1': {
    count: (d) => contribution(complaintDimensions(d), { complaints: 1 }),
  } satisfies Rule<Detail<typeof complaintReceived>>,
  'Complaint.Answered.v1': {
    count: (d) =>
      contribution(complaintDimensions(d), { complaintsAnswered: 1, complaintsAnsweredOnTime: d.onTime ? 1 : 0 }),
  } satisfies Rule<Detail<typeof complaintAnswered>>,
  'Appointment.Booked.v1': appointment('appointmentsBooked'),
  'Appointment.Cancelled.v1': appointment('appointmentsCancelled'),
  'Appointment.NoShow.v1': appointment('appointmentNoShows'),
  'Appointment.CheckedIn.v1': appointment('checkIns'),
  'Delivery.Delivered.v1': {
    count: (d) => {
      const atWindow = d.method === 'window';
      return contribution(caseDimensions(d), {
        resultsDelivered: 1,
        resultsDeliveredOnTime: d.onTime ? 1 : 0,
        resultsPosted: atWindow ? 0 : 1,
        resultsPickedUp: atWindow ? 1 : 0,
        visits: atWindow ? 1 : 0,
      });
    },
  } satisfies Rule<Detail<typeof deliveryDelivered>>,
  'Payment.Ordered.v1': {
    count: (d) => contribution(caseDimensions(d), { paymentsOrdered: 1 }),
  } satisfies Rule<Detail<typeof paymentOrdered>>,
  'Payment.Paid.v1': {
    count: (d) => contribution(caseDimensions(d), { paymentsPaid: 1, feesPaidFen: d.amountFen }),
  } satisfies Rule<Detail<typeof paymentPaid>>,
  'Payment.Refunded.v1': {
    count: (d) => contribution(caseDimensions(d), { refunds: 1, refundedFen: d.amountFen }),
  } satisfies Rule<Detail<typeof paymentRefunded>>,
  'Supervision.DeadlineOverdue.v1': {
    count: (d) => {
      // Complaints, rectifications and deliveries have their own answered-on-time counters.
      const counter = d.kind === 'case' ? 'overdue' : d.kind === 'task' ? 'tasksOverdue' : undefined;
      if (!counter) return undefined;
      return contribution(
        {
          day: dayOf(d.occurredAt),
          matter: d.matterCode ?? NONE,
          department: d.department,
          region: d.regionCode,
          channel: d.channel ?? NONE,
        },
        { [counter]: 1 },
      );
    },
  } satisfies Rule<OverdueDetail>,
} as const;
