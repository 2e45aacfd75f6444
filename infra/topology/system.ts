import { meRoute } from '../../shared/contracts/identity';
import { healthRoute, openApiRoute } from '../../shared/contracts/system';
import type { Topology } from '../topology-model';

/** Liveness, the OpenAPI document and the caller’s identity. */
export const system = {
  functions: {
    health: { entry: 'functions/system/health-api.ts', description: 'Liveness', memoryMb: 256, uses: [] },
    openapi: { entry: 'functions/system/openapi.ts', description: 'The OpenAPI 3.1 document', memoryMb: 512, uses: [] },
    me: { entry: 'functions/system/me-api.ts', description: 'The caller’s identity', memoryMb: 256, uses: [] },
  },

  routes: [
    { route: healthRoute, function: 'health' },
    { route: openApiRoute, function: 'openapi' },
    { route: meRoute, function: 'me' },
  ],
} as const satisfies Pick<Topology, 'functions' | 'routes'>;
