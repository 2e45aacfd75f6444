import { ValidationError } from '../../../shared/domain/errors';

/**
 * A page of an already ordered list. As with the DynamoDB adapters' cursors, a cursor continues only the list it
 * came from: another list's cursor (or a made-up one) is a ValidationError naming query.cursor.
 */
export function pageOf<T>(
  items: readonly T[],
  list: string,
  limit: number,
  cursor?: string,
): { items: T[]; nextCursor?: string } {
  const start = cursor ? offsetOf(cursor, list) : 0;
  const end = start + limit;
  const nextCursor =
    end < items.length ? Buffer.from(JSON.stringify({ list, offset: end })).toString('base64url') : undefined;
  return { items: items.slice(start, end), ...(nextCursor ? { nextCursor } : {}) };
}

function offsetOf(cursor: string, list: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      list?: unknown;
      offset?: unknown;
    };
    if (parsed.list === list && typeof parsed.offset === 'number') return parsed.offset;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ValidationError('The cursor is not one this list gave out', [
    { path: 'query.cursor', rule: 'cursor', message: 'not a cursor of this list' },
  ]);
}
