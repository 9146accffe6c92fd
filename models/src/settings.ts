/**
 * A numeric setting from the environment, or `fallback` when unset. A value that is not a
 * finite number stops the command with the variable's name: `EPOCHS=seven` must not train a
 * model with NaN epochs.
 */
export function numberSetting(
  name: string,
  fallback: number,
  env: Record<string, string | undefined> = process.env,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}
