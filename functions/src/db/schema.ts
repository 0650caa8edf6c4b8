import {
  APPLICATION_STATUSES,
  ACTIVE_RIDE_STATUSES,
  CARE_RISK_LEVELS,
  CONTENT_CHECKS,
  DELIBERATION_STAGES,
  DRIVER_STATUSES,
  EXAM_KINDS,
  HOUR_SOURCES,
  NOTIFICATION_KINDS,
  PAYMENT_METHODS,
  REPORT_CATEGORIES,
  REPORT_EVENT_KINDS,
  REPORT_LEVELS,
  REPORT_RATINGS,
  REPORT_STATUSES,
  RIDE_STATUSES,
  SEND_STATUSES,
  SIGNUP_STATUSES,
  VISIT_OUTCOMES,
  VOTE_CHOICES,
  WISH_STATUSES,
} from "@renxing/shared";
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The D1 schema. Times are epoch milliseconds (integers compare and index well in SQLite);
 * the API renders them as ISO 8601 in Asia/Shanghai. IDs are opaque random strings (see ids.ts).
 * After editing, run `npm run db:generate -w functions` to write the next migration.
 */

const createdAt = () => integer("created_at").notNull();

/**
 * `('a', 'b', …)` for a CHECK or a partial index over one of the shared status lists, so the
 * database refuses exactly what the API never names. Written as literals: DDL takes no parameters.
 */
const oneOf = (values: readonly string[]) => sql.raw(`(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")})`);

export const communities = sqliteTable("communities", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  subdistrict: text("subdistrict").notNull(),
  district: text("district").notNull(),
  createdAt: createdAt(),
});

export const grids = sqliteTable(
  "grids",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("grids_community_name").on(t.communityId, t.name)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** WeChat openid (or a dev-login id outside production); one account per openid. */
    openid: text("openid").notNull(),
    nickname: text("nickname").notNull(),
    realName: text("real_name"),
    phone: text("phone"),
    gridId: text("grid_id").references(() => grids.id),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_openid").on(t.openid)],
);

export const staff = sqliteTable(
  "staff",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; never the password itself. */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "grid_worker"] }).notNull(),
    /** The grid a grid worker looks after; null for admins. */
    gridId: text("grid_id").references(() => grids.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("staff_username").on(t.username),
    check("staff_role", sql`${t.role} in ('admin', 'grid_worker')`),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the bearer token, hex. The token itself is never stored. */
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").references(() => users.id),
    staffId: text("staff_id").references(() => staff.id),
    expiresAt: integer("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("sessions_user").on(t.userId),
    index("sessions_staff").on(t.staffId),
    check("sessions_one_subject", sql`(${t.userId} is null) <> (${t.staffId} is null)`),
  ],
);

export const partners = sqliteTable(
  "partners",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => communities.id),
    name: text("name").notNull(),
    sortOrder: integer("sort_order").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("partners_community_name").on(t.communityId, t.name)],
);

/** Append-only record of who did what; a trigger in the migrations refuses updates and deletes. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: ["staff", "user", "system", "anonymous"] }).notNull(),
    actorId: text("actor_id"),
    /** Free text for who it was when there is no id (e.g. the username of a failed login). */
    actorLabel: text("actor_label"),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    outcome: text("outcome", { enum: ["ok", "denied", "failed"] }).notNull(),
    /** JSON with anything else worth keeping; never passwords or tokens. */
    detail: text("detail"),
  },
  (t) => [index("audit_log_at").on(t.at), index("audit_log_actor").on(t.actorKind, t.actorId)],
);

/**
 * Staff sign-in attempts per username in a fixed window, so the limit holds across Worker
 * instances. An attempt takes a slot with one guarded UPDATE before the password is checked;
 * a success frees them all.
 */
export const loginThrottle = sqliteTable("login_throttle", {
  username: text("username").primaryKey(),
  windowStartedAt: integer("window_started_at").notNull(),
  failures: integer("failures").notNull(),
});

