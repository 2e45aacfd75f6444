import { decodeCursor, encodeCursor } from '../../shared/adapters/dynamo-cursor';
import { ValidationError } from '../../shared/domain/errors';

/** The cursor codec on its own: opaque, bound to its list and key; the lists themselves are in test/integration/idempotency.test.ts. */
const key = {
  gsi1pk: 'OWNER#P#11010519491231002X',
  gsi1sk: '2026-03-02T01:00:00.000Z#c-1',
  pk: 'CASE#c-1',
  sk: 'CASE',
  n: 7,
};
const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('not refused');
};

test('round-trips a key for its own list only, and shows nothing of it', () => {
  const cursor = encodeCursor(key, 'owner:P#11010519491231002X')!;
  expect(decodeCursor(cursor, 'owner:P#11010519491231002X')).toEqual(key);
  expect(Buffer.from(cursor.slice(3), 'base64url').toString('latin1')).not.toMatch(/11010519|OWNER|CASE/);
  // Two cursors of the same key differ (a fresh IV each time): they cannot be compared or guessed.
  expect(encodeCursor(key, 'l')).not.toBe(encodeCursor(key, 'l'));
  const error = refusal(() => decodeCursor(cursor, 'owner:P#110105194912310038'));
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).details[0]).toMatchObject({ path: 'query.cursor', rule: 'cursor' });
});

test('a cursor made with another stage secret is refused, and a deployed stage without a secret fails loudly', () => {
  process.env.CURSOR_SECRET = 'stage-a';
  const cursor = encodeCursor(key, 'l')!;
  process.env.CURSOR_SECRET = 'stage-b';
  expect(refusal(() => decodeCursor(cursor, 'l'))).toBeInstanceOf(ValidationError);
  delete process.env.CURSOR_SECRET;
  process.env.STAGE = 'prod';
  expect(() => encodeCursor(key, 'l')).toThrow(/CURSOR_SECRET/);
});

test('no cursor is no start key; anything malformed is a 400', () => {
  expect(decodeCursor(undefined, 'l')).toBeUndefined();
  for (const bad of [
    'x',
    'c1.',
    'c1.AAAA',
    'c1.!!',
    `c1.${'A'.repeat(60)}`,
    `c2.${encodeCursor(key, 'l')!.slice(3)}`,
  ]) {
    expect(refusal(() => decodeCursor(bad, 'l'))).toBeInstanceOf(ValidationError);
  }
});
