import * as z from 'zod';
import { parseEnv } from '../../shared/config/env';
import { buildOpenApiDocument } from '../../shared/contracts/openapi';
import { ALL_ROUTES } from '../../shared/contracts/all-routes';
import { openApiRoute } from '../../shared/contracts/system';
import { HttpResponse, httpHandler } from '../../shared/lambda/http';

const env = parseEnv({ API_VERSION: z.string().default('0.1.0') });

// Generated once per container: the contracts cannot change while it runs.
let document: Record<string, unknown> | undefined;

export const handler = httpHandler(openApiRoute, async (request) => {
  const host = request.headers.host;
  const proto = request.headers['x-forwarded-proto'] ?? 'https';
  document ??= buildOpenApiDocument(ALL_ROUTES, {
    version: env.API_VERSION,
    serverUrl: host ? `${proto}://${host}` : undefined,
  }) as unknown as Record<string, unknown>;
  return new HttpResponse(document, 200, { 'cache-control': 'public, max-age=300' });
});
