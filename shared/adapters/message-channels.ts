import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { EmailMessage } from '../domain/messaging/model';
import type { EmailSender, SmsSender } from '../domain/messaging/ports';

/**
 * The SMS and e-mail channels behind their ports, chosen by configuration:
 *   SMS_CHANNEL    sns | file:///abs/dir/ | none
 *   EMAIL_CHANNEL  ses:<from-address> | file:///abs/dir/ | none
 * The outbox folder (file://) is the local cloud's stand-in: each SMS becomes <dir>/sms/<messageId>.json and each
 * e-mail <dir>/email/<messageId>.eml, so a developer reads what would have been sent. Nothing here logs a phone
 * number or an address: only message ids, the channel and a masked recipient.
 */
export type SmsChannelSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'sns' }
  | { readonly kind: 'file'; readonly dir: string };
export type EmailChannelSpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'ses'; readonly from: string }
  | { readonly kind: 'file'; readonly dir: string };

/** One log line: the adapters pass ids, the channel and a masked recipient, never the number or the address. */
export type ChannelLog = (message: string, attributes: Record<string, string>) => void;

const FROM_ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

function fileDir(value: string, variable: string): string {
  let dir: string;
  try {
    dir = fileURLToPath(value);
  } catch {
    throw new Error(`${variable}: ${value} is not a file:/// URL of an absolute folder`);
  }
  return dir;
}

export function parseSmsChannel(value: string | undefined): SmsChannelSpec {
  const v = value?.trim() || 'none';
  if (v === 'none') return { kind: 'none' };
  if (v === 'sns') return { kind: 'sns' };
  if (v.startsWith('file:///')) return { kind: 'file', dir: fileDir(v, 'SMS_CHANNEL') };
  throw new Error(`SMS_CHANNEL must be sns, file:///abs/dir/ or none, not ${v}`);
}

export function parseEmailChannel(value: string | undefined): EmailChannelSpec {
  const v = value?.trim() || 'none';
  if (v === 'none') return { kind: 'none' };
  if (v.startsWith('ses:')) {
    const from = v.slice('ses:'.length);
    if (!FROM_ADDRESS.test(from))
      throw new Error('EMAIL_CHANNEL: ses: needs a sender address, e.g. ses:no-reply@example.gov.cn');
    return { kind: 'ses', from };
  }
  if (v.startsWith('file:///')) return { kind: 'file', dir: fileDir(v, 'EMAIL_CHANNEL') };
  throw new Error(`EMAIL_CHANNEL must be ses:<from-address>, file:///abs/dir/ or none, not ${v}`);
}

// ---- AWS ----

/** SMS through SNS: a direct publish to the number, as a transactional message (delivered even to opted-out promos). */
export function snsSmsSender(client: SNSClient): SmsSender {
  return {
    kind: 'sns',
    async send(message) {
      const out = await client.send(
        new PublishCommand({
          PhoneNumber: `+86${message.phone}`,
          Message: message.text,
          MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      );
      return out.MessageId ? { providerMessageId: out.MessageId } : {};
    },
  };
}

/** E-mail through SES v2: simple content, subject and text in UTF-8, tagged with the platform's message id. */
export function sesEmailSender(client: SESv2Client, from: string): EmailSender {
  return {
    kind: 'ses',
    async send(message) {
      const out = await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
          EmailTags: [{ Name: 'messageId', Value: message.messageId }],
        }),
      );
      return out.MessageId ? { providerMessageId: out.MessageId } : {};
    },
  };
}

// ---- the outbox folder ----

/** Writes whole files only: a reader never sees half a message. */
async function writeAtomically(path: string, content: string | Buffer): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, path);
}

export function fileSmsSender(dir: string, log: ChannelLog, now: () => Date = () => new Date()): SmsSender {
  return {
    kind: 'file',
    async send(message) {
      const folder = join(dir, 'sms');
      await mkdir(folder, { recursive: true });
      const record = {
        messageId: message.messageId,
        phoneNumber: `+86${message.phone}`,
        smsType: 'Transactional',
        text: message.text,
        writtenAt: now().toISOString(),
      };
      await writeAtomically(join(folder, `${message.messageId}.json`), `${JSON.stringify(record, null, 2)}\n`);
      log('sms written to the outbox folder', {
        channel: 'sms',
        messageId: message.messageId,
        recipient: message.recipient,
      });
      return {};
    },
  };
}

export const OUTBOX_FROM = { name: '一网通办', address: 'no-reply@one-stop.local' } as const;

export function fileEmailSender(dir: string, log: ChannelLog, now: () => Date = () => new Date()): EmailSender {
  return {
    kind: 'file',
    async send(message) {
      const folder = join(dir, 'email');
      await mkdir(folder, { recursive: true });
      await writeAtomically(join(folder, `${message.messageId}.eml`), formatEmail(message, OUTBOX_FROM, now()));
      log('e-mail written to the outbox folder', {
        channel: 'email',
        messageId: message.messageId,
        recipient: message.recipient,
      });
      return {};
    },
  };
}

/**
 * An RFC 5322 message: header fields in ASCII, non-ASCII text as RFC 2047 encoded-words (UTF-8, base64), the body
 * as UTF-8 text (8bit; base64 when a line would exceed the 998-octet limit). Lines end in CRLF.
 */
export function formatEmail(message: EmailMessage, from: { name: string; address: string }, date: Date): string {
  const body = message.text.replace(/\r?\n/g, '\r\n');
  const longLine = body.split('\r\n').some((line) => Buffer.byteLength(line) > 998);
  const headers = [
    `From: ${encodeWords(from.name)} <${from.address}>`,
    `To: <${message.to}>`,
    `Subject: ${encodeWords(message.subject)}`,
    `Date: ${rfc5322Date(date)}`,
    `Message-ID: <${message.messageId}@${from.address.split('@')[1]}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    `Content-Transfer-Encoding: ${longLine ? 'base64' : '8bit'}`,
  ];
  const encoded = longLine
    ? (
        Buffer.from(message.text, 'utf8')
          .toString('base64')
          .match(/.{1,76}/g) ?? []
      ).join('\r\n')
    : body;
  return `${headers.join('\r\n')}\r\n\r\n${encoded}\r\n`;
}

/**
 * RFC 2047: ASCII text as is; anything else as `=?UTF-8?B?…?=` words of at most 75 characters (45 bytes each, never
 * splitting a character), folded onto continuation lines.
 */
export function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Decodes RFC 2047 encoded-words (B and Q, UTF-8), for reading the outbox folder back. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function rfc5322Date(date: Date): string {
  // toUTCString gives "Wed, 04 Mar 2026 02:15:00 GMT"; RFC 5322 prefers a numeric zone.
  return date.toUTCString().replace(/GMT$/, '+0000');
}

// ---- from configuration ----

let sns: SNSClient | undefined;
let ses: SESv2Client | undefined;

export function smsSenderFrom(spec: SmsChannelSpec, log: ChannelLog, now: () => Date): SmsSender | undefined {
  if (spec.kind === 'none') return undefined;
  if (spec.kind === 'file') return fileSmsSender(spec.dir, log, now);
  sns ??= new SNSClient({});
  return snsSmsSender(sns);
}

export function emailSenderFrom(spec: EmailChannelSpec, log: ChannelLog, now: () => Date): EmailSender | undefined {
  if (spec.kind === 'none') return undefined;
  if (spec.kind === 'file') return fileEmailSender(spec.dir, log, now);
  ses ??= new SESv2Client({});
  return sesEmailSender(ses, spec.from);
}
