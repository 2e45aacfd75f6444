import { createHash } from 'node:crypto';
import {
  type CaseFacts,
  type ChannelOutcome,
  type ExternalChannel,
  type InboxMessage,
  type Language,
  MAINLAND_MOBILE,
} from './model';
import type { NameLookup, NotifyDeps } from './ports';
import type { MessageTemplate } from './template-builder';
import { render, templateFor } from './templates';
import { actingDepartment, type EventNames, templateValues } from './values';
import { toShanghaiDate } from '../calendar/working-days';
import { levelOn } from '../supervision/levels';

/**
 * The messaging use case: an event → its recipients → an inbox message each (always) and an SMS / e-mail each
 * where the recipient has that contact and consented. Exactly once per event as far as the platform can make it:
 * an inbox message's id is derived from the event and its recipient and is put only where it is not yet, so the
 * message is its own guard (no ledger marker, no transaction); a recipient's SMS and e-mail share one delivery
 * record, claimed before the sends and finished after them, so a redelivered event sends nothing twice and retries
 * only what failed.
 */
export interface NotifyEvent {
  readonly detailType: string;
  readonly detail: Record<string, unknown> & { readonly eventId: string };
}

export interface Recipient {
  /** Who, in message ids and delivery records: a subject, `DEPT#<code>` or `COMPLAINT#<id>`. */
  readonly key: string;
  /** The inbox to write to; a complainant without an account has none. */
  readonly inboxKey?: string;
  readonly language: Language;
  /** Set only when the message may go there (present, valid, consented). */
  readonly phone?: string;
  readonly email?: string;
  /** A masked recipient for logs: never a phone number or an address. */
  readonly label: string;
}

export type DeliveryStatus = 'sent' | 'already-sent' | 'busy' | 'failed';

export interface NotifyOutcome {
  readonly skipped?: 'no-template' | 'not-relevant' | 'no-recipient';
  readonly inbox: 'written' | 'duplicate' | 'none';
  readonly deliveries: readonly {
    readonly channel: ExternalChannel;
    readonly messageId: string;
    readonly recipient: string;
    readonly status: DeliveryStatus;
  }[];
}

/** Thrown after every delivery was tried when one failed or is still in flight elsewhere: EventBridge retries the event. */
export class DeliveryIncompleteError extends Error {
  override readonly name = 'DeliveryIncompleteError';
  constructor(readonly outcome: NotifyOutcome) {
    const open = outcome.deliveries.filter((d) => d.status === 'failed' || d.status === 'busy');
    // Ids and channels only: this message reaches the logs.
    super(
      `${open.length} deliveries not sent yet: ${open.map((d) => `${d.channel} ${d.messageId} (${d.status})`).join(', ')}`,
    );
  }
}

