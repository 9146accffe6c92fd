/**
 * A numeric setting from the environment, or `fallback` when unset. A value that is not a
 * finite number, or is below `min`, stops the command with the variable's name: `EPOCHS=seven`
 * must not train a model with NaN epochs, nor `PAIRS_PER_BATCH=-1` fail deep inside training.
 */
export function numberSetting(
  name: string,
  fallback: number,
  {
    min = -Infinity,
    env = process.env,
  }: { min?: number; env?: Record<string, string | undefined> } = {},
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  if (value < min) throw new Error(`${name} must be at least ${min}, got ${value}`);
  return value;
}
