import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  generateSecret,
  secretKey,
  sign,
  verify,
  type WebhookHeaders,
  WebhookVerificationError,
} from '../../shared/webhooks/standard-webhooks';

/**
 * Our signing against the independent `standardwebhooks` package, both ways. The package reads the wall clock for
 * its tolerance check, so messages it verifies are signed "now".
 */
const body = JSON.stringify({ type: 'task.opened', taskId: 'C-2026-000123.1.SAMR', note: '食品经营许可' });

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('expected a WebhookVerificationError');
}

describe('secrets', () => {
  it('are whsec_ and the base64 of 32 random bytes, different every time', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });

  it('refuse a mistyped secret instead of signing with other bytes', () => {
    expect(() => secretKey('whsec_not*base64!')).toThrow(TypeError);
    expect(() => secretKey('whsec_')).toThrow(TypeError);
    expect(() => sign({ id: 'm', timestamp: new Date(), body }, [])).toThrow(TypeError);
  });
});

describe('sign', () => {
  it('signs id.timestamp.body with HMAC-SHA256 and the decoded secret', () => {
    const secret = generateSecret();
    const headers = sign({ id: 'msg_1', timestamp: new Date('2026-03-02T01:00:00.900Z'), body }, [secret]);
    const expected = createHmac('sha256', secretKey(secret)).update(`msg_1.1772413200.${body}`).digest('base64');
    expect(headers).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1772413200',
      'webhook-signature': `v1,${expected}`,
    });
  });

  it('gives one signature per secret', () => {
    const headers = sign({ id: 'msg_1', timestamp: new Date(), body }, [generateSecret(), generateSecret()]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
  });

  it('is verified by the standardwebhooks package', () => {
    const secret = generateSecret();
    const headers = sign({ id: 'msg_2', timestamp: new Date(), body }, [secret]);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    // The control: the package does refuse a signature made with another secret.
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow('No matching signature found');
  });

  it('signs binary bodies byte for byte, as the package does', () => {
    const secret = generateSecret();
    const bytes = Buffer.from(body, 'utf8');
    const headers = sign({ id: 'msg_3', timestamp: new Date(), body: bytes }, [secret]);
    expect(new Webhook(secret).verify(bytes, headers)).toEqual(JSON.parse(body));
  });
});

describe('verify', () => {
  const secret = generateSecret();
  const now = new Date('2026-03-02T01:00:00Z');

  it('accepts the standardwebhooks package’s signatures', () => {
    const wallNow = new Date();
    const signature = new Webhook(secret).sign('msg_pkg', wallNow, body);
    const headers = {
      'webhook-id': 'msg_pkg',
      'webhook-timestamp': String(Math.floor(wallNow.getTime() / 1000)),
      'webhook-signature': signature,
    };
    expect(verify(headers, body, [secret], wallNow)).toEqual({
      id: 'msg_pkg',
      timestamp: new Date(Math.floor(wallNow.getTime() / 1000) * 1000),
      secretIndex: 0,
    });
    expect(failure(() => verify(headers, body, [generateSecret()], wallNow)).reason).toBe('bad_signature');
  });

  it('reads header names in any case, from a record or from fetch Headers', () => {
    const headers = sign({ id: 'msg_4', timestamp: now, body }, [secret]);
    const shouted = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verify(shouted, body, [secret], now).id).toBe('msg_4');
    expect(verify(new Headers(headers), body, [secret], now).id).toBe('msg_4');
  });

  it('accepts both the old and the new secret during a rotation, and tells which one matched', () => {
    const oldSecret = generateSecret();
    const newSecret = generateSecret();
    // The sender signs with both; receivers still on either secret accept the message.
    const headers = sign({ id: 'msg_5', timestamp: now, body }, [newSecret, oldSecret]);
    expect(verify(headers, body, [oldSecret], now).secretIndex).toBe(0);
    expect(verify(headers, body, [newSecret], now).secretIndex).toBe(0);
    // A receiver holding both accepts a sender that has not yet moved to the new secret.
    const oldOnly = sign({ id: 'msg_6', timestamp: now, body }, [oldSecret]);
    expect(verify(oldOnly, body, [newSecret, oldSecret], now).secretIndex).toBe(1);
    // After the grace period the old secret is dropped, and its signatures no longer pass.
    expect(failure(() => verify(oldOnly, body, [newSecret], now)).reason).toBe('bad_signature');
  });

  it('refuses a tampered body, id or timestamp', () => {
    const headers = sign({ id: 'msg_7', timestamp: now, body }, [secret]);
    expect(failure(() => verify(headers, body.replace('SAMR', 'HEALTH'), [secret], now)).reason).toBe('bad_signature');
    expect(failure(() => verify({ ...headers, 'webhook-id': 'msg_8' }, body, [secret], now)).reason).toBe(
      'bad_signature',
    );
    const shifted = { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) };
    expect(failure(() => verify(shifted, body, [secret], now)).reason).toBe('bad_signature');
  });

  it('refuses signatures of another scheme version and junk entries', () => {
    const headers = sign({ id: 'msg_9', timestamp: now, body }, [secret]);
    const value = headers['webhook-signature'].slice(3);
    expect(
      failure(() =>
        verify({ ...headers, 'webhook-signature': `v2,${value} v1a,${value} ${value}` }, body, [secret], now),
      ).reason,
    ).toBe('bad_signature');
    expect(verify({ ...headers, 'webhook-signature': `v2,${value} v1,${value}` }, body, [secret], now).id).toBe(
      'msg_9',
    );
  });

  it('accepts a repeated signature header joined by ", " as Node joins it', () => {
    const headers = sign({ id: 'msg_10', timestamp: now, body }, [secret]);
    const joined = { ...headers, 'webhook-signature': `v1,AAAA, ${headers['webhook-signature']}` };
    expect(verify(joined, body, [secret], now).id).toBe('msg_10');
  });

  it('accepts a timestamp up to five minutes off in either direction, and refuses one beyond', () => {
    const at = (seconds: number) =>
      sign({ id: 'msg_11', timestamp: new Date(now.getTime() + seconds * 1000), body }, [secret]);
    expect(verify(at(-300), body, [secret], now).id).toBe('msg_11');
    expect(verify(at(300), body, [secret], now).id).toBe('msg_11');
    const stale = failure(() => verify(at(-301), body, [secret], now));
    expect([stale.reason, stale.message]).toEqual(['stale_timestamp', expect.stringContaining('too old')]);
    const future = failure(() => verify(at(301), body, [secret], now));
    expect([future.reason, future.message]).toEqual(['stale_timestamp', expect.stringContaining('future')]);
    expect(verify(at(-3600), body, [secret], now, 7200).id).toBe('msg_11');
  });

  it('refuses missing or malformed headers before computing anything', () => {
    const headers: WebhookHeaders = sign({ id: 'msg_12', timestamp: now, body }, [secret]);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const { [name]: _dropped, ...rest } = headers;
      expect(failure(() => verify(rest, body, [secret], now)).reason).toBe('missing_headers');
    }
    expect(
      failure(() => verify({ ...headers, 'webhook-timestamp': '1772413200abc' }, body, [secret], now)).reason,
    ).toBe('missing_headers');
    expect(failure(() => verify({ ...headers, 'webhook-timestamp': '1772413200.5' }, body, [secret], now)).reason).toBe(
      'missing_headers',
    );
  });

  it('is a misconfiguration, not a bad signature, to verify with no secret', () => {
    const headers = sign({ id: 'msg_13', timestamp: now, body }, [secret]);
    expect(() => verify(headers, body, [], now)).toThrow(TypeError);
  });
});
