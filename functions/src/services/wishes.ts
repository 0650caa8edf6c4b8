import {
  ACTIVE_WISH_STATUSES,
  PUBLIC_WISH_STATUSES,
  toShanghaiIso,
  type AdminWish,
  type AdminWishBody,
  type ContentCheck,
  type ClaimWishBody,
  type ConfirmWishBody,
  type FulfilWishBody,
  type Page,
  type PublicWish,
  type ReviewWishBody,
  type WishBody,
  type WishCategory,
  type WishDetail,
  type WishStatus,
} from "@renxing/shared";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { staffGridScope, staffMaySeeGrid } from "../auth/grid-scope";
import { assertAdmin, assertStaff } from "../auth/roles";
import { residentBatch, signedInUserId, viewerBatch, type Bearer } from "../auth/session-batch";
import type { Db } from "../db/client";
import { insertSelect } from "../db/insert-select";
import { grids, partnerRepresentatives, partners, teamMembers, uploads, users, wishes } from "../db/schema";
import type { Env, Principal, ResidentPrincipal, StaffPrincipal } from "../env";
import { ApiError, forbidden, notFound, validationFailed } from "../http/errors";
import { decodeCursor, olderThan, toPage } from "../lib/cursor";
import { newId } from "../lib/ids";
import { maskName } from "../lib/mask";
import { volunteerName } from "./names";
import { auditInsertWhen, staffActor } from "./audit";
import { creditWishClaimer } from "./hours";
import { wishClaimed, wishFulfilled, wishReviewed } from "./notifications/messages";
import { notify } from "./notifications/notify";
import { quotaExceeded, readQuota, withinQuota } from "./limits/quotas";
import { photoKeyOf } from "./uploads";
import { checkContent } from "./wechat/content-check";

const MAX_ACTIVE_WISHES = 3;
const isPublic = (status: WishStatus) => (PUBLIC_WISH_STATUSES as readonly string[]).includes(status);

const wisher = alias(users, "wisher");
const claimer = alias(users, "claimer");

/**
 * One wish with the names it is shown with. Every joined column has its own alias: inside
 * db.batch D1 keys rows by column name, so two `real_name`s would overwrite each other.
 */
function wishQuery(db: Db) {
  return db
    .select({
      wish: wishes,
      wisherName: sql<string | null>`coalesce(${wishes.onBehalfName}, ${wisher.realName}, ${wisher.nickname})`.as("wisher_name"),
      wisherPhone: sql<string | null>`coalesce(${wishes.onBehalfPhone}, ${wisher.phone})`.as("wisher_phone"),
      gridName: sql<string | null>`${grids.name}`.as("grid_name"),
      claimerName: sql<string | null>`case when ${wishes.claimerKind} = 'partner' then ${partners.name} else ${volunteerName(claimer)} end`.as("claimer_name"),
    })
    .from(wishes)
    .leftJoin(wisher, eq(wisher.id, wishes.userId))
    .leftJoin(grids, eq(grids.id, wishes.gridId))
    .leftJoin(claimer, eq(claimer.id, wishes.claimerUserId))
    .leftJoin(partners, eq(partners.id, wishes.claimerPartnerId));
}

type WishRow = Awaited<ReturnType<ReturnType<typeof wishQuery>["all"]>>[number];

function toPublicWish(r: WishRow): PublicWish {
  const w = r.wish;
  return {
    id: w.id,
    title: w.title,
    story: w.story,
    category: w.category as WishCategory,
    status: w.status,
    wisherName: maskName(r.wisherName),
    gridName: r.gridName,
    createdAt: toShanghaiIso(w.createdAt),
    // Partner units are named in full; a volunteer is a private person, so masked like the wisher.
    claimer: w.claimerKind ? { kind: w.claimerKind, name: w.claimerKind === "partner" ? (r.claimerName ?? "共建单位") : maskName(r.claimerName) } : null,
  };
}

