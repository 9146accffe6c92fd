/** Errors by field key (a dotted path such as `ground.explanation`), in words a reviewer reads. */
export type FieldErrors = Record<string, string>;

/**
 * Turns zod or API issues into one message per field: the first issue of each field wins, and a
 * message meant for an API client is replaced by `friendly[path]` when there is one.
 */
export function fieldErrors(
  issues: readonly { path: string | readonly PropertyKey[]; message: string; code?: string }[],
  friendly: Record<string, string>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    const key = path || 'body';
    errors[key] ??= friendly[key] ?? issue.message;
  }
  return errors;
}

/** Moves focus to the first control (in document order) that has an error. */
export function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors): void {
  if (!form) return;
  const controls = Array.from(form.querySelectorAll<HTMLElement>('[data-field]'));
  controls.find((control) => errors[control.dataset.field!] !== undefined)?.focus();
}
