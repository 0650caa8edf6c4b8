/**
 * `npm run bench`: how fast the hot reads are next to `/health`, and whether a claim storm stays
 * exactly-once. Starts its own Worker (wrangler dev over a fresh seeded D1, on loopback), so it runs
 * beside `npm start`. Not part of `npm test`: figures depend on the machine; only the ratio to
 * `/health` measured in the same run means anything.
 */
import autocannon from "autocannon";
import { prepareD1Templates } from "../test/support/d1-templates";
import { startWorker } from "../test/support/worker";

const CONNECTIONS = 10;
const SECONDS = 5;
const STORM_WISHES = 10;
const STORM_VOLUNTEERS = 20;
/** A wisher may have at most 3 active wishes, so the storm's wishes are spread over several. */
const WISHES_PER_WISHER = 2;

interface Reply {
  status: number;
  body: any;
}

async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

async function expectStatus(reply: Promise<Reply>, status: number, what: string): Promise<any> {
  const r = await reply;
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The same journeys as functions/test/fixtures.ts, over HTTP. */
function journeys(base: string, adminToken: string) {
  const resident = async (openid: string, nickname: string) =>
    (await expectStatus(call(base, "POST", "/auth/dev-login", { body: { openid, nickname } }), 200, `dev-login ${openid}`)) as { token: string; user: { id: string } };
  return {
    resident,
    async volunteer(openid: string) {
      const login = await resident(openid, "压测志愿者");
      const applied = await expectStatus(
        call(base, "POST", "/teams/team_marenxing/applications", {
          token: login.token,
          body: { realName: "李志愿", phone: "13600000000", birthYear: 1980, skills: [], availability: "周末", motivation: "" },
        }),
        201,
        `apply ${openid}`,
      );
      await expectStatus(call(base, "POST", `/admin/applications/${applied.id}/decision`, { token: adminToken, body: { approve: true } }), 200, `approve ${openid}`);
      return login;
    },
    async openWish(token: string, n: number) {
      const posted = await expectStatus(
        call(base, "POST", "/wishes", { token, body: { title: `压测心愿${n}`, story: "孩子的书包背了三年，拉链坏了，开学前想换个新的。", category: "study", estimatedValueYuan: 120 } }),
        201,
        "post wish",
      );
      await expectStatus(call(base, "POST", `/admin/wishes/${posted.id}/review`, { token: adminToken, body: { approve: true } }), 200, "approve wish");
      return posted.id as string;
    },
    async task(n: number) {
      const start = Date.now() + (24 + n) * 3600_000;
      const body = { title: `压测任务${n}`, description: "压测用的志愿任务", location: "仁兴社区党群服务中心", startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString(), capacity: 10 };
      await expectStatus(call(base, "POST", "/admin/tasks", { token: adminToken, body }), 201, "create task");
    },
  };
}

interface Measured {
  path: string;
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function measure(base: string, path: string, token?: string): Promise<Measured> {
  const result = await autocannon({
    url: `${base}/api/v1${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { path, rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

function table(rows: Measured[]): string {
  const health = rows[0]!.rps;
  const head = ["endpoint", "req/s", "× /health", "p99 ms", "non-2xx", "errors"];
  const body = rows.map((r) => [r.path, r.rps.toFixed(0), (r.rps / health).toFixed(2), String(r.p99), String(r.non2xx), String(r.errors)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** Every volunteer claims every wish at once; each wish must go to exactly one of them. */
async function claimStorm(base: string, make: ReturnType<typeof journeys>): Promise<boolean> {
  const wisherCount = Math.ceil(STORM_WISHES / WISHES_PER_WISHER);
  const wishers = await Promise.all(Array.from({ length: wisherCount }, (_, i) => make.resident(`bench_wisher_${i}`, "压测居民")));
  const wishIds: string[] = [];
  for (let i = 0; i < STORM_WISHES; i++) wishIds.push(await make.openWish(wishers[Math.floor(i / WISHES_PER_WISHER)]!.token, i));
  const volunteers = await Promise.all(Array.from({ length: STORM_VOLUNTEERS }, (_, i) => make.volunteer(`bench_volunteer_${i}`)));

  const claims = wishIds.flatMap((wishId) => volunteers.map((v) => ({ wishId, claimer: v.user.id, reply: call(base, "POST", `/wishes/${wishId}/claim`, { token: v.token }) })));
  const outcomes = await Promise.all(claims.map(async (c) => ({ ...c, status: (await c.reply).status })));

  const won = outcomes.filter((o) => o.status === 200);
  const refused = outcomes.filter((o) => o.status === 409).length;
  const other = outcomes.length - won.length - refused;
  console.log(`claim storm: ${STORM_WISHES} wishes, ${outcomes.length} claims, ${won.length} won, ${refused} refused (409)${other ? `, ${other} other` : ""}`);

  // What the wall says afterwards must agree with the 200s: one claimer per wish, the one that won.
  let consistent = true;
  for (const wishId of wishIds) {
    const winners = won.filter((o) => o.wishId === wishId);
    const wish = await call(base, "GET", `/wishes/${wishId}`);
    if (winners.length !== 1 || wish.body?.status !== "claimed") {
      console.log(`  ${wishId}: ${winners.length} won, status ${wish.body?.status}`);
      consistent = false;
    }
  }
  return consistent && won.length === STORM_WISHES && refused === outcomes.length - STORM_WISHES;
}

async function main() {
  const { templates, remove } = await prepareD1Templates();
  const worker = await startWorker({ templates });
  const base = worker.baseUrl;
  try {
    const admin = await expectStatus(call(base, "POST", "/auth/staff-login", { body: { username: "admin", password: "renxing-admin" } }), 200, "staff-login");
    const make = journeys(base, admin.token);

    // Something on every hot read: wishes on the wall, tasks to list, a volunteer reading /me.
    const reader = await make.volunteer("bench_reader");
    const wallWisher = await make.resident("bench_wall_wisher", "压测居民");
    for (let i = 0; i < 3; i++) await make.openWish(wallWisher.token, 100 + i);
    for (let i = 0; i < 5; i++) await make.task(i);

    const hot: [string, string | undefined][] = [
      ["/health", undefined],
      ["/wishes", undefined],
      ["/teams", undefined],
      ["/me", reader.token],
      ["/tasks", reader.token],
    ];
    const measured: Measured[] = [];
    for (const [path, token] of hot) measured.push(await measure(base, path, token));
    console.log(`${CONNECTIONS} connections, ${SECONDS} s each, wrangler dev on ${base}\n`);
    console.log(table(measured));
    console.log();

    const exactlyOnce = await claimStorm(base, make);
    if (!exactlyOnce) process.exitCode = 1;
  } finally {
    await worker.stop();
    remove();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
