/**
 * Domain errors. Each has a stable `name`: the HTTP layer maps it to a status (shared/lambda/error-response.ts)
 * and Step Functions Retry/Catch match on it, so renaming one is a breaking change.
 */
export interface ErrorDetail {
  /** Where the problem is, as a dotted path into the request (e.g. `form.idNumber`). */
  readonly path: string;
  /** The rule that failed (e.g. `required`, `checksum`, `max`). */
  readonly rule: string;
  readonly message: string;
  /** The same message in Chinese, where one is known. */
  readonly messageZh?: string;
}

export abstract class DomainError extends Error {
  abstract override readonly name: DomainErrorName;
  constructor(
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
}
export class UnauthorizedError extends DomainError {
  override readonly name = 'UnauthorizedError';
}
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
}
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
}
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
}
/** Another writer changed the item between our read and our write; re-reading and trying again may succeed. */
export class ConcurrentChangeError extends ConflictError {}
/**
 * A write refused only because another transaction touched one of its items at the same instant: the same write may
 * succeed when tried again. A store adapter throws it in place of its database's own error, which is its `cause`.
 */
export class WriteConflictError extends ConcurrentChangeError {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}
export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
}
export class UnsupportedMediaTypeError extends DomainError {
  override readonly name = 'UnsupportedMediaTypeError';
}
/** Well-formed input that a business rule refuses. */
export class RuleViolationError extends DomainError {
  override readonly name = 'RuleViolationError';
}
export class ThrottledError extends DomainError {
  override readonly name = 'ThrottledError';
}

export const DOMAIN_ERROR_NAMES = [
  'ValidationError',
  'UnauthorizedError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
  'PayloadTooLargeError',
  'UnsupportedMediaTypeError',
  'RuleViolationError',
  'ThrottledError',
] as const;
export type DomainErrorName = (typeof DOMAIN_ERROR_NAMES)[number];

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
