import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import {
  decodeWords,
  emailSenderFrom,
  encodeWords,
  fileEmailSender,
  fileSmsSender,
  formatEmail,
  parseEmailChannel,
  parseSmsChannel,
  sesEmailSender,
  smsSenderFrom,
  snsSmsSender,
} from '../../shared/adapters/message-channels';

const PHONE = '13812345678';
const ADDRESS = 'lin.xiaoming@example.cn';
const sms = {
  messageId: '20260304021500000-0123456789abcdef0123',
  phone: PHONE,
  text: '【一网通办】您的申请350100-20260302-30007已审批通过。',
  recipient: 'applicant:a7c0e1…',
};
const email = {
  messageId: '20260304021500000-fedcba9876543210fedc',
  to: ADDRESS,
  subject: '【一网通办】审批通过',
  text: '您的食品经营许可申请（350100-20260302-30007）已审批通过。\n\n此邮件由一网通办平台自动发送，请勿直接回复。',
  recipient: 'applicant:a7c0e1…',
};

describe('channel configuration', () => {
  it('reads SMS_CHANNEL and EMAIL_CHANNEL, none when unset', () => {
    expect(parseSmsChannel(undefined)).toEqual({ kind: 'none' });
    expect(parseSmsChannel('none')).toEqual({ kind: 'none' });
    expect(parseSmsChannel('sns')).toEqual({ kind: 'sns' });
    expect(parseSmsChannel('file:///var/outbox/')).toEqual({ kind: 'file', dir: '/var/outbox/' });
    expect(parseEmailChannel('')).toEqual({ kind: 'none' });
    expect(parseEmailChannel('ses:no-reply@one-stop.gov.cn')).toEqual({
      kind: 'ses',
      from: 'no-reply@one-stop.gov.cn',
    });
    expect(parseEmailChannel('file:///var/outbox/')).toEqual({ kind: 'file', dir: '/var/outbox/' });
    expect(
      smsSenderFrom(
        { kind: 'none' },
        () => undefined,
        () => new Date(),
      ),
    ).toBeUndefined();
    expect(
      emailSenderFrom(
        { kind: 'none' },
        () => undefined,
        () => new Date(),
      ),
    ).toBeUndefined();
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => parseSmsChannel('twilio')).toThrow('SMS_CHANNEL');
    expect(() => parseSmsChannel('file://relative/dir')).toThrow('SMS_CHANNEL');
    expect(() => parseEmailChannel('ses:')).toThrow('EMAIL_CHANNEL');
    expect(() => parseEmailChannel('smtp://mail')).toThrow('EMAIL_CHANNEL');
  });
});

describe('SMS through SNS', () => {
  const snsMock = mockClient(SNSClient);
  beforeEach(() => snsMock.reset());

  it('publishes a transactional SMS straight to the +86 number', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    const sent = await snsSmsSender(new SNSClient({ region: 'cn-north-1' })).send(sms);
    expect(sent).toEqual({ providerMessageId: 'sns-1' });
    expect(snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([
      {
        PhoneNumber: '+8613812345678',
        Message: sms.text,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      },
    ]);
  });

  it('passes a refusal on, so the delivery is retried', async () => {
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('Throttled'), { name: 'ThrottlingException' }));
    await expect(snsSmsSender(new SNSClient({ region: 'cn-north-1' })).send(sms)).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });
});

describe('e-mail through SES v2', () => {
  const sesMock = mockClient(SESv2Client);
  beforeEach(() => sesMock.reset());

  it('sends simple UTF-8 content from the configured sender, tagged with the message id', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const sent = await sesEmailSender(new SESv2Client({ region: 'cn-north-1' }), 'no-reply@one-stop.gov.cn').send(
      email,
    );
    expect(sent).toEqual({ providerMessageId: 'ses-1' });
    expect(sesMock.commandCalls(SendEmailCommand).map((c) => c.args[0].input)).toEqual([
      {
        FromEmailAddress: 'no-reply@one-stop.gov.cn',
        Destination: { ToAddresses: [ADDRESS] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
          },
        },
        EmailTags: [{ Name: 'messageId', Value: email.messageId }],
      },
    ]);
  });

  it('passes a refusal on, so the delivery is retried', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejects(Object.assign(new Error('Sending paused'), { name: 'SendingPausedException' }));
    await expect(
      sesEmailSender(new SESv2Client({ region: 'cn-north-1' }), 'no-reply@one-stop.gov.cn').send(email),
    ).rejects.toMatchObject({ name: 'SendingPausedException' });
  });
});

