import { readdirSync, readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { loadDefinition, taskStates } from '../../infra/local/step-functions';
import { topology } from '../../infra/topology';

const files = readdirSync('statemachines').filter((f) => f.endsWith('.asl.json'));
const declared = Object.entries(topology.stateMachines);

describe('the ASL files in statemachines/', () => {
  it('are each used by a state machine of the topology, and every declared definition exists', () => {
    expect(files.map((f) => `statemachines/${f}`).sort()).toEqual(declared.map(([, m]) => m.definition).sort());
  });

  it.each(declared)('%s: every ${placeholder} has a substitution, and the result is valid ASL', (_name, machine) => {
    const text = readFileSync(machine.definition, 'utf8');
    const placeholders = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...placeholders].sort()).toEqual(['Partition', ...Object.keys(machine.substitutions)].sort());
    const definition = loadDefinition(machine.definition, {
      Partition: 'aws-cn',
      ...Object.fromEntries(Object.keys(machine.substitutions).map((k) => [k, `arn:aws-cn:lambda:cn-north-1:123456789012:function:${k}`])),
    });
    const { isValid, errorsText } = aslValidator(definition as never);
    expect(errorsText?.() ?? '').toBe('');
    expect(isValid).toBe(true);
  });

  it.each(declared)('%s: every task that waits on a token has a timeout, so none waits silently forever', (_name, machine) => {
    const definition = loadDefinition(machine.definition, { Partition: 'aws', ...Object.fromEntries(Object.keys(machine.substitutions).map((k) => [k, 'arn:aws:lambda:r:1:function:f'])) });
    for (const [state, task] of taskStates(definition)) {
      if (String(task.Resource).endsWith('.waitForTaskToken')) expect({ state, timeout: typeof task.TimeoutSeconds }).toEqual({ state, timeout: 'number' });
    }
  });
});