/**
 * Attempts counted per account in a fixed window, for limits that must hold across Worker
 * instances (wrong check-in codes per task, …). `scope` names the limit and its object
 * (`check_in:<taskId>`), `subject` the account. An attempt takes a slot with one guarded upsert.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    scope: text("scope").notNull(),
    subject: text("subject").notNull(),
    windowStartedAt: integer("window_started_at").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.subject] }), index("rate_limits_window").on(t.windowStartedAt)],
);

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  communityId: text("community_id")
    .notNull()
    .references(() => communities.id),
  name: text("name").notNull(),
  slogan: text("slogan").notNull(),
  description: text("description").notNull(),
  /** Who may join, by birth year (inclusive); null means no limit on that side. */
  minBirthYear: integer("min_birth_year"),
  maxBirthYear: integer("max_birth_year"),
  sortOrder: integer("sort_order").notNull(),
  createdAt: createdAt(),
});

export const teamApplications = sqliteTable(
  "team_applications",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    realName: text("real_name").notNull(),
    phone: text("phone").notNull(),
    birthYear: integer("birth_year").notNull(),
    /** JSON array of short skill labels. */
    skills: text("skills").notNull(),
    availability: text("availability").notNull(),
    motivation: text("motivation").notNull(),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull(),
    reason: text("reason"),
    decidedBy: text("decided_by").references(() => staff.id),
    decidedAt: integer("decided_at"),
    createdAt: createdAt(),
  },
  (t) => [
    // At most one pending application per resident and team: parallel duplicates collide here.
    uniqueIndex("team_applications_one_pending").on(t.teamId, t.userId).where(sql`status = 'pending'`),
    index("team_applications_status").on(t.status, t.createdAt),
    index("team_applications_user").on(t.userId),
    check("team_applications_status_check", sql`${t.status} in ${oneOf(APPLICATION_STATUSES)}`),
  ],
);

export const teamMembers = sqliteTable(
  "team_members",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: ["active", "left"] }).notNull(),
    applicationId: text("application_id").references(() => teamApplications.id),
    joinedAt: integer("joined_at").notNull(),
    leftAt: integer("left_at"),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index("team_members_user").on(t.userId, t.status),
    check("team_members_status_check", sql`${t.status} in ('active', 'left')`),
  ],
);

/**
 * First responses to POSTs that carried an `Idempotency-Key`, per caller: a repeat gets the
 * stored response instead of creating again. A row with a null status is a request in flight.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    callerId: text("caller_id").notNull(),
    key: text("key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status"),
    body: text("body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.callerId, t.key] })],
);

/** Users who speak for a co-building unit and may claim wishes on its behalf. */
export const partnerRepresentatives = sqliteTable(
  "partner_representatives",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdBy: text("created_by").references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.userId] }), index("partner_representatives_user").on(t.userId)],
);

