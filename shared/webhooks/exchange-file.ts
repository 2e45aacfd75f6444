import { sign, type WebhookHeaders } from './standard-webhooks';

/**
 * A signed decision file for the exchange folder (前置机): the Standard Webhooks signature of a callback, carried
 * in the file itself so that the file is whole the moment it lands (S3 writes an object at once; a separate
 * signature file could be read before it arrives). The file is
 *
 *   webhook-id: <id>\n
 *   webhook-timestamp: <unix seconds>\n
 *   webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body">\n
 *   \n
 *   <body: the JSON decision, the exact bytes signed>
 *
 * Header names are case-insensitive, lines may end in CRLF, and the signature line may repeat (one per secret during
 * a rotation). This module imports only standard-webhooks.ts, so a department can copy the two.
 */

/** Only the three headers; the block ends at the first empty line and is at most this long. */
const HEADER_NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
const MAX_HEADER_BYTES = 4096;

/** The bytes of a signed decision file for `body` (a JSON decision, as it will be parsed). */
export function signExchangeFile(
  input: { id: string; timestamp: Date; body: string },
  secrets: readonly string[],
): string {
  const headers = sign(input, secrets);
  return `${HEADER_NAMES.map((name) => `${name}: ${headers[name]}`).join('\n')}\n\n${input.body}`;
}

export type ParsedExchangeFile =
  | { headers: WebhookHeaders; body: Uint8Array }
  | { problem: { field: string; rule: string; message: string } };

/** Splits a file into its three headers and its body bytes, or says what is wrong with its header block. */
export function parseExchangeFile(bytes: Uint8Array): ParsedExchangeFile {
  const limit = Math.min(bytes.length, MAX_HEADER_BYTES);
  let end = -1;
  let bodyStart = -1;
  for (let i = 0; i < limit; i++) {
    if (bytes[i] !== 0x0a) continue;
    // A line feed followed by an empty line (LF or CRLF) ends the header block.
    if (bytes[i + 1] === 0x0a) [end, bodyStart] = [i, i + 2];
    else if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) [end, bodyStart] = [i, i + 3];
    if (end >= 0) break;
  }
  const missing = {
    field: 'webhook-signature',
    rule: 'required',
    message:
      'a decision file starts with the lines webhook-id, webhook-timestamp and webhook-signature, then an empty line, then the JSON body',
  };
  if (end < 0) return { problem: missing };
  const values: Record<string, string[]> = {};
  for (const line of Buffer.from(bytes.subarray(0, end)).toString('latin1').split('\n')) {
    const match = /^([A-Za-z-]+):[ \t]*(.*?)[ \t]*\r?$/.exec(line);
    const name = match?.[1]?.toLowerCase();
    if (!match || !HEADER_NAMES.includes(name as never)) {
      return {
        problem: {
          field: 'headers',
          rule: 'format',
          message: `each header line is "name: value" with webhook-id, webhook-timestamp or webhook-signature (found ${JSON.stringify(line.slice(0, 40))})`,
        },
      };
    }
    values[name!] ??= [];
    values[name!]!.push(match[2]!);
  }
  for (const name of ['webhook-id', 'webhook-timestamp'] as const) {
    if ((values[name]?.length ?? 0) > 1)
      return { problem: { field: name, rule: 'once', message: `${name} appears more than once` } };
  }
  const [id, timestamp, signature] = HEADER_NAMES.map((name) => values[name]?.join(' ') ?? '');
  if (!id || !timestamp || !signature)
    return {
      problem: { ...missing, field: !id ? 'webhook-id' : !timestamp ? 'webhook-timestamp' : 'webhook-signature' },
    };
  return {
    headers: { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
    body: bytes.subarray(bodyStart),
  };
}
