import type { NotificationKind } from "@renxing/shared";
import { and, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { insertSelect } from "../../db/insert-select";
import { notifications, notificationSends, subscriptionGrants } from "../../db/schema";
import { newId } from "../../lib/ids";
import { noteWritten } from "./outbox";

/**
 * Something a person waits to hear about. The recipient is usually an SQL expression read in the
 * same statement (the wish's owner, the ride's family) and guarded by the state change itself:
 * when the change did not happen the expression is null and nothing is written.
 */
export interface Notice {
  kind: NotificationKind;
  /**
   * One resident or staff member, or `staffIn`: a SELECT of staff ids (the admins, a grid's
   * workers), each told once. Staff have no WeChat outbox: they read the console.
   */
  to: { user: string | SQL } | { staff: string | SQL } | { staffIn: SQL };
  /**
   * Names the event, e.g. `wish_claimed:<wishId>:<claimedAt>`: one notification per event and
   * recipient, however often a request is retried or raced.
   */
  eventKey: string;
  /** Text, or SQL read in the same statement (the wish's title, the driver's phone). */
  title: string | SQL;
  body: string | SQL;
  /** The mini-program page the message opens, e.g. `/pages/wish-detail/index?id=…`. */
  page: string;
  /** Values for the WeChat template by our field names (configuration maps them to its keywords). */
  template?: Record<string, string | SQL>;
}

/** The template values as stored: JSON, built in SQL when a value is read from the database. */
function templateJson(template: Record<string, string | SQL>): string | SQL {
  const entries = Object.entries(template);
  if (entries.every(([, value]) => typeof value === "string")) return JSON.stringify(template);
  return sql`json_object(${sql.join(entries.map(([name, value]) => sql`${name}, ${value}`), sql`, `)})`;
}

/**
 * The statements that tell someone: put them in the same `db.batch` as the state change.
 *
 * 1. the in-app row (ignored when this event already told this person);
 * 2. for a resident holding a subscribe grant for the kind, the WeChat outbox row, and
 * 3. that grant spent, only when step 2 wrote a row for this very notification.
 *
 * The queue is told after the response (./outbox.ts); sending never happens in the request.
 */
export function notify(db: Db, notice: Notice, now: number) {
  if ("staffIn" in notice.to) return [staffRows(db, notice, notice.to.staffIn, now)] as const;
  const id = newId("ntf");
  const recipient = "user" in notice.to ? notice.to.user : notice.to.staff;
  const toUser = "user" in notice.to;
  const row = insertSelect(
    db,
    notifications,
    {
      id,
      userId: toUser ? sql`r.id` : null,
      staffId: toUser ? null : sql`r.id`,
      kind: notice.kind,
      eventKey: notice.eventKey,
      title: notice.title,
      body: notice.body,
      page: notice.page,
      templateData: notice.template ? templateJson(notice.template) : null,
      createdAt: now,
    },
    sql`from (select ${recipient} as id) r where r.id is not null`,
  ).onConflictDoNothing();
  if (!toUser) return [row] as const;

  noteWritten(id);
  const granted = sql`exists (select 1 from ${subscriptionGrants} g where g.user_id = n.user_id and g.kind = n.kind and g.count > 0)`;
  const outbox = insertSelect(
    db,
    notificationSends,
    { notificationId: sql`n.id`, status: "pending", tries: 0, createdAt: now, updatedAt: now },
    sql`from ${notifications} n where n.id = ${id} and ${granted}`,
  ).onConflictDoNothing();
  const spend = db
    .update(subscriptionGrants)
    .set({ count: sql`${subscriptionGrants.count} - 1`, updatedAt: now })
    .where(
      and(
        eq(subscriptionGrants.kind, notice.kind),
        sql`${subscriptionGrants.userId} = (select user_id from ${notifications} where id = ${id})`,
        gt(subscriptionGrants.count, 0),
        sql`exists (select 1 from ${notificationSends} where notification_id = ${id})`,
      ),
    );
  return [row, outbox, spend] as const;
}

/** One in-app row per staff member `ids` selects; the ids of the rows are made in SQL. */
function staffRows(db: Db, notice: Notice, ids: SQL, now: number) {
  return insertSelect(
    db,
    notifications,
    {
      id: sql`'ntf_' || lower(hex(randomblob(10)))`,
      userId: null,
      staffId: sql`r.id`,
      kind: notice.kind,
      eventKey: notice.eventKey,
      title: notice.title,
      body: notice.body,
      page: notice.page,
      templateData: notice.template ? templateJson(notice.template) : null,
      createdAt: now,
    },
    sql`from (${ids}) r where r.id is not null`,
  ).onConflictDoNothing();
}