export const wishes = sqliteTable(
  "wishes",
  {
    id: text("id").primaryKey(),
    /** The resident who posted it; null when staff recorded it for someone without a phone. */
    userId: text("user_id").references(() => users.id),
    onBehalfName: text("on_behalf_name"),
    onBehalfPhone: text("on_behalf_phone"),
    createdByStaff: text("created_by_staff").references(() => staff.id),
    gridId: text("grid_id").references(() => grids.id),
    title: text("title").notNull(),
    story: text("story").notNull(),
    category: text("category").notNull(),
    estimatedValueYuan: integer("estimated_value_yuan"),
    status: text("status", { enum: WISH_STATUSES }).notNull(),
    reviewReason: text("review_reason"),
    reviewedBy: text("reviewed_by").references(() => staff.id),
    reviewedAt: integer("reviewed_at"),
    claimerKind: text("claimer_kind", { enum: ["volunteer", "partner"] }),
    claimerUserId: text("claimer_user_id").references(() => users.id),
    claimerPartnerId: text("claimer_partner_id").references(() => partners.id),
    claimedAt: integer("claimed_at"),
    fulfilNote: text("fulfil_note"),
    /** JSON array of photo URLs under this Worker's /media/. */
    fulfilPhotos: text("fulfil_photos"),
    fulfilledAt: integer("fulfilled_at"),
    rating: integer("rating"),
    thanks: text("thanks"),
    completedAt: integer("completed_at"),
    cancelledAt: integer("cancelled_at"),
    /** WeChat's content check of title and story; null for wishes from before the check existed. */
    contentCheck: text("content_check", { enum: CONTENT_CHECKS }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("wishes_status_created").on(t.status, t.createdAt),
    index("wishes_user").on(t.userId, t.status),
    index("wishes_grid").on(t.gridId, t.status),
    index("wishes_claimer").on(t.claimerUserId, t.status),
    check("wishes_status_check", sql`${t.status} in ${oneOf(WISH_STATUSES)}`),
  ],
);

/** Files residents uploaded (fulfilment photos), kept in R2 under an unguessable key. */
export const uploads = sqliteTable(
  "uploads",
  {
    key: text("key").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("uploads_user").on(t.userId)],
);

/**
 * The one ledger of service hours. Tasks, completed wishes and completed rides credit it with
 * `source` + `source_id`; the unique index makes each credit land exactly once however often
 * the request is repeated. Manual entries (source 'manual') are never deduplicated.
 */
export const serviceHours = sqliteTable(
  "service_hours",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    source: text("source", { enum: HOUR_SOURCES }).notNull(),
    sourceId: text("source_id"),
    minutes: integer("minutes").notNull(),
    title: text("title").notNull(),
    /** When the service happened. */
    at: integer("at").notNull(),
    createdBy: text("created_by").references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("service_hours_once").on(t.source, t.sourceId).where(sql`source <> 'manual'`),
    index("service_hours_user_at").on(t.userId, t.at),
    index("service_hours_at").on(t.at),
    check("service_hours_minutes", sql`${t.minutes} > 0`),
  ],
);

export const examSessions = sqliteTable("exam_sessions", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: EXAM_KINDS }).notNull(),
  /** JSON array of `YYYY-MM-DD` (Asia/Shanghai). */
  examDates: text("exam_dates").notNull(),
  /** The last exam date, kept apart for "not yet past" and the retention job. */
  lastExamDate: text("last_exam_date").notNull(),
  bookingOpensAt: integer("booking_opens_at").notNull(),
  bookingClosesAt: integer("booking_closes_at").notNull(),
  /** When the retention job erased its rides' personal data. */
  erasedAt: integer("erased_at"),
  createdBy: text("created_by").references(() => staff.id),
  createdAt: createdAt(),
});

export const examVenues = sqliteTable(
  "exam_venues",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => examSessions.id),
    name: text("name").notNull(),
    address: text("address").notNull(),
    sortOrder: integer("sort_order").notNull(),
  },
  (t) => [index("exam_venues_session").on(t.sessionId)],
);

export const driverProfiles = sqliteTable(
  "driver_profiles",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    plateNumber: text("plate_number").notNull(),
    seats: integer("seats").notNull(),
    licenseYears: integer("license_years").notNull(),
    status: text("status", { enum: DRIVER_STATUSES }).notNull(),
    reason: text("reason"),
    decidedBy: text("decided_by").references(() => staff.id),
    decidedAt: integer("decided_at"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("driver_profiles_status").on(t.status)],
);

/**
 * Exam-day rides. Address, phone and names (a minor's, often) are nullable: the retention job
 * erases them 30 days after the session's last exam, keeping the anonymous rest for counts.
 */
