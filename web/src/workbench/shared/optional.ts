import { ApiError } from '../../api/client';

/** A load whose 404 is an answer, not an error (a year without its calendar, a department without a contact). */
export async function orMissing<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.notFound) return null;
    throw error;
  }
}

/** The command's failure as an ApiError (anything else is a network failure: nothing was answered). */
export const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError(0, 'Error', String(error));
