import { AdminDriversQuery, AdminRidesQuery, AssignRideBody, DriverProfileBody, DriverVerificationBody, ExamSessionBody, RideBookingBody, RideProgressBody } from "@renxing/shared";
import { Hono } from "hono";
import { adminOnly, requireAuth, residentOf, residentOnly } from "../auth/middleware";
import { bearer } from "../auth/session-batch";
import { getDb } from "../db/client";
import type { AppEnv } from "../env";
import { idempotent } from "../http/idempotency";
import { jsonBody, queryParams } from "../http/input";
import {
  acceptRide,
  assignRide,
  bookRide,
  cancelRide,
  createExamSession,
  getRide,
  listDrivers,
  listExamSessions,
  listMyDriverRides,
  listMyRides,
  listOpenRides,
  listRidesForAdmin,
  progressRide,
  saveDriverProfile,
  verifyDriver,
} from "../services/rides";

export const rideRoutes = new Hono<AppEnv>()
  .get("/exam-sessions", async (c) => c.json({ items: await listExamSessions(getDb(c.env.DB)), nextCursor: null }))
  .post("/rides", requireAuth, residentOnly, idempotent, async (c) => {
    const resident = residentOf(c);
    return c.json(await bookRide(getDb(c.env.DB), resident, await jsonBody(c, RideBookingBody)), 201);
  })
  .get("/me/rides", bearer, async (c) => c.json(await listMyRides(getDb(c.env.DB), c.get("bearer"))))
  .get("/me/driver-rides", bearer, async (c) => c.json(await listMyDriverRides(getDb(c.env.DB), c.get("bearer"))))
  // Registered before /rides/:id so "open" is not taken for an id.
  .get("/rides/open", bearer, async (c) => c.json(await listOpenRides(getDb(c.env.DB), c.get("bearer"))))
  .get("/rides/:id", bearer, async (c) => c.json(await getRide(getDb(c.env.DB), c.get("bearer"), c.req.param("id"))))
  .post("/rides/:id/cancel", requireAuth, async (c) => c.json(await cancelRide(getDb(c.env.DB), c.get("principal"), c.req.param("id"))))
  .put("/me/driver-profile", requireAuth, async (c) => {
    const resident = residentOf(c);
    return c.json(await saveDriverProfile(getDb(c.env.DB), resident, await jsonBody(c, DriverProfileBody)));
  })
  .post("/rides/:id/accept", requireAuth, async (c) => c.json(await acceptRide(getDb(c.env.DB), residentOf(c), c.req.param("id"))))
  .post("/rides/:id/progress", requireAuth, async (c) => {
    const resident = residentOf(c);
    return c.json(await progressRide(getDb(c.env.DB), resident, c.req.param("id"), await jsonBody(c, RideProgressBody)));
  })
  .post("/admin/exam-sessions", requireAuth, adminOnly, idempotent, async (c) => {
    const body = await jsonBody(c, ExamSessionBody);
    return c.json(await createExamSession(getDb(c.env.DB), c.get("principal"), body), 201);
  })
  .get("/admin/rides", requireAuth, adminOnly, async (c) => c.json(await listRidesForAdmin(getDb(c.env.DB), c.get("principal"), queryParams(c, AdminRidesQuery))))
  .post("/admin/rides/:id/assign", requireAuth, adminOnly, async (c) => {
    const { driverUserId } = await jsonBody(c, AssignRideBody);
    return c.json(await assignRide(getDb(c.env.DB), c.get("principal"), c.req.param("id"), driverUserId));
  })
  .get("/admin/drivers", requireAuth, adminOnly, async (c) => c.json(await listDrivers(getDb(c.env.DB), c.get("principal"), queryParams(c, AdminDriversQuery))))
  .post("/admin/drivers/:userId/verification", requireAuth, adminOnly, async (c) => {
    const body = await jsonBody(c, DriverVerificationBody);
    return c.json(await verifyDriver(getDb(c.env.DB), c.get("principal"), c.req.param("userId"), body));
  });
