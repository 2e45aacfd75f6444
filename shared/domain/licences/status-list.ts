import { gunzipSync, gzipSync } from 'node:zlib';
import { base64url } from 'jose';
import * as z from 'zod/mini';
import { parseTimestamp, shanghaiTimestamp, VC_V2_CONTEXT } from './vc';

/**
 * W3C Bitstring Status List v1.0: one bit per licence in a published, signed list. A set bit at a licence's
 * `statusListIndex` means revoked (作废) in the revocation list, suspended (暂停) in the suspension list.
 *
 * Hand-written rather than a library: the format is a byte array, GZIP and base64url, which node:zlib and jose
 * already provide; the test suite checks it against Digital Bazaar's reference implementation.
 */

/** 16 KB: the spec's minimum, so that one list hides each licence among at least 131,072 (herd privacy). */
export const MIN_STATUS_LIST_BITS = 131_072;
/** A decoded list may not expand beyond this: the encoded list is untrusted input (a GZIP bomb is a few KB). */
const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** The spec's error types (§ Processing Errors), as a `code`. */
export type StatusListErrorCode = 'STATUS_LIST_LENGTH_ERROR' | 'RANGE_ERROR' | 'MALFORMED_VALUE_ERROR';

export class StatusListError extends Error {
  override readonly name = 'StatusListError';
  constructor(
    readonly code: StatusListErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bitstring of status bits; index 0 is the left-most (most significant) bit of the first byte. */
export class StatusBitstring {
  private constructor(private readonly bytes: Uint8Array) {}

  /** An all-clear list of `bits` bits (at least 131,072, a whole number of bytes). */
  static create(bits: number = MIN_STATUS_LIST_BITS): StatusBitstring {
    if (!Number.isInteger(bits) || bits < MIN_STATUS_LIST_BITS || bits % 8 !== 0) {
      throw new StatusListError(
        'STATUS_LIST_LENGTH_ERROR',
        `a status list has a whole number of bytes and at least ${MIN_STATUS_LIST_BITS} bits, not ${bits}`,
      );
    }
    return new StatusBitstring(new Uint8Array(bits / 8));
  }

  /** Decodes an `encodedList`: multibase `u`, base64url without padding, GZIP. */
  static decode(encodedList: string): StatusBitstring {
    if (!encodedList.startsWith('u'))
      throw new StatusListError('MALFORMED_VALUE_ERROR', 'encodedList must be multibase base64url (prefix "u")');
    const body = encodedList.slice(1);
    if (!/^[A-Za-z0-9_-]+$/.test(body))
      throw new StatusListError('MALFORMED_VALUE_ERROR', 'encodedList is not base64url without padding');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(gunzipSync(base64url.decode(body), { maxOutputLength: MAX_STATUS_LIST_BYTES }));
    } catch (error) {
      throw new StatusListError(
        'MALFORMED_VALUE_ERROR',
        `encodedList is not a GZIP stream within ${MAX_STATUS_LIST_BYTES} bytes: ${(error as Error).message}`,
      );
    }
    if (bytes.length * 8 < MIN_STATUS_LIST_BITS) {
      throw new StatusListError(
        'STATUS_LIST_LENGTH_ERROR',
        `the list has ${bytes.length * 8} bits, fewer than ${MIN_STATUS_LIST_BITS}`,
      );
    }
    return new StatusBitstring(bytes);
  }

  get length(): number {
    return this.bytes.length * 8;
  }

  get(index: number): boolean {
    const [byte, mask] = this.locate(index);
    return ((this.bytes[byte] ?? 0) & mask) !== 0;
  }

  set(index: number, value: boolean): void {
    const [byte, mask] = this.locate(index);
    const current = this.bytes[byte] ?? 0;
    this.bytes[byte] = value ? current | mask : current & ~mask;
  }

  /** The `encodedList` value: GZIP, then base64url without padding, with the multibase prefix `u`. */
  encode(): string {
    return `u${base64url.encode(gzipSync(this.bytes, { level: 9 }))}`;
  }

  /** A copy of the raw bytes (for tests and for storage). */
  toBytes(): Uint8Array {
    return this.bytes.slice();
  }

  private locate(index: number): [number, number] {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new StatusListError('RANGE_ERROR', `status index ${index} is outside the list of ${this.length} bits`);
    }
    return [index >> 3, 0x80 >> (index & 7)];
  }
}

export interface BitstringStatusListEntry {
  readonly id: string;
  readonly type: 'BitstringStatusListEntry';
  readonly statusPurpose: StatusPurpose;
  /** A string holding a non-negative integer, as the spec writes it. */
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

/** The `credentialStatus` entry that points a credential at its bit in a list. */
export function statusListEntry(purpose: StatusPurpose, listUrl: string, index: number): BitstringStatusListEntry {
  if (!Number.isInteger(index) || index < 0)
    throw new StatusListError('RANGE_ERROR', `status index must be a non-negative integer, not ${index}`);
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

export interface BitstringStatusListCredential {
  readonly '@context': readonly [typeof VC_V2_CONTEXT];
  readonly id: string;
  readonly type: readonly ['VerifiableCredential', 'BitstringStatusListCredential'];
  readonly issuer: string | { readonly id: string; readonly name?: string };
  readonly validFrom: string;
  readonly validUntil?: string;
  readonly credentialSubject: {
    readonly id: string;
    readonly type: 'BitstringStatusList';
    readonly statusPurpose: StatusPurpose;
    readonly encodedList: string;
    /** How long, in milliseconds, a verifier may cache the list. */
    readonly ttl?: number;
  };
}

export interface StatusListCredentialInput {
  /** The URL the list is published at: the `statusListCredential` of the entries pointing into it. */
  readonly url: string;
  readonly issuer: string | { readonly id: string; readonly name?: string };
  readonly purpose: StatusPurpose;
  readonly list: StatusBitstring;
  readonly validFrom: Date;
  readonly validUntil?: Date;
  readonly ttlMs?: number;
}

/** The BitstringStatusListCredential (VC 2.0) to sign and publish at `url`. */
export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id: input.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: shanghaiTimestamp(input.validFrom),
    ...(input.validUntil ? { validUntil: shanghaiTimestamp(input.validUntil) } : {}),
    credentialSubject: {
      id: `${input.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.list.encode(),
      ...(input.ttlMs !== undefined ? { ttl: input.ttlMs } : {}),
    },
  };
}

const timestamp = z.string().check(z.refine((s) => parseTimestamp(s) !== undefined, 'an XML Schema dateTimeStamp'));

/** Parses an untrusted status list credential (after its signature was checked, or from the platform's own store). */
export const statusListCredentialSchema = z.object({
  '@context': z
    .array(z.string())
    .check(z.refine((c) => c[0] === VC_V2_CONTEXT, `the first context must be ${VC_V2_CONTEXT}`)),
  id: z.string().check(z.minLength(1)),
  type: z
    .array(z.string())
    .check(
      z.refine(
        (t) => t.includes('VerifiableCredential') && t.includes('BitstringStatusListCredential'),
        'a BitstringStatusListCredential',
      ),
    ),
  issuer: z.union([z.string(), z.object({ id: z.string(), name: z.optional(z.string()) })]),
  validFrom: z.optional(timestamp),
  validUntil: z.optional(timestamp),
  credentialSubject: z.object({
    id: z.optional(z.string()),
    type: z.literal('BitstringStatusList'),
    // "One or more strings": a list may serve several purposes.
    statusPurpose: z.union([z.string(), z.array(z.string()).check(z.minLength(1))]),
    encodedList: z.string(),
    ttl: z.optional(z.number()),
  }),
});
