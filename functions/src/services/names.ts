import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * How staff and lists name a volunteer: the real name on their profile, else the one they gave
 * when they were approved into a team, else their nickname. `u` is `users` or an alias of it.
 */
export function volunteerName(u: { id: SQLiteColumn; realName: SQLiteColumn; nickname: SQLiteColumn }): SQL<string> {
  return sql<string>`coalesce(${u.realName}, (select a.real_name from team_applications a where a.user_id = ${u.id} and a.status = 'approved' order by a.decided_at desc limit 1), ${u.nickname})`;
}
