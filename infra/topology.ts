import { ADMIN_CATALOGUE_ROUTES, PUBLIC_CATALOGUE_ROUTES } from '../shared/contracts/catalogue';
import { applicationAccepted } from '../shared/contracts/events';
import { meRoute } from '../shared/contracts/identity';
import { healthRoute, openApiRoute } from '../shared/contracts/system';
import { MAIN_TABLE } from '../shared/db/table';
import type { Topology } from './topology-model';

/**
 * THE declaration of the platform's resources. CDK (infra/stacks) creates exactly these in AWS; the local cloud
 * (infra/local) wires exactly these on one machine; test/infra/topology-parity.test.ts fails if the two differ.
 */
export const topology = {
  tables: {
    main: { design: MAIN_TABLE },
  },

  buckets: {
    attachments: {
      purpose: 'Application materials uploaded by applicants',
      versioned: false,
      abandonedPrefix: 'pending/',
      abandonedAfterDays: 2,
      browserUploads: true,
    },
    licences: { purpose: 'Signed e-licence documents', versioned: true },
    exchange: { purpose: 'Exchange folders (前置机) of departments without a live endpoint', versioned: false },
  },

  functions: {
    health: { entry: 'functions/api/health.ts', description: 'Liveness', memoryMb: 256, uses: [] },
    openapi: { entry: 'functions/api/openapi.ts', description: 'The OpenAPI 3.1 document', memoryMb: 512, uses: [] },
    me: { entry: 'functions/api/me.ts', description: 'The caller’s identity', memoryMb: 256, uses: [] },
    catalogue: {
      entry: 'functions/api/catalogue.ts',
      description: 'The public catalogue: search, guides, departments, licence types, calendars',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'read' }],
    },
    catalogueAdmin: {
      entry: 'functions/api/catalogue-admin.ts',
      description: 'Catalogue administration: drafts, review, publication, departments, licence types, calendars',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    openDepartmentTask: {
      entry: 'functions/workflow/open-department-task.ts',
      description: "Parks a procedure task's token in the department's to-do list",
      uses: [{ table: 'main', access: 'readWrite' }],
    },
  },

  routes: [
    { route: healthRoute, function: 'health' },
    { route: openApiRoute, function: 'openapi' },
    { route: meRoute, function: 'me' },
    ...PUBLIC_CATALOGUE_ROUTES.map((route) => ({ route, function: 'catalogue' })),
    ...ADMIN_CATALOGUE_ROUTES.map((route) => ({ route, function: 'catalogueAdmin' })),
  ],

  stateMachines: {
    procedure: {
      definition: 'statemachines/procedure.asl.json',
      description: 'A case’s departmental review: stages in order, tasks in parallel, each on a task token',
      substitutions: { OpenDepartmentTaskFunctionArn: { functionArn: 'openDepartmentTask' } },
    },
  },

  rules: [
    {
      name: 'start-procedure-on-acceptance',
      description: 'An accepted case starts its procedure',
      pattern: { source: [applicationAccepted.source], 'detail-type': [applicationAccepted.detailType] },
      target: { stateMachine: 'procedure', inputPath: '$.detail' },
    },
  ],

  schedules: [],
} as const satisfies Topology;