function toWishDetail(r: WishRow, viewer: Principal | null): WishDetail {
  const w = r.wish;
  const isMine = viewer?.kind === "user" && w.userId === viewer.id;
  const isClaimedByMe = viewer?.kind === "user" && w.claimerUserId === viewer.id;
  // Fulfilment photos may show the inside of someone's home: only the two people involved and
  // staff see them, the note and the thanks.
  const involved = isMine || isClaimedByMe || viewer?.kind === "staff";
  return {
    ...toPublicWish(r),
    estimatedValueYuan: w.estimatedValueYuan,
    isMine,
    isClaimedByMe,
    reviewReason: isMine || viewer?.kind === "staff" ? w.reviewReason : null,
    fulfilment: involved && w.fulfilledAt !== null ? { note: w.fulfilNote ?? "", photoUrls: JSON.parse(w.fulfilPhotos ?? "[]") as string[], fulfilledAt: toShanghaiIso(w.fulfilledAt) } : null,
    confirmation: involved && w.completedAt !== null && w.rating !== null ? { rating: w.rating, thanks: w.thanks, completedAt: toShanghaiIso(w.completedAt) } : null,
  };
}

/**
 * The admin view, with WeChat's content check of the wisher's text: `review` or `unavailable`
 * means a person must read it before approving (null: staff recorded it, or it predates the check).
 */
export type StaffWish = AdminWish & { contentCheck: ContentCheck | null };

function toAdminWish(r: WishRow, staff: Principal): StaffWish {
  const w = r.wish;
  return {
    ...toWishDetail(r, staff),
    wisherName: r.wisherName ?? "",
    wisher: { userId: w.userId, name: r.wisherName ?? "", phone: r.wisherPhone, onBehalf: w.userId === null },
    gridId: w.gridId,
    contentCheck: w.contentCheck,
  };
}

/** Grid workers look after one grid: they see and review only its wishes. Admins see all. */
function staffScope(actor: StaffPrincipal): SQL | undefined {
  return staffGridScope(actor, wishes.gridId);
}

/**
 * Who may see a wish at all: the public sees public statuses; the wisher and staff (in their
 * grid) see the rest. Anyone else gets 404, as if it did not exist.
 */
function canSee(r: WishRow, viewer: Principal | null): boolean {
  if (isPublic(r.wish.status)) return true;
  if (!viewer) return false;
  if (viewer.kind === "user") return r.wish.userId === viewer.id || r.wish.claimerUserId === viewer.id;
  return staffMaySeeGrid(viewer, r.wish.gridId);
}

const missing = () => notFound("找不到这个心愿");

