/**
 * Creates a staff account for the console, locally or in production:
 *
 *   npm run staff:create -- --username wangli --name 王丽 --role admin
 *   npm run staff:create -- --username grid3 --name 第三网格员 --role grid_worker --grid grd_renxing_03 --remote --env production
 *
 * The password comes from STAFF_PASSWORD or is asked for (not echoed). Only its PBKDF2 hash is
 * sent to D1. Anything but a local development database (see `isDevelopment`) needs at least 12
 * characters, and never the development admin's password, which the README prints.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { hashPassword } from "../functions/src/auth/password";
import { DEV_ADMIN, sqlLiteral } from "../functions/src/db/seed";
import { isDevelopment } from "../functions/src/lib/environment";
import { newId } from "../functions/src/lib/ids";
import { configuredEnvironment } from "./environment";
import { wrangler } from "./wrangler";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    grid: { type: "string" },
    remote: { type: "boolean", default: false },
    env: { type: "string" },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => (muted ? done() : process.stdout.write(chunk, done)) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const question = (q: string) => new Promise<string>((resolve) => rl.question(q, resolve));
  process.stdout.write("密码（不显示）：");
  muted = true;
  const password = await question("");
  muted = false;
  process.stdout.write("\n");
  rl.close();
  return password;
}

const { username, name, role, grid, remote, env } = values;
if (!username || !/^[A-Za-z0-9_.-]{2,64}$/.test(username)) fail("--username: 2–64 letters, digits, _ . -");
if (!name) fail("--name: the display name, e.g. 王丽");
if (role !== "admin" && role !== "grid_worker") fail("--role: admin or grid_worker");
if (role === "grid_worker" && !grid) fail("--grid: the grid id a grid worker looks after (GET /api/v1/grids)");

const development = !remote && isDevelopment({ ENVIRONMENT: configuredEnvironment(env) });
const password = await askPassword();
const minLength = development ? 8 : 12;
if (password.length < minLength) fail(`password too short: at least ${minLength} characters`);
if (!development && password === DEV_ADMIN.password) fail("that is the development admin's published password: choose another");

const row = {
  id: newId("stf"),
  username,
  display_name: name,
  password_hash: await hashPassword(password),
  role,
  grid_id: grid ?? null,
  created_at: Date.now(),
};
const cols = Object.keys(row) as (keyof typeof row)[];
const sql = `INSERT INTO staff (${cols.join(", ")}) VALUES (${cols.map((c) => sqlLiteral(row[c])).join(", ")});`;
wrangler(["d1", "execute", "DB", remote ? "--remote" : "--local", ...(env ? ["--env", env] : []), "--command", sql]);
console.log(`staff account ${username} (${role}) created`);
