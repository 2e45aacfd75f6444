import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { ValidationError } from '../domain/errors';

/**
 * A page's LastEvaluatedKey as an opaque cursor for clients, and back.
 *
 * A LastEvaluatedKey names the last item read, and for an applicant's lists that key holds their ID number
 * (`OWNER#P#<身份证号>`); as base64 it would travel in URLs, logs and browser history. So a cursor is the key
 * encrypted with AES-256-GCM: nothing in it is readable, and any change to it (or a cursor made by anyone without
 * the key) fails authentication. The list it was issued for (its partition, index, filter: the `list` string) is the
 * GCM additional data, so a cursor of one list, or of someone else's list, is refused by another instead of starting
 * a query there. The list string itself is never sent.
 *
 * Encryption, not an HMAC over readable JSON: the key must not be readable at all. Not a server-side reference
 * either: that would be a write per page, and the public and read-only functions must not write.
 *
 * The key is derived (HKDF-SHA256) from CURSOR_SECRET, a per-stage secret the stack puts in every function's
 * environment. Without it, on a deployed stage (STAGE dev/staging/prod) the first cursor fails loudly; the local cloud
 * and tests use a fixed development secret. Rotating the secret only makes outstanding cursors answer 400: clients
 * start the list again.
 */
const VERSION = 'c1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DEPLOYED_STAGES = ['dev', 'staging', 'prod'];
const DEVELOPMENT_SECRET = 'one-stop local development cursor secret (not for deployed stages)';

let cachedKey: { secret: string; key: Buffer } | undefined;

function cursorKey(): Buffer {
  const secret = process.env.CURSOR_SECRET;
  const stage = process.env.STAGE;
  if (!secret && stage && DEPLOYED_STAGES.includes(stage))
    throw new Error('CURSOR_SECRET is not set: the stage cannot page lists without its cursor key');
  const material = secret || DEVELOPMENT_SECRET;
  if (cachedKey?.secret !== material) {
    cachedKey = {
      secret: material,
      key: Buffer.from(hkdfSync('sha256', material, 'one-stop/cursor', `aes-256-gcm ${VERSION}`, 32)),
    };
  }
  return cachedKey.key;
}

const aad = (list: string) => Buffer.from(`${VERSION}\u0000${list}`);

export function encodeCursor(key: Record<string, unknown> | undefined, list: string): string | undefined {
  if (!key) return undefined;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', cursorKey(), iv).setAAD(aad(list));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The key a cursor carries, for the list it was issued for; anything else is a 400 naming query.cursor. */
export function decodeCursor(cursor: string | undefined, list: string): Record<string, unknown> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const key = open(cursor, list);
  if (!key) throw invalidCursor();
  return key;
}

export function invalidCursor(): ValidationError {
  return new ValidationError(
    'The cursor is not one this list gave out; use the nextCursor of the previous page, or start again without one',
    [
      {
        path: 'query.cursor',
        rule: 'cursor',
        message: 'not a cursor of this list (malformed, altered, expired by a key change, or from another list)',
        messageZh: '分页游标无效，请从第一页重新开始',
      },
    ],
  );
}

function open(cursor: string, list: string): Record<string, unknown> | undefined {
  const [version, body, ...rest] = cursor.split('.');
  if (version !== VERSION || !body || rest.length > 0 || !/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKey(), bytes.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    }).setAAD(aad(list));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
    const key = JSON.parse(plain) as unknown;
    // Only what DynamoDB gave out: an object of string or number attributes.
    if (!key || typeof key !== 'object' || Array.isArray(key)) return undefined;
    if (!Object.values(key).every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
    return key as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
