import { bindingKindOf, envVarFor, type LocalValues, localEnvironment } from '../../infra/bindings';
import { topology } from '../../infra/topology';
import type { Binding, FunctionDeclaration } from '../../infra/topology-model';
import { DEFAULT_COMPRESSION_RULE } from '../../shared/domain/analytics/compression';

const local: LocalValues = {
  secretsUrl: 'file:///data/secrets/',
  keysUrl: 'file:///data/keys/',
  outboxUrl: 'file:///data/outbox/',
  externals: { courier: 'simulated:http://127.0.0.1:1' },
  settings: { compressionRule: DEFAULT_COMPRESSION_RULE },
};

describe('the binding kinds table, on the local cloud', () => {
  it.each<[Binding, Record<string, string>]>([
    [{ table: 'main', access: 'read' }, { MAIN_TABLE_NAME: 'one-stop-local-main' }],
    [{ bucket: 'attachments', access: 'write' }, { ATTACHMENTS_BUCKET_NAME: 'one-stop-local-attachments' }],
    [{ bus: 'publish' }, { EVENT_BUS_NAME: 'one-stop-local-bus' }],
    [
      { stateMachine: 'procedure', access: 'start' },
      { PROCEDURE_STATE_MACHINE_ARN: 'arn:aws:states:cn-north-1:000000000000:stateMachine:one-stop-local-procedure' },
    ],
    [{ stateMachine: 'procedure', access: 'taskResponse' }, {}],
    [{ stateMachine: 'bundle', access: 'describe' }, {}],
    [{ secrets: 'platform', access: 'read' }, { PLATFORM_SECRETS_PREFIX: 'file:///data/secrets/' }],
    [{ signingKey: 'licences', access: 'publicKey' }, { LICENCE_SIGNING_KEY: 'file:///data/keys/' }],
    [{ messaging: 'sms' }, { SMS_CHANNEL: 'file:///data/outbox/' }],
    [{ messaging: 'email' }, { EMAIL_CHANNEL: 'file:///data/outbox/' }],
    [{ external: 'courier' }, { COURIER: 'simulated:http://127.0.0.1:1' }],
    // A service the cloud does not simulate is off.
    [{ external: 'payments' }, { PAYMENT_PROVIDER: 'none' }],
    [{ setting: 'compressionRule' }, { COMPRESSION_RULE_MODE: 'warn', COMPRESSION_RULE_MAX_PERCENT: '50' }],
  ])('sets %j to %j', (binding, env) => {
    expect(localEnvironment(binding, local)).toEqual(env);
  });

  it('sets, for every binding of the real topology, the variable the function reads (envVarFor)', () => {
    for (const [name, f] of Object.entries(topology.functions as Record<string, FunctionDeclaration>)) {
      for (const binding of f.uses) {
        const variable = envVarFor(binding);
        // A setting sets its variables without one named by envVarFor.
        if (!variable) continue;
        const set = Object.keys(localEnvironment(binding, local));
        expect({ name, binding, set }).toEqual({ name, binding, set: [variable] });
      }
    }
  });
});

describe('bindingKindOf', () => {
  it('names a binding by the key that says what it binds', () => {
    expect(bindingKindOf({ table: 'main', access: 'read', scope: { table: ['X#*'] } })).toBe('table');
    expect(bindingKindOf({ signingKey: 'licences', access: 'publicKey' })).toBe('signingKey');
  });

  it('refuses a binding of no known kind', () => {
    expect(() => bindingKindOf({ queue: 'jobs' } as never)).toThrow('Unknown binding kind');
  });
});
