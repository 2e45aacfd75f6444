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
      ...Object.fromEntries(
        Object.keys(machine.substitutions).map((k) => [k, `arn:aws-cn:lambda:cn-north-1:123456789012:function:${k}`]),
      ),
    });
    const { isValid, errorsText } = aslValidator(definition as never);
    expect(errorsText?.() ?? '').toBe('');
    expect(isValid).toBe(true);
  });

  it.each(declared)(
    '%s: every task that waits on a token has a timeout, so none waits silently forever',
    (_name, machine) => {
      const definition = loadDefinition(machine.definition, {
        Partition: 'aws',
        ...Object.fromEntries(Object.keys(machine.substitutions).map((k) => [k, 'arn:aws:lambda:r:1:function:f'])),
      });
      for (const [state, task] of taskStates(definition)) {
        if (String(task.Resource).endsWith('.waitForTaskToken'))
          expect({ state, timeout: typeof task.TimeoutSeconds }).toEqual({ state, timeout: 'number' });
      }
    },
  );

  it.each(declared)(
    '%s: every Task state is caught (itself or by its Map) into a step that records the failure on the case, then fails',
    (_name, machine) => {
      const definition = loadDefinition(machine.definition, {
        Partition: 'aws',
        ...Object.fromEntries(Object.keys(machine.substitutions).map((k) => [k, `arn:aws:lambda:r:1:function:${k}`])),
      });
      const top = definition.States as Record<string, AslState>;
      const uncaught: string[] = [];
      const catchesAll = (state: AslState) => (state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL'));
      // Walks each scope with the nearest enclosing state that catches everything (undefined at the top level).
      const visit = (states: Record<string, AslState>, enclosing: AslState | undefined) => {
        for (const [name, state] of Object.entries(states)) {
          if (state.Type === 'Task' && !catchesAll(state) && !enclosing) uncaught.push(name);
          const inner = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, AslState> } | undefined;
          if (inner) visit(inner.States, catchesAll(state) ? state : enclosing);
          for (const branch of (state.Branches ?? []) as { States: Record<string, AslState> }[])
            visit(branch.States, catchesAll(state) ? state : enclosing);
        }
      };
      visit(top, undefined);
      expect(uncaught).toEqual([]);
      // The catch-alls of the top level lead straight to the recording Task, with the error under $.failed.<the
      // step's own name> (so the record names the step without a Pass state, which would be a billed transition),
      // and from there to a Fail state (which the state machine's ExecutionsFailed alarm counts).
      for (const [name, state] of Object.entries(top)) {
        for (const c of (state.Catch ?? []).filter((c) => c.ErrorEquals.includes('States.ALL'))) {
          if (name === 'RecordStepFailure') {
            expect(c.Next).toBe('StepFailed');
            continue;
          }
          expect({ name, next: c.Next, resultPath: c.ResultPath }).toEqual({
            name,
            next: 'RecordStepFailure',
            resultPath: `$.failed.${name}`,
          });
        }
      }
      expect(top.RecordStepFailure!.Type).toBe('Task');
      expect((top.RecordStepFailure!.Parameters as { Payload: unknown }).Payload).toEqual({
        'caseId.$': '$.caseId',
        'failed.$': '$.failed',
      });
      expect(top.RecordStepFailure!.Next).toBe('StepFailed');
      expect(top.StepFailed!.Type).toBe('Fail');
    },
  );

  it.each(declared)(
    '%s: has no state that carries no decision (each one entered is a billed transition)',
    (_name, machine) => {
      const definition = loadDefinition(machine.definition, {
        Partition: 'aws',
        ...Object.fromEntries(Object.keys(machine.substitutions).map((k) => [k, `arn:aws:lambda:r:1:function:${k}`])),
      });
      const scopes: Record<string, AslState>[] = [];
      const collect = (states: Record<string, AslState>) => {
        scopes.push(states);
        for (const state of Object.values(states)) {
          const inner = (state.ItemProcessor ?? state.Iterator) as { States: Record<string, AslState> } | undefined;
          if (inner) collect(inner.States);
          for (const branch of (state.Branches ?? []) as { States: Record<string, AslState> }[]) collect(branch.States);
        }
      };
      collect(definition.States as Record<string, AslState>);
      for (const states of scopes) {
        for (const [name, state] of Object.entries(states)) {
          // A Pass state only names or moves data: a Catch's ResultPath or the next task's Parameters can do that.
          expect({ name, type: state.Type }).not.toEqual({ name, type: 'Pass' });
          // A Succeed state after a task is a transition that End: true on the task saves; one is only kept as the
          // target of a Catch (an outcome, e.g. a withdrawal, that needs a state to go to).
          if (state.Type === 'Succeed') {
            const reachedByNext = Object.values(states).some((s) => s.Next === name);
            expect({ name, reachedByNext }).toEqual({ name, reachedByNext: false });
          }
        }
      }
    },
  );
});

type AslState = Record<string, unknown> & {
  Type: string;
  Next?: string;
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string }[];
  ItemProcessor?: unknown;
  Iterator?: unknown;
  Branches?: unknown[];
};
