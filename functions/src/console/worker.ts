import type { Env } from "../env";
import { createConsoleApp } from "./app";

/**
 * The console Worker (wrangler.console.toml): the staff pages live apart from the residents' API,
 * so a resident's cold start never parses them. Reached only through the main Worker's CONSOLE
 * service binding, which forwards /console and /console/* with the path kept.
 */
export default { fetch: createConsoleApp().fetch } satisfies ExportedHandler<Env>;