export const rides = sqliteTable(
  "rides",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => examSessions.id),
    venueId: text("venue_id")
      .notNull()
      .references(() => examVenues.id),
    examDate: text("exam_date").notNull(),
    pickupAt: integer("pickup_at").notNull(),
    pickupAddress: text("pickup_address"),
    studentName: text("student_name"),
    guardianName: text("guardian_name"),
    guardianPhone: text("guardian_phone"),
    passengers: integer("passengers").notNull(),
    notes: text("notes"),
    status: text("status", { enum: RIDE_STATUSES }).notNull(),
    bookerUserId: text("booker_user_id")
      .notNull()
      .references(() => users.id),
    gridId: text("grid_id").references(() => grids.id),
    driverUserId: text("driver_user_id").references(() => users.id),
    assignedAt: integer("assigned_at"),
    pickedUpAt: integer("picked_up_at"),
    arrivedAt: integer("arrived_at"),
    completedAt: integer("completed_at"),
    cancelledAt: integer("cancelled_at"),
    erasedAt: integer("erased_at"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // One active booking per student, session and exam date (per booking family).
    uniqueIndex("rides_one_active_booking")
      .on(t.sessionId, t.examDate, t.bookerUserId, t.studentName)
      .where(sql`status in ${oneOf(ACTIVE_RIDE_STATUSES)}`),
    index("rides_status_date").on(t.status, t.examDate),
    index("rides_driver").on(t.driverUserId, t.status),
    index("rides_booker").on(t.bookerUserId),
    index("rides_session").on(t.sessionId),
    check("rides_status_check", sql`${t.status} in ${oneOf(RIDE_STATUSES)}`),
    check("rides_passengers", sql`${t.passengers} between 1 and 3`),
  ],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    location: text("location").notNull(),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    capacity: integer("capacity").notNull(),
    /** Only this team's members may sign up; null for any volunteer. */
    teamId: text("team_id").references(() => teams.id),
    checkInCode: text("check_in_code").notNull(),
    createdBy: text("created_by").references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [index("tasks_ends").on(t.endsAt), check("tasks_capacity", sql`${t.capacity} > 0`)],
);

export const taskSignups = sqliteTable(
  "task_signups",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: SIGNUP_STATUSES }).notNull(),
    signedUpAt: integer("signed_up_at").notNull(),
    checkedInAt: integer("checked_in_at"),
    checkedOutAt: integer("checked_out_at"),
    withdrawnAt: integer("withdrawn_at"),
    creditedMinutes: integer("credited_minutes"),
    /** "volunteer" when they checked out themselves, "auto" when the scheduled job did. */
    checkedOutBy: text("checked_out_by"),
  },
  (t) => [
    // One live sign-up per volunteer and task; a withdrawn one does not count.
    uniqueIndex("task_signups_one_live").on(t.taskId, t.userId).where(sql`status <> 'withdrawn'`),
    index("task_signups_task").on(t.taskId, t.status),
    index("task_signups_user").on(t.userId),
    check("task_signups_status_check", sql`${t.status} in ${oneOf(SIGNUP_STATUSES)}`),
  ],
);

/**
 * In-app messages. Written in the same batch as the state change they tell of; the unique
 * (recipient, event key) makes each exist once however often a request is retried or raced.
 * A recipient is a resident or a staff member (grid workers are told of overdue visits).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").references(() => users.id),
    staffId: text("staff_id").references(() => staff.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    /** What happened, e.g. `wish_claimed:<wishId>`: one notification per event and recipient. */
    eventKey: text("event_key").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** Mini-program path the message opens. */
    page: text("page").notNull(),
    /** JSON values for the WeChat template, cut to WeChat's limits when sent. */
    templateData: text("template_data"),
    createdAt: createdAt(),
    readAt: integer("read_at"),
  },
  (t) => [
    uniqueIndex("notifications_user_event").on(t.userId, t.eventKey).where(sql`user_id is not null`),
    uniqueIndex("notifications_staff_event").on(t.staffId, t.eventKey).where(sql`staff_id is not null`),
    index("notifications_user_created").on(t.userId, t.createdAt),
    index("notifications_staff_created").on(t.staffId, t.createdAt),
    index("notifications_user_unread").on(t.userId).where(sql`read_at is null`),
    check("notifications_kind_check", sql`${t.kind} in ${oneOf(NOTIFICATION_KINDS)}`),
    check("notifications_one_recipient", sql`(${t.userId} is null) <> (${t.staffId} is null)`),
  ],
);

