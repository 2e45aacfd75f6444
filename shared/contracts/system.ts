import * as z from 'zod';
import { defineRoute } from './route-contract';

export const healthRoute = defineRoute({
  method: 'GET',
  path: '/health',
  auth: 'public',
  summary: 'Liveness',
  tags: ['system'],
  response: z.object({ status: z.literal('ok'), service: z.string(), stage: z.string(), time: z.string() }),
});

export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  auth: 'public',
  summary: 'This API document (OpenAPI 3.1)',
  tags: ['system'],
  response: z.record(z.string(), z.unknown()).meta({ description: 'OpenAPI 3.1 document' }),
});
