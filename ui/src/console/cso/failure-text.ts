import { ApiFailure } from '../../common/api-client';

/** An API refusal in words: its message, then each field the API named. */
export function failureText(error: unknown): string {
  if (error instanceof ApiFailure)
    return [error.message, ...error.issues.map((i) => `${i.path}: ${i.message}`)].join(' — ');
  return error instanceof Error ? error.message : String(error);
}
