import { FAULT_KINDS, FaultInjector, faultInjector, installFaultInjector } from '../../infra/local/fault-injector';

describe('the local fault injector', () => {
  afterEach(() => installFaultInjector(undefined));

  test('is off unless installed: nothing in the process finds one', () => {
    expect(faultInjector()).toBeUndefined();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('one-stop.sdk-fault-hook')]).toBeUndefined();
  });

  test('draws the same faults from the same seed, at about its rate, and counts them by kind', () => {
    const draw = (seed: number) => {
      const injector = new FaultInjector({ rate: 0.1, seed });
      return Array.from(
        { length: 20_000 },
        (_, i) => injector.roll(i % 2 ? 'delivery' : 'dynamodb-transaction') ?? '-',
      );
    };
    const a = draw(42);
    expect(draw(42)).toEqual(a);
    expect(draw(43)).not.toEqual(a);
    const failed = a.filter((k) => k !== '-').length;
    expect(failed / a.length).toBeGreaterThan(0.09);
    expect(failed / a.length).toBeLessThan(0.11);
    expect(new Set(a.filter((k) => k !== '-'))).toEqual(
      new Set([
        'dynamodb-throttle',
        'dynamodb-transaction-conflict',
        'event-duplicated',
        'event-delayed',
        'event-dropped',
      ]),
    );
  });

  test('stops injecting when stopped, keeping its counts', () => {
    const injector = new FaultInjector({ rate: 1, seed: 1 });
    expect(injector.roll('function')).toBe('function-crash-after-write');
    injector.stop();
    expect(injector.roll('function')).toBeUndefined();
    expect(injector.injected.get('function-crash-after-write')).toBe(1);
  });

  test('installed, its SDK hook throws AWS-shaped errors the SDK retries (throttling) or the adapters read (conflict)', () => {
    installFaultInjector(
      new FaultInjector({ rate: 1, seed: 3, kinds: ['dynamodb-throttle', 'dynamodb-transaction-conflict'] }),
    );
    const hook = (globalThis as Record<symbol, unknown>)[Symbol.for('one-stop.sdk-fault-hook')] as (
      c: string,
      cmd: string,
      attempt: number,
    ) => Error | undefined;
    const throttled = hook('dynamodb', 'GetItemCommand', 1) as Error & { $retryable?: unknown; $metadata?: unknown };
    expect(throttled.name).toBe('ProvisionedThroughputExceededException');
    expect(throttled.$retryable).toEqual({ throttling: true });
    const kinds = new Set(Array.from({ length: 50 }, () => hook('dynamodb', 'TransactWriteItemsCommand', 1)?.name));
    expect(kinds).toEqual(new Set(['ProvisionedThroughputExceededException', 'TransactionCanceledException']));
    expect(hook('sfn', 'StartExecutionCommand', 1)).toBeUndefined();
  });

  test('refuses a rate outside 0 to 1', () => {
    expect(() => new FaultInjector({ rate: 1.5 })).toThrow(/between 0 and 1/);
    expect(FAULT_KINDS).toHaveLength(12);
  });
});
