import { analytics } from './topology/analytics';
import { applications } from './topology/applications';
import { appointments } from './topology/appointments';
import { catalogue } from './topology/catalogue';
import { delivery } from './topology/delivery';
import { integration } from './topology/integration';
import { licences } from './topology/licences';
import { messaging } from './topology/messaging';
import { payments } from './topology/payments';
import { storage } from './topology/storage';
import { supervision } from './topology/supervision';
import { system } from './topology/system';
import { triggers } from './topology/triggers';
import { workflow } from './topology/workflow';
import type { Topology } from './topology-model';

/**
 * THE declaration of the platform's resources, put together from one file per context (infra/topology/). CDK
 * (infra/stacks) creates exactly these in AWS; the local cloud (infra/local) wires exactly these on one machine;
 * test/integration/topology-parity.test.ts fails if the two differ.
 */
export const topology = {
  ...storage,
  functions: {
    ...system.functions,
    ...catalogue.functions,
    ...applications.functions,
    ...workflow.functions,
    ...integration.functions,
    ...licences.functions,
    ...supervision.functions,
    ...appointments.functions,
    ...payments.functions,
    ...delivery.functions,
    ...messaging.functions,
    ...analytics.functions,
  },
  routes: [
    ...system.routes,
    ...catalogue.routes,
    ...applications.routes,
    ...workflow.routes,
    ...integration.routes,
    ...licences.routes,
    ...supervision.routes,
    ...appointments.routes,
    ...payments.routes,
    ...delivery.routes,
    ...messaging.routes,
    ...analytics.routes,
  ],
  stateMachines: workflow.stateMachines,
  ...triggers,
  streams: integration.streams,
} as const satisfies Topology;
