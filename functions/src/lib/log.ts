/**
 * What a log line may say about a failure: the error's class and, for D1, SQLite's result code.
 * Never its message, stack or cause: drizzle puts the statement's bound parameters (addresses,
 * phones, token hashes) into the message, and logs are kept and read far from the database.
 *
 * @example console.error(JSON.stringify({ msg: "sweep failed", ...errorSummary(err) }))
 */
export function errorSummary(err: unknown): { error: string; code?: string } {
  // The class says more than `name`, which drizzle's DrizzleQueryError leaves at "Error".
  const error = err instanceof Error ? err.constructor.name || err.name : typeof err;
  const code = sqliteCode(err) ?? (err instanceof Error ? sqliteCode(err.cause) : undefined);
  return code ? { error, code } : { error };
}

// D1 ends its messages with the SQLite result code, e.g. "D1_ERROR: …: SQLITE_CONSTRAINT".
function sqliteCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  return /\b(SQLITE_[A-Z_]+)\b/.exec(err.message)?.[1];
}
