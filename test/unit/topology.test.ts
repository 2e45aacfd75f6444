import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { topology } from '../../infra/topology';
import { envVarFor } from '../../infra/bindings';
import { type Binding, type Topology, topologyProblems } from '../../infra/topology-model';
import { defineRoute } from '../../shared/contracts/route-contract';
import { healthRoute } from '../../shared/contracts/system';

const root = join(__dirname, '..', '..');

/** A shallow-per-section copy of the real topology (routes hold zod schemas, which structuredClone cannot copy). */
function copy(changes: Partial<Topology> = {}): Topology {
  const real: Topology = topology;
  return {
    tables: { ...real.tables },
    buckets: { ...real.buckets },
    functions: { ...real.functions },
    routes: [...real.routes],
    stateMachines: { ...real.stateMachines },
    rules: [...real.rules],
    schedules: [...real.schedules],
    streams: [...real.streams],
    ...changes,
  };
}

const ghostRoute = defineRoute({
  method: 'GET',
  path: '/ghost',
  auth: 'public',
  summary: 'ghost',
  tags: ['test'],
  response: z.object({}),
});

describe('topologyProblems on the real topology', () => {
  it('finds none', () => {
    expect(topologyProblems(topology)).toEqual([]);
  });

  it('finds none in an unchanged copy, so the broken copies below differ only by what they break', () => {
    expect(topologyProblems(copy())).toEqual([]);
  });
});

describe('topologyProblems on broken copies', () => {
  it('names an unknown function in a route', () => {
    const broken = copy({ routes: [...topology.routes, { route: ghostRoute, function: 'ghostFunction' }] });
    expect(topologyProblems(broken)).toEqual(['route GET /ghost: unknown function "ghostFunction"']);
  });

  it('names a route declared twice', () => {
    const broken = copy({ routes: [...topology.routes, { route: healthRoute, function: 'openapi' }] });
    expect(topologyProblems(broken)).toEqual(['route GET /health is declared twice']);
  });

  it('names an unknown state machine as a rule target', () => {
    const broken = copy({
      rules: [
        ...topology.rules,
        {
          name: 'start-licensing',
          description: 'x',
          pattern: { source: ['gov.one-stop.applications'] },
          target: { stateMachine: 'licensing' },
        },
      ],
    });
    expect(topologyProblems(broken)).toEqual(['rule start-licensing: unknown state machine "licensing"']);
  });

  it('names an unknown function as a rule target', () => {
    const broken = copy({
      rules: [
        ...topology.rules,
        { name: 'notify', description: 'x', pattern: { source: ['x'] }, target: { function: 'notifier' } },
      ],
    });
    expect(topologyProblems(broken)).toEqual(['rule notify: unknown function "notifier"']);
  });

  it('names a rule declared twice', () => {
    const broken = copy({ rules: [...topology.rules, ...topology.rules] });
    expect(topologyProblems(broken)).toEqual(topology.rules.map((r) => `rule ${r.name} is declared twice`));
  });

  it('names an unknown table in a function binding', () => {
    const broken = copy({
      functions: {
        ...topology.functions,
        openDepartmentTask: {
          ...topology.functions.openDepartmentTask,
          uses: [{ table: 'archive', access: 'readWrite' }],
        },
      },
    });
    expect(topologyProblems(broken)).toEqual(['function openDepartmentTask: unknown table "archive"']);
  });

  it('names an unknown bucket and an unknown state machine in function bindings', () => {
    const broken = copy({
      functions: {
        ...topology.functions,
        me: {
          ...topology.functions.me,
          uses: [
            { bucket: 'photos', access: 'read' },
            { stateMachine: 'licensing', access: 'start' },
          ],
        },
      },
    });
    expect(topologyProblems(broken)).toEqual([
      'function me: unknown bucket "photos"',
      'function me: unknown state machine "licensing"',
    ]);
  });

  it('names an unknown function in a state machine substitution', () => {
    const broken = copy({
      stateMachines: {
        ...topology.stateMachines,
        procedure: {
          ...topology.stateMachines.procedure,
          substitutions: {
            ...topology.stateMachines.procedure.substitutions,
            OpenDepartmentTaskFunctionArn: { functionArn: 'openDeptTask' },
          },
        },
      },
    });
    expect(topologyProblems(broken)).toEqual([
      'state machine procedure ${OpenDepartmentTaskFunctionArn}: unknown function "openDeptTask"',
    ]);
  });

  it('names the function a route points at when that function is removed', () => {
    const { me: _removed, ...functions } = topology.functions;
    expect(topologyProblems(copy({ functions }))).toEqual(['route GET /me: unknown function "me"']);
  });

  it('names an unknown function as a schedule target', () => {
    const broken = copy({
      schedules: [
        { name: 'deadline-sweep', description: 'x', expression: 'rate(1 hour)', target: { function: 'sweeper' } },
      ],
    });
    expect(topologyProblems(broken)).toEqual(['schedule deadline-sweep: unknown function "sweeper"']);
  });

  it('reports every problem at once', () => {
    const broken = copy({
      routes: [
        ...topology.routes,
        { route: ghostRoute, function: 'ghostFunction' },
        { route: healthRoute, function: 'health' },
      ],
      rules: [{ ...topology.rules[0]!, target: { stateMachine: 'licensing' } }],
    });
    expect(topologyProblems(broken)).toHaveLength(3);
  });

  it('left the real topology intact', () => {
    const routesBefore = topology.routes.length;
    copy({ routes: [] });
    expect(topologyProblems(topology)).toEqual([]);
    expect(topology.routes).toHaveLength(routesBefore);
  });
});

