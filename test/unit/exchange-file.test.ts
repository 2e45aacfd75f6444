import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExchangeFile, signExchangeFile } from '../../shared/webhooks/exchange-file';
import { generateSecret, verify, WebhookVerificationError } from '../../shared/webhooks/standard-webhooks';

/** Signed decision files (shared/integration/exchange-file.ts): three header lines, an empty line, the signed body. */
const secret = generateSecret();
const at = new Date('2026-03-02T01:00:00Z');
const body = JSON.stringify({ taskId: 'c1.0.HEALTH', decision: 'approve', reason: '健康证明核验通过' });
const bytes = (text: string) => new TextEncoder().encode(text);
const parsed = (text: string) => {
  const file = parseExchangeFile(bytes(text));
  if ('problem' in file) throw new Error(`${file.problem.field}: ${file.problem.rule}`);
  return file;
};

describe('a signed decision file', () => {
  it('carries the Standard Webhooks headers and the body byte for byte, and verifies with the secret', () => {
    const text = signExchangeFile({ id: 'dec-1', timestamp: at, body }, [secret]);
    expect(text).toMatch(
      /^webhook-id: dec-1\nwebhook-timestamp: 1772413200\nwebhook-signature: v1,[A-Za-z0-9+/]{43}=\n\n\{/,
    );
    const file = parsed(text);
    expect(new TextDecoder().decode(file.body)).toBe(body);
    expect(verify(file.headers, file.body, [secret], at)).toMatchObject({ id: 'dec-1' });
  });

  it('is refused with another secret, a changed byte, or a timestamp outside the tolerance', () => {
    const file = parsed(signExchangeFile({ id: 'dec-1', timestamp: at, body }, [secret]));
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        if (error instanceof WebhookVerificationError) return error.reason;
        throw error;
      }
      return 'verified';
    };
    expect(reason(() => verify(file.headers, file.body, [generateSecret()], at))).toBe('bad_signature');
    expect(reason(() => verify(file.headers, bytes(body.replace('approve', 'Approve')), [secret], at))).toBe(
      'bad_signature',
    );
    expect(reason(() => verify(file.headers, file.body, [secret], new Date(at.getTime() + 901_000), 900))).toBe(
      'stale_timestamp',
    );
  });

  it('accepts CRLF line ends and one signature line per secret during a rotation', () => {
    const old = generateSecret();
    const signed = signExchangeFile({ id: 'dec-2', timestamp: at, body }, [secret, old]);
    const headers = signed
      .slice(0, signed.indexOf('\n\n'))
      .replace(/webhook-signature: (\S+) (\S+)/, 'webhook-signature: $1\nWebhook-Signature: $2');
    const text = `${headers.replaceAll('\n', '\r\n')}\r\n\r\n${body}`;
    expect(text.split('\r\n')).toHaveLength(6);
    const file = parsed(text);
    expect(new TextDecoder().decode(file.body)).toBe(body);
    expect(verify(file.headers, file.body, [old], at).secretIndex).toBe(0);
  });

  it.each([
    ['a plain JSON file', body, 'webhook-signature', 'required'],
    [
      'a header block without the signature',
      `webhook-id: a\nwebhook-timestamp: 1\n\n${body}`,
      'webhook-signature',
      'required',
    ],
    [
      'an unknown header',
      `webhook-id: a\ncontent-type: json\nwebhook-timestamp: 1\nwebhook-signature: v1,x\n\n${body}`,
      'headers',
      'format',
    ],
    [
      'two ids',
      `webhook-id: a\nwebhook-id: b\nwebhook-timestamp: 1\nwebhook-signature: v1,x\n\n${body}`,
      'webhook-id',
      'once',
    ],
    [
      'headers longer than 4 KB',
      `webhook-id: ${'a'.repeat(5000)}\nwebhook-timestamp: 1\nwebhook-signature: v1,x\n\n${body}`,
      'webhook-signature',
      'required',
    ],
  ])('names the field and rule for %s', (_what, text, field, rule) => {
    expect(parseExchangeFile(bytes(text))).toEqual({ problem: expect.objectContaining({ field, rule }) });
  });

  it('is what the README’s bash and openssl recipe writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exchange-recipe-'));
    try {
      // The recipe as printed in the README (department integration), but for the upload.
      const recipe = String.raw`
        set -eu
        KEY_HEX=$(printf '%s' "${'$'}{SECRET#whsec_}" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \n')
        ID="dec-$(openssl rand -hex 16)"; TS=$(date +%s)
        BODY=$(printf '{"taskId":"%s","decision":"approve"}' "$TASK_ID")
        SIG=$(printf '%s.%s.%s' "$ID" "$TS" "$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | openssl base64 -A)
        printf 'webhook-id: %s\nwebhook-timestamp: %s\nwebhook-signature: v1,%s\n\n%s' "$ID" "$TS" "$SIG" "$BODY" > "$ID.json"
        printf '%s' "$ID.json"`;
      const name = execFileSync('bash', ['-c', recipe], {
        cwd: dir,
        env: { PATH: process.env.PATH, SECRET: secret, TASK_ID: 'c1.0.HEALTH' },
        encoding: 'utf8',
      });
      const file = parseExchangeFile(readFileSync(join(dir, name)));
      if ('problem' in file) throw new Error(file.problem.message);
      expect(verify(file.headers, file.body, [secret], new Date())).toMatchObject({
        id: name.slice(0, -'.json'.length),
      });
      expect(JSON.parse(new TextDecoder().decode(file.body))).toEqual({ taskId: 'c1.0.HEALTH', decision: 'approve' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
