import { ACCEPTANCE_ROUTES, APPLICANT_ROUTES } from '../shared/contracts/applications';
import { ADMIN_CATALOGUE_ROUTES, PUBLIC_CATALOGUE_ROUTES } from '../shared/contracts/catalogue';
import { applicationAccepted } from '../shared/contracts/events';
import { meRoute } from '../shared/contracts/identity';
import { healthRoute, openApiRoute } from '../shared/contracts/system';
import { OUTBOX_STREAM_FILTER } from '../shared/adapters/outbox';
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
    applications: {
      entry: 'functions/api/applications.ts',
      description: 'Applicants and agents: drafts, materials, submission, corrections, withdrawal, tracking',
      memoryMb: 512,
      uses: [
        { table: 'main', access: 'readWrite' },
        { bucket: 'attachments', access: 'readWrite' },
      ],
    },
    acceptance: {
      entry: 'functions/api/acceptance.ts',
      description: '前台综合受理: the acceptance queue and the window’s decisions',
      memoryMb: 512,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    deemAcceptance: {
      entry: 'functions/workflow/deem-acceptance.ts',
      description: 'Counts cases as accepted when the window did not decide within the limit',
      timeoutSeconds: 60,
      uses: [{ table: 'main', access: 'readWrite' }],
    },
    outboxRelay: {
      entry: 'functions/integration/outbox-relay.ts',
      description: 'Puts the events that commands wrote to the outbox onto the bus (at least once)',
      uses: [{ bus: 'publish' }],
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
    ...APPLICANT_ROUTES.map((route) => ({ route, function: 'applications' })),
    ...ACCEPTANCE_ROUTES.map((route) => ({ route, function: 'acceptance' })),
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

  schedules: [
    {
      name: 'deem-acceptance',
      description: 'Hourly: cases past their acceptance deadline count as accepted',
      expression: 'rate(1 hour)',
      target: { function: 'deemAcceptance' },
    },
  ],

  streams: [
    {
      name: 'outbox',
      description: 'New outbox items, in commit order, to the bus',
      table: 'main',
      function: 'outboxRelay',
      filter: OUTBOX_STREAM_FILTER,
      batchSize: 10,
    },
  ],
} as const satisfies Topology;