/** The public wish wall: newest first, public statuses only, names masked, no phones. */
export async function listPublicWishes(db: Db, query: { status?: WishStatus; category?: WishCategory; limit: number; cursor?: string }): Promise<Page<PublicWish>> {
  const rows = await wishQuery(db)
    .where(
      and(
        query.status ? eq(wishes.status, query.status) : inArray(wishes.status, [...PUBLIC_WISH_STATUSES]),
        query.category ? eq(wishes.category, query.category) : undefined,
        olderThan(wishes.createdAt, wishes.id, decodeCursor(query.cursor)),
      ),
    )
    .orderBy(desc(wishes.createdAt), desc(wishes.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => ({ at: r.wish.createdAt, id: r.wish.id }));
  return { items: page.items.map(toPublicWish), nextCursor: page.nextCursor };
}

/**
 * One wish as `viewer` may see it: staff of its grid get the unmasked admin view; other staff see
 * a public wish as anyone does, without the wisher's name and phone.
 */
export async function getWish(db: Db, bearer: Bearer | null, wishId: string): Promise<WishDetail | AdminWish> {
  const [viewer, [rows]] = await viewerBatch(db, bearer, [wishQuery(db).where(eq(wishes.id, wishId))]);
  const row = rows[0];
  if (!row || !canSee(row, viewer)) throw missing();
  if (viewer?.kind !== "staff") return toWishDetail(row, viewer);
  return staffMaySeeGrid(viewer, row.wish.gridId) ? toAdminWish(row, viewer) : toWishDetail(row, null);
}

/** The resident's own wishes, newest first, in every status; one round trip with the session check. */
export async function listMyWishes(db: Db, bearer: Bearer): Promise<Page<WishDetail>> {
  const mine = wishQuery(db).where(eq(wishes.userId, signedInUserId(bearer))).orderBy(desc(wishes.createdAt)).limit(100);
  const [resident, [rows]] = await residentBatch(db, bearer, [mine]);
  return { items: rows.map((r) => toWishDetail(r, resident)), nextCursor: null };
}

/** Wishes this resident claimed (as a volunteer or for their unit), newest first. */
export async function listClaimedByMe(db: Db, bearer: Bearer): Promise<Page<WishDetail>> {
  const claimed = wishQuery(db).where(eq(wishes.claimerUserId, signedInUserId(bearer))).orderBy(desc(wishes.claimedAt)).limit(100);
  const [resident, [rows]] = await residentBatch(db, bearer, [claimed]);
  return { items: rows.map((r) => toWishDetail(r, resident)), nextCursor: null };
}

/**
 * A resident posts a wish for review. One statement: the insert counts the resident's active
 * wishes and today's posts itself, so parallel posts cannot pass the limit of 3 active or the
 * daily quota. The grid comes from the profile.
 *
 * WeChat checks title and story first: risky text is refused (422) before anything is written;
 * what WeChat could not clear is saved with the result, which flags it in the review queue.
 */
export async function postWish(db: Db, env: Env, resident: ResidentPrincipal, body: WishBody, now = Date.now()) {
  const contentCheck = await checkContent(db, env, { openid: resident.openid, scene: "forum", content: `${body.title}\n${body.story}` });
  const id = newId("wsh");
  const active = sql.join(ACTIVE_WISH_STATUSES.map((s) => sql`${s}`), sql`, `);
  const [inserted, quota] = await db.batch([
    insertSelect(
      db,
      wishes,
      {
        id,
        userId: sql`u.id`,
        gridId: sql`u.grid_id`,
        title: body.title,
        story: body.story,
        category: body.category,
        estimatedValueYuan: body.estimatedValueYuan ?? null,
        status: "pending_review",
        contentCheck,
        createdAt: now,
        updatedAt: now,
      },
      sql`
        from users u
        where u.id = ${resident.id}
          and (select count(*) from wishes w where w.user_id = u.id and w.status in (${active})) < ${MAX_ACTIVE_WISHES}
          and ${withinQuota("wish", resident.id, now)}`,
    ).returning({ id: wishes.id }),
    readQuota(db, "wish", resident.id, now),
  ]);
  if (inserted.length === 0 && !quota[0]?.within) throw quotaExceeded("wish");
  if (inserted.length === 0) throw new ApiError(422, "TOO_MANY_ACTIVE_WISHES", `每人最多同时有${MAX_ACTIVE_WISHES}个进行中的心愿，请等已有心愿完成后再发布`);
  return { id, status: "pending_review" as const };
}

/**
 * A volunteer, or a partner unit's representative for `partnerId`, claims an open wish.
 * One round trip: the guarded UPDATE checks the status, that it is not the claimer's own wish,
 * and the claimer's standing; the reads in the same batch say why when nothing changed.
 * Of any number of parallel claims exactly one wins; the rest get 409 WISH_NOT_OPEN.
 */
export async function claimWish(db: Db, resident: ResidentPrincipal, wishId: string, body: ClaimWishBody, now = Date.now()): Promise<WishDetail> {
  const asPartner = body.partnerId !== undefined;
  const standing = asPartner
    ? sql`exists (select 1 from ${partnerRepresentatives} where ${partnerRepresentatives.partnerId} = ${body.partnerId!} and ${partnerRepresentatives.userId} = ${resident.id})`
    : sql`exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${resident.id} and ${teamMembers.status} = 'active')`;
  const [claimed, allowed, view] = await db.batch([
    db
      .update(wishes)
      .set({
        status: "claimed",
        claimerKind: asPartner ? "partner" : "volunteer",
        claimerUserId: resident.id,
        claimerPartnerId: body.partnerId ?? null,
        claimedAt: now,
        updatedAt: now,
      })
      .where(and(eq(wishes.id, wishId), eq(wishes.status, "open"), sql`(${wishes.userId} is null or ${wishes.userId} <> ${resident.id})`, standing))
      .returning({ id: wishes.id }),
    db.select({ allowed: sql<number>`${standing}`.as("allowed") }).from(sql`(select 1)`),
    wishQuery(db).where(eq(wishes.id, wishId)),
    ...notify(db, wishClaimed(wishId, wisherWhen(wishId, sql`status = 'claimed' and claimer_user_id = ${resident.id} and claimed_at = ${now}`), asPartner, now), now),
  ]);
  const row = view[0];
  if (!row || !canSee(row, resident)) throw missing();
  if (claimed.length === 1) return toWishDetail(row, resident);
  if (row.wish.userId === resident.id) throw new ApiError(422, "CANNOT_CLAIM_OWN_WISH", "不能认领自己发布的心愿");
  if (!allowed[0]?.allowed) {
    throw asPartner ? forbidden("你不是这个共建单位的代表", "FORBIDDEN") : forbidden("加入志愿队伍后才能认领心愿", "NOT_A_VOLUNTEER");
  }
  throw new ApiError(409, "WISH_NOT_OPEN", "这个心愿已被认领或暂不可认领");
}

/**
 * Runs a claimer's or wisher's transition (one guarded UPDATE plus whatever must land with it)
 * and explains a refusal from the row read in the same batch.
 */
async function transition(
  db: Db,
  resident: ResidentPrincipal,
  wishId: string,
  step: { update: SQL | undefined; set: Partial<typeof wishes.$inferInsert>; who: "claimer" | "wisher"; from: readonly WishStatus[]; alsoWrite?: Parameters<Db["batch"]>[0][number][] },
): Promise<WishDetail> {
  const [changed, ...rest] = await db.batch([
    db
      .update(wishes)
      .set(step.set)
      .where(and(eq(wishes.id, wishId), inArray(wishes.status, [...step.from]), step.update))
      .returning({ id: wishes.id }),
    ...(step.alsoWrite ?? []),
    wishQuery(db).where(eq(wishes.id, wishId)),
  ]);
  const view = rest[rest.length - 1] as WishRow[];
  const row = view[0];
  if (!row || !canSee(row, resident)) throw missing();
  if ((changed as unknown[]).length === 1) return toWishDetail(row, resident);
  const mine = step.who === "claimer" ? row.wish.claimerUserId === resident.id : row.wish.userId === resident.id;
  if (!mine) throw forbidden(step.who === "claimer" ? "只有认领人可以进行此操作" : "只有心愿发布人可以进行此操作");
  throw new ApiError(409, "INVALID_TRANSITION", "心愿当前的状态不允许这样操作");
}

/**
 * The wisher, only when `change` shows this very request changed the wish: the recipient of its
 * notification. A wish staff recorded for someone without the app has no wisher to tell.
 */
const wisherWhen = (wishId: string, change: SQL) => sql`(select user_id from wishes where id = ${wishId} and ${change})`;

/** The claimer gives the wish back: it is open again for others. */
export function releaseWish(db: Db, resident: ResidentPrincipal, wishId: string, now = Date.now()) {
  return transition(db, resident, wishId, {
    who: "claimer",
    from: ["claimed"],
    update: eq(wishes.claimerUserId, resident.id),
    set: { status: "open", claimerKind: null, claimerUserId: null, claimerPartnerId: null, claimedAt: null, updatedAt: now },
  });
}

/**
 * The claimer reports the wish done, with a note and photos they uploaded themselves, served from
 * `origin` (this request's): a photo elsewhere could change after the wisher saw it, or track them.
 */
export async function fulfilWish(db: Db, resident: ResidentPrincipal, wishId: string, body: FulfilWishBody, origin: string, now = Date.now()) {
  const photoUrls = body.photoUrls ?? [];
  const keys = photoUrls.map((url) => photoKeyOf(url, origin));
  if (!keys.every((key): key is string => key !== null)) throw validationFailed([{ field: "photoUrls", message: "只能使用在本平台上传的照片" }]);
  if (keys.length > 0) {
    const owned = await db.select({ key: uploads.key }).from(uploads).where(and(inArray(uploads.key, keys), eq(uploads.userId, resident.id)));
    if (owned.length !== new Set(keys).size) throw validationFailed([{ field: "photoUrls", message: "只能使用自己上传的照片" }]);
  }
  return transition(db, resident, wishId, {
    who: "claimer",
    from: ["claimed"],
    update: eq(wishes.claimerUserId, resident.id),
    set: { status: "fulfilled", fulfilNote: body.note, fulfilPhotos: JSON.stringify(photoUrls), fulfilledAt: now, updatedAt: now },
    alsoWrite: [...notify(db, wishFulfilled(wishId, wisherWhen(wishId, sql`status = 'fulfilled' and claimer_user_id = ${resident.id} and fulfilled_at = ${now}`), now), now)],
  });
}

/**
 * The wisher confirms and rates: the wish is completed and, in the same batch, its volunteer
 * claimer is credited 60 minutes, once.
 */
export function confirmWish(db: Db, resident: ResidentPrincipal, wishId: string, body: ConfirmWishBody, now = Date.now()) {
  return transition(db, resident, wishId, {
    who: "wisher",
    from: ["fulfilled"],
    update: eq(wishes.userId, resident.id),
    set: { status: "completed", rating: body.rating, thanks: body.thanks ?? null, completedAt: now, updatedAt: now },
    alsoWrite: [creditWishClaimer(db, wishId, now)],
  });
}

/** The wisher withdraws a wish nobody has claimed yet. */
export function cancelWish(db: Db, resident: ResidentPrincipal, wishId: string, now = Date.now()) {
  return transition(db, resident, wishId, {
    who: "wisher",
    from: ["pending_review", "open"],
    update: eq(wishes.userId, resident.id),
    set: { status: "cancelled", cancelledAt: now, updatedAt: now },
  });
}

/** All wishes for staff, unmasked; grid workers see their own grid's. */
export async function listWishesForStaff(db: Db, actor: Principal, query: { status?: WishStatus; gridId?: string; limit: number; cursor?: string }): Promise<Page<StaffWish>> {
  assertStaff(actor);
  const rows = await wishQuery(db)
    .where(
      and(
        staffScope(actor),
        query.status ? eq(wishes.status, query.status) : undefined,
        query.gridId ? eq(wishes.gridId, query.gridId) : undefined,
        olderThan(wishes.createdAt, wishes.id, decodeCursor(query.cursor)),
      ),
    )
    .orderBy(desc(wishes.createdAt), desc(wishes.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (r) => ({ at: r.wish.createdAt, id: r.wish.id }));
  return { items: page.items.map((r) => toAdminWish(r, actor)), nextCursor: page.nextCursor };
}

/**
 * Staff record a wish for a resident without a phone. The staff member took it down in person,
 * so it is published (`open`) at once, reviewed by them; the record is audited.
 */
export async function recordWishOnBehalf(db: Db, actor: Principal, body: AdminWishBody, now = Date.now()): Promise<AdminWish> {
  assertStaff(actor);
  if (!staffMaySeeGrid(actor, body.onBehalfOf.gridId)) throw forbidden(actor.gridId ? "只能为本网格的居民登记心愿" : "你的账号还没有分配网格，请联系社区管理员");
  const id = newId("wsh");
  const [inserted, , view] = await db.batch([
    // Inserting from the grid row checks that the grid exists in the same statement.
    insertSelect(
      db,
      wishes,
      {
        id,
        onBehalfName: body.onBehalfOf.name,
        onBehalfPhone: body.onBehalfOf.phone,
        createdByStaff: actor.id,
        gridId: sql`g.id`,
        title: body.title,
        story: body.story,
        category: body.category,
        estimatedValueYuan: body.estimatedValueYuan ?? null,
        status: "open",
        reviewedBy: actor.id,
        reviewedAt: now,
        createdAt: now,
        updatedAt: now,
      },
      sql`from grids g where g.id = ${body.onBehalfOf.gridId}`,
    ).returning({ id: wishes.id }),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "wish.record_on_behalf", target: { kind: "wish", id }, outcome: "ok" },
      sql`exists (select 1 from wishes where id = ${id})`,
      now,
    ),
    wishQuery(db).where(eq(wishes.id, id)),
  ]);
  if (inserted.length === 0 || !view[0]) throw validationFailed([{ field: "onBehalfOf.gridId", message: "所选网格不存在" }]);
  return toAdminWish(view[0], actor);
}

