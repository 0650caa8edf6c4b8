import type { DriverProfileBody, ExamSession, OpenRide, Page, Ride, RideBookingBody, RideProgressBody } from "@renxing/shared";
import { call } from "./client";

/** 爱心送考 endpoints of docs/api.md ("Exam-day rides"). */
export const ridesApi = {
  /** Open to everyone: a signed-out family can see the session before logging in. */
  sessions: () => call<Page<ExamSession>>("GET", "/exam-sessions", { auth: "optional" }),

  book: (body: RideBookingBody) => call<{ id: string; status: "requested" }>("POST", "/rides", { body }),

  myRides: () => call<Page<Ride>>("GET", "/me/rides"),

  cancel: (rideId: string) => call<Ride>("POST", `/rides/${encodeURIComponent(rideId)}/cancel`),

  saveDriverProfile: (body: DriverProfileBody) => call<{ status: "pending" }>("PUT", "/me/driver-profile", { body }),

  /** 403 for anyone who is not a verified driver: the page explains that itself. */
  openRides: () => call<Page<OpenRide>>("GET", "/rides/open", { quiet: true }),

  accept: (rideId: string) => call<Ride>("POST", `/rides/${encodeURIComponent(rideId)}/accept`),

  driverRides: () => call<Page<Ride>>("GET", "/me/driver-rides"),

  progress: (rideId: string, status: RideProgressBody["status"]) =>
    call<Ride>("POST", `/rides/${encodeURIComponent(rideId)}/progress`, { body: { status } }),
};
