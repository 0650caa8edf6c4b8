import { APPLICATION_STATUSES, DRIVER_STATUSES, EXAM_KINDS, HOUR_SOURCES, RIDE_STATUSES, SIGNUP_STATUSES, WISH_STATUSES } from "@renxing/shared";
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { driverProfiles, examSessions, rides, serviceHours, taskSignups, teamApplications, wishes } from "../src/db/schema";

describe("the D1 schema's status lists", () => {
  it("are the shared lists themselves, not copies that can drift", () => {
    expect(teamApplications.status.enumValues).toBe(APPLICATION_STATUSES);
    expect(wishes.status.enumValues).toBe(WISH_STATUSES);
    expect(serviceHours.source.enumValues).toBe(HOUR_SOURCES);
    expect(examSessions.kind.enumValues).toBe(EXAM_KINDS);
    expect(driverProfiles.status.enumValues).toBe(DRIVER_STATUSES);
    expect(rides.status.enumValues).toBe(RIDE_STATUSES);
    expect(taskSignups.status.enumValues).toBe(SIGNUP_STATUSES);
  });

  it("are what the migrated database's CHECK constraints allow, so a status added in shared/ needs a migration", async () => {
    const checks = [
      ["team_applications", APPLICATION_STATUSES],
      ["wishes", WISH_STATUSES],
      ["rides", RIDE_STATUSES],
      ["task_signups", SIGNUP_STATUSES],
    ] as const;
    for (const [table, statuses] of checks) {
      const row = await env.DB.prepare("select sql from sqlite_master where type = 'table' and name = ?").bind(table).first<{ sql: string }>();
      const allowed = new RegExp(`"${table}_status_check" CHECK\\("${table}"\\."status" in \\(([^)]*)\\)`).exec(row!.sql)?.[1];
      expect(allowed, table).toBe(statuses.map((s) => `'${s}'`).join(", "));
    }
  });
});
