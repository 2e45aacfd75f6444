import type { WorkingDayCalendar } from '../calendar/working-days';
import type { Department } from '../catalogue/model';
import type {
  Bilingual,
  CaseFacts,
  ChannelOutcome,
  ClaimResult,
  ComplaintContact,
  DeliveryClaim,
  DepartmentContact,
  EmailMessage,
  InboxMessage,
  InboxPage,
  PersonalContact,
  SmsMessage,
} from './model';

export interface MessageStore {
  getContact(sub: string): Promise<PersonalContact | undefined>;
  putContact(sub: string, contact: PersonalContact): Promise<void>;
  getDepartmentContact(code: string): Promise<DepartmentContact | undefined>;
  putDepartmentContact(code: string, contact: DepartmentContact): Promise<void>;
  getComplaintContact(complaintId: string): Promise<ComplaintContact | undefined>;
  /**
   * Writes an event's inbox messages, each once: a message's id is derived from the event and its recipient, and it
   * is put only where it is not yet ('duplicate' when every one was there already).
   */
  writeInbox(eventId: string, messages: readonly InboxMessage[]): Promise<'written' | 'duplicate'>;
  listInbox(recipientKey: string, options: { unreadOnly: boolean; limit: number; cursor?: string }): Promise<InboxPage>;
  unreadCount(recipientKey: string): Promise<number>;
  /** Marks a message read (once); undefined when the recipient has no such message. */
  markRead(recipientKey: string, id: string, at: Date): Promise<InboxMessage | undefined>;
  /**
   * Takes the unsent channels of a delivery for sending, with a lease, so that two concurrent deliveries of one event
   * do not both send; says which channels an earlier delivery sent already.
   */
  claimDelivery(claim: DeliveryClaim, now: Date): Promise<ClaimResult>;
  /** Records each channel's outcome and releases the lease: a failed channel may be claimed again at once. */
  finishDelivery(deliveryId: string, outcomes: readonly ChannelOutcome[], at: Date): Promise<void>;
}

/** Channel ports: an adapter sends, or throws (the delivery is then retried on redelivery of the event). */
export interface SmsSender {
  readonly kind: string;
  send(message: SmsMessage): Promise<{ providerMessageId?: string }>;
}
export interface EmailSender {
  readonly kind: string;
  send(message: EmailMessage): Promise<{ providerMessageId?: string }>;
}

/** Catalogue names for messages; undefined when the code is unknown (the message then shows the code). */
export interface NameLookup {
  matterName(code: string): Promise<Bilingual | undefined>;
  departmentNames(): Promise<ReadonlyMap<string, Bilingual>>;
  licenceTypeNames(): Promise<ReadonlyMap<string, Bilingual>>;
  /** A service hall's name and address (统一预约); undefined for an unknown hall. */
  hall(id: string): Promise<{ readonly name: string; readonly address: string } | undefined>;
}

/**
 * What the messaging use case (notify.ts) needs: an event → its recipients → an inbox message each (always) and an
 * SMS / e-mail each where the recipient has that contact and consented.
 */
export interface NotifyDeps {
  readonly store: MessageStore;
  readonly names: NameLookup;
  /** The case of a licence event (licence events carry the case id, not the applicant). */
  readonly caseFacts: (caseId: string) => Promise<CaseFacts | undefined>;
  /** Absent when the channel is switched off (`none`). */
  readonly sms?: SmsSender;
  readonly email?: EmailSender;
  /** Supervision's warning rule, to tell work that arrives within its warning days (emailWhenDueSoon templates). */
  readonly deadlines?: { calendar(): Promise<WorkingDayCalendar>; readonly warningDays: number };
  readonly now: () => Date;
}

/** What the inbox and contact use cases (inbox.ts) need: the store, and the catalogue to check a department exists. */
export interface InboxDeps {
  readonly store: MessageStore;
  readonly catalogue: { getDepartment(code: string): Promise<Department | undefined> };
  readonly now: () => Date;
}