/** A message id, the same on every delivery of the event: `<event time, UTC, to the ms>-<hash of event, recipient, channel>`. */
export function messageId(eventId: string, occurredAt: string, recipientKey: string, channel: string): string {
  const at = new Date(occurredAt);
  const time = (Number.isNaN(at.getTime()) ? new Date(0) : at).toISOString().replace(/\D/g, '').slice(0, 17);
  const hash = createHash('sha256').update(`${eventId}\n${recipientKey}\n${channel}`).digest('hex').slice(0, 20);
  return `${time}-${hash}`;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const maskId = (id: string) => (id.length <= 6 ? id : `${id.slice(0, 6)}…`);

export async function notify(event: NotifyEvent, deps: NotifyDeps): Promise<NotifyOutcome> {
  const { detail } = event;
  const template = templateFor(event.detailType);
  if (!template) return { skipped: 'no-template', inbox: 'none', deliveries: [] };
  if (template.when && !template.when(detail)) return { skipped: 'not-relevant', inbox: 'none', deliveries: [] };

  const found = await recipientsOf(template, detail, deps);
  if (found.recipients.length === 0) return { skipped: 'no-recipient', inbox: 'none', deliveries: [] };
  const names = await namesOf(detail, found, deps.names);
  // Every contract carries occurredAt; the ids below must not depend on the clock, or a redelivery would not find them.
  const occurredAt = str(detail.occurredAt) ?? new Date(0).toISOString();
  const context = {
    caseId: str(detail.caseId),
    caseNumber: str(detail.caseNumber) ?? found.caseNumber,
    licenceNo: str(detail.licenceNo),
    complaintId: str(detail.complaintId),
  };

  const dueSoon = template.emailWhenDueSoon ? await dueSoonOf(detail, occurredAt, deps) : undefined;

  const inbox: InboxMessage[] = [];
  const sends: RecipientSends[] = [];
  for (const recipient of found.recipients) {
    const values = templateValues(detail, recipient.language, names, dueSoon);
    if (recipient.inboxKey) {
      const text = render(template, 'inbox', recipient.language, values)!;
      inbox.push({
        id: messageId(detail.eventId, occurredAt, recipient.inboxKey, 'inbox'),
        recipientKey: recipient.inboxKey,
        eventId: detail.eventId,
        detailType: event.detailType,
        language: recipient.language,
        title: text.title,
        body: text.body,
        createdAt: occurredAt,
        read: false,
        ...Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)),
      });
    }
    const channels: ChannelSend[] = [];
    const channelId = (channel: ExternalChannel) => messageId(detail.eventId, occurredAt, recipient.key, channel);
    const sms = deps.sms;
    if (sms && recipient.phone && template.sms) {
      const id = channelId('sms');
      const text = render(template, 'sms', recipient.language, values)!.body;
      const phone = recipient.phone;
      channels.push({
        channel: 'sms',
        messageId: id,
        send: () => sms.send({ messageId: id, phone, text, recipient: recipient.label }),
      });
    }
    const email = deps.email;
    if (email && recipient.email && template.email && (!template.emailWhenDueSoon || dueSoon)) {
      const id = channelId('email');
      const text = render(template, 'email', recipient.language, values)!;
      const to = recipient.email;
      channels.push({
        channel: 'email',
        messageId: id,
        send: () => email.send({ messageId: id, to, subject: text.title, text: text.body, recipient: recipient.label }),
      });
    }
    if (channels.length > 0)
      sends.push({
        deliveryId: messageId(detail.eventId, occurredAt, recipient.key, 'delivery'),
        recipientKey: recipient.key,
        label: recipient.label,
        channels,
      });
  }

  // The inbox first: it is the record the person can always come back to, whatever happens to SMS and e-mail.
  const inboxResult = inbox.length > 0 ? await deps.store.writeInbox(detail.eventId, inbox) : 'none';
  const deliveries: NotifyOutcome['deliveries'][number][] = [];
  for (const s of sends) deliveries.push(...(await deliverOnce(s, event.detailType, detail.eventId, deps)));
  const outcome: NotifyOutcome = { inbox: inboxResult, deliveries };
  if (deliveries.some((d) => d.status === 'failed' || d.status === 'busy')) throw new DeliveryIncompleteError(outcome);
  return outcome;
}

/**
 * Whether work arrives within its warning days on the day it opens (supervision's yellow, by the same rule): its
 * message says so and is e-mailed. Without the rule (deadlines unset) nothing is due soon.
 */
async function dueSoonOf(
  detail: Record<string, unknown>,
  occurredAt: string,
  deps: NotifyDeps,
): Promise<{ remainingDays: number } | undefined> {
  const dueDate = str(detail.dueDate);
  // A task decided on the spot (即办件) opened finished: nothing is due.
  if (!deps.deadlines || !dueDate || detail.decidedAtOpening === true) return undefined;
  const policy = { calendar: await deps.deadlines.calendar(), warningDays: deps.deadlines.warningDays };
  const reading = levelOn(toShanghaiDate(occurredAt), dueDate, policy);
  return reading.level === 'yellow' ? { remainingDays: reading.remainingDays } : undefined;
}

interface ChannelSend {
  readonly channel: ExternalChannel;
  readonly messageId: string;
  readonly send: () => Promise<{ providerMessageId?: string }>;
}

/** One recipient's SMS and e-mail of an event: one delivery record for both. */
interface RecipientSends {
  readonly deliveryId: string;
  readonly recipientKey: string;
  readonly label: string;
  readonly channels: readonly ChannelSend[];
}

/** Claims the recipient's channels, sends those not sent yet, and records every outcome in one write. */
async function deliverOnce(
  s: RecipientSends,
  detailType: string,
  eventId: string,
  deps: NotifyDeps,
): Promise<NotifyOutcome['deliveries'][number][]> {
  const claim = await deps.store.claimDelivery(
    {
      deliveryId: s.deliveryId,
      eventId,
      detailType,
      channels: s.channels.map((c) => c.channel),
      recipientKey: s.recipientKey,
    },
    deps.now(),
  );
  const statuses = new Map<ExternalChannel, DeliveryStatus>();
  const outcomes: ChannelOutcome[] = [];
  for (const c of s.channels) {
    if (claim.sent.includes(c.channel)) statuses.set(c.channel, 'already-sent');
    else if (!claim.claimed) statuses.set(c.channel, 'busy');
    else {
      try {
        const result = await c.send();
        outcomes.push({
          channel: c.channel,
          status: 'sent',
          ...(result.providerMessageId ? { providerMessageId: result.providerMessageId } : {}),
        });
        statuses.set(c.channel, 'sent');
      } catch (error) {
        // Only the error's name: a provider's message may quote the number or the address.
        outcomes.push({ channel: c.channel, status: 'failed', error: error instanceof Error ? error.name : 'Error' });
        statuses.set(c.channel, 'failed');
      }
    }
  }
  if (outcomes.length > 0) await deps.store.finishDelivery(s.deliveryId, outcomes, deps.now());
  return s.channels.map((c) => ({
    channel: c.channel,
    messageId: c.messageId,
    recipient: s.label,
    status: statuses.get(c.channel)!,
  }));
}

