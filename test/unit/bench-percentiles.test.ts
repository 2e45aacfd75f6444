import { itemBytes, transactionWriteUnits } from '../../infra/local/metering';
import { percentile, routeMatcher, summarise } from '../../bench/percentiles';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it('picks the smallest sample with at least q % of the samples at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0.5)).toBe(1);
  });

  it('never interpolates: with few samples a high percentile is the maximum', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([7], 1)).toBe(7);
  });

  it('has none of nothing, and refuses a percentile outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('summarises count, percentiles, max and mean', () => {
    expect(summarise([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, max: 4, mean: 2.5 });
    expect(summarise([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null, mean: null });
  });
});

describe('routeMatcher', () => {
  const match = routeMatcher([
    'GET /health',
    'POST /applications',
    'GET /applications/{id}',
    'POST /applications/{id}/submit',
    'POST /applications/{id}/attachments/{uploadId}/confirm',
    'GET /tasks',
    'GET /tasks/{id}',
    'POST /tasks/{id}/decision',
    'GET /licences/{licenceNo}/document',
    'POST /licences/{licenceNo}/{action}',
    'GET /files/{key+}',
    'GET /files/special',
  ]);

  it('maps concrete paths to their route templates', () => {
    expect(match('POST', '/applications')).toBe('POST /applications');
    expect(match('GET', '/applications/01JABC')).toBe('GET /applications/{id}');
    expect(match('POST', '/applications/01JABC/submit')).toBe('POST /applications/{id}/submit');
    expect(match('POST', '/applications/a/attachments/u-1/confirm')).toBe(
      'POST /applications/{id}/attachments/{uploadId}/confirm',
    );
    expect(match('POST', `/tasks/${encodeURIComponent('CASE#1#TASK#00#PSB')}/decision`)).toBe(
      'POST /tasks/{id}/decision',
    );
  });

  it('prefers literal segments over parameters, and a greedy parameter least', () => {
    expect(match('GET', '/licences/L-1/document')).toBe('GET /licences/{licenceNo}/document');
    expect(match('POST', '/licences/L-1/revoke')).toBe('POST /licences/{licenceNo}/{action}');
    expect(match('GET', '/files/special')).toBe('GET /files/special');
    expect(match('GET', '/files/a/b/c')).toBe('GET /files/{key+}');
  });

  it('ignores the query, tells methods apart, and answers undefined for an unknown route', () => {
    expect(match('GET', '/tasks?limit=100')).toBe('GET /tasks');
    expect(match('get', '/health')).toBe('GET /health');
    expect(match('DELETE', '/tasks')).toBeUndefined();
    expect(match('GET', '/applications/a/b/c/d/e')).toBeUndefined();
    expect(match('POST', '/applications/x/')).toBeUndefined();
  });
});

describe('DynamoDB sizes and transaction write units', () => {
  it('sizes an item by its names and values in UTF-8', () => {
    expect(itemBytes('abc')).toBe(3);
    expect(itemBytes('食品')).toBe(6);
    expect(itemBytes(12345)).toBe(5);
    expect(itemBytes({ pk: 'CASE#1' })).toBe(3 + 1 + 2 + 6);
    expect(itemBytes({ a: 'x'.repeat(2000) })).toBeGreaterThan(2000);
  });

  it('bills 2 units per started KB of each item put, again per index it is in', () => {
    const small = { pk: 'A', sk: 'B', v: 'x'.repeat(100) };
    const big = { pk: 'A', sk: 'B', v: 'x'.repeat(3100) }; // just over 3 KB: 4 units, twice
    expect(transactionWriteUnits([{ Put: { Item: small } }])).toBe(2);
    expect(transactionWriteUnits([{ Put: { Item: small } }, { Put: { Item: small } }])).toBe(4);
    expect(transactionWriteUnits([{ Put: { Item: big } }, { Put: { Item: big } }])).toBe(16);
    expect(transactionWriteUnits([{ Put: { Item: { ...small, gsi1pk: 'G', gsi1sk: 'S' } } }])).toBe(4);
    expect(
      transactionWriteUnits([{ Put: { Item: { ...small, gsi1pk: 'G', gsi1sk: 'S', gsi2pk: 'D', gsi2sk: 'S' } } }]),
    ).toBe(6);
  });

  it('counts an update, delete or condition check at 2', () => {
    expect(transactionWriteUnits([{}, { Put: { Item: { pk: 'A' } } }])).toBe(4);
    expect(transactionWriteUnits([])).toBe(0);
  });
});
