import { beijingClock, beijingMidnight, shanghaiDate } from "@renxing/shared";
import { and, eq, gte, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { driverProfiles, examVenues, rides, taskSignups, tasks, users } from "../../db/schema";
import { volunteerName } from "../names";
import { notify, type Notice } from "./notify";

/**
 * The evening-before reminders, run by the 18:00 Beijing cron: the family (booker) and the driver
 * of every ride not cancelled whose exam is tomorrow, and every volunteer still signed up for a
 * task starting tomorrow.
 *
 * One read finds the candidates; the notify statements follow in batches. Each recipient is read
 * again inside its own statement, guarded by the state (a ride cancelled or a sign-up withdrawn
 * after the read reminds nobody), and the event key makes a second run, or a retried one, write
 * nothing.
 *
 * @example await sendReminders(db, controller.scheduledTime) // { rides: 3, tasks: 1, notices: 8 }
 */
export async function sendReminders(db: Db, now: number): Promise<{ rides: number; tasks: number; notices: number }> {
  const tomorrow = shanghaiDate(beijingMidnight(shanghaiDate(now)) + DAY);
  const from = beijingMidnight(tomorrow);
  const driverUser = alias(users, "driver_user");
  const [dueRides, dueSignups] = await db.batch([
    db
      .select({
        id: rides.id,
        status: rides.status,
        pickupAt: rides.pickupAt,
        venue: examVenues.name,
        driverName: volunteerName(driverUser).as("driver_name"),
        plate: sql<string | null>`${driverProfiles.plateNumber}`.as("plate"),
      })
      .from(rides)
      .innerJoin(examVenues, eq(examVenues.id, rides.venueId))
      .leftJoin(driverUser, eq(driverUser.id, rides.driverUserId))
      .leftJoin(driverProfiles, eq(driverProfiles.userId, rides.driverUserId))
      .where(and(eq(rides.examDate, tomorrow), ne(rides.status, "cancelled"))),
    db
      // Both tables have an `id`: inside db.batch D1 keys columns by name, so one gets its own.
      .select({ signupId: sql<string>`${taskSignups.id}`.as("signup_id"), taskId: tasks.id, title: tasks.title, location: tasks.location, startsAt: tasks.startsAt })
      .from(taskSignups)
      .innerJoin(tasks, eq(tasks.id, taskSignups.taskId))
      .where(and(gte(tasks.startsAt, from), lt(tasks.startsAt, from + DAY), eq(taskSignups.status, "signed_up"))),
  ]);

  const notices: Notice[] = [];
  for (const ride of dueRides) notices.push(...rideReminders(ride));
  for (const signup of dueSignups) notices.push(taskReminder(signup));

  for (let i = 0; i < notices.length; i += NOTICES_PER_BATCH) {
    const statements = notices.slice(i, i + NOTICES_PER_BATCH).flatMap((notice) => notify(db, notice, now));
    await db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
  }
  return { rides: dueRides.length, tasks: new Set(dueSignups.map((s) => s.taskId)).size, notices: notices.length };
}

const DAY = 24 * 3600_000;
/** Three statements each (notice, outbox, grant): well inside what one D1 batch should carry. */
const NOTICES_PER_BATCH = 50;

/** `YYYY-MM-DD HH:mm` Beijing, the template's time value. */
const templateTime = (ms: number) => `${shanghaiDate(ms)} ${beijingClock(ms)}`;

interface DueRide {
  id: string;
  status: string;
  pickupAt: number;
  venue: string;
  driverName: string | null;
  plate: string | null;
}

function rideReminders(ride: DueRide): Notice[] {
  const clock = beijingClock(ride.pickupAt);
  const eventKey = `ride_reminder:${ride.id}`;
  const live = sql`${rides.status} <> 'cancelled'`;
  const assigned = ride.status !== "requested" && ride.driverName !== null;
  const family: Notice = {
    kind: "ride_reminder",
    to: { user: sql`(select ${rides.bookerUserId} from ${rides} where ${rides.id} = ${ride.id} and ${live})` },
    eventKey,
    title: "明日送考提醒",
    body: assigned
      ? `明天 ${clock} 司机${ride.driverName}（${ride.plate ?? ""}）来接考生去${ride.venue}，请提前做好准备。`
      : `明天 ${clock} 去${ride.venue}的送考正在为你安排司机，安排好后会再通知你。`,
    page: "/pages/ride-mine/index",
    template: { title: ride.venue, body: assigned ? `司机${ride.driverName}来接考生` : "正在安排司机", status: assigned ? "待出发" : "待派车", time: templateTime(ride.pickupAt) },
  };
  if (!assigned) return [family];
  // Only the pickup time and the venue: the family's phone and address stay on the ride's page.
  const driver: Notice = {
    kind: "ride_reminder",
    to: { user: sql`(select ${rides.driverUserId} from ${rides} where ${rides.id} = ${ride.id} and ${live} and ${rides.status} <> 'requested')` },
    eventKey,
    title: "明日送考提醒",
    body: `明天 ${clock} 请按时接考生去${ride.venue}，上车地点见送考详情。`,
    page: "/pages/driver-mine/index",
    template: { title: ride.venue, body: "请按时接考生", status: "待出发", time: templateTime(ride.pickupAt) },
  };
  return [family, driver];
}

function taskReminder(signup: { signupId: string; taskId: string; title: string; location: string; startsAt: number }): Notice {
  return {
    kind: "task_reminder",
    to: { user: sql`(select ${taskSignups.userId} from ${taskSignups} where ${taskSignups.id} = ${signup.signupId} and ${taskSignups.status} = 'signed_up')` },
    eventKey: `task_reminder:${signup.taskId}`,
    title: "明日服务提醒",
    body: `你报名的“${signup.title}”明天 ${beijingClock(signup.startsAt)} 在${signup.location}开始，别忘了到场签到。`,
    page: `/pages/task-detail/index?id=${signup.taskId}`,
    template: { title: signup.title, body: `在${signup.location}`, status: "已报名", time: templateTime(signup.startsAt) },
  };
}
