import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The Standard Webhooks signing scheme (https://www.standardwebhooks.com), symmetric `v1` signatures only.
 *
 * Written on node:crypto rather than the `standardwebhooks` package because verification must accept several
 * secrets at once (a rotation's grace period, where old and new secrets are both valid) and because the platform
 * and the department client must carry no runtime dependency. The package stays a devDependency: the tests check
 * both implementations against each other.
 *
 * This module imports only node:crypto, so a department can copy it together with clients/department-client.ts.
 */

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The three headers of a signed message, lower-case as the specification writes them. (A type, not an
 * interface, so that it fits fetch's HeadersInit.) */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Node's IncomingHttpHeaders, a plain record, or a fetch `Headers`. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** `missing_headers` also covers a malformed id or timestamp: either way the message cannot be checked. */
export type WebhookFailureReason = 'missing_headers' | 'stale_timestamp' | 'bad_signature';

/** A message that failed verification. The HTTP layer answers 401 for every reason. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookFailureReason,
    message: string,
  ) {
    super(message);
  }
}

export interface SignInput {
  /** The message id; re-deliveries of one message keep it, so receivers de-duplicate on it. */
  id: string;
  /** When this attempt is sent: every attempt is signed afresh, so a re-delivery is never stale. */
  timestamp: Date;
  /** The exact bytes that go on the wire. */
  body: string | Uint8Array;
}

export interface VerifiedWebhook {
  id: string;
  timestamp: Date;
  /** Which of the given secrets matched: shows when senders have stopped using an old secret. */
  secretIndex: number;
}

/** A new secret: "whsec_" + base64 of 32 random bytes. */
export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The key bytes of a secret, with or without its prefix. A mistyped secret fails here, not as bad signatures. */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  // Buffer.from skips characters that are not base64; re-encoding shows whether any were skipped.
  if (key.length === 0 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new TypeError('A webhook secret must be "whsec_" followed by non-empty base64');
  }
  return key;
}

function signature(key: Buffer, id: string, seconds: string, body: string | Uint8Array): string {
  // Fed in two parts so a binary body is signed byte for byte, never re-decoded as text.
  return createHmac('sha256', key).update(`${id}.${seconds}.`).update(body).digest('base64');
}

function keysOf(secrets: readonly string[]): Buffer[] {
  if (secrets.length === 0) throw new TypeError('At least one webhook secret is needed');
  return secrets.map(secretKey);
}

/** The headers for one attempt: one `v1` signature per secret, so receivers holding either secret accept it. */
export function sign(input: SignInput, secrets: readonly string[]): WebhookHeaders {
  if (!/^[\x21-\x7e]+$/.test(input.id)) throw new TypeError('A webhook id must be non-empty visible ASCII');
  const ms = input.timestamp.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new TypeError('A webhook timestamp must be a valid date');
  const seconds = String(Math.floor(ms / 1000));
  const signatures = [...new Set(keysOf(secrets).map((key) => `v1,${signature(key, input.id, seconds, input.body)}`))];
  return { 'webhook-id': input.id, 'webhook-timestamp': seconds, 'webhook-signature': signatures.join(' ') };
}

/** One header, case-insensitively; repeated headers are joined with spaces (only the signature may repeat). */
function header(headers: HeaderSource, name: keyof WebhookHeaders): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values.length === 0 ? undefined : values.join(' ');
}

/**
 * Checks a received message: the three headers, the timestamp within `toleranceSeconds` of `now` in either
 * direction (a replay is refused once it is old), and any `v1` signature against any of the secrets.
 * `rawBody` must be the bytes as received, before any JSON parsing.
 */
export function verify(
  headers: HeaderSource,
  rawBody: string | Uint8Array,
  secrets: readonly string[],
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): VerifiedWebhook {
  const keys = keysOf(secrets);
  if (!(toleranceSeconds >= 0)) throw new TypeError('The tolerance must be a non-negative number of seconds');
  const id = header(headers, 'webhook-id');
  const seconds = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !seconds || !signatures) {
    throw new WebhookVerificationError(
      'missing_headers',
      'webhook-id, webhook-timestamp and webhook-signature are required',
    );
  }
  if (!/^\d{1,12}$/.test(seconds)) {
    throw new WebhookVerificationError('missing_headers', 'webhook-timestamp must be whole unix seconds');
  }
  const skew = Math.floor(now.getTime() / 1000) - Number(seconds);
  if (Math.abs(skew) > toleranceSeconds) {
    const direction = skew > 0 ? 'old' : 'far in the future';
    throw new WebhookVerificationError('stale_timestamp', `webhook-timestamp is too ${direction} (${skew} s off)`);
  }
  // Node and fetch join repeated headers with ", "; a base64 signature never ends with a comma.
  const offered = signatures
    .split(/\s+/)
    .map((entry) => entry.replace(/,$/, ''))
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3)));
  for (const [secretIndex, key] of keys.entries()) {
    const expected = Buffer.from(signature(key, id, seconds, rawBody));
    // Lengths are public (every v1 signature is 44 characters); the contents are compared in constant time.
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) {
      return { id, timestamp: new Date(Number(seconds) * 1000), secretIndex };
    }
  }
  throw new WebhookVerificationError('bad_signature', 'No webhook-signature matches the body with a known secret');
}