interface Found {
  readonly recipients: Recipient[];
  /** From a licence event's case. */
  readonly caseNumber?: string;
  readonly matterCode?: string;
}

async function recipientsOf(
  template: MessageTemplate,
  detail: NotifyEvent['detail'],
  deps: NotifyDeps,
): Promise<Found> {
  switch (template.audience) {
    case 'applicant': {
      let sub = str(detail.applicantSub);
      let facts: CaseFacts | undefined;
      if (!sub) {
        // A licence event: its case names the applicant; an imported licence has no case and so nobody to tell.
        const caseId = str(detail.caseId);
        facts = caseId ? await deps.caseFacts(caseId) : undefined;
        sub = facts?.applicantSub;
      }
      // A subject shaped like a department's inbox key would write into that inbox: never.
      if (!sub || sub.startsWith('DEPT#')) return { recipients: [] };
      const contact = await deps.store.getContact(sub);
      const recipient: Recipient = {
        key: sub,
        inboxKey: sub,
        language: contact?.language ?? 'zh',
        ...(contact?.optIn.sms && contact.phone ? { phone: contact.phone } : {}),
        ...(contact?.optIn.email && contact.email ? { email: contact.email } : {}),
        label: `applicant:${maskId(sub)}`,
      };
      return {
        recipients: [recipient],
        ...(facts ? { caseNumber: facts.caseNumber, matterCode: facts.matterCode } : {}),
      };
    }
    case 'department': {
      const code = actingDepartment(detail);
      if (!code) return { recipients: [] };
      const contact = await deps.store.getDepartmentContact(code);
      const key = `DEPT#${code}`;
      return {
        recipients: [
          {
            key,
            inboxKey: key,
            language: contact?.language ?? 'zh',
            ...(contact?.phone ? { phone: contact.phone } : {}),
            ...(contact?.email ? { email: contact.email } : {}),
            label: `department:${code}`,
          },
        ],
      };
    }
    case 'complainant': {
      const complaintId = str(detail.complaintId);
      const complaint = complaintId ? await deps.store.getComplaintContact(complaintId) : undefined;
      if (!complaintId || !complaint) return { recipients: [] };
      const sub =
        complaint.complainantSub && !complaint.complainantSub.startsWith('DEPT#')
          ? complaint.complainantSub
          : undefined;
      const { phone, email } = complaint.contact;
      return {
        recipients: [
          {
            key: sub ?? `COMPLAINT#${complaintId}`,
            ...(sub ? { inboxKey: sub } : {}),
            language: complaint.language === 'en' ? 'en' : 'zh',
            // The complainant gave these to be answered on; a number SNS cannot reach is left out.
            ...(phone && MAINLAND_MOBILE.test(phone) ? { phone } : {}),
            ...(email ? { email } : {}),
            label: `complainant:${maskId(complaintId)}`,
          },
        ],
      };
    }
  }
}

async function namesOf(detail: NotifyEvent['detail'], found: Found, lookup: NameLookup): Promise<EventNames> {
  const matterCode = str(detail.matterCode) ?? found.matterCode;
  const licenceType = str(detail.licenceType);
  const hallId = str(detail.hallId);
  const [matterName, departmentNames, licenceTypes, hall] = await Promise.all([
    matterCode ? lookup.matterName(matterCode) : undefined,
    lookup.departmentNames(),
    licenceType ? lookup.licenceTypeNames() : undefined,
    hallId ? lookup.hall(hallId) : undefined,
  ]);
  return {
    departmentNames,
    ...(hall ? { hall } : {}),
    ...(matterName ? { matterName } : {}),
    ...(licenceType && licenceTypes?.get(licenceType) ? { licenceTypeName: licenceTypes.get(licenceType)! } : {}),
    ...(found.caseNumber ? { caseNumber: found.caseNumber } : {}),
  };
}
