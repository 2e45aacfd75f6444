import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorBodySchema } from './common';
import type { RouteContract } from './route-contract';

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Bad input: the details name each field and rule',
  401: 'No token, or a token that is invalid or expired',
  403: 'The caller may not do this',
  404: 'Not found, or not yours',
  409: 'Conflict: wrong state, or a duplicate with another body',
  422: 'Well-formed but refused by a rule',
};

/**
 * A stable operationId from the method and path, e.g. `GET /applications/{id}/timeline` → `getApplicationsByIdTimeline`,
 * so generated clients (the web's typed client among them) name each operation without a list kept by hand.
 */
export function operationIdOf(route: Pick<RouteContract, 'method' | 'path'>): string {
  const pascal = (s: string) =>
    s
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('');
  const parts = route.path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(\w+)\+?\}$/.exec(segment);
      return param ? `By${pascal(param[1]!)}` : pascal(segment);
    });
  return route.method.toLowerCase() + parts.join('');
}

/** Generates the OpenAPI 3.1 document from the route contracts. */
export function buildOpenApiDocument(routes: readonly RouteContract[], info: { version: string; serverUrl?: string }) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Claims: sub, role, and where relevant id_number or uscc, dept, region.',
  });

  for (const route of routes) {
    const isPublic = route.auth === 'public';
    const errors = isPublic ? [400, 404, 409, 422] : [400, 401, 403, 404, 409, 422];
    const roles = isPublic
      ? route.signed
        ? 'A signed request from a known system (no JWT)'
        : 'Anyone'
      : `Roles: ${route.auth.join(', ')}`;
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: route.path,
      operationId: operationIdOf(route),
      summary: route.summary,
      description: roles,
      tags: [...route.tags],
      security: isPublic ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.headers ? { headers: route.headers as z.ZodObject } : {}),
        ...(route.body ? { body: { content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        [route.successStatus ?? 200]: {
          description: 'Success',
          content: {
            'application/json': { schema: route.response },
            ...Object.fromEntries(
              (route.alternativeResponses ?? []).map((alt) => [alt.contentType, { schema: alt.schema }]),
            ),
          },
        },
        ...Object.fromEntries(
          errors.map((status) => [
            status,
            {
              description: ERROR_RESPONSES[status] ?? 'Error',
              content: { 'application/json': { schema: errorBodySchema } },
            },
          ]),
        ),
      },
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '一网通办 One-stop Government Services API',
      version: info.version,
      description:
        'Citizens and enterprises apply for government services; departments review; licences are issued and verifiable by anyone.',
    },
    servers: info.serverUrl ? [{ url: info.serverUrl }] : [],
  });
}
