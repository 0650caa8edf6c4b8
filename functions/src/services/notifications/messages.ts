import { beijingLocalInput, type RideProgressBody } from "@renxing/shared";
import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema";
import { volunteerName } from "../names";
import type { Notice } from "./notify";

/**
 * What each event tells a resident, in one place so the wording reads alike. The caller gives the
 * recipient: an SQL expression guarded by its own state change. Names of things (a wish's title, a
 * team, an exam) are read in the same statement. No phone or address ever, except the driver's
 * contact in `rideAssigned`: the family needs it on exam morning.
 */

/** `YYYY-MM-DD HH:mm`, Beijing: the template's `time`. */
export const noticeTime = (ms: number) => beijingLocalInput(ms).replace("T", " ");

/** `“<text>”` read from the database, inside a message. */
const quoted = (value: SQL) => sql`'“' || coalesce(${value}, '') || '”'`;
const wishTitle = (wishId: string) => sql`(select title from wishes where id = ${wishId})`;
const wishPage = (wishId: string) => `/pages/wish-detail/index?id=${wishId}`;

export function wishReviewed(wishId: string, to: SQL, approved: boolean, reason: string | undefined, now: number): Notice {
  const outcome = approved ? "已通过审核，已在心愿墙上展示" : `未通过审核${reason ? `：${reason}` : ""}`;
  return {
    kind: "wish_reviewed",
    to: { user: to },
    eventKey: `wish_reviewed:${wishId}:${now}`,
    title: approved ? "心愿已通过审核" : "心愿未通过审核",
    body: sql`'你的心愿' || ${quoted(wishTitle(wishId))} || ${outcome}`,
    page: wishPage(wishId),
    template: { title: wishTitle(wishId), body: approved ? "已在心愿墙上展示" : (reason ?? "未通过审核"), status: approved ? "已通过" : "未通过", time: noticeTime(now) },
  };
}

export function wishClaimed(wishId: string, to: SQL, byPartner: boolean, now: number): Notice {
  const by = byPartner ? "共建单位" : "志愿者";
  return {
    kind: "wish_claimed",
    to: { user: to },
    eventKey: `wish_claimed:${wishId}:${now}`,
    title: "心愿已被认领",
    body: sql`'你的心愿' || ${quoted(wishTitle(wishId))} || ${`已被${by}认领`}`,
    page: wishPage(wishId),
    template: { title: wishTitle(wishId), body: `${by}认领了你的心愿`, status: "已认领", time: noticeTime(now) },
  };
}

export function wishFulfilled(wishId: string, to: SQL, now: number): Notice {
  return {
    kind: "wish_fulfilled",
    to: { user: to },
    eventKey: `wish_fulfilled:${wishId}:${now}`,
    title: "心愿已实现",
    body: sql`'认领人已完成你的心愿' || ${quoted(wishTitle(wishId))} || '，请去确认并评价'`,
    page: wishPage(wishId),
    template: { title: wishTitle(wishId), body: "请去确认并评价", status: "待确认", time: noticeTime(now) },
  };
}

export function applicationDecided(applicationId: string, to: SQL, approved: boolean, reason: string | undefined, now: number): Notice {
  const team = sql`(select t.name from team_applications a join teams t on t.id = a.team_id where a.id = ${applicationId})`;
  const outcome = approved ? "已通过，欢迎加入！" : `未通过${reason ? `：${reason}` : ""}`;
  return {
    kind: "application_decided",
    to: { user: to },
    eventKey: `application_decided:${applicationId}`,
    title: approved ? "入队申请已通过" : "入队申请未通过",
    body: sql`'你申请加入' || ${quoted(team)} || ${outcome}`,
    page: "/pages/my-applications/index",
    template: { title: team, body: approved ? "欢迎加入志愿队伍" : (reason ?? "未通过"), status: approved ? "已通过" : "未通过", time: noticeTime(now) },
  };
}

/** The exam a ride is for, e.g. `2027年高考 2027-06-07`: every ride message names it. */
const rideExam = (rideId: string) => sql`(select s.name || ' ' || r.exam_date from rides r join exam_sessions s on s.id = r.session_id where r.id = ${rideId})`;
const venueName = (rideId: string) => sql`(select v.name from rides r join exam_venues v on v.id = r.venue_id where r.id = ${rideId})`;
const pickupTime = (rideId: string) => sql`(select strftime('%Y-%m-%d %H:%M', pickup_at / 1000, 'unixepoch', '+8 hours') from rides where id = ${rideId})`;
const RIDES_PAGE = "/pages/ride-mine/index";

const du = alias(users, "du");
const driverField = (driverUserId: string, field: SQL) =>
  sql`(select ${field} from users du left join driver_profiles p on p.user_id = du.id where du.id = ${driverUserId})`;

/**
 * The family is told who comes, how to reach them and which car to look for. The template gets
 * them as `name`, `phone` and `plate` too, for templates with keywords of those types: a 20-character
 * `thing` would cut the phone off.
 */
export function rideAssigned(rideId: string, to: SQL, driverUserId: string, now: number): Notice {
  const name = driverField(driverUserId, volunteerName(du));
  const phone = driverField(driverUserId, sql`coalesce(${du.phone}, '未填写')`);
  const plate = driverField(driverUserId, sql`coalesce(p.plate_number, '')`);
  return {
    kind: "ride_assigned",
    to: { user: to },
    eventKey: `ride_assigned:${rideId}:${now}`,
    title: "送考司机已确定",
    body: sql`${rideExam(rideId)} || ' 的送考已安排：司机' || ${name} || '，电话 ' || ${phone} || '，车牌 ' || ${plate} || '。接送时间 ' || ${pickupTime(rideId)}`,
    page: RIDES_PAGE,
    template: { title: rideExam(rideId), body: sql`${name} || ' ' || ${phone} || ' ' || ${plate}`, status: "已派车", time: pickupTime(rideId), name, phone, plate },
  };
}

const PROGRESS: Record<RideProgressBody["status"], { title: string; status: string; after: (venue: SQL) => SQL }> = {
  picked_up: { title: "司机已接到考生", status: "已接到", after: (venue) => sql`'：司机已接到考生，正在前往' || ${venue}` },
  arrived: { title: "已送达考点", status: "已送达", after: (venue) => sql`'：已送达' || ${venue} || '，祝考试顺利！'` },
  completed: { title: "送考已完成", status: "已完成", after: () => sql`'：本次送考已完成，感谢司机的付出'` },
};

export function rideProgress(rideId: string, to: SQL, step: RideProgressBody["status"], now: number): Notice {
  const said = PROGRESS[step];
  return {
    kind: "ride_progress",
    to: { user: to },
    eventKey: `ride_progress:${rideId}:${step}`,
    title: said.title,
    body: sql`${rideExam(rideId)} || ${said.after(venueName(rideId))}`,
    page: RIDES_PAGE,
    template: { title: rideExam(rideId), body: said.title, status: said.status, time: noticeTime(now) },
  };
}

/** Ride notifications carry an event key `<kind>:<rideId>[:…]`, so erasing a ride can find them. */
export const RIDE_KINDS = ["ride_assigned", "ride_progress", "ride_reminder"] as const;
export const aboutRide = (eventKey: SQL, kind: SQL, rideId: SQL) =>
  sql`(${eventKey} = ${kind} || ':' || ${rideId} or substr(${eventKey}, 1, length(${kind}) + length(${rideId}) + 2) = ${kind} || ':' || ${rideId} || ':')`;