/** Header fields of an RFC 5322 message, unfolded. */
function headersOf(eml: string): Record<string, string> {
  const head = eml.slice(0, eml.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
  return Object.fromEntries(
    head
      .split('\r\n')
      .map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

describe('the outbox folder', () => {
  let dir: string;
  let lines: { message: string; attributes: Record<string, string> }[];
  const log = (message: string, attributes: Record<string, string>) => void lines.push({ message, attributes });
  const at = () => new Date('2026-03-04T02:15:00Z');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each SMS as sms/<messageId>.json, readable only by its owner, and logs a line without the number', async () => {
    const sender = smsSenderFrom(parseSmsChannel(`${pathToFileURL(dir).href}/`), log, at)!;
    expect(sender.kind).toBe('file');
    await sender.send(sms);
    const file = join(dir, 'sms', `${sms.messageId}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      messageId: sms.messageId,
      phoneNumber: '+8613812345678',
      smsType: 'Transactional',
      text: sms.text,
      writtenAt: '2026-03-04T02:15:00.000Z',
    });
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(lines).toEqual([
      {
        message: 'sms written to the outbox folder',
        attributes: { channel: 'sms', messageId: sms.messageId, recipient: 'applicant:a7c0e1…' },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(PHONE);
  });

  it('overwrites the same file when a message is sent again (one file per message id)', async () => {
    const sender = fileSmsSender(dir, log, at);
    await sender.send(sms);
    await sender.send(sms);
    expect(readdirSync(join(dir, 'sms'))).toEqual([`${sms.messageId}.json`]);
  });

  it('writes each e-mail as email/<messageId>.eml: RFC 5322 with RFC 2047 UTF-8 headers and a UTF-8 body', async () => {
    await fileEmailSender(dir, log, at).send(email);
    const raw = readFileSync(join(dir, 'email', `${email.messageId}.eml`));
    const eml = raw.toString('utf8');
    // Header section in ASCII only; every line ends in CRLF and stays within 78 characters.
    const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^\p{ASCII}*$/u);
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(eml.replace(/\r\n/g, '')).not.toContain('\n');
    const headers = headersOf(eml);
    expect(decodeWords(headers.subject!)).toBe(email.subject);
    expect(decodeWords(headers.from!)).toBe('一网通办 <no-reply@one-stop.local>');
    expect(headers.to).toBe(`<${ADDRESS}>`);
    expect(headers.date).toBe('Wed, 04 Mar 2026 02:15:00 +0000');
    expect(headers['message-id']).toBe(`<${email.messageId}@one-stop.local>`);
    expect(headers['content-type']).toBe('text/plain; charset=UTF-8');
    expect(headers['content-transfer-encoding']).toBe('8bit');
    expect(eml.slice(eml.indexOf('\r\n\r\n') + 4)).toBe(`${email.text.replace(/\n/g, '\r\n')}\r\n`);
    expect(lines).toEqual([
      {
        message: 'e-mail written to the outbox folder',
        attributes: { channel: 'email', messageId: email.messageId, recipient: 'applicant:a7c0e1…' },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(ADDRESS);
  });

  it('splits a long subject into encoded-words of at most 75 characters without breaking a character', () => {
    const subject = '【一网通办】超期督办（红灯）：办件350100-20260302-30007的审查任务已超过办理期限，请立即处理并反馈';
    const encoded = encodeWords(subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(Buffer.from(w.slice('=?UTF-8?B?'.length, -2), 'base64').toString('utf8')).not.toContain('\ufffd');
    }
    expect(decodeWords(encoded)).toBe(subject);
    expect(encodeWords('Task escalated')).toBe('Task escalated');
  });

  it('sends a body with a line too long for 8bit as base64', () => {
    const text = '理由：'.padEnd(600, '长');
    const eml = formatEmail({ ...email, text }, { name: 'x', address: 'a@b.cn' }, at());
    expect(headersOf(eml)['content-transfer-encoding']).toBe('base64');
    expect(Buffer.from(eml.slice(eml.indexOf('\r\n\r\n') + 4).replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe(
      text,
    );
  });
});
