import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
// zod's core error: what both of its APIs throw (the classic ZodError and zod/mini's), without the classic API.
import { $ZodError } from 'zod/v4/core';
import {
  ConflictError,
  type DomainErrorName,
  type ErrorDetail,
  isDomainError,
  ValidationError,
} from '../domain/errors';

/** The one table from domain error to HTTP status. */
export const STATUS_BY_ERROR: Record<DomainErrorName, number> = {
  ValidationError: 400,
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PayloadTooLargeError: 413,
  UnsupportedMediaTypeError: 415,
  RuleViolationError: 422,
  ThrottledError: 429,
};

/** The error body of ../shared/API.md: `{"error": {"code", "message", "details"}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: readonly ErrorDetail[] };
}

/** Turns a zod failure into a ValidationError whose details name each field and rule. */
export function validationErrorFromZod(error: $ZodError, pathPrefix?: string): ValidationError {
  const details = error.issues.map((issue) => {
    const path = [pathPrefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    return { path: path || '(root)', rule: issue.code, message: issue.message };
  });
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new ValidationError(`Invalid request: ${summary}`, details);
}

/** Maps any thrown value to an HTTP response; unknown errors become a 500 that reveals nothing. */
export function errorToHttpResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const domainError =
    error instanceof $ZodError
      ? validationErrorFromZod(error)
      : isUnretriedConflict(error)
        ? transactionConflict()
        : error;
  if (isDomainError(domainError)) {
    const body: ErrorBody = { error: { code: domainError.name, message: domainError.message } };
    if (domainError.details.length > 0) body.error.details = domainError.details;
    return jsonResponse(STATUS_BY_ERROR[domainError.name], body);
  }
  return jsonResponse(500, {
    error: { code: 'InternalError', message: `Internal error; quote request id ${requestId} when reporting it.` },
  });
}

/**
 * A DynamoDB transaction conflict that reached the HTTP layer without transactWrite's retries (shared/adapters/
 * transact.ts does those, then throws a ConflictError): still another writer's fault, not ours, so a 409 that says to
 * try again rather than a 500. Matched by name, so that this module, in every function, does not load the SDK.
 */
function isUnretriedConflict(error: unknown): boolean {
  const { name, CancellationReasons } = (error ?? {}) as {
    name?: string;
    CancellationReasons?: ({ Code?: string } | undefined)[];
  };
  if (name === 'TransactionConflictException') return true;
  if (name !== 'TransactionCanceledException' || !CancellationReasons) return false;
  return (
    CancellationReasons.some((r) => r?.Code === 'TransactionConflict') &&
    !CancellationReasons.some((r) => r?.Code === 'ConditionalCheckFailed')
  );
}

const transactionConflict = () =>
  new ConflictError('Someone else changed the same record at the same moment; try again', [
    {
      path: '(request)',
      rule: 'transaction-conflict',
      message: 'a concurrent change won; repeat the request',
      messageZh: '有其他操作同时修改了该记录，请重试',
    },
  ]);

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  } satisfies APIGatewayProxyStructuredResultV2;
}