/** One-time subscribe-message grants (`wx.requestSubscribeMessage` accepts), counted per kind. */
export const subscriptionGrants = sqliteTable(
  "subscription_grants",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    count: integer("count").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), check("subscription_grants_count", sql`${t.count} >= 0`)],
);

/**
 * The WeChat side of a notification (an outbox): written with the notification when its kind
 * has a template, worked through by the NOTIFY queue consumer. The status only moves forward
 * with guarded updates, so a redelivered queue message sends nothing twice.
 */
export const notificationSends = sqliteTable(
  "notification_sends",
  {
    notificationId: text("notification_id")
      .primaryKey()
      .references(() => notifications.id),
    status: text("status", { enum: SEND_STATUSES }).notNull(),
    tries: integer("tries").notNull(),
    /** WeChat's errcode, or the HTTP status, of the last failed try. */
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [index("notification_sends_status").on(t.status, t.updatedAt), check("notification_sends_status_check", sql`${t.status} in ${oneOf(SEND_STATUSES)}`)],
);

/**
 * WeChat's access token, shared by every Worker instance. `refreshingUntil` is a lease: the one
 * caller whose guarded update takes it asks WeChat; the others wait for its answer.
 */
export const wechatTokens = sqliteTable("wechat_tokens", {
  name: text("name").primaryKey(),
  token: text("token"),
  expiresAt: integer("expires_at").notNull(),
  refreshingUntil: integer("refreshing_until"),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Community reports (网格诉求). `grid` → `community` → `street` → `district` is who handles it;
 * the status says where it stands. Every transition is one guarded UPDATE that also stamps
 * `lastStep` with the request's own step id: the timeline row, the notification and the audit
 * entry in the same batch are written only when that stamp is theirs, so a losing racer writes
 * nothing at all.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    /** The case number a person reads out on the phone: `RX20261130-0007`. */
    ref: text("ref").notNull(),
    /** The resident who reported; null when staff recorded it or it came through Open311. */
    userId: text("user_id").references(() => users.id),
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    /** How it arrived: the mini-program, the console (phone call, walk-in, inspection), Open311. */
    source: text("source", { enum: ["resident", "staff", "open311"] }).notNull(),
    createdByStaff: text("created_by_staff").references(() => staff.id),
    open311KeyId: text("open311_key_id"),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    category: text("category", { enum: REPORT_CATEGORIES }).notNull(),
    description: text("description").notNull(),
    building: text("building"),
    lat: real("lat"),
    long: real("long"),
    /** JSON array of photo URLs under this Worker's /media/. */
    photoUrls: text("photo_urls").notNull(),
    public: integer("public", { mode: "boolean" }).notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull(),
    level: text("level", { enum: REPORT_LEVELS }).notNull(),
    handlerStaffId: text("handler_staff_id").references(() => staff.id),
    /** Deadlines, epoch ms: accept from submission, resolve from submission (or from a reopen). */
    acceptBy: integer("accept_by").notNull(),
    resolveBy: integer("resolve_by").notNull(),
    /** Set when the cron escalated for that deadline, so it does so once. */
    acceptOverdueAt: integer("accept_overdue_at"),
    resolveOverdueAt: integer("resolve_overdue_at"),
    /** The street's or district's case number once handed over. */
    externalRef: text("external_ref"),
    acceptedAt: integer("accepted_at"),
    resolvedAt: integer("resolved_at"),
    result: text("result"),
    resultPhotoUrls: text("result_photo_urls"),
    /** JSON `{ heldAt, place, parties, agreed }` for a mediated neighbour dispute. */
    mediation: text("mediation"),
    rejectReason: text("reject_reason"),
    rating: text("rating", { enum: REPORT_RATINGS }),
    ratingComment: text("rating_comment"),
    ratedAt: integer("rated_at"),
    reopenCount: integer("reopen_count").notNull().default(0),
    /** Closed after a second 不满意: the community looks at it again. */
    flagged: integer("flagged", { mode: "boolean" }).notNull().default(false),
    closedAt: integer("closed_at"),
    /** WeChat's content check of the description, for reports the reporter made public. */
    contentCheck: text("content_check", { enum: CONTENT_CHECKS }),
    /** The step id of the last transition (see above). */
    lastStep: text("last_step").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("reports_ref").on(t.ref),
    index("reports_user").on(t.userId, t.createdAt),
    index("reports_grid_status").on(t.gridId, t.status, t.createdAt),
    index("reports_status_created").on(t.status, t.createdAt),
    index("reports_created").on(t.createdAt),
    index("reports_public").on(t.public, t.status, t.createdAt),
    check("reports_status_check", sql`${t.status} in ${oneOf(REPORT_STATUSES)}`),
    check("reports_level_check", sql`${t.level} in ${oneOf(REPORT_LEVELS)}`),
    check("reports_category_check", sql`${t.category} in ${oneOf(REPORT_CATEGORIES)}`),
    check("reports_rating_check", sql`${t.rating} is null or ${t.rating} in ${oneOf(REPORT_RATINGS)}`),
    check("reports_reporter", sql`${t.userId} is not null or ${t.reporterName} is not null`),
  ],
);

/** A report's timeline: every step, who took it, at which level; `public` = the reporter sees it. */
export const reportEvents = sqliteTable(
  "report_events",
  {
    id: text("id").primaryKey(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id),
    at: integer("at").notNull(),
    kind: text("kind", { enum: REPORT_EVENT_KINDS }).notNull(),
    text: text("text").notNull(),
    level: text("level", { enum: REPORT_LEVELS }),
    public: integer("public", { mode: "boolean" }).notNull(),
    actorKind: text("actor_kind", { enum: ["user", "staff", "system", "open311"] }).notNull(),
    actorId: text("actor_id"),
    /** What staff see as "who": the staff member's name, 居民, 系统. */
    actorLabel: text("actor_label").notNull(),
  },
  (t) => [index("report_events_report").on(t.reportId, t.at), check("report_events_kind_check", sql`${t.kind} in ${oneOf(REPORT_EVENT_KINDS)}`)],
);

/** The last case number given out per Beijing day: an upsert in the filing batch takes the next. */
export const reportRefDays = sqliteTable("report_ref_days", {
  day: text("day").primaryKey(),
  last: integer("last").notNull(),
});

/** API keys for Open311 clients (the district command platform): only a hash is kept. */
export const open311Keys = sqliteTable(
  "open311_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("open311_keys_hash").on(t.keyHash)],
);

/**
 * Elders living alone in the community's care (关爱独居老人). Address and phone are shown only to
 * staff and to volunteers paired with the elder. `nextDueAt` follows from the last `visited`
 * visit (or the registration) and the risk level's interval; the cron stamps `dueRemindedFor` /
 * `overdueAlertedFor` with the due date it told someone about, so each reminder goes once.
 */
export const careRecipients = sqliteTable(
  "care_recipients",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    address: text("address").notNull(),
    phone: text("phone").notNull(),
    emergencyName: text("emergency_name").notNull(),
    emergencyPhone: text("emergency_phone").notNull(),
    riskLevel: text("risk_level", { enum: CARE_RISK_LEVELS }).notNull(),
    needs: text("needs"),
    /** The elder's consent: when (a Beijing date's midnight, ms) and who recorded it. */
    consentAt: integer("consent_at").notNull(),
    consentRecordedBy: text("consent_recorded_by")
      .notNull()
      .references(() => staff.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    endedAt: integer("ended_at"),
    lastVisitAt: integer("last_visit_at"),
    nextDueAt: integer("next_due_at").notNull(),
    dueRemindedFor: integer("due_reminded_for"),
    overdueAlertedFor: integer("overdue_alerted_for"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("care_recipients_grid").on(t.gridId, t.active),
    index("care_recipients_due").on(t.active, t.nextDueAt),
    check("care_recipients_risk_check", sql`${t.riskLevel} in ${oneOf(CARE_RISK_LEVELS)}`),
  ],
);

/** 结对: a volunteer paired with an elder. Unpairing deletes the row, and the address is hidden again. */
export const carePairings = sqliteTable(
  "care_pairings",
  {
    recipientId: text("recipient_id")
      .notNull()
      .references(() => careRecipients.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    pairedBy: text("paired_by")
      .notNull()
      .references(() => staff.id),
    pairedAt: integer("paired_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipientId, t.userId] }), index("care_pairings_user").on(t.userId)],
);

/** A visit recorded by a paired volunteer; one per volunteer, elder and moment (a repeat is the same visit). */
export const careVisits = sqliteTable(
  "care_visits",
  {
    id: text("id").primaryKey(),
    recipientId: text("recipient_id")
      .notNull()
      .references(() => careRecipients.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    visitedAt: integer("visited_at").notNull(),
    minutes: integer("minutes").notNull(),
    outcome: text("outcome", { enum: VISIT_OUTCOMES }).notNull(),
    /** JSON array of VISIT_FLAGS. */
    flags: text("flags").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("care_visits_once").on(t.recipientId, t.userId, t.visitedAt),
    index("care_visits_recipient").on(t.recipientId, t.visitedAt),
    check("care_visits_outcome_check", sql`${t.outcome} in ${oneOf(VISIT_OUTCOMES)}`),
    check("care_visits_minutes", sql`${t.minutes} between 5 and 240`),
  ],
);

/** 居民代表: residents an admin named; only they vote on a topic in `voting`. */
export const representatives = sqliteTable("representatives", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  namedBy: text("named_by")
    .notNull()
    .references(() => staff.id),
  namedAt: integer("named_at").notNull(),
});

/** A resident's idea for the hall; staff may turn it into a topic (`deliberationId`, linked both ways). */
export const suggestions = sqliteTable(
  "suggestions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    text: text("text").notNull(),
    contentCheck: text("content_check", { enum: CONTENT_CHECKS }),
    deliberationId: text("deliberation_id"),
    createdAt: createdAt(),
  },
  (t) => [index("suggestions_user").on(t.userId, t.createdAt), index("suggestions_created").on(t.createdAt)],
);

/**
 * A topic of the deliberation hall (议题). Like a report, every stage change stamps `lastStep`
 * with a fresh step id in its guarded UPDATE, and what lands with it (timeline, notifications,
 * audit) is written only where `last_step` is this step. The tally is stored when voting closes.
 */
export const deliberations = sqliteTable(
  "deliberations",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    background: text("background").notNull(),
    proposal: text("proposal").notNull(),
    gridId: text("grid_id").references(() => grids.id),
    stage: text("stage", { enum: DELIBERATION_STAGES }).notNull(),
    targetFen: integer("target_fen"),
    fromSuggestionId: text("from_suggestion_id").references(() => suggestions.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => staff.id),
    /** When publicity ends (epoch ms); set on entering `publicized`. */
    publicizedUntil: integer("publicized_until"),
    tallyApprove: integer("tally_approve"),
    tallyReject: integer("tally_reject"),
    tallyAbstain: integer("tally_abstain"),
    tallyRepresentatives: integer("tally_representatives"),
    lastStep: text("last_step").notNull(),
    stageChangedAt: integer("stage_changed_at").notNull(),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("deliberations_stage").on(t.stage, t.createdAt),
    index("deliberations_created").on(t.createdAt),
    check("deliberations_stage_check", sql`${t.stage} in ${oneOf(DELIBERATION_STAGES)}`),
  ],
);

/** The stage timeline: one row per stage a topic entered, with the admin's note. */
export const deliberationEvents = sqliteTable(
  "deliberation_events",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    stage: text("stage", { enum: DELIBERATION_STAGES }).notNull(),
    note: text("note"),
    staffId: text("staff_id").references(() => staff.id),
    at: integer("at").notNull(),
  },
  (t) => [index("deliberation_events_topic").on(t.deliberationId, t.at)],
);

/** 协商会: a consultation meeting (attendees as a JSON array of names). */
export const deliberationMeetings = sqliteTable(
  "deliberation_meetings",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    heldAt: integer("held_at").notNull(),
    place: text("place").notNull(),
    attendees: text("attendees").notNull(),
    minutes: text("minutes").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [index("deliberation_meetings_topic").on(t.deliberationId, t.heldAt)],
);

/** A resident's comment during `consulting` (content-checked). */
export const deliberationComments = sqliteTable(
  "deliberation_comments",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    contentCheck: text("content_check", { enum: CONTENT_CHECKS }),
    createdAt: createdAt(),
  },
  (t) => [index("deliberation_comments_topic").on(t.deliberationId, t.createdAt)],
);

/** One vote per representative and topic: the primary key is what makes a second vote a 409. */
export const deliberationVotes = sqliteTable(
  "deliberation_votes",
  {
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    choice: text("choice", { enum: VOTE_CHOICES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.deliberationId, t.userId] }), check("deliberation_votes_choice_check", sql`${t.choice} in ${oneOf(VOTE_CHOICES)}`)],
);

