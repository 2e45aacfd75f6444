import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ZodError } from 'zod';
import { type DomainErrorName, type ErrorDetail, isDomainError, ValidationError } from '../domain/errors';

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
export function validationErrorFromZod(error: ZodError, pathPrefix?: string): ValidationError {
  const details = error.issues.map((issue) => {
    const path = [pathPrefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    return { path: path || '(root)', rule: issue.code, message: issue.message };
  });
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new ValidationError(`Invalid request: ${summary}`, details);
}

/** Maps any thrown value to an HTTP response; unknown errors become a 500 that reveals nothing. */
export function errorToHttpResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  const domainError = error instanceof ZodError ? validationErrorFromZod(error) : error;
  if (isDomainError(domainError)) {
    const body: ErrorBody = { error: { code: domainError.name, message: domainError.message } };
    if (domainError.details.length > 0) body.error.details = domainError.details;
    return jsonResponse(STATUS_BY_ERROR[domainError.name], body);
  }
  return jsonResponse(500, {
    error: { code: 'InternalError', message: `Internal error; quote request id ${requestId} when reporting it.` },
  });
}

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  } satisfies APIGatewayProxyStructuredResultV2;
}