/** Staff approve a wish for the wall (`open`) or reject it with a reason; audited; twice is 409. */
export async function reviewWish(db: Db, actor: Principal, wishId: string, body: ReviewWishBody, now = Date.now()): Promise<AdminWish> {
  assertStaff(actor);
  const status = body.approve ? "open" : "rejected";
  const [reviewed, , view] = await db.batch([
    db
      .update(wishes)
      .set({ status, reviewReason: body.reason || null, reviewedBy: actor.id, reviewedAt: now, updatedAt: now })
      .where(and(eq(wishes.id, wishId), eq(wishes.status, "pending_review"), staffScope(actor)))
      .returning({ id: wishes.id }),
    auditInsertWhen(
      db,
      {
        actor: staffActor(actor),
        action: body.approve ? "wish.approve" : "wish.reject",
        target: { kind: "wish", id: wishId },
        outcome: "ok",
        ...(body.reason ? { detail: { reason: body.reason } } : {}),
      },
      sql`exists (select 1 from wishes where id = ${wishId} and reviewed_by = ${actor.id} and reviewed_at = ${now} and status = ${status})`,
      now,
    ),
    wishQuery(db).where(eq(wishes.id, wishId)),
    ...notify(db, wishReviewed(wishId, wisherWhen(wishId, sql`status = ${status} and reviewed_by = ${actor.id} and reviewed_at = ${now}`), body.approve, body.reason || undefined, now), now),
  ]);
  const row = view[0];
  // Another grid's wish is missing to this staff member even when it is on the public wall.
  if (!row || !staffMaySeeGrid(actor, row.wish.gridId)) throw missing();
  if (reviewed.length === 0) throw new ApiError(409, "INVALID_TRANSITION", "这个心愿已经审核过了");
  return toAdminWish(row, actor);
}

