import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { type Principal, principalFromClaims } from '../auth/principal';
import type { RouteContract } from '../contracts/route-contract';
import {
  ForbiddenError,
  isDomainError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors';
import { errorToHttpResponse, jsonResponse, validationErrorFromZod } from './error-response';
import { logger as functionLogger } from './logger';

/** The API Gateway HTTP API (payload 2.0) event, with the JWT authorizer's claims when the route has one. */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims: Record<string, unknown>; scopes?: string[] | null } };
  };
};

/** The parsed type of an optional schema: its output when the route declares one, else undefined. */
type Infer<T> = [Exclude<T, undefined>] extends [never]
  ? undefined
  : Exclude<T, undefined> extends z.ZodType
    ? z.infer<Exclude<T, undefined>>
    : undefined;

export interface HttpRequest<R extends RouteContract> {
  readonly body: Infer<R['body']>;
  readonly query: Infer<R['query']>;
  readonly params: Infer<R['params']>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Set on every non-public route (the chain answers 401/403 before the use case otherwise). */
  readonly principal: R['auth'] extends 'public' ? Principal | undefined : Principal;
  readonly requestId: string;
  /** The raw body, for signature checks on signed routes. */
  readonly rawBody: string;
  readonly event: HttpEvent;
}

/** A use case result with a status or headers other than the route's default; a Uint8Array body is sent as binary. */
export class HttpResponse<T> {
  constructor(
    readonly body: T,
    readonly status?: number,
    readonly headers: Record<string, string> = {},
  ) {}
}

type Parsed<R extends RouteContract> = { parsed?: HttpRequest<R> };

/**
 * The HTTP handler chain: authenticate → authorise by role → parse with the route's zod schemas → use case →
 * JSON response; any error is mapped by one table (error-response.ts). Handlers hold no try/catch.
 */
export function httpHandler<R extends RouteContract>(
  route: R,
  useCase: (
    request: HttpRequest<R>,
  ) => Promise<z.infer<R['response']> | HttpResponse<z.infer<R['response']> | Uint8Array>>,
) {
  const logger = functionLogger.createChild();
  return middy<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context & Parsed<R>>()
    .use({
      before: (request) => {
        logger.addContext(request.context);
        logger.appendKeys({ route: `${route.method} ${route.path}` });
        request.context.parsed = parseRequest(route, request.event, request.context.awsRequestId);
      },
      onError: (request) => {
        const error = request.error;
        if (isDomainError(error)) {
          // `message` is reserved by the logger; the reason goes under its own key (masked like everything else).
          logger.info('request refused', { error: error.name, reason: error.message });
        } else {
          logger.error('request failed', error as Error);
        }
        request.response = errorToHttpResponse(error, request.context.awsRequestId);
      },
    })
    .handler(async (_event, context) => {
      const result = await useCase(context.parsed as HttpRequest<R>);
      if (result instanceof HttpResponse) {
        // Bytes (a PDF) go out base64-encoded, as API Gateway's payload 2.0 expects binary bodies.
        if (result.body instanceof Uint8Array) {
          return {
            statusCode: result.status ?? route.successStatus ?? 200,
            headers: result.headers,
            body: Buffer.from(result.body).toString('base64'),
            isBase64Encoded: true,
          };
        }
        // A non-JSON media type (e.g. application/vc+jwt) goes out as the text it is.
        const contentType = result.headers['content-type'];
        if (contentType && !contentType.includes('json') && typeof result.body === 'string') {
          return {
            statusCode: result.status ?? route.successStatus ?? 200,
            headers: result.headers,
            body: result.body,
          };
        }
        return jsonResponse(result.status ?? route.successStatus ?? 200, result.body, result.headers);
      }
      return jsonResponse(route.successStatus ?? 200, result);
    });
}

const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

function parseRequest<R extends RouteContract>(route: R, event: HttpEvent, requestId: string): HttpRequest<R> {
  const principal = authorise(route, event);
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const rawBody = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  const maxBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (Buffer.byteLength(rawBody) > maxBytes) {
    throw new PayloadTooLargeError(`The body may be at most ${maxBytes} bytes`, [
      { path: 'body', rule: 'maxBytes', message: `at most ${maxBytes} bytes` },
    ]);
  }
  return {
    principal: principal as HttpRequest<R>['principal'],
    headers,
    requestId,
    rawBody,
    event,
    params: parsePart(route.params, event.pathParameters ?? {}, 'params') as Infer<R['params']>,
    query: parsePart(route.query, event.queryStringParameters ?? {}, 'query') as Infer<R['query']>,
    body: parseBody(route, rawBody, headers['content-type']) as Infer<R['body']>,
  };
}

function authorise(route: RouteContract, event: HttpEvent): Principal | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (route.auth === 'public') return claims ? principalFromClaims(claims) : undefined;
  // The JWT authorizer has already verified the token; this guards against a route deployed without it.
  if (!claims) throw new UnauthorizedError('A bearer token is required');
  const principal = principalFromClaims(claims);
  if (!principal) throw new ForbiddenError('The token does not carry a valid role and identity');
  if (!route.auth.includes(principal.role)) {
    throw new ForbiddenError(`Role ${principal.role} may not call ${route.method} ${route.path}`);
  }
  return principal;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) throw validationErrorFromZod(result.error, where);
  return result.data;
}

function parseBody(route: RouteContract, rawBody: string, contentType: string | undefined): unknown {
  if (!route.body) return undefined;
  if (rawBody !== '' && contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new UnsupportedMediaTypeError(`Send the body as application/json, not ${contentType}`);
  }
  let json: unknown;
  try {
    json = rawBody === '' ? undefined : JSON.parse(rawBody);
  } catch {
    throw new ValidationError('The body is not valid JSON', [
      { path: 'body', rule: 'json', message: 'not valid JSON' },
    ]);
  }
  return parsePart(route.body, json, '');
}

type RouteHandler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * One function for a group of routes (a bounded context): fewer cold starts and bundles than one per route. Each
 * route keeps its own chain; API Gateway's routeKey picks it.
 */
export function httpRouter(routes: readonly (readonly [RouteContract, RouteHandler])[]) {
  const byKey = new Map(routes.map(([route, handler]) => [`${route.method} ${route.path}`, handler]));
  return async (event: HttpEvent, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const handler = byKey.get(event.routeKey);
    if (!handler)
      return jsonResponse(404, {
        error: { code: 'NotFoundError', message: `No route ${event.routeKey} in this function` },
      });
    return handler(event, context);
  };
}

/** Pairs a route with its use case, for httpRouter. */
export function route<R extends RouteContract>(
  contract: R,
  useCase: (
    request: HttpRequest<R>,
  ) => Promise<z.infer<R['response']> | HttpResponse<z.infer<R['response']> | Uint8Array>>,
): readonly [RouteContract, RouteHandler] {
  return [contract, httpHandler(contract, useCase) as unknown as RouteHandler];
}
