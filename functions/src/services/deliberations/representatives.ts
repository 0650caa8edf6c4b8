import { eq, sql } from "drizzle-orm";
import { assertAdmin } from "../../auth/roles";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { representatives, users } from "../../db/schema";
import type { Principal } from "../../env";
import { notFound } from "../../http/errors";
import { auditInsertWhen, staffActor } from "../audit";

const residentMissing = () => notFound("找不到这位居民");

/**
 * An admin names a resident a representative (居民代表; POST /admin/representatives/:userId):
 * they vote from now on, and /me lists role `representative`. Naming again changes nothing and
 * is not audited again; an unknown resident is 404. One batch.
 *
 * @example await nameRepresentative(db, admin, "usr_…", Date.now())
 */
export async function nameRepresentative(db: Db, actor: Principal, userId: string, now = Date.now()): Promise<void> {
  assertAdmin(actor);
  const [named, [user]] = await db.batch([
    insertSelect(db, representatives, { userId: sql`u.id`, namedBy: actor.id, namedAt: now }, sql`from users u where u.id = ${userId}`)
      .onConflictDoNothing()
      .returning({ userId: representatives.userId }),
    db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "representative.name", target: { kind: "user", id: userId }, outcome: "ok" },
      sql`exists (select 1 from representatives where user_id = ${userId} and named_at = ${now} and named_by = ${actor.id})`,
      now,
    ),
  ]);
  if (!named[0] && !user) throw residentMissing();
}

/**
 * An admin removes a representative (DELETE /admin/representatives/:userId): they vote no more;
 * votes already cast stay counted. Removing one who is not named changes nothing (204, no audit
 * entry); an unknown resident is 404. The audit entry is written first, while the row is there.
 */
export async function removeRepresentative(db: Db, actor: Principal, userId: string, now = Date.now()): Promise<void> {
  assertAdmin(actor);
  const [, , [user]] = await db.batch([
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "representative.remove", target: { kind: "user", id: userId }, outcome: "ok" },
      sql`exists (select 1 from representatives where user_id = ${userId})`,
      now,
    ),
    db.delete(representatives).where(eq(representatives.userId, userId)),
    db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
  ]);
  if (!user) throw residentMissing();
}
