// How a message template is built: its shape, the SMS signature, and the e-mail made from the inbox text.
import type { Audience, Bilingual, Language } from './model';

export interface TextPair {
  readonly title: string;
  readonly body: string;
}

export interface MessageTemplate {
  readonly audience: Audience;
  readonly inbox: { readonly zh: TextPair; readonly en: TextPair };
  readonly sms?: { readonly zh: string; readonly en: string };
  readonly email?: { readonly zh: TextPair; readonly en: TextPair };
  /** The event only concerns the audience when this holds (e.g. a task resumed by the department, not by the applicant). */
  readonly when?: (detail: Record<string, unknown>) => boolean;
  /**
   * The e-mail goes only when the work arrives within its warning days (supervision's yellow), and `{dueSoonNote}`
   * says so: the department's one message of urgent new work (supervision sends no warning of its own for it).
   */
  readonly emailWhenDueSoon?: true;
}

const SMS_SIGN: Bilingual = { zh: '【一网通办】', en: '[One-Stop Gov] ' };
const EMAIL_SUBJECT: Bilingual = { zh: '【一网通办】', en: '[One-Stop Gov] ' };
const EMAIL_FOOTER: Bilingual = {
  zh: '此邮件由一网通办平台自动发送，请勿直接回复。',
  en: 'This message was sent by the One-Stop Government Services platform; please do not reply to it.',
};

/** The e-mail of a message: its inbox title as the subject, its inbox body with a footer as the text. */
function mail(inbox: MessageTemplate['inbox']): NonNullable<MessageTemplate['email']> {
  const one = (lang: Language) => ({
    title: `${EMAIL_SUBJECT[lang]}${inbox[lang].title}`,
    body: `${inbox[lang].body}\n\n${EMAIL_FOOTER[lang]}`,
  });
  return { zh: one('zh'), en: one('en') };
}

type Channels = { sms?: Bilingual; email?: boolean | 'when-due-soon'; when?: MessageTemplate['when'] };

export function template(audience: Audience, zh: TextPair, en: TextPair, channels: Channels = {}): MessageTemplate {
  const inbox = { zh, en };
  return {
    audience,
    inbox,
    ...(channels.sms
      ? { sms: { zh: `${SMS_SIGN.zh}${channels.sms.zh}`, en: `${SMS_SIGN.en}${channels.sms.en}` } }
      : {}),
    ...(channels.email ? { email: mail(inbox) } : {}),
    ...(channels.email === 'when-due-soon' ? { emailWhenDueSoon: true as const } : {}),
    ...(channels.when ? { when: channels.when } : {}),
  };
}

/** A message to the applicant: inbox, SMS and e-mail (the last two when the applicant opted in). */
export const toApplicant = (zh: TextPair, en: TextPair, sms: Bilingual, when?: MessageTemplate['when']) =>
  template('applicant', zh, en, { sms, email: true, when });
