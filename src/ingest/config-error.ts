// ConfigError: a bad setting, named with its file, key, value and what is accepted.
export class ConfigError extends Error {
  constructor(file: string, key: string, value: unknown, accepted: string) {
    super(`${file}: ${key} = ${JSON.stringify(value) ?? String(value)} is not valid; accepted: ${accepted}`);
    this.name = "ConfigError";
  }
}

/** Throws for keys outside `accepted`. */
export function rejectUnknownKeys(file: string, record: Record<string, unknown>, accepted: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!accepted.includes(key)) throw new ConfigError(file, key, record[key], `the keys ${accepted.join(", ")}`);
  }
}
