/**
 * Messaging (统一消息): what the platform tells people and departments, through the in-app inbox, SMS and e-mail.
 * Types and ports only; the rules live in templates.ts (what is said) and notify.ts (to whom, once).
 */

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const AUDIENCES = ['applicant', 'department', 'complainant'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const CHANNELS = ['inbox', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ExternalChannel = Exclude<Channel, 'inbox'>;

/** 中国大陆手机号: stored as the 11 digits; adapters add +86. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** An applicant's or agent's own contact details and consent (PUT /me/contact). */
export interface PersonalContact {
  readonly phone?: string;
  readonly email?: string;
  readonly language: Language;
  /** Consent per channel: the inbox is always written, SMS and e-mail only when the person opted in. */
  readonly optIn: { readonly sms: boolean; readonly email: boolean };
  readonly updatedAt: string;
}

/** The department head's contact for escalations (set by an administrator): used whenever it is set. */
export interface DepartmentContact {
  readonly phone?: string;
  readonly email?: string;
  readonly language: Language;
  readonly updatedAt: string;
}

/** What messaging reads of a complaint item (written by the complaints context). */
export interface ComplaintContact {
  readonly contact: { readonly name?: string; readonly phone?: string; readonly email?: string };
  readonly complainantSub?: string;
  readonly language?: Language;
}

export interface InboxMessage {
  /** `<yyyyMMddHHmmssSSS of the event>-<hash of (eventId, recipient, channel)>`: sorts newest last, same on redelivery. */
  readonly id: string;
  /** `<sub>` of a person, `DEPT#<code>` of a department's shared inbox. */
  readonly recipientKey: string;
  readonly eventId: string;
  readonly detailType: string;
  readonly language: Language;
  readonly title: string;
  readonly body: string;
  /** When the event happened (the inbox's order). */
  readonly createdAt: string;
  readonly read: boolean;
  readonly readAt?: string;
  readonly caseId?: string;
  readonly caseNumber?: string;
  readonly licenceNo?: string;
  readonly complaintId?: string;
}

export interface InboxPage {
  readonly items: InboxMessage[];
  readonly nextCursor?: string;
}

/** One SMS or e-mail of one event to one recipient: created before the send, marked after it. */
export interface DeliveryClaim {
  readonly messageId: string;
  readonly eventId: string;
  readonly detailType: string;
  readonly channel: ExternalChannel;
  readonly recipientKey: string;
}

/** claimed: send now; sent: an earlier delivery sent it; busy: another delivery is sending it right now. */
export type ClaimResult = 'claimed' | 'sent' | 'busy';

export interface MessageStore {
  getContact(sub: string): Promise<PersonalContact | undefined>;
  putContact(sub: string, contact: PersonalContact): Promise<void>;
  getDepartmentContact(code: string): Promise<DepartmentContact | undefined>;
  putDepartmentContact(code: string, contact: DepartmentContact): Promise<void>;
  getComplaintContact(complaintId: string): Promise<ComplaintContact | undefined>;
  /** Writes an event's inbox messages and their unread counters once per event id (the event ledger). */
  writeInbox(eventId: string, messages: readonly InboxMessage[]): Promise<'written' | 'duplicate'>;
  listInbox(recipientKey: string, options: { unreadOnly: boolean; limit: number; cursor?: string }): Promise<InboxPage>;
  unreadCount(recipientKey: string): Promise<number>;
  /** Marks a message read (once; the counter goes down with it); undefined when the recipient has no such message. */
  markRead(recipientKey: string, id: string, at: Date): Promise<InboxMessage | undefined>;
  /** Takes a delivery for sending, with a lease so that two concurrent deliveries of one event do not both send. */
  claimDelivery(claim: DeliveryClaim, now: Date): Promise<ClaimResult>;
  finishDelivery(messageId: string, outcome: { status: 'sent'; providerMessageId?: string } | { status: 'failed'; error: string }, at: Date): Promise<void>;
}

export interface SmsMessage {
  readonly messageId: string;
  /** 11-digit mainland mobile number. */
  readonly phone: string;
  readonly text: string;
  /** A masked recipient for logs (never the number). */
  readonly recipient: string;
}

export interface EmailMessage {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly recipient: string;
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

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Catalogue names for messages; undefined when the code is unknown (the message then shows the code). */
export interface NameLookup {
  matterName(code: string): Promise<Bilingual | undefined>;
  departmentNames(): Promise<ReadonlyMap<string, Bilingual>>;
  licenceTypeNames(): Promise<ReadonlyMap<string, Bilingual>>;
  /** A service hall's name and address (统一预约); undefined for an unknown hall. */
  hall(id: string): Promise<{ readonly name: string; readonly address: string } | undefined>;
}

/** The few case facts a licence event needs (it carries the case id, not the applicant). */
export interface CaseFacts {
  readonly applicantSub: string;
  readonly caseNumber: string;
  readonly matterCode: string;
}