/** An objection lodged during publicity; every one is answered before the topic is adopted. */
export const deliberationObjections = sqliteTable(
  "deliberation_objections",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    contentCheck: text("content_check", { enum: CONTENT_CHECKS }),
    answer: text("answer"),
    answeredBy: text("answered_by").references(() => staff.id),
    answeredAt: integer("answered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("deliberation_objections_topic").on(t.deliberationId, t.createdAt)],
);

/** An owner's pledge to the crowdfunding, recorded by staff; names never leave the console. */
export const deliberationPledges = sqliteTable(
  "deliberation_pledges",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    amountFen: integer("amount_fen").notNull(),
    /** The owner's account, when staff linked it: they hear of the topic's progress. */
    userId: text("user_id").references(() => users.id),
    createdBy: text("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [index("deliberation_pledges_topic").on(t.deliberationId, t.createdAt), check("deliberation_pledges_amount", sql`${t.amountFen} > 0`)],
);

/** Money actually received against a pledge (no online payment); a pledge's payments never exceed it. */
export const deliberationPayments = sqliteTable(
  "deliberation_payments",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    pledgeId: text("pledge_id")
      .notNull()
      .references(() => deliberationPledges.id),
    amountFen: integer("amount_fen").notNull(),
    paidAt: integer("paid_at").notNull(),
    method: text("method", { enum: PAYMENT_METHODS }).notNull(),
    receiptNo: text("receipt_no").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("deliberation_payments_pledge").on(t.pledgeId),
    uniqueIndex("deliberation_payments_receipt").on(t.deliberationId, t.receiptNo),
    check("deliberation_payments_amount", sql`${t.amountFen} > 0`),
    check("deliberation_payments_method_check", sql`${t.method} in ${oneOf(PAYMENT_METHODS)}`),
  ],
);

/** Implementation progress (施工进展) with photos, until the topic is `done`. */
export const deliberationProgress = sqliteTable(
  "deliberation_progress",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id),
    note: text("note").notNull(),
    /** JSON array of photo URLs. */
    photoUrls: text("photo_urls").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [index("deliberation_progress_topic").on(t.deliberationId, t.createdAt)],
);
