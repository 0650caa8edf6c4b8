/**
 * True only where `ENVIRONMENT` is exactly "development" or "test". Everything else, including
 * unset, "staging" or "Production", is production: a mistyped or forgotten setting must turn
 * dev-login and the development admin off, never on. Free of Workers types, so the scripts and
 * the seed use the same rule.
 *
 * @example if (!isDevelopment(c.env)) throw notFound()
 */
export const isDevelopment = (env: { ENVIRONMENT?: string }) => env.ENVIRONMENT === "development" || env.ENVIRONMENT === "test";