/** An admin makes a resident the representative of a partner unit (role `partner`); audited. */
export async function addPartnerRepresentative(db: Db, actor: Principal, partnerId: string, userId: string, now = Date.now()) {
  assertAdmin(actor);
  const [, , partner, user] = await db.batch([
    insertSelect(
      db,
      partnerRepresentatives,
      { partnerId: sql`p.id`, userId: sql`u.id`, createdBy: actor.id, createdAt: now },
      sql`from partners p, users u where p.id = ${partnerId} and u.id = ${userId}`,
    ).onConflictDoNothing(),
    auditInsertWhen(
      db,
      { actor: staffActor(actor), action: "partner.add_representative", target: { kind: "user", id: userId }, outcome: "ok", detail: { partnerId } },
      sql`exists (select 1 from partner_representatives where partner_id = ${partnerId} and user_id = ${userId} and created_at = ${now} and created_by = ${actor.id})`,
      now,
    ),
    db.select({ id: partners.id, name: partners.name }).from(partners).where(eq(partners.id, partnerId)),
    db.select({ id: users.id }).from(users).where(eq(users.id, userId)),
  ]);
  if (!partner[0]) throw notFound("找不到这个共建单位");
  if (!user[0]) throw notFound("找不到这个居民");
  return { partner: partner[0], userId };
}
