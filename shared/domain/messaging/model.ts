/**
 * Messaging (统一消息): what the platform tells people and departments, through the in-app inbox, SMS and e-mail.
 * Types only; the ports are in ports.ts, the rules in templates.ts (what is said) and notify.ts (to whom, once).
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

/**
 * The SMS and e-mail of one event to one recipient, claimed together in one delivery record before the sends and
 * finished together after them (one write each way, whichever channels there are).
 */
export interface DeliveryClaim {
  /** The record's id: messageId(event, recipient, 'delivery'); each channel's own message id goes to its provider. */
  readonly deliveryId: string;
  readonly eventId: string;
  readonly detailType: string;
  readonly channels: readonly ExternalChannel[];
  readonly recipientKey: string;
}

/**
 * What a claim found: `sent`, the channels an earlier delivery of the event sent already (never again); `claimed`,
 * whether this delivery may send the others now (false: another delivery holds the lease on them right now).
 */
export interface ClaimResult {
  readonly claimed: boolean;
  readonly sent: readonly ExternalChannel[];
}

/** How each channel's send went, recorded on the delivery record at once. */
export type ChannelOutcome =
  | { readonly channel: ExternalChannel; readonly status: 'sent'; readonly providerMessageId?: string }
  | { readonly channel: ExternalChannel; readonly status: 'failed'; readonly error: string };

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

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** The few case facts a licence event needs (it carries the case id, not the applicant). */
export interface CaseFacts {
  readonly applicantSub: string;
  readonly caseNumber: string;
  readonly matterCode: string;
}
