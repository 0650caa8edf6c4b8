import { applyD1Migrations, env } from "cloudflare:test";
import { hashPassword } from "../src/auth/password";
import { DEV_ADMIN, demoSeedStatements } from "../src/db/seed";

// Each test file gets its own D1: the real migrations, then the same demo seed `npm start` loads.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const statements = demoSeedStatements({ environment: env.ENVIRONMENT, adminPasswordHash: await hashPassword(DEV_ADMIN.password), now: Date.now() });
await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