describe('the real topology and the files it names', () => {
  it('names an existing entry file for every function', () => {
    for (const [name, f] of Object.entries(topology.functions)) {
      expect([name, existsSync(join(root, f.entry))]).toEqual([name, true]);
    }
  });

  it('reads, in each function entry or the deps factory it imports, the environment variable of every binding', () => {
    // An entry reads its environment itself, or through a shared factory (shared/adapters/*-deps.ts).
    const sourceOf = (entry: string) => {
      const text = readFileSync(join(root, entry), 'utf8');
      const factories = [...text.matchAll(/from '((?:\.\.\/)+shared\/adapters\/[\w-]+-deps)'/g)].map((m) =>
        readFileSync(join(root, dirname(entry), `${m[1]}.ts`), 'utf8'),
      );
      // A factory may build on another (licence-document-deps on licence-deps).
      const nested = factories.flatMap((f) =>
        [...f.matchAll(/from '\.\/([\w-]+-deps)'/g)].map((m) =>
          readFileSync(join(root, 'shared/adapters', `${m[1]}.ts`), 'utf8'),
        ),
      );
      return [text, ...factories, ...nested].join('\n');
    };
    for (const [name, f] of Object.entries(topology.functions) as [
      string,
      { entry: string; uses: readonly Binding[] },
    ][]) {
      const source = sourceOf(f.entry);
      for (const binding of f.uses) {
        const variable = envVarFor(binding);
        if (variable) expect([name, source.includes(variable)]).toEqual([name, true]);
      }
    }
  });

  it('gives every ${placeholder} of each state machine definition a substitution (or Partition)', () => {
    for (const [name, m] of Object.entries(topology.stateMachines)) {
      const asl = readFileSync(join(root, m.definition), 'utf8');
      const placeholders = [...new Set([...asl.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]))];
      const known = new Set(['Partition', ...Object.keys(m.substitutions)]);
      expect([name, placeholders.filter((p) => !known.has(p!))]).toEqual([name, []]);
      expect([name, Object.keys(m.substitutions).filter((s) => !placeholders.includes(s))]).toEqual([name, []]);
    }
  });
});

describe('envVarFor', () => {
  it.each<[Binding, string | undefined]>([
    [{ table: 'main', access: 'readWrite' }, 'MAIN_TABLE_NAME'],
    [{ table: 'main', access: 'read' }, 'MAIN_TABLE_NAME'],
    [{ bucket: 'attachments', access: 'write' }, 'ATTACHMENTS_BUCKET_NAME'],
    [{ bus: 'publish' }, 'EVENT_BUS_NAME'],
    [{ stateMachine: 'procedure', access: 'start' }, 'PROCEDURE_STATE_MACHINE_ARN'],
    [{ stateMachine: 'procedure', access: 'taskResponse' }, undefined],
    [{ table: 'caseIndex', access: 'read' }, 'CASE_INDEX_TABLE_NAME'],
    [{ bucket: 'e-licences', access: 'read' }, 'E_LICENCES_BUCKET_NAME'],
    [{ stateMachine: 'licenceIssuing', access: 'start' }, 'LICENCE_ISSUING_STATE_MACHINE_ARN'],
    [{ messaging: 'sms' }, 'SMS_CHANNEL'],
    [{ messaging: 'email' }, 'EMAIL_CHANNEL'],
    [{ external: 'courier' }, 'COURIER'],
    [{ external: 'payments' }, 'PAYMENT_PROVIDER'],
  ])('maps %j to %s', (binding, variable) => {
    expect(envVarFor(binding)).toBe(variable);
  });
});
