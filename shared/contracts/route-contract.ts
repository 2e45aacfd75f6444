import type { z } from 'zod';
import type { Role } from '../auth/principal';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A route's contract: path, who may call it, request and response schemas. The topology wires it to a function,
 * the handler parses with it, and the OpenAPI document is generated from it, so the three cannot drift.
 */
export interface RouteContract<
  Body extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Params extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  /** API Gateway route path, e.g. `/matters/{code}`. */
  readonly path: string;
  /** `public`: no token needed; otherwise the roles allowed to call it (checked after the JWT authorizer). */
  readonly auth: 'public' | readonly Role[];
  /** `signed`: no JWT, but the handler checks a request signature before anything else (webhooks, payments). */
  readonly signed?: boolean;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly body?: Body;
  readonly query?: Query;
  readonly params?: Params;
  /** Extra headers the route reads (e.g. Idempotency-Key), as a schema of lower-case header names. */
  readonly headers?: z.ZodType;
  readonly successStatus?: number;
  /** Largest accepted body; larger ones get 413 before parsing. Default 256 KiB (files go to S3, not here). */
  readonly maxBodyBytes?: number;
  readonly response: Response;
  /**
   * Other media types the success response may come in besides JSON (e.g. `application/pdf`, chosen by a query
   * parameter), for the API document; the handler answers them with an HttpResponse carrying its content-type.
   */
  readonly alternativeResponses?: readonly {
    readonly contentType: string;
    readonly schema: z.ZodType;
    readonly description?: string;
  }[];
}

export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends z.ZodType>(
  contract: RouteContract<B, Q, P, R>,
): RouteContract<B, Q, P, R> {
  return contract;
}

export function routeKey(route: Pick<RouteContract, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
