import * as z from 'zod';
import { ROLES } from '../auth/principal';
import { defineRoute } from './route-contract';

export const meRoute = defineRoute({
  method: 'GET',
  path: '/me',
  auth: ROLES,
  summary: 'Who the token says the caller is (role, identity, department, region)',
  tags: ['identity'],
  response: z
    .object({
      sub: z.string(),
      role: z.enum(ROLES),
      idNumber: z.string().optional(),
      uscc: z.string().optional(),
      department: z.string().optional(),
      region: z.string().optional(),
      name: z.string().optional(),
      delegations: z.array(z.string()).optional().meta({
        description: '即办件: departments’ delegations held by a window officer, as DEPT:MATTER-CODE or DEPT:*',
      }),
    })
    .meta({ id: 'Principal' }),
});
