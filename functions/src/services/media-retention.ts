import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { uploads, wishes } from "../db/schema";
import { auditInsertWhen } from "./audit";

/** An upload nobody attached within a day was abandoned (a form left unsent, or a script). */
export const ORPHAN_AFTER_MS = 24 * 3600_000;
/**
 * Fulfilment photos may show the inside of someone's home: kept for questions about the wish
 * for 180 days after the wisher confirmed it, then deleted. The wish and its note stay.
 */
export const WISH_PHOTO_RETENTION_DAYS = 180;

/** R2 deletes at most this many keys per call. */
const R2_DELETE_BATCH = 1000;

/** The R2 key inside a stored photo URL: what follows `/media/` (the rule of `photoKeyOf`). */
const keyOf = (url: SQL) => sql`substr(${url}, instr(${url}, '/media/') + 7)`;
// Spelled out: json_each has a column named `key` too, which an unqualified name would mean.
const uploadKey = sql`${uploads}.key`;

/**
 * The daily media clean-up, from the cron trigger; safe to run again.
 * - Photos of wishes completed 180 days ago or more: objects, upload rows, and the wish's
 *   `fulfil_photos` emptied, in one batch, audited.
 * - Uploads older than a day that no wish references: row, then object.
 * - Objects older than a day with no row at all (a delete that failed half way): removed.
 * Rows go first: once a row is gone nobody can attach its photo, so no wish is left pointing
 * at a deleted object.
 */
export async function sweepMedia(db: Db, media: R2Bucket, now = Date.now()) {
  const due = sql`select id from ${wishes}
    where status = 'completed' and completed_at <= ${now - WISH_PHOTO_RETENTION_DAYS * 24 * 3600_000}
      and fulfil_photos is not null and fulfil_photos <> '[]'`;
  const dueKeys = sql`select ${keyOf(sql`p.value`)} from ${wishes} w, json_each(w.fulfil_photos) p where w.id in (${due})`;
  const referenced = sql`exists (
    select 1 from ${wishes} w, json_each(w.fulfil_photos) p
    where w.fulfil_photos is not null and ${keyOf(sql`p.value`)} = ${uploadKey})`;

  const [expiredKeys, , , erasedWishes, orphans] = await db.batch([
    db.select({ key: sql<string>`${keyOf(sql`p.value`)}`.as("photo_key") }).from(sql`${wishes} w, json_each(w.fulfil_photos) p`).where(sql`w.id in (${due})`),
    auditInsertWhen(db, { actor: { kind: "system", label: "retention" }, action: "wish.erase_photos", outcome: "ok" }, sql`exists (${due})`, now),
    db.delete(uploads).where(sql`${uploadKey} in (${dueKeys})`),
    db.update(wishes).set({ fulfilPhotos: "[]" }).where(sql`${wishes.id} in (${due})`).returning({ id: wishes.id }),
    db.delete(uploads).where(sql`${uploads.createdAt} < ${now - ORPHAN_AFTER_MS} and not ${referenced}`).returning({ key: uploads.key }),
  ]);
  const gone = [...expiredKeys.map((r) => r.key), ...orphans.map((r) => r.key)];
  for (let i = 0; i < gone.length; i += R2_DELETE_BATCH) await media.delete(gone.slice(i, i + R2_DELETE_BATCH));

  return { wishesErased: erasedWishes.length, photosErased: expiredKeys.length, orphanUploads: orphans.length, strayObjects: await deleteStrayObjects(db, media, now) };
}

/** Objects under photos/ older than a day whose upload row is gone; one D1 read per 1000 objects. */
async function deleteStrayObjects(db: Db, media: R2Bucket, now: number) {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await media.list({ prefix: "photos/", cursor, limit: R2_DELETE_BATCH });
    const old = page.objects.filter((o) => o.uploaded.getTime() < now - ORPHAN_AFTER_MS).map((o) => o.key);
    if (old.length > 0) {
      // One bound parameter however many keys: D1 allows at most 100 per statement.
      const stray = await db.all<{ key: string }>(sql`select value as key from json_each(${JSON.stringify(old)}) where value not in (select ${uploadKey} from ${uploads})`);
      if (stray.length > 0) await media.delete(stray.map((r) => r.key));
      deleted += stray.length;
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}
